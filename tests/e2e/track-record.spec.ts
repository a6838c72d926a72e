/**
 * The track record end to end: staff enter an election night and a board meeting, and the
 * public candidate page tells the story (endorsement → result → vote) with the alignment score
 * and its basis (scored votes, missed votes apart, the board's average).
 * The same path runs with JavaScript and without it; each run uses its own dates so that the
 * second one finds the board as the first one left it.
 */
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

interface PathDates {
  election: string;
  termStart: string;
  meeting: string;
  /** an earlier decision day for the endorsement, entered with its source; none: decided now */
  decidedOn?: string;
}

async function addCandidate(page: Page, name: string) {
  await page.goto("/admin/candidates");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
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

async function createTerm(page: Page, winner: string, start: string) {
  await page.getByLabel("Winner").selectOption({ label: winner });
  await page.getByLabel("First day in office").fill(start);
  await page.getByRole("button", { name: "Create term" }).click();
  await expect(page.getByRole("status")).toHaveText("Term created.");
}

async function recordVote(
  page: Page,
  day: string,
  motion: string,
  options: Array<[name: string, option: string]>,
  preferred: { vote: string; why: string },
) {
  await page.getByRole("link", { name: "Record a vote" }).click();
  await page.getByLabel("Meeting day").fill(day);
  await page.getByRole("button", { name: "Show the members" }).click();
  const grid = page.getByRole("table");
  for (const [m] of options) await expect(grid.getByRole("rowheader", { name: m, exact: true })).toBeVisible();
  await expect(grid.getByRole("rowheader")).toHaveCount(options.length);
  await page.getByLabel("Motion").fill(motion);
  for (const [m, option] of options)
    await page
      .getByRole("radiogroup", { name: `How ${m} voted` })
      .getByLabel(option, { exact: true })
      .check();
  await page.getByLabel("PAC's preferred vote").selectOption(preferred.vote);
  await page.getByLabel("Why (one line)").fill(preferred.why);
  await page.getByRole("button", { name: "Record vote" }).click();
  await expect(page.getByRole("status")).toHaveText("Vote recorded.");
}

/** A board of three made up for the test, so no real person is given a made-up vote. */
async function staffEntersTheStory(page: Page, tag: string, dates: PathDates) {
  const champion = `Alex Rivera ${tag}`;
  const rival = `Dana Rival ${tag}`;
  const incumbent = `Sam Incumbent ${tag}`;
  const challenger = `Jo Challenger ${tag}`;
  const member = `Lee Member ${tag}`;
  const board = `Test Board ${tag}`;
  const measureTitle = `Resolution on welcoming schools ${tag}`;

  for (const name of [champion, rival, incumbent, challenger, member]) await addCandidate(page, name);

  await page.goto("/admin/bodies");
  await page.getByLabel("Name", { exact: true }).fill(board);
  await page.getByLabel("Jurisdiction").fill("Test County, NM");
  await page.getByLabel("Number of seats").fill("3");
  await page.getByRole("button", { name: "Add body" }).click();
  await expect(page.getByRole("heading", { level: 1, name: board })).toBeVisible();

  await page.goto("/admin/elections");
  await page.getByLabel("Name").fill(`Board election ${tag}`);
  await page.getByLabel("Election day").fill(dates.election);
  await page.getByLabel("Jurisdiction").fill("Test County, NM");
  await page.getByRole("button", { name: "Add election" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Board election ${tag}` })).toBeVisible();
  const electionUrl = page.url();
  for (const seat of ["District 1", "District 2", "District 3"]) {
    await page.getByLabel("Seat", { exact: true }).selectOption({ label: `${board}, ${seat}` });
    await page.getByRole("button", { name: "Add contest" }).click();
    await expect(page.getByRole("link", { name: `Results: ${board}, ${seat}` })).toBeVisible();
  }

  // District 1: the champion wins.
  await page.getByRole("link", { name: `Results: ${board}, District 1` }).click();
  await addCandidateToContest(page, champion);
  await addCandidateToContest(page, rival);
  await enterResults(page, [
    [champion, 3100],
    [rival, 1900],
  ]);
  await expect(page.getByRole("row", { name: new RegExp(champion) })).toContainText("62.0%");
  await expect(page.getByRole("row", { name: new RegExp(champion) })).toContainText("Won");
  const contestUrl = page.url().replace(/\?.*$/, "");

  // The endorsement, from the contest page; a decision made earlier carries its source and a note.
  await page.getByRole("link", { name: `Endorse ${champion}` }).click();
  await expect(page.getByLabel("Candidate")).toHaveValue(/\d+/);
  await page.getByLabel("Cycle").fill("2025");
  await page.getByLabel("Status").selectOption("endorsed");
  await page.getByLabel("Rationale").fill("A classroom teacher who will keep every school safe and welcoming.");
  if (dates.decidedOn) {
    await page.getByLabel("Decision date").fill(dates.decidedOn);
    await page.getByRole("button", { name: "Save endorsement" }).click();
    await expect(page.getByText("A decision dated in the past needs a link")).toBeVisible();
    await page.getByLabel("Source link").fill("https://example.org/our-fall-slate");
    await page.getByLabel("Note").fill("Announced at our September meeting.");
  }
  await page.getByRole("button", { name: "Save endorsement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${champion}, 2025` })).toBeVisible();
  await page.goto(contestUrl);
  await createTerm(page, champion, dates.termStart);

  // District 2: the incumbent holds the seat. District 3: unopposed.
  await page.goto(electionUrl);
  await page.getByRole("link", { name: `Results: ${board}, District 2` }).click();
  await addCandidateToContest(page, incumbent);
  await addCandidateToContest(page, challenger);
  await enterResults(page, [
    [incumbent, 2500],
    [challenger, 1500],
  ]);
  await createTerm(page, incumbent, dates.termStart);
  await page.goto(electionUrl);
  await page.getByRole("link", { name: `Results: ${board}, District 3` }).click();
  await addCandidateToContest(page, member);
  await enterResults(page, [[member, 800]]);
  await createTerm(page, member, dates.termStart);

  // A measure, a 2-1 vote to adopt it (scored yes) and a vote to table it (scored no) the champion missed.
  await page.goto("/admin/measures");
  await page.getByLabel("Body").selectOption({ label: board });
  await page.getByLabel("Title").fill(measureTitle);
  await page.getByLabel("Summary").fill("Keeps immigration enforcement out of schools without a judicial warrant.");
  await page.getByLabel("PAC position").selectOption("support");
  await page.getByRole("button", { name: "Add measure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: measureTitle })).toBeVisible();
  await recordVote(
    page,
    dates.meeting,
    "Adopt the resolution",
    [
      [champion, "Yes"],
      [incumbent, "Yes"],
      [member, "No"],
    ],
    { vote: "yes", why: "A yes adopts the resolution the PAC supports." },
  );
  await expect(page.getByText("2-1")).toBeVisible();
  await recordVote(
    page,
    dates.meeting,
    "Table the resolution",
    [
      [champion, "Absent"],
      [incumbent, "No"],
      [member, "Yes"],
    ],
    { vote: "no", why: "Tabling would shelve a resolution the PAC supports." },
  );
  return { champion, member, measureTitle, board, electionUrl };
}

async function publicPageTellsTheStory(
  page: Page,
  story: Awaited<ReturnType<typeof staffEntersTheStory>>,
  dates: PathDates,
) {
  const { champion, member, measureTitle, board } = story;
  await page.goto("/endorsements");
  await page.getByRole("link", { name: champion }).click();
  await expect(page.getByRole("heading", { level: 1, name: champion })).toBeVisible();

  const endorsements = page.getByRole("region", { name: "Endorsements" });
  await expect(endorsements).toContainText("2025");
  await expect(endorsements).toContainText("Endorsed");
  await expect(endorsements).toContainText("A classroom teacher who will keep every school safe and welcoming.");
  if (dates.decidedOn) {
    await expect(endorsements).toContainText("Announced at our September meeting.");
    await expect(endorsements.getByRole("link", { name: "Source" })).toHaveAttribute(
      "href",
      "https://example.org/our-fall-slate",
    );
  }

  const elections = page.getByRole("region", { name: "Elections" });
  await expect(elections).toContainText("3,100");
  await expect(elections).toContainText("62.0%");
  await expect(elections).toContainText("Won");

  const terms = page.getByRole("region", { name: "Terms served" });
  const start = new Date(`${dates.termStart}T00:00:00Z`).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
  await expect(terms).toContainText(`${board}, District 1: ${start} to present`);

  const votes = page.getByRole("region", { name: "Votes" });
  const adopt = votes.getByRole("row", { name: /Adopt the resolution/ });
  await expect(adopt).toContainText("Passed 2-1");
  await expect(adopt).toContainText("Aligned");
  const table = votes.getByRole("row", { name: /Table the resolution/ });
  await expect(table).toContainText("Absent");
  await expect(table).toContainText("Missed");

  // The score with its basis: one scored vote, the missed one apart, the board's average beside it.
  const score = page.getByRole("region", { name: "Alignment score" });
  await expect(score).toContainText("100%");
  await expect(score).toContainText("1 of 1 scored vote matched the PAC's preferred vote");
  await expect(score).toContainText("Board average on the same roll calls: 67%");
  await expect(score).toContainText("Missed votes (absent or abstaining on scored roll calls): 1");
  await expect(score).toContainText("Based on only 1 scored vote");

  // The order of the story on the page: endorsement, then result, then vote.
  const top = async (name: string) => (await page.getByRole("region", { name }).boundingBox())!.y;
  expect(await top("Endorsements")).toBeLessThan(await top("Elections"));
  expect(await top("Elections")).toBeLessThan(await top("Votes"));

  // The measure page shows the roll call member by member, with the PAC's preferred vote.
  await adopt.getByRole("link", { name: measureTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: measureTitle })).toBeVisible();
  const adoption = page.getByRole("region", { name: /Adopt the resolution/ });
  await expect(adoption.getByRole("row", { name: new RegExp(member) })).toContainText("No");
  await expect(adoption.getByRole("row", { name: new RegExp(champion) })).toContainText("Yes");
  await expect(adoption).toContainText("PAC's preferred vote: Yes (A yes adopts the resolution the PAC supports.)");

  // The unopposed race says so on the election page.
  await page.goto(story.electionUrl.replace("/admin", ""));
  await expect(page.getByRole("region", { name: new RegExp(`${board}, District 3`) })).toContainText("Unopposed.");
}

test("staff enter an election, an endorsement, terms and scored votes; the candidate page tells the story with the score's basis", async ({
  staffPage: page,
}) => {
  test.setTimeout(90_000);
  const tag = `js${Date.now().toString(36)}`;
  const dates = { election: "2025-11-04", termStart: "2026-01-01", meeting: "2026-02-10", decidedOn: "2025-09-20" };
  await publicPageTellsTheStory(page, await staffEntersTheStory(page, tag, dates), dates);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the same path works with plain form posts", async ({ staffPage: page }) => {
    test.setTimeout(90_000);
    const tag = `nojs${Date.now().toString(36)}`;
    const dates = { election: "2027-11-02", termStart: "2028-01-01", meeting: "2028-02-10" };
    await publicPageTellsTheStory(page, await staffEntersTheStory(page, tag, dates), dates);
  });
});
