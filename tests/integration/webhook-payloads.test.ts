/**
 * Well-signed but malformed webhook events: a missing object, a number where Stripe documents a
 * string, a bad or far-off date. Each must be a 400 (not a 500 that the provider retries for
 * days), change nothing, and leave a row in rejected_webhooks. Well-formed events still apply
 * (tests/integration/stripe-webhooks.test.ts delivers the fake's events through the same route).
 */
import crypto from "node:crypto";
import Stripe from "stripe";
import { Webhook } from "standardwebhooks";
import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { rejectedWebhooks } from "#db/schema";

const STRIPE_SECRET = "whsec_test_payload_checks";
const RESEND_SECRET = `whsec_${Buffer.from("resend-payload-checks-secret-32b").toString("base64")}`;
process.env.STRIPE_WEBHOOK_SECRET = STRIPE_SECRET;
process.env.STRIPE_SECRET_KEY = "sk_test_payload_checks";
process.env.RESEND_WEBHOOK_SECRET = RESEND_SECRET;

const { action: stripeAction } = await import("~/routes/webhooks.stripe");
const { STRIPE_API_VERSION } = await import("~/lib/stripe.server");
const { action: resendAction } = await import("~/routes/webhooks.resend");

const now = () => Math.floor(Date.now() / 1000);
const changes = () => db().get<{ n: number }>(sql`select total_changes() as n`)!.n;

function stripeEvent(type: string, object: unknown, over: Record<string, unknown> = {}) {
  return {
    id: `evt_${crypto.randomBytes(8).toString("hex")}`,
    object: "event",
    api_version: STRIPE_API_VERSION,
    created: now(),
    type,
    data: { object },
    livemode: false,
    ...over,
  };
}

const session = (over: Record<string, unknown> = {}) => ({
  id: "cs_test_1",
  object: "checkout.session",
  mode: "payment",
  payment_status: "paid",
  metadata: { donation_id: "1" },
  payment_intent: "pi_1",
  customer: null,
  subscription: null,
  invoice: null,
  created: now(),
  ...over,
});

async function deliverStripe(event: unknown): Promise<Response> {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });
  return (await stripeAction({ request, params: {}, context: { clientIp: "127.0.0.1" } } as never)) as Response;
}

async function deliverResend(event: unknown): Promise<Response> {
  const payload = JSON.stringify(event);
  const id = `msg_${crypto.randomBytes(8).toString("hex")}`;
  const date = new Date();
  const signature = new Webhook(RESEND_SECRET).sign(id, date, payload);
  const request = new Request("http://localhost/webhooks/resend", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(date.getTime() / 1000)),
      "svix-signature": signature,
    },
    body: payload,
  });
  return (await resendAction({ request, params: {}, context: { clientIp: "127.0.0.1" } } as never)) as Response;
}

const FAR_FUTURE = Math.floor(Date.UTC(2999, 0, 1) / 1000);

const MALFORMED_STRIPE: Array<[string, unknown]> = [
  ["no data.object", { ...stripeEvent("checkout.session.completed", null), data: {} }],
  ["data.object null", stripeEvent("checkout.session.completed", null)],
  ["a number for the session id", stripeEvent("checkout.session.completed", session({ id: 12345 }))],
  ["an unknown payment_status", stripeEvent("checkout.session.completed", session({ payment_status: 7 }))],
  ["a string for created", stripeEvent("checkout.session.completed", session({ created: "yesterday" }))],
  ["a session created in 2999", stripeEvent("checkout.session.completed", session({ created: FAR_FUTURE }))],
  [
    "an event created in 2999",
    stripeEvent(
      "invoice.paid",
      { id: "in_1", amount_paid: 2500, created: now(), customer: "cus_1" },
      { created: FAR_FUTURE },
    ),
  ],
  [
    "a string for amount_refunded",
    stripeEvent("charge.refunded", { id: "ch_1", payment_intent: "pi_1", amount_refunded: "2500" }),
  ],
  [
    "a fractional amount_paid",
    stripeEvent("invoice.paid", { id: "in_1", amount_paid: 25.5, created: now(), customer: "cus_1" }),
  ],
  [
    "a negative dispute amount",
    stripeEvent("charge.dispute.created", {
      id: "dp_1",
      charge: "ch_1",
      payment_intent: null,
      status: "needs_response",
      amount: -100,
    }),
  ],
  [
    "metadata with a number",
    stripeEvent("payment_intent.payment_failed", { id: "pi_1", metadata: { donation_id: 1 } }),
  ],
  ["an event id that is not Stripe's", { ...stripeEvent("checkout.session.completed", session()), id: 42 }],
  ["no type", { ...stripeEvent("checkout.session.completed", session()), type: undefined }],
];

