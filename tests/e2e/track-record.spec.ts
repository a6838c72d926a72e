/**
 * The track record end to end: staff enter an election night and a board meeting, and the
 * public candidate page tells the story (endorsement → result → vote) with the alignment score.
 * The same path runs with JavaScript and without it; each run uses its own dates so that the
 * second one finds the board as the first one left it.
 */
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

const BOARD = "Las Cruces Public Schools Board of Education";

interface PathDates {
  election: string;
  termStart: string;
  meeting: string;
}

async function addCandidateToContest(page: Page, name: string) {
  await page.getByLabel("Candidate", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Add candidate to contest" }).click();
  await expect(page.getByRole("button", { name: `Remove ${name}` })).toBeVisible();
}

async function enterResults(page: Page, votes: Array<[name: string, count: number]>) {
  for (const [name, count] of votes) await page.getByLabel(`Votes for ${name}`).fill(String(count));
  await page.getByLabel("The count is final").check();
  await page.getByRole("button", { name: "Save results" }).click();
  await expect(page.getByRole("status")).toHaveText("Results saved.");
}

async function staffEntersTheStory(page: Page, tag: string, dates: PathDates) {
  const champion = `Alex Rivera ${tag}`;
  const measureTitle = `Resolution on welcoming schools ${tag}`;

  await page.goto("/admin/candidates");
  await page.getByLabel("Name").fill(champion);
  await page.getByLabel("Bio").fill("Teacher and parent running for the board.");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: champion })).toBeVisible();

  await page.goto("/admin/elections");
  await page.getByLabel("Name").fill(`LCPS Board election ${tag}`);
  await page.getByLabel("Election day").fill(dates.election);
  await page.getByLabel("Jurisdiction").fill("Las Cruces Public Schools, NM");
  await page.getByRole("button", { name: "Add election" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `LCPS Board election ${tag}` })).toBeVisible();
  const electionUrl = page.url();

  for (const seat of ["District 4", "District 5"]) {
    await page.getByLabel("Seat", { exact: true }).selectOption({ label: `${BOARD}, ${seat}` });
    await page.getByRole("button", { name: "Add contest" }).click();
    await expect(page.getByRole("link", { name: `Results: ${BOARD}, ${seat}` })).toBeVisible();
  }

  // First contest: the champion wins District 4.
  await page.getByRole("link", { name: `Results: ${BOARD}, District 4` }).click();
  await addCandidateToContest(page, champion);
  await addCandidateToContest(page, "Dana Whitfield");
  await enterResults(page, [
    [champion, 3100],
    ["Dana Whitfield", 1900],
  ]);
  await expect(page.getByRole("row", { name: new RegExp(champion) })).toContainText("62.0%");
  await expect(page.getByRole("row", { name: new RegExp(champion) })).toContainText("Won");
  const contestUrl = page.url().replace(/\?.*$/, "");

  // The endorsement, from the contest page.
  await page.getByRole("link", { name: `Endorse ${champion}` }).click();
  await expect(page.getByLabel("Candidate")).toHaveValue(/\d+/);
  await page.getByLabel("Cycle").fill("2025");
  await page.getByLabel("Status").selectOption("endorsed");
  await page.getByLabel("Rationale").fill("A classroom teacher who will keep every school safe and welcoming.");
  await page.getByRole("button", { name: "Save endorsement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${champion}, 2025` })).toBeVisible();

  // The term, from the win.
  await page.goto(contestUrl);
  await page.getByLabel("Winner").selectOption({ label: champion });
  await page.getByLabel("First day in office").fill(dates.termStart);
  await page.getByRole("button", { name: "Create term" }).click();
  await expect(page.getByRole("status")).toHaveText("Term created.");

  // Second contest: the incumbent holds District 5.
  await page.goto(electionUrl);
  await page.getByRole("link", { name: `Results: ${BOARD}, District 5` }).click();
  await addCandidateToContest(page, "Chris Montoya");
  await addCandidateToContest(page, "Lee Harmon");
  await enterResults(page, [
    ["Chris Montoya", 2500],
    ["Lee Harmon", 1500],
  ]);

  // A new measure and its 4-1 vote.
  await page.goto("/admin/measures");
  await page.getByLabel("Body").selectOption({ label: BOARD });
  await page.getByLabel("Title").fill(measureTitle);
  await page.getByLabel("Summary").fill("Keeps immigration enforcement out of schools without a judicial warrant.");
  await page.getByLabel("PAC position").selectOption("support");
  await page.getByRole("button", { name: "Add measure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: measureTitle })).toBeVisible();
  await page.getByRole("link", { name: "Record a vote" }).click();
  await page.getByLabel("Meeting day").fill(dates.meeting);
  await page.getByRole("button", { name: "Show the members" }).click();
  const members = ["Ray Jaramillo", "Terrie Dallman", "Maria Flores", champion, "Chris Montoya"];
  const grid = page.getByRole("table");
  for (const m of members) await expect(grid.getByRole("rowheader", { name: m, exact: true })).toBeVisible();
  await expect(grid.getByRole("rowheader")).toHaveCount(5);
  await page.getByLabel("Motion").fill("Adopt the resolution");
  for (const m of members) {
    await page.getByRole("group", { name: `How ${m} voted` }).getByLabel(m === "Chris Montoya" ? "No" : "Yes").check();
  }
  await page.getByRole("button", { name: "Record vote" }).click();
  await expect(page.getByRole("status")).toHaveText("Vote recorded.");
  await expect(page.getByText("4-1")).toBeVisible();
  return { champion, measureTitle };
}

async function publicPageTellsTheStory(page: Page, champion: string, measureTitle: string, termStart: string) {
  await page.goto("/endorsements");
  await page.getByRole("link", { name: champion }).click();
  await expect(page.getByRole("heading", { level: 1, name: champion })).toBeVisible();

  const endorsements = page.getByRole("region", { name: "Endorsements" });
  await expect(endorsements).toContainText("2025");
  await expect(endorsements).toContainText("Endorsed");
  await expect(endorsements).toContainText("A classroom teacher who will keep every school safe and welcoming.");

  const elections = page.getByRole("region", { name: "Elections" });
  await expect(elections).toContainText("3,100");
  await expect(elections).toContainText("62.0%");
  await expect(elections).toContainText("Won");

  const terms = page.getByRole("region", { name: "Terms served" });
  const start = new Date(`${termStart}T00:00:00Z`).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  await expect(terms).toContainText(`${BOARD}, District 4: ${start} to present`);

  const votes = page.getByRole("region", { name: "Votes" });
  const row = votes.getByRole("row", { name: new RegExp(measureTitle) });
  await expect(row).toContainText("Supports");
  await expect(row).toContainText("Yes");
  await expect(row).toContainText("Passed 4-1");
  await expect(row).toContainText("Aligned");

  const score = page.getByRole("region", { name: "Alignment score" });
  await expect(score).toContainText("100%");
  await expect(score).toContainText("1 of 1 votes aligned");
  await expect(score).toContainText("unanimous votes are included");

  // The order of the story on the page: endorsement, then result, then vote.
  const top = async (name: string) => (await page.getByRole("region", { name }).boundingBox())!.y;
  expect(await top("Endorsements")).toBeLessThan(await top("Elections"));
  expect(await top("Elections")).toBeLessThan(await top("Votes"));

  // The measure page shows the roll call member by member.
  await row.getByRole("link", { name: measureTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: measureTitle })).toBeVisible();
  await expect(page.getByRole("row", { name: /Chris Montoya/ })).toContainText("No");
  await expect(page.getByRole("row", { name: new RegExp(champion) })).toContainText("Yes");
}

test("staff enter an election, an endorsement, a term and a 4-1 vote; the candidate page tells the story", async ({ staffPage: page }) => {
  test.setTimeout(90_000);
  const tag = `js${Date.now().toString(36)}`;
  const dates = { election: "2025-11-04", termStart: "2026-01-01", meeting: "2026-02-10" };
  const { champion, measureTitle } = await staffEntersTheStory(page, tag, dates);
  await publicPageTellsTheStory(page, champion, measureTitle, dates.termStart);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the same path works with plain form posts", async ({ staffPage: page }) => {
    test.setTimeout(90_000);
    const tag = `nojs${Date.now().toString(36)}`;
    const dates = { election: "2027-11-02", termStart: "2028-01-01", meeting: "2028-02-10" };
    const { champion, measureTitle } = await staffEntersTheStory(page, tag, dates);
    await publicPageTellsTheStory(page, champion, measureTitle, dates.termStart);
  });
});
