/**
 * Resend's webhook, fed by the events the fake Resend emits itself (signed with Svix headers)
 * after the real sender sent through it: suppressions, failures and delays reach the outbox.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { emailOutbox, emailSuppressions } from "#db/schema";
import { createEmailSender } from "~/lib/email-sender.server";
import { enqueueEmail } from "~/models/outbox.server";
import { signSvix, startFakeResend, type FakeResend } from "../fakes/resend-server";

const SECRET = `whsec_${Buffer.from("integration-resend-webhook-secret").toString("base64")}`;
process.env.RESEND_WEBHOOK_SECRET = SECRET;

let fake: FakeResend;
let bridge: http.Server;
const answers: Array<{ status: number; body: string }> = [];

/** Hands what arrives over HTTP to the route's action, as the server would. */
async function callRoute(body: string, headers: Record<string, string>): Promise<Response> {
  const { action } = await import("~/routes/webhooks.resend");
  const request = new Request("http://localhost/webhooks/resend", { method: "POST", headers, body });
  return (await action({ request, params: {}, context: {} } as never)) as Response;
}

async function answer(body: string, headers: http.IncomingHttpHeaders, res: http.ServerResponse) {
  const response = await callRoute(body, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])));
  const text = await response.text();
  answers.push({ status: response.status, body: text });
  res.writeHead(response.status).end(text);
}

beforeAll(async () => {
  bridge = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => void answer(body, req.headers, res));
  });
  await new Promise<void>((r) => bridge.listen(0, "127.0.0.1", r));
  fake = await startFakeResend({
    webhook: { url: `http://127.0.0.1:${(bridge.address() as AddressInfo).port}/`, secret: SECRET },
  });
});
afterAll(async () => {
  await fake.close();
  await new Promise((r) => bridge.close(r));
});
beforeEach(() => {
  fake.reset();
  answers.length = 0;
});

function signed(payload: string) {
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const ts = Math.floor(Date.now() / 1000);
  return {
    "svix-id": id,
    "svix-timestamp": String(ts),
    "svix-signature": signSvix(SECRET, id, ts, payload),
    "content-type": "application/json",
  };
}

function notice(to: string, n: number) {
  return enqueueEmail({
    template: "volunteer-welcome",
    to,
    props: { firstName: "Ana" },
    idempotencyKey: `welcome:${n}`,
  })!;
}

const row = (id: number) => db().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
const suppressions = () =>
  db()
    .select()
    .from(emailSuppressions)
    .orderBy(emailSuppressions.emailNormalized)
    .all()
    .map((s) => [s.emailNormalized, s.reason]);

async function send() {
  await createEmailSender({ apiKey: "re_test", baseUrl: fake.url, ratePerSecond: 1000 }).runOnce();
  await fake.settled();
}

it("suppresses bounced, complained and Resend-suppressed addresses from the events the provider sends", async () => {
  const delivered = notice("delivered@resend.dev", 1);
  const bounced = notice("bounced@resend.dev", 2);
  const complained = notice("complained@resend.dev", 3);
  await send();
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(row(delivered).lastEvent).toBe("delivered");
  expect(row(bounced)).toMatchObject({ lastEvent: "bounced" });
  expect(row(complained)).toMatchObject({ lastEvent: "complained" });
  expect(suppressions()).toEqual([
    ["bounced@resend.dev", "bounce"],
    ["complained@resend.dev", "complaint"],
  ]);
});

it("records email.suppressed and suppression.added as local suppressions", async () => {
  // Resend's own suppression list holds an address we never saw bounce (e.g. added in its dashboard).
  const added = JSON.stringify({
    type: "suppression.added",
    created_at: new Date().toISOString(),
    data: {
      id: "s_1",
      email: "Listed@Example.org",
      origin: "manual",
      source_id: null,
      created_at: new Date().toISOString(),
    },
  });
  expect((await callRoute(added, signed(added))).status).toBe(200);
  const id = notice("suppressed@resend.dev", 4);
  await send();
  expect(suppressions()).toEqual([
    ["listed@example.org", "manual"],
    ["suppressed@resend.dev", "bounce"],
  ]);
  expect(row(id)).toMatchObject({ status: "failed", lastEvent: "suppressed" });
  // Nothing more is mailed to either address (a receipt would still go: see the sender tests).
  const later = notice("listed@example.org", 5);
  await send();
  expect(row(later)).toMatchObject({
    status: "failed",
    lastEvent: "skipped",
    lastError: "Not sent: address suppressed (manual)",
  });
});

it("shows email.failed and delivery_delayed on the row, with the reason", async () => {
  const failed = notice("ana@example.org", 6);
  const delayed = notice("bo@example.org", 7);
  await send();
  await fake.emit("email.failed", row(failed).providerMessageId!);
  await fake.emit("email.delivery_delayed", row(delayed).providerMessageId!);
  expect(row(failed)).toMatchObject({
    status: "failed",
    lastEvent: "failed",
    lastError: "Resend could not send it: reached_daily_quota",
  });
  expect(row(delayed)).toMatchObject({ status: "sent", lastEvent: "delivery_delayed" });
  expect(row(delayed).lastError).toMatch(/Delivery delayed/);
});

it("answers a signed but unreadable payload with 400, never 500", async () => {
  for (const payload of [
    JSON.stringify({ type: "email.bounced", created_at: "yesterday", data: { email_id: "x", to: ["a@example.org"] } }),
    JSON.stringify({ type: "email.bounced", created_at: new Date().toISOString() }),
    JSON.stringify({ created_at: new Date().toISOString(), data: {} }),
    JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: 5 } }),
  ]) {
    expect((await callRoute(payload, signed(payload))).status, payload).toBe(400);
  }
  expect(suppressions()).toEqual([]);
});

it("answers {received: true} and nothing else: no address is echoed", async () => {
  const payload = JSON.stringify({
    type: "email.complained",
    created_at: new Date().toISOString(),
    data: {
      email_id: "x",
      to: ["private@example.org"],
      from: "a@example.org",
      subject: "s",
      created_at: new Date().toISOString(),
    },
  });
  const res = await callRoute(payload, signed(payload));
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('{"received":true}');
  expect(suppressions()).toEqual([["private@example.org", "complaint"]]);
});
