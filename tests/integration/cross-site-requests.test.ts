/**
 * Every action in the Remix route manifest, posted from another site with a signed-in staff
 * member's cookie (what a cross-site form or fetch carries when SameSite does not stop it), goes
 * through the request gate of app/cli/serve.ts and is refused before the route runs: a foreign
 * Origin, `Origin: null` (sandboxed frames, some redirects), a sibling subdomain, and a browser's
 * Sec-Fetch-Site: cross-site / same-site, on document posts and on Remix data requests alike.
 * A new route is covered the moment its file exists. Only the signed endpoints are exempt.
 */
import { sql } from "drizzle-orm";
import { concretePath, manifestRoutes } from "../support/route-manifest";
import { db } from "#db/client";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";
import { guardRequest } from "~/lib/request-guard.server";

interface RouteModule {
  action?: (args: unknown) => unknown;
}

const routes = await Promise.all(
  (await manifestRoutes()).map(async (r) => ({
    id: r.id,
    path: concretePath(r.path),
    mod: (await import(/* @vite-ignore */ r.modulePath)) as RouteModule,
  })),
);
const withActions = routes.filter((r) => r.mod.action).sort((a, b) => a.path.localeCompare(b.path));

// Callers of these prove themselves with a signature (Stripe, Resend/Svix, RFC 8058 one-click).
const SIGNED = ["/unsubscribe/one-click", "/webhooks/resend", "/webhooks/stripe"];
// The health check answers any POST with "ok" and writes nothing a visitor could aim at.
const HEALTH = "/healthz";
const UNGUARDED = [...SIGNED, HEALTH];

const SITE = "https://pac.example.org";
const FOREIGN: Array<{ name: string; headers: Record<string, string> }> = [
  { name: "a foreign Origin", headers: { Origin: "https://evil.example" } },
  { name: "Origin: null", headers: { Origin: "null" } },
  { name: "a sibling subdomain", headers: { Origin: "https://evil.pac.example.org" } },
  { name: "the same host over plain HTTP", headers: { Origin: "http://pac.example.org" } },
  { name: "Sec-Fetch-Site: cross-site", headers: { "Sec-Fetch-Site": "cross-site" } },
  { name: "Sec-Fetch-Site: same-site", headers: { "Sec-Fetch-Site": "same-site", Origin: "https://pac.example.org" } },
];

let cookie = "";
beforeEach(async () => {
  const admin = await createStaffUser({ email: "admin@example.org", password: "correct horse battery", role: "admin" });
  cookie = (await serializeSessionCookie(createSession(admin.id).id)).split(";")[0];
});

const changes = () => db().get<{ n: number }>(sql`select total_changes() as n`)!.n;

function post(url: string, headers: Record<string, string>) {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
    body: new URLSearchParams({ intent: "save", name: "x" }),
  });
}

/** What serve.ts does: the gate, then (only if it lets the request through) the route's action. */
let calls = 0;
async function through(route: (typeof withActions)[number], request: Request): Promise<Response | "ran"> {
  // A fresh address per call: this test is about the origin and body checks, not the rate limit.
  const guarded = await guardRequest(request, { clientIp: `203.0.${Math.floor(++calls / 250)}.${calls % 250}` });
  if (guarded instanceof Response) return guarded;
  try {
    await route.mod.action!({
      request: guarded,
      params: new Proxy({}, { get: () => "1" }),
      context: { clientIp: "203.0.113.9" },
    });
  } catch {
    // Whatever the route did, it ran: that is the failure this test looks for.
  }
  return "ran";
}

