/**
 * axe-core on every public page and on every public form's error state, with zero violations
 * (WCAG 2.0, 2.1 and 2.2 A and AA rules). Public pages are found by following same-site links from
 * the home page, signed out, so a new public page is checked the moment something links to it.
 * Forms are checked empty and in both error states: the browser's own validation (JavaScript on)
 * and the server's 400 answer to a plain form post (what a browser without JavaScript gets). axe
 * runs as a script in the page, so the server's answer is produced with a native form.submit().
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join("\n    ")}`,
  );
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

const SKIP = /^\/(admin|login|logout|webhooks|uploads|healthz)(\/|$)|\.rss$/;
/** One page per route shape is enough: /candidates/a and /candidates/b render the same markup. */
const shape = (path: string) =>
  path
    .replace(/\/[^/]+$/, (last) => (/^\/\d+$/.test(last) ? "/:id" : last))
    .replace(/^(\/(candidates|updates|bodies|elections|measures))\/[^/]+$/, "$1/:x");

async function publicPages(page: Page): Promise<string[]> {
  const seen = new Set<string>();
  const shapes = new Set<string>();
  const queue = ["/"];
  const pages: string[] = [];
  while (queue.length && pages.length < 40) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const key = shape(path);
    if (shapes.has(key)) continue;
    shapes.add(key);
    const response = await page.goto(path);
    if (!response?.ok() || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    pages.push(path);
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin || SKIP.test(url.pathname)) continue;
      if (!seen.has(url.pathname)) queue.push(url.pathname);
    }
  }
  return pages;
}

test("every public page has no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  const pages = await publicPages(page);
  // The walk must reach the pages that matter, or it proves nothing.
  for (const must of [
    "/",
    "/donate",
    "/volunteer",
    "/refer",
    "/tips",
    "/subscribe",
    "/endorsements",
    "/updates",
    "/demo-data",
  ]) {
    expect(pages, `the walk reached ${must}`).toContain(must);
  }
  for (const prefix of ["/candidates/", "/updates/", "/measures/", "/elections/", "/bodies/"]) {
    expect(
      pages.some((p) => p.startsWith(prefix)),
      `the walk reached a page under ${prefix}`,
    ).toBe(true);
  }
  for (const path of pages) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
});

const FORMS: Array<{ path: string; button: string }> = [
  { path: "/donate", button: "Continue to secure payment" },
  { path: "/volunteer", button: "Sign up" },
  { path: "/refer", button: "Send suggestion" },
  { path: "/tips", button: "Send tip" },
  { path: "/subscribe", button: "Subscribe" },
  { path: "/forgot-password", button: "Send the link" },
];

test.describe("public forms", () => {
  for (const form of FORMS) {
    test(`${form.path}: empty, and both error states, have no axe violations`, async ({ page }) => {
      await page.goto(form.path);
      await expectNoViolations(page, `${form.path} (empty)`);
      // The browser's own validation (JavaScript on).
      await page.getByRole("button", { name: form.button }).click();
      await expect(page.locator(".field-error, .form-error").first()).toBeVisible();
      await expectNoViolations(page, `${form.path} (errors shown in the browser)`);
      // The server's answer, as a browser without JavaScript gets it: a plain form post, which
      // form.submit() makes without the submit event that script would intercept.
      await page.goto(form.path);
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await page
        .getByRole("button", { name: form.button })
        .evaluate((button) => HTMLFormElement.prototype.submit.call((button as HTMLButtonElement).form!));
      expect((await response).status()).toBe(400);
      await expect(page.locator(".field-error, .form-error").first()).toBeVisible();
      await expectNoViolations(page, `${form.path} (errors from the server)`);
    });
  }
});
