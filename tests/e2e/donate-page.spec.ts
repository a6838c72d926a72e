/**
 * The donate page's story around the form: after a one-time gift the thank-you page offers the
 * same amount monthly, once; the offer leads to the form with monthly chosen. And the share tags
 * a supporter's link preview is built from, and the share image (written beside the screenshots).
 */
import fs from "node:fs";
import { test, expect } from "./fixtures";

const SCREENSHOT_DIR = "tests/.tmp/screenshots";

test("after a one-time gift the thank-you page offers a monthly gift once, and the offer preselects it", async ({
  page,
}) => {
  await page.goto("/donate?refcode=offer");
  await page.getByRole("radio", { name: "$25", exact: true }).check();
  await expect(page.getByRole("radio", { name: "Give once" })).toBeChecked();
  await page.getByLabel("First name").fill("Olga");
  await page.getByLabel("Last name").fill("Once");
  await page.getByLabel("Email").fill(`offer-${Date.now()}@example.org`);
  await page.getByLabel("Street address").fill("2 Plaza St");
  await page.getByLabel("City").fill("Mesilla");
  await page.getByLabel("State").fill("NM");
  await page.getByLabel("ZIP code").fill("88046");
  await page.getByLabel("I am retired or not employed").check();
  for (const label of [/US citizen/, /my own funds/, /card I use is my own/, /at least 18/])
    await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Continue to secure payment" }).click();
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, Olga!" })).toBeVisible();
  const thanksUrl = page.url();

  await expect(page.getByRole("heading", { name: "Make it monthly?" })).toBeVisible();
  await page.getByRole("link", { name: "Give $25 a month" }).click();
  await expect(page).toHaveURL(/\/donate\?amount=25&frequency=monthly/);
  await expect(page.getByRole("radio", { name: "$25", exact: true })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Give every month" })).toBeChecked();

  // Once: coming back to the thank-you page does not ask again.
  await page.goto(thanksUrl);
  await expect(page.getByRole("heading", { name: "Thank you, Olga!" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Make it monthly?" })).toHaveCount(0);
});

test("public pages carry Open Graph and Twitter card tags with absolute URLs", async ({ page }) => {
  await page.goto("/endorsements");
  const href = await page.locator('main a[href^="/candidates/"]').first().getAttribute("href");
  for (const path of ["/", href!]) {
    await page.goto(path);
    const og = (p: string) => page.locator(`meta[property="${p}"]`).getAttribute("content");
    expect(await og("og:title")).toBeTruthy();
    expect(await og("og:description")).toBeTruthy();
    expect(await og("og:url")).toBe(new URL(path, page.url()).href.replace(/\/$/, path === "/" ? "/" : ""));
    expect(await page.locator('meta[name="twitter:card"]').getAttribute("content")).toMatch(/^summary/);
  }
  await page.goto(href!);
  // The share image is a 1200×630 PNG drawn by the server.
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toMatch(/\/share\/candidates\/[^/]+\/image\.png$/);
  const response = await page.request.get(image!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  const png = await response.body();
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  fs.writeFileSync(`${SCREENSHOT_DIR}/share-candidate.png`, png);
  await page.goto("/updates");
  await page.locator('main a[href^="/updates/"]').first().click();
  const updateImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  const updatePng = await (await page.request.get(updateImage!)).body();
  expect(updatePng.subarray(1, 4).toString("latin1")).toBe("PNG");
  fs.writeFileSync(`${SCREENSHOT_DIR}/share-update.png`, updatePng);
  await page.goto(href!);
  await expect(
    page.getByRole("list", { name: "Share this page" }).getByRole("link", { name: "Share by Email" }),
  ).toHaveAttribute("href", /^mailto:/);
});