const emailData = (over: Record<string, unknown> = {}) => ({
  email_id: "em_1",
  to: ["rosa@example.org"],
  from: "PAC <hello@example.org>",
  subject: "Hello",
  created_at: new Date().toISOString(),
  ...over,
});

const MALFORMED_RESEND: Array<[string, unknown]> = [
  ["no data", { type: "email.delivered", created_at: new Date().toISOString() }],
  ["a bad date", { type: "email.delivered", created_at: "not a date", data: emailData() }],
  ["a date in 2999", { type: "email.delivered", created_at: "2999-01-01T00:00:00Z", data: emailData() }],
  [
    "a number for email_id",
    { type: "email.delivered", created_at: new Date().toISOString(), data: emailData({ email_id: 5 }) },
  ],
  [
    "numbers for recipients",
    {
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: emailData({ to: [1, 2], bounce: { type: "Permanent" } }),
    },
  ],
  ["a bounce without its details", { type: "email.bounced", created_at: new Date().toISOString(), data: emailData() }],
  ["a number for type", { type: 3, created_at: new Date().toISOString(), data: emailData() }],
];

describe("malformed webhook payloads", () => {
  it.each(MALFORMED_STRIPE)(
    "Stripe: %s is a 400, changes nothing and is recorded as rejected",
    async (_name, event) => {
      const before = changes();
      const res = await deliverStripe(event);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/Malformed event/);
      // Exactly one write: the rejected_webhooks row.
      expect(changes()).toBe(before + 1);
      const [row] = db().select().from(rejectedWebhooks).all();
      expect(row.provider).toBe("stripe");
      expect(row.reason.length).toBeGreaterThan(3);
    },
  );

  it.each(MALFORMED_RESEND)(
    "Resend: %s is a 400, changes nothing and is recorded as rejected",
    async (_name, event) => {
      const before = changes();
      const res = await deliverResend(event);
      expect(res.status).toBe(400);
      expect(changes()).toBe(before + 1);
      const [row] = db().select().from(rejectedWebhooks).all();
      expect(row.provider).toBe("resend");
      expect(row.eventId).toMatch(/^msg_/);
    },
  );

  it("acknowledges well-formed events, including types we ignore, and records no rejection", async () => {
    expect((await deliverStripe(stripeEvent("customer.created", { id: "cus_1", object: "customer" }))).status).toBe(
      200,
    );
    expect(
      (
        await deliverStripe(
          stripeEvent("payment_intent.payment_failed", { id: "pi_unknown", object: "payment_intent", metadata: {} }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await deliverResend({ type: "email.delivered", created_at: new Date().toISOString(), data: emailData() }))
        .status,
    ).toBe(200);
    expect(
      (await deliverResend({ type: "contact.created", created_at: new Date().toISOString(), data: { id: "c_1" } }))
        .status,
    ).toBe(200);
    expect(db().select().from(rejectedWebhooks).all()).toHaveLength(0);
  });

  it("still answers a bad signature with 400 and records nothing", async () => {
    const payload = JSON.stringify(stripeEvent("checkout.session.completed", session()));
    const request = new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=deadbeef" },
      body: payload,
    });
    const res = (await stripeAction({ request, params: {}, context: { clientIp: "127.0.0.1" } } as never)) as Response;
    expect(res.status).toBe(400);
    expect(db().select().from(rejectedWebhooks).all()).toHaveLength(0);
  });
});
