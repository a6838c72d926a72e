/**
 * The production server as an attacker meets it: security headers on every kind of response, a
 * CSP whose nonce the page's scripts carry (and under which the app still hydrates), cross-site
 * posts to every action refused, malformed bodies answered 4xx, and the login redirect kept on
 * this site with and without JavaScript.
 */
import { test, expect, createStaff, e2eDb } from "./fixtures";
import { concretePath, manifestRoutes as allRoutes } from "../support/route-manifest";

const SIGNED = ["/unsubscribe/one-click", "/webhooks/resend", "/webhooks/stripe"];
// The health check answers any POST with "ok" and writes nothing a visitor could aim at.
const UNGUARDED = [...SIGNED, "/healthz"];

async function actionPaths(): Promise<string[]> {
  const routes = await allRoutes();
  const paths = routes.filter((r) => /export (async )?function action/.test(r.source)).map((r) => concretePath(r.path));
  return paths.filter((p) => !UNGUARDED.includes(p)).sort();
}

test.describe("security headers", () => {
  test("pages, static files, errors and refusals all carry them; the page's scripts carry the nonce", async ({
    request,
  }) => {
    for (const [url, init] of [
      ["/", undefined],
      ["/favicon.svg", undefined],
      ["/no-such-page", undefined],
      ["/healthz", undefined],
    ] as const) {
      const res = await request.get(url, init);
      const h = res.headers();
      expect(h["content-security-policy"], url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(h["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"], url).toBe("nosniff");
      expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"], url).toContain("camera=()");
      // The e2e server runs NODE_ENV=production.
      expect(h["strict-transport-security"], url).toMatch(/max-age=\d+/);
      expect(h["x-request-id"], url).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    }
    const page = await request.get("/volunteer");
    const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"])![1];
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce on every response.
    const again = await request.get("/volunteer");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  });

  test("the app hydrates and navigates under the policy, with no violation reported", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto("/endorsements");
    await page.getByRole("link", { name: "Volunteer" }).first().click();
    await expect(page.getByRole("heading", { name: "Volunteer with us" })).toBeVisible();
    // A client-side navigation (no full load) proves the module scripts ran.
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(1);
    expect(violations).toEqual([]);
  });
});

test.describe("cross-site requests to the running server", () => {
  test("every action refuses a post from another site, as a document and as a data request", async ({
    request,
    baseURL,
  }) => {
    const { user } = await createStaff("admin");
    await e2eDb();
    const { createSession } = await import("~/models/sessions.server");
    const { serializeSessionCookie } = await import("~/lib/session.server");
    const cookie = (await serializeSessionCookie(createSession(user.id).id)).split(";")[0];
    const paths = await actionPaths();
    expect(paths).toContain("/admin/settings");
    for (const p of paths) {
      for (const url of [p, `${p}?_data=routes${p.replace(/\//g, ".")}`, `${p === "/" ? "/_root" : p}.data`]) {
        const res = await request.post(url, {
          headers: {
            Origin: "https://evil.example",
            Cookie: cookie,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          data: "intent=save&pacName=Hijacked",
          maxRedirects: 0,
        });
        expect(res.status(), `POST ${url}`).toBe(403);
      }
    }
    // Same origin still works: the guard is not refusing everything.
    const own = await request.post("/admin/settings", {
      headers: { Origin: baseURL!, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      data: "intent=nothing",
      maxRedirects: 0,
    });
    expect(own.status()).not.toBe(403);
  });

  test("malformed bodies get a 4xx with a message", async ({ request }) => {
    const json = await request.post("/volunteer", {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ email: "x" }),
    });
    expect(json.status()).toBe(415);
    expect(await json.text()).toMatch(/urlencoded/);
    const array = await request.post("/subscribe", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: "firstName=Rosa&email=rosa%40example.org&lists[200000]=updates",
    });
    expect(array.status()).toBe(400);
    expect((await array.body()).length).toBeLessThan(1000);
  });
});

test.describe("login redirect", () => {
  for (const js of [true, false]) {
    test(`a crafted redirectTo stays on this site ${js ? "with" : "without"} JavaScript`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      const { email, password } = await createStaff("staff");
      await page.goto("/login?redirectTo=/%09/evil.example/phish");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/admin") || url.origin !== new URL(baseURL!).origin);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      await context.close();
    });
  }
});
