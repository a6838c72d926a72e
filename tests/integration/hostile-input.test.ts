/**
 * Every public form, sent what an attacker or a broken client sends: wrong content types, empty
 * bodies, 100 kB strings, NUL and control characters, invalid UTF-8, huge array indexes, bad
 * money amounts. Each request goes through the same path as in production (the request gate of
 * app/cli/serve.ts, then the route's action) and must get a 4xx with a message while not one row
 * of the database changes.
 */
import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { guardRequest, LIMITS } from "~/lib/request-guard.server";
import { action as volunteerAction } from "~/routes/volunteer";
import { action as tipsAction } from "~/routes/tips";
import { action as referAction } from "~/routes/refer";
import { action as subscribeAction } from "~/routes/subscribe";
import { action as loginAction } from "~/routes/login";
import { action as donateAction } from "~/routes/donate._index";
import { action as unsubscribeAction } from "~/routes/unsubscribe";
import { action as preferencesAction } from "~/routes/preferences";
import { action as confirmAction } from "~/routes/subscribe_.confirm";
import { action as forgotPasswordAction } from "~/routes/forgot-password";
import { action as resetPasswordAction } from "~/routes/reset-password";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";
import { concretePath, manifestRoutes } from "../support/route-manifest";

type Action = (args: never) => unknown;

let ipCounter = 0;
const freshIp = () => `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;

/** The production path for one request: the gate, then the route. */
async function send(action: Action, request: Request, ip = freshIp()): Promise<Response> {
  const guarded = await guardRequest(request, { clientIp: ip });
  if (guarded instanceof Response) return guarded;
  try {
    return (await action({ request: guarded, params: {}, context: { clientIp: ip } } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Rows written by this connection since it opened: unchanged means nothing was stored. */
const changes = () => db().get<{ n: number }>(sql`select total_changes() as n`)!.n;

/** `thanks`: where a form that does not say "thank you" sends an accepted submission instead. */
const FORMS: Array<{ path: string; action: Action; fields: Record<string, string>; thanks?: string }> = [
  {
    path: "/volunteer",
    action: volunteerAction,
    fields: {
      firstName: "Rosa",
      lastName: "Vigil",
      email: "rosa@example.org",
      phone: "575-555-0100",
      area: "88001",
      availability: "Evenings",
    },
  },
  {
    path: "/tips",
    action: tipsAction,
    fields: {
      firstName: "Rosa",
      lastName: "Vigil",
      email: "rosa@example.org",
      area: "Mesilla",
      body: "The board meets Tuesday.",
    },
  },
  {
    path: "/refer",
    action: referAction,
    fields: {
      firstName: "Rosa",
      lastName: "Vigil",
      email: "rosa@example.org",
      suggestedName: "Ana Ruiz",
      office: "School board",
      reason: "She organizes parents.",
    },
  },
  {
    path: "/subscribe",
    action: subscribeAction,
    fields: { firstName: "Rosa", email: "rosa@example.org", lists: "updates" },
  },
  {
    path: "/login",
    action: loginAction,
    fields: { email: "rosa@example.org", password: "whatever password", redirectTo: "/admin" },
  },
  {
    path: "/donate",
    action: donateAction,
    fields: {
      amount: "2500",
      frequency: "one_time",
      firstName: "Rosa",
      lastName: "Vigil",
      email: "rosa@example.org",
      street: "1 Main St",
      city: "Las Cruces",
      state: "NM",
      zip: "88001",
      employer: "LCPS",
      occupation: "Teacher",
    },
  },
  { path: "/unsubscribe", action: unsubscribeAction, fields: { token: "not-a-token" } },
  { path: "/preferences", action: preferencesAction, fields: { token: "not-a-token", lists: "updates" } },
  { path: "/subscribe/confirm", action: confirmAction, fields: { token: "not-a-token" } },
  {
    path: "/forgot-password",
    action: forgotPasswordAction,
    fields: { email: "rosa@example.org" },
    thanks: "/forgot-password/sent",
  },
  {
    path: "/reset-password",
    action: resetPasswordAction,
    fields: { token: "not-a-token", password: "a brand new passphrase", confirm: "a brand new passphrase" },
  },
];

function urlencoded(path: string, body: string, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

interface Case {
  name: string;
  request: (form: (typeof FORMS)[number]) => Request;
}

const BROKEN_BODIES: Case[] = [
  {
    name: "JSON",
    request: (f) =>
      new Request(`http://localhost${f.path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(f.fields),
      }),
  },
  {
    name: "text/plain",
    request: (f) =>
      new Request(`http://localhost${f.path}`, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: encode(f.fields),
      }),
  },
  {
    name: "no content type",
    request: (f) => {
      const r = new Request(`http://localhost${f.path}`, { method: "POST", body: new Blob([encode(f.fields)]) });
      return r;
    },
  },
  {
    name: "multipart without boundary",
    request: (f) => urlencoded(f.path, encode(f.fields), { "Content-Type": "multipart/form-data" }),
  },
  {
    name: "multipart with a broken body",
    request: (f) =>
      urlencoded(f.path, `--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nrosa`, {
        "Content-Type": "multipart/form-data; boundary=xyz",
      }),
  },
  { name: "an empty body", request: (f) => urlencoded(f.path, "") },
  {
    name: "a huge array index (lists[200000])",
    request: (f) => urlencoded(f.path, `${encode(f.fields)}&lists[200000]=updates`),
  },
  {
    name: "an oversized body",
    request: (f) => urlencoded(f.path, encode({ ...f.fields, extra: "x".repeat(LIMITS.publicBytes) })),
  },
  {
    name: "too many fields",
    request: (f) => urlencoded(f.path, Array.from({ length: 500 }, (_, i) => `f${i}=x`).join("&")),
  },
  { name: "invalid UTF-8", request: (f) => urlencoded(f.path, `${encode(f.fields)}&firstName=%C3%28`) },
  { name: "raw bytes outside ASCII", request: (f) => urlencoded(f.path, `${encode(f.fields)}&firstName=Jos\u00e9`) },
];