describe("cross-site requests", () => {
  it("finds the actions in the manifest, and only the signed endpoints are exempt", () => {
    expect(withActions.map((r) => r.path)).toEqual(
      expect.arrayContaining(["/admin/settings", "/login", "/subscribe", ...SIGNED]),
    );
    expect(withActions.length).toBeGreaterThan(30);
  });

  it.each(withActions.filter((r) => !UNGUARDED.includes(r.path)))(
    "$path refuses every cross-site post, document and data request",
    async (route) => {
      const before = changes();
      for (const foreign of FOREIGN) {
        for (const url of [
          `${SITE}${route.path}`,
          `${SITE}${route.path}?_data=${encodeURIComponent(route.id)}`,
          `${SITE}${route.path === "/" ? "/_root" : route.path}.data`,
        ]) {
          const res = await through(route, post(url, foreign.headers));
          expect(res, `${foreign.name} to ${url} reached the action`).toBeInstanceOf(Response);
          expect((res as Response).status, `${foreign.name} to ${url}`).toBe(403);
          expect(await (res as Response).text()).toMatch(/this site's own pages/);
        }
      }
      expect(changes()).toBe(before);
    },
  );

  it("lets this site's own pages post (same Origin, or same-origin Sec-Fetch-Site)", async () => {
    const settings = withActions.find((r) => r.path === "/admin/settings")!;
    const own: Array<Record<string, string>> = [
      { Origin: SITE },
      { "Sec-Fetch-Site": "same-origin", Origin: SITE },
      { "Sec-Fetch-Site": "same-origin" },
    ];
    for (const headers of own) {
      expect(await through(settings, post(`${SITE}/admin/settings`, headers))).toBe("ran");
    }
  });

  it("accepts the public origin when a proxy in front changes the host", async () => {
    const request = post("http://127.0.0.1:3000/login", { Origin: SITE });
    expect(await guardRequest(request, { clientIp: "203.0.113.10", publicOrigin: SITE })).toBeInstanceOf(Request);
    expect(
      await guardRequest(post("http://127.0.0.1:3000/login", { Origin: SITE }), { clientIp: "203.0.113.10" }),
    ).toBeInstanceOf(Response);
  });

  it("lets the health check answer a post from anywhere, changing nothing", async () => {
    const before = changes();
    const request = new Request(`${SITE}${HEALTH}`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(await guardRequest(request, { clientIp: "203.0.113.12" })).toBeInstanceOf(Request);
    expect(changes()).toBe(before);
  });

  it.each(SIGNED)("%s is left to its signature check", async (signedPath) => {
    const request = new Request(`${SITE}${signedPath}`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(await guardRequest(request, { clientIp: "203.0.113.11" })).toBeInstanceOf(Request);
  });
});

describe("malformed bodies to every action", () => {
  const BAD: Array<{ name: string; init: () => RequestInit; status: number }> = [
    {
      name: "JSON",
      init: () => ({ headers: { "Content-Type": "application/json", Cookie: cookie }, body: "{}" }),
      status: 415,
    },
    { name: "no content type", init: () => ({ headers: { Cookie: cookie }, body: new Blob(["a=b"]) }), status: 415 },
    {
      name: "multipart without a boundary",
      init: () => ({ headers: { "Content-Type": "multipart/form-data", Cookie: cookie }, body: "a=b" }),
      status: 400,
    },
    {
      name: "a huge array index",
      init: () => ({
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: "intent=save&ids[200000]=1",
      }),
      status: 400,
    },
    {
      name: "a NUL character",
      init: () => ({
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: "intent=save&name=a%00b",
      }),
      status: 400,
    },
  ];

  it.each(withActions.filter((r) => !UNGUARDED.includes(r.path)))(
    "$path answers each with a 4xx and a message, signed in, and writes nothing",
    async (route) => {
      const before = changes();
      for (const bad of BAD) {
        const res = await through(route, new Request(`${SITE}${route.path}`, { method: "POST", ...bad.init() }));
        expect(res, `${bad.name} reached ${route.path}`).toBeInstanceOf(Response);
        expect((res as Response).status, `${bad.name} to ${route.path}`).toBe(bad.status);
        expect(await (res as Response).text()).toMatch(/[a-z]{4}/);
      }
      expect(changes()).toBe(before);
    },
  );

  it.each(withActions.filter((r) => !UNGUARDED.includes(r.path)))(
    "$path answers an empty form from a signed-in admin without a server error",
    async (route) => {
      const request = new Request(`${SITE}${route.path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: SITE },
        body: "",
      });
      const guarded = await guardRequest(request, { clientIp: "203.0.113.12" });
      expect(guarded).toBeInstanceOf(Request);
      let status: number;
      try {
        const res = await route.mod.action!({
          request: guarded,
          params: new Proxy({}, { get: () => "1" }),
          context: { clientIp: "203.0.113.12" },
        });
        status = res instanceof Response ? res.status : 200;
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        status = thrown.status;
      }
      expect(status, route.path).toBeLessThan(500);
    },
  );
});
