/**
 * Full-page screenshots of the pages supporters see most, at a phone width (390 px) and a desktop
 * width (1280 px), for a reviewer to open in tests/.tmp/screenshots/. Each page is also checked for
 * horizontal overflow (nothing wider than the viewport, so no sideways scrolling), and the donate
 * page for its promise: amount buttons and the continue button within the first screen on desktop.
 */
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

const SCREENSHOT_DIR = "tests/.tmp/screenshots";
const WIDTHS = [390, 1280] as const;

async function firstHref(page: Page, from: string, prefix: string): Promise<string> {
  await page.goto(from);
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  expect(href, `a link under ${prefix} on ${from}`).toBeTruthy();
  return href!;
}

/** Elements that stick out past the right edge of the viewport, named for the failure message. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`document scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Content inside a deliberate horizontal scroller (wide admin tables) is not page overflow.
      if (el.closest(".table-wrap") && el.closest(".table-wrap") !== el) continue;
      if (getComputedStyle(el).position === "absolute" && r.right < 0) continue; // skip link, off screen on purpose
      if (r.right > width + 1)
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

test.beforeAll(() => fs.mkdirSync(SCREENSHOT_DIR, { recursive: true }));

test("home, an update, a candidate, donate (empty and with errors) and volunteer at 390 and 1280 px", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const pages: Array<{ name: string; path: string; errors?: boolean }> = [
    { name: "home", path: "/" },
    { name: "update", path: await firstHref(page, "/updates", "/updates/") },
    { name: "candidate", path: await firstHref(page, "/endorsements", "/candidates/") },
    { name: "donate", path: "/donate" },
    { name: "donate-errors", path: "/donate", errors: true },
    { name: "volunteer", path: "/volunteer" },
  ];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    for (const p of pages) {
      await page.goto(p.path);
      if (p.errors) {
        await page.getByRole("button", { name: "Continue to secure payment" }).click();
        await expect(page.locator(".field-error").first()).toBeVisible();
      }
      expect(await overflowing(page), `${p.name} at ${width} px overflows horizontally`).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/${p.name}-${width}.png`, fullPage: true });
    }
  }
});

test("at 1280 px the donate page shows the amount buttons and the continue button in the first screen", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/donate");
  const fold = 720;
  for (const locator of [
    page.getByRole("radio", { name: "$10", exact: true }),
    page.getByRole("button", { name: "Continue to secure payment" }),
  ]) {
    const box = await locator.boundingBox();
    expect(box, "element is laid out").not.toBeNull();
    expect(box!.y + box!.height, "bottom edge within the first screen").toBeLessThanOrEqual(fold);
  }
  // The goal bar says how much was raised and from how many people.
  await expect(page.locator(".goal-label")).toContainText(/raised from [\d,]+ donors? of our/);
});
