/**
 * The demo data as the public sees it (a banner, sources, the honest win rate), and its removal
 * by an admin. The removal test loads the demo again afterwards for the specs that follow.
 */
import { eq } from "drizzle-orm";
import { test, expect, e2eDb } from "./fixtures";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the demo banner links to the sources, and the endorsements page counts unopposed races apart", async ({
    page,
  }) => {
    await page.goto("/");
    const banner = page.getByRole("complementary", { name: "Demo data" });
    await expect(banner).toContainText("Demo data.");
    await expect(page.getByRole("link", { name: "Progressive Champions PAC" })).toBeVisible();
    await expect(banner.getByRole("link", { name: "Remove demo data" })).toHaveCount(0);
    await banner.getByRole("link", { name: "Sources" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "About the demo data" })).toBeVisible();
    await expect(
      page.getByRole("link", { name: /Ballotpedia, "Las Cruces Public Schools elections \(2017\)"/ }),
    ).toHaveAttribute("href", "https://ballotpedia.org/Las_Cruces_Public_Schools_elections_(2017)");

    await page.goto("/endorsements");
    await expect(page.getByText("2 of 2 contested races won (1 unopposed)")).toBeVisible();
    await expect(page.getByRole("row", { name: /Ray Jaramillo/ })).toContainText("Won (unopposed)");

    await page.goto("/candidates/maria-flores");
    const score = page.getByRole("region", { name: "Alignment score" });
    await expect(score).toContainText("2 of 2 scored votes matched");
    await expect(score).toContainText("Board average on the same roll calls: 100%");
    await expect(score).toContainText("Based on only 2 scored votes, all unanimous ones");
    await expect(page.getByRole("region", { name: "Endorsements" })).toContainText(
      "the exact day shown is illustrative",
    );
  });
});

test.describe("removing the demo data", () => {
  test.afterAll(async () => {
    // Put the demo back for the specs that run after this one.
    const client = await e2eDb();
    const { settings } = await import("#db/schema");
    const { DEMO_REMOVED_KEY, seedDemo } = await import("#db/seed");
    client.db().delete(settings).where(eq(settings.key, DEMO_REMOVED_KEY)).run();
    seedDemo(client.db());
  });

  test("an admin removes the demo data with one button and the banner disappears", async ({ adminPage: page }) => {
    await page.goto("/");
    const banner = page.getByRole("complementary", { name: "Demo data" });
    await expect(banner).toBeVisible();
    await banner.getByRole("link", { name: "Remove demo data" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Demo data" })).toBeVisible();
    await page.getByRole("button", { name: "Remove demo data" }).click();
    await expect(page.getByRole("status")).toHaveText("The demo data was removed.");

    await page.goto("/");
    await expect(page.getByRole("complementary", { name: "Demo data" })).toHaveCount(0);
    await expect(page.getByText("Ray Jaramillo")).toHaveCount(0);
    expect((await page.goto("/candidates/maria-flores"))?.status()).toBe(404);
    await page.goto("/admin/audit");
    await expect(page.getByRole("main")).toContainText("demo_data");
  });
});
