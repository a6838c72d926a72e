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

const FORMS: Array<{ path: string; action: Action; fields: Record<string, string> }> = [
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