const FIELD_MUTATIONS: Array<{ name: string; value: string }> = [
  { name: "a 100 kB string", value: "a".repeat(100_000) },
  { name: "a NUL character", value: "Rosa\u0000" },
  { name: "a control character", value: "Ro\u0007sa" },
  { name: "an escape sequence", value: "\u001b[31mRosa" },
];

async function expectRefused(res: Response, label: string) {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  const text = await res.text();
  expect(text, `${label}: no message`).toMatch(/[A-Za-z]{3,}/);
}

describe("hostile input to public forms", () => {
  for (const form of FORMS) {
    it.each(BROKEN_BODIES)(
      `${form.path}: $name is a 4xx with a message and stores nothing`,
      async ({ name, request }) => {
        const before = changes();
        await expectRefused(await send(form.action, request(form)), `${form.path} ${name}`);
        expect(changes(), `${form.path} ${name} wrote rows`).toBe(before);
      },
    );

    it(`${form.path}: every field with a 100 kB string, NUL or a control character is refused and stores nothing`, async () => {
      const before = changes();
      for (const field of Object.keys(form.fields)) {
        for (const mutation of FIELD_MUTATIONS) {
          const res = await send(
            form.action,
            urlencoded(form.path, encode({ ...form.fields, [field]: mutation.value })),
          );
          await expectRefused(res, `${form.path} ${field} with ${mutation.name}`);
        }
      }
      expect(changes()).toBe(before);
    });
  }

  it.each([["-25"], ["0"], ["10.555"], ["1e9"], ["NaN"], ["99999999999999"]])(
    "/donate refuses the amount %s with a message",
    async (amount) => {
      const form = FORMS.find((f) => f.path === "/donate")!;
      const before = changes();
      const res = await send(
        form.action,
        urlencoded("/donate", encode({ ...form.fields, amount: "other", otherAmount: amount })),
      );
      await expectRefused(res, `amount ${amount}`);
      expect(changes()).toBe(before);
    },
  );

  it("accepts a well-formed submission through the same path (the corpus is not refusing everything)", async () => {
    const form = FORMS.find((f) => f.path === "/tips")!;
    const res = await send(form.action, urlencoded("/tips", encode(form.fields)));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/tips/thanks");
  });

  // Before the gate, this one 80-byte request made Conform build a 200,001-entry array.
  it("answers lists[200000]=updates at once", async () => {
    const started = performance.now();
    const res = await send(
      subscribeAction,
      urlencoded("/subscribe", "firstName=Rosa&email=rosa%40example.org&lists[200000]=updates"),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/too many entries/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("rate-limits an address before reading its body, even when every post is invalid", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      statuses.push(
        (
          await send(
            tipsAction,
            new Request("http://localhost/tips", {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: "{}",
            }),
            ip,
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 60).every((s) => s === 415)).toBe(true);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
  });
});

/**
 * Ids from the URL: every route with a numeric id in its path (read from the route manifest, so a
 * new one is covered at once) answers an id that cannot exist with a 404 page, loader and action
 * alike, signed in as an admin so the guard is not what answers.
 */
const HOSTILE_IDS = [
  "abc",
  "-1",
  "0",
  "1.5",
  "1e3",
  "0x10",
  "007",
  " 1",
  "99999999999999999999",
  "9007199254740993",
  "%00",
];
const idRoutes = (await manifestRoutes()).filter((r) => /:(id|\w+Id)\b/.test(r.path));

describe("hostile ids in the URL", () => {
  it("finds the routes with ids (the walk is not empty)", () => {
    expect(idRoutes.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        "/admin/contacts/:id",
        "/admin/donations/:id",
        "/elections/:id",
        "/donate/details/:donationId",
      ]),
    );
  });

  it.each(idRoutes.map((r) => [r.path, r] as const))(
    "%s answers hostile ids with 404, never 500",
    async (_path, route) => {
      const user = await createStaffUser({
        email: "hostile-ids@example.org",
        password: "correct horse battery",
        role: "admin",
      });
      const cookie = (await serializeSessionCookie(createSession(user.id).id)).split(";")[0];
      const mod = (await import(/* @vite-ignore */ route.modulePath)) as Record<
        string,
        ((args: never) => unknown) | undefined
      >;
      const name = route.path.match(/:(id|\w+Id)\b/)![1];
      const before = changes();
      for (const id of HOSTILE_IDS) {
        for (const [method, fn] of [
          ["GET", mod.loader],
          ["POST", mod.action],
        ] as const) {
          if (!fn) continue;
          const url = `http://localhost${concretePath(route.path).replace("/1", `/${encodeURIComponent(id)}`)}`;
          const request = new Request(url, {
            method,
            headers: { Cookie: cookie },
            ...(method === "POST" ? { body: new URLSearchParams({ intent: "probe" }) } : {}),
          });
          let res: unknown;
          try {
            res = await fn({ request, params: { [name]: id }, context: { clientIp: "127.0.0.1" } } as never);
          } catch (thrown) {
            res = thrown;
          }
          expect(res, `${method} ${route.path} with id ${JSON.stringify(id)}`).toBeInstanceOf(Response);
          expect((res as Response).status, `${method} ${route.path} with id ${JSON.stringify(id)}`).toBe(404);
        }
      }
      expect(changes()).toBe(before);
    },
  );
});

/**
 * The honeypot: every public form (a route that shows <Honeypot />, read from the manifest) gives a
 * bot that fills it the usual thank-you redirect, and stores nothing: no contact, no payment.
 */
const honeypotForms = (await manifestRoutes()).filter((r) => r.source.includes("<Honeypot"));

describe("the honeypot on every public form", () => {
  it("covers every public form the site shows", () => {
    expect(honeypotForms.map((r) => r.path).sort()).toEqual([
      "/donate",
      "/forgot-password",
      "/refer",
      "/subscribe",
      "/tips",
      "/volunteer",
    ]);
  });

  it.each(honeypotForms.map((r) => [r.path] as const))(
    "%s: a filled honeypot is thanked and stores nothing",
    async (path) => {
      const form = FORMS.find((f) => f.path === path);
      expect(form, `${path} has no well-formed submission in FORMS`).toBeTruthy();
      const before = changes();
      const res = await send(
        form!.action,
        urlencoded(path, encode({ ...form!.fields, website_url: "http://spam.example" })),
      );
      expect([302, 303]).toContain(res.status);
      if (form!.thanks) expect(res.headers.get("Location")).toBe(form!.thanks);
      else expect(res.headers.get("Location")).toMatch(/\/thank/);
      expect(changes()).toBe(before);
    },
  );
});
