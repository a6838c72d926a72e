import { test, expect } from "./fixtures";

test.describe("impact updates, with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("staff write and publish an update; members read it on the site and in the feed", async ({
    adminPage: page,
    request,
  }) => {
    const title = `Board funds bilingual counselors ${Date.now()}`;
    await page.goto("/admin/updates");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Give the update a title.")).toBeVisible();

    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Summary").fill("The board we helped elect voted 5-0 to fund bilingual counselors.");
    await page.getByLabel("Update (Markdown)").fill("The vote was **5-0**. <script>alert(1)</script>");
    await page.getByRole("checkbox", { name: "Maria Flores" }).check();
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Status: draft")).toBeVisible();

    await page.getByRole("button", { name: "Publish on the site" }).click();
    await expect(page.getByRole("status")).toContainText("Published on the site");

    await page.goto("/updates");
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.locator(".prose strong")).toHaveText("5-0");
    await expect(page.locator(".prose script")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Maria Flores" })).toBeVisible();

    const feed = await request.get("/updates.rss");
    expect(feed.headers()["content-type"]).toContain("application/rss+xml");
    expect(await feed.text()).toContain(title);
  });
});
