/**
 * The Stripe flows end to end in-process: the real SDK talks to tests/fakes/stripe-server.ts,
 * and events signed with generateTestHeaderString go through the real webhook route.
 */
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { db } from "#db/client";
import { auditLog, donations, emailOutbox, recurringPlans, stripeEvents } from "#db/schema";
import { createStaffUser } from "~/models/staff-users.server";
import { startCheckout as startCheckoutOrRefuse } from "~/models/donation-checkout.server";
import { requestRefund as requestRefundOrRefuse } from "~/models/donation-refunds.server";
import { aggregateCents } from "~/models/compliance.server";
import { stripe } from "~/lib/stripe.server";
import { META_DONATION } from "~/lib/stripe-metadata.server";
import { deliverWebhook, donor, setAutoDeliver, startStripeHarness } from "../support/stripe-harness";
import type { FakeStripe } from "../fakes/stripe-server";
import { attemptAsync } from "../support/attempt";
const startCheckout = (...args: Parameters<typeof startCheckoutOrRefuse>) =>
  attemptAsync(() => startCheckoutOrRefuse(...args));
const requestRefund = (...args: Parameters<typeof requestRefundOrRefuse>) =>
  attemptAsync(() => requestRefundOrRefuse(...args));

let fake: FakeStripe;

beforeAll(async () => {
  fake = await startStripeHarness({ autoDeliver: false });
});
beforeEach(() => setAutoDeliver(false));
afterAll(() => fake.close());

const rows = () => db().select().from(donations).all();
const ledger = () => db().select().from(stripeEvents).all();
const outbox = () => db().select().from(emailOutbox).all();

function sessionIdOf(url: string) {
  return url.split("/").pop()!;
}

/** Opens a checkout and pays it on the fake; returns the events it produced, undelivered. */
async function paidCheckout(over: Parameters<typeof donor>[0] = {}) {
  const result = await startCheckout(donor(over) as never);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const sessionId = sessionIdOf(result.url);
  const before = fake.events.length;
  await fake.pay(sessionId);
  return { donationId: result.donationId, sessionId, events: fake.events.slice(before) };
}

const send = (e: { payload: string; signature: string }) => deliverWebhook(e.payload, e.signature);
const byType = (events: FakeStripe["events"], type: string) => events.find((e) => e.event.type === type)!;

describe("POST /webhooks/stripe", () => {
  it("answers 400 to a bad signature and writes nothing", async () => {
    const { events } = await paidCheckout();
    const completed = byType(events, "checkout.session.completed");
    const forged = Stripe.webhooks.generateTestHeaderString({ payload: completed.payload, secret: "whsec_wrong" });
    const before = JSON.stringify(rows());
    for (const signature of [forged, "", "t=1,v1=deadbeef"]) {
      const res = await deliverWebhook(completed.payload, signature);
      expect(res.status).toBe(400);
    }
    // A valid signature over a tampered body fails too.
    const tampered = completed.payload.replace('"payment_status":"paid"', '"payment_status":"unpaid"');
    expect((await deliverWebhook(tampered, completed.signature)).status).toBe(400);
    expect(ledger()).toHaveLength(0);
    expect(JSON.stringify(rows())).toBe(before);
    expect(outbox()).toHaveLength(0);
  });

  it("records a paid one-time gift once when its event arrives five times, with fee and receipt", async () => {
    const { donationId, events } = await paidCheckout({ refcode: "email-0301" });
    expect(rows()[0].status).toBe("pending");
    const completed = byType(events, "checkout.session.completed");
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send(completed)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect((await send(byType(events, "charge.succeeded"))).status).toBe(200);
    expect((await send(byType(events, "charge.updated"))).status).toBe(200);
    const [d] = rows();
    expect(d.id).toBe(donationId);
    expect(d.status).toBe("succeeded");
    expect(d.refcode).toBe("email-0301");
    expect(d.amountCents).toBe(2500);
    expect(d.feeCents).toBe(Math.round(2500 * 0.029) + 30);
    expect(d.stripeChargeId).toMatch(/^ch_/);
    expect(ledger()).toHaveLength(3);
    const receipts = outbox().filter((o) => o.template === "donation-receipt");
    expect(receipts).toHaveLength(1);
    expect(JSON.parse(receipts[0].propsJson)).toMatchObject({
      amountCents: 2500,
      recurring: false,
      manageUrl: null,
      donationId,
    });
  });

  it("gives exactly the right rows when 20 distinct events (and their duplicates) arrive concurrently", async () => {
    const batches = [];
    for (let i = 0; i < 20; i++)
      batches.push(await paidCheckout({ email: `donor${i}@example.org`, amountCents: 1000 + i }));
    const completions = batches.map((b) => byType(b.events, "checkout.session.completed"));
    const responses = await Promise.all([...completions, ...completions].map(send));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const all = rows();
    expect(all).toHaveLength(20);
    expect(all.every((d) => d.status === "succeeded")).toBe(true);
    expect(all.map((d) => d.amountCents).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 1000 + i));
    expect(ledger()).toHaveLength(20);
    expect(outbox().filter((o) => o.template === "donation-receipt")).toHaveLength(20);
  });

  it("converges when invoice.paid arrives before checkout.session.completed, and each month is its own row", async () => {
    const { donationId, events } = await paidCheckout({ monthly: true, amountCents: 2500, refcode: "email-0301" });
    for (const type of [
      "invoice.paid",
      "charge.succeeded",
      "charge.updated",
      "checkout.session.completed",
      "invoice.paid",
    ]) {
      expect((await send(byType(events, type))).status).toBe(200);
    }
    let all = rows();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: donationId, status: "succeeded", kind: "recurring", refcode: "email-0301" });
    expect(all[0].stripeInvoiceId).toMatch(/^in_/);
    expect(all[0].feeCents).not.toBeNull();
    const plan = db().select().from(recurringPlans).get()!;
    expect(plan.status).toBe("active");
    expect(plan.stripeSubscriptionId).toMatch(/^sub_/);
    const receipt = outbox().find((o) => o.template === "donation-receipt")!;
    expect(JSON.parse(receipt.propsJson).manageUrl).toContain(`/donate/manage/${plan.id}?sig=`);

    const before = fake.events.length;
    await fake.renew(plan.stripeSubscriptionId!);
    for (const e of fake.events.slice(before)) expect((await send(e)).status).toBe(200);
    all = rows();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      status: "succeeded",
      kind: "recurring",
      recurringPlanId: plan.id,
      refcode: "email-0301",
      amountCents: 2500,
    });
    // The invoice's payment intent is looked up at Stripe (webhooks leave it out), so the
    // month's charge and its fee are matched, and a refund of it would be too.
    expect(all.map((d) => d.stripePaymentIntentId)).toEqual([
      expect.stringMatching(/^pi_/),
      expect.stringMatching(/^pi_/),
    ]);
    expect(all[1].feeCents).not.toBeNull();
    expect(fake.requests.some((r) => r.path === "/v1/invoice_payments")).toBe(true);
    expect(outbox().filter((o) => o.template === "donation-receipt")).toHaveLength(2);

    // The donor cancels in the billing portal.
    const sub = fake.subscriptions.get(plan.stripeSubscriptionId!)!;
    const cancel = fake.signedEvent("customer.subscription.deleted", { ...sub, status: "canceled" });
    expect((await deliverWebhook(cancel.payload, cancel.signature)).status).toBe(200);
    const late = fake.signedEvent("customer.subscription.updated", { ...sub, status: "active" });
    expect((await deliverWebhook(late.payload, late.signature)).status).toBe(200);
    expect(db().select().from(recurringPlans).get()!.status).toBe("canceled");
  });

  it("handles a refund after a dispute, and partial refunds", async () => {
    const { donationId, events } = await paidCheckout({ amountCents: 10_000 });
    for (const e of events) await send(e);
    const chargeId = rows()[0].stripeChargeId!;
    const period = rows()[0].aggregationPeriod!;
    const contactId = rows()[0].contactId;
    expect(aggregateCents(contactId, period)).toBe(10_000);

    await fake.dispute(chargeId, "needs_response");
    await send(fake.events.at(-1)!);
    expect(rows()[0]).toMatchObject({ status: "disputed", disputedCents: 10_000 });
    expect(aggregateCents(contactId, period)).toBe(0);

    await fake.dispute(chargeId, "won");
    await send(fake.events.at(-1)!);
    expect(rows()[0]).toMatchObject({ status: "succeeded", disputedCents: 0 });

    // Staff refund: the API call is made, but the row changes only when the webhook arrives.
    const staff = await createStaffUser({
      email: "treasurer@example.org",
      password: "correct horse battery",
      role: "admin",
    });
    const partial = await requestRefund(donationId, 2_500, staff.id, crypto.randomUUID());
    expect(
      db()
        .select()
        .from(auditLog)
        .all()
        .map((a) => a.action),
    ).toEqual(["refund_requested"]);
    expect(partial.ok).toBe(true);
    expect(rows()[0].status).toBe("succeeded");
    await new Promise((r) => setTimeout(r, 120));
    const refundEvent = fake.events.at(-1)!;
    expect(refundEvent.event.type).toBe("charge.refunded");
    await send(refundEvent);
    expect(rows()[0]).toMatchObject({ status: "partially_refunded", refundedCents: 2_500 });
    expect(aggregateCents(contactId, period)).toBe(7_500);

    const rest = await requestRefund(donationId, null, staff.id, crypto.randomUUID());
    expect(rest.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    await send(fake.events.at(-1)!);
    // An older refund event arriving late cannot undo the newer total.
    await send(refundEvent);
    expect(rows()[0]).toMatchObject({ status: "refunded", refundedCents: 10_000 });
    expect(aggregateCents(contactId, period)).toBe(0);
    const refundRequests = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds");
    expect(refundRequests.every((r) => r.idempotencyKey)).toBe(true);
  });

  it("asks Stripe to retry an event about a payment it cannot place yet, without recording it", async () => {
    const { events } = await paidCheckout();
    const charge = byType(events, "charge.succeeded").event.data.object;
    await stripe().refunds.create({ charge: charge.id });
    const refunded = fake.signedEvent("charge.refunded", { ...charge, amount_refunded: 2500, refunded: true });
    expect((await deliverWebhook(refunded.payload, refunded.signature)).status).toBe(409);
    expect(ledger()).toHaveLength(0);
    await send(byType(events, "checkout.session.completed"));
    await send(byType(events, "charge.succeeded"));
    expect((await deliverWebhook(refunded.payload, refunded.signature)).status).toBe(200);
    expect(rows()[0].status).toBe("refunded");
  });

  it("acknowledges unknown event types and ignores them", async () => {
    const unknown = fake.signedEvent("customer.created", { id: "cus_x", object: "customer" });
    const res = await deliverWebhook(unknown.payload, unknown.signature);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "ignored" });
    // Not recorded: nothing of ours changed, and a later re-send is considered afresh.
    expect(ledger()).toHaveLength(0);
    expect(rows()).toHaveLength(0);
  });

  it("marks an expired session and a failed payment as failed", async () => {
    const a = await startCheckout(donor({ email: "a@example.org" }) as never);
    const b = await startCheckout(donor({ email: "b@example.org", monthly: true }) as never);
    if (!a.ok || !b.ok) throw new Error("checkout failed");
    await fake.expire(sessionIdOf(b.url));
    await send(fake.events.at(-1)!);
    const failed = fake.signedEvent("payment_intent.payment_failed", {
      id: "pi_declined",
      object: "payment_intent",
      status: "requires_payment_method",
      metadata: { [META_DONATION]: String(a.donationId) },
    });
    await deliverWebhook(failed.payload, failed.signature);
    expect(rows().map((d) => d.status)).toEqual(["failed", "failed"]);
    expect(db().select().from(recurringPlans).get()!.status).toBe("canceled");
    expect(outbox()).toHaveLength(0);
  });

  it("keeps amounts in integer cents from the form to Stripe and back", async () => {
    const { dollarsToCents } = await import("~/lib/donation-form");
    const cents = dollarsToCents("25.10")!;
    expect(cents).toBe(2510);
    const { events } = await paidCheckout({ amountCents: cents });
    const create = fake.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!;
    expect(create.body.line_items[0].price_data.unit_amount).toBe("2510");
    expect(create.idempotencyKey).toMatch(/^checkout-session:\d+:/);
    for (const e of events) await send(e);
    const [d] = rows();
    expect(d.amountCents).toBe(2510);
    expect(Number.isInteger(d.feeCents)).toBe(true);
    expect(typeof d.amountCents).toBe("number");
  });

  it("delivers each event as it happens and retries until the app answers 2xx", async () => {
    setAutoDeliver(true);
    const result = await startCheckout(donor({ monthly: true }) as never);
    if (!result.ok) throw new Error("checkout failed");
    const before = fake.events.length;
    const success = await fake.pay(sessionIdOf(result.url));
    expect(success).toContain("/donate/thank-you?session_id=cs_test_");
    // charge.succeeded comes before the app knows the invoice's payment in some orders; the
    // fake retries the 409 like Stripe would, and every event ends acknowledged.
    // Stripe also makes events the endpoint is not subscribed to (invoice.payment_succeeded…):
    // those are never sent. Everything sent was acknowledged in the end.
    const sent = fake.events.slice(before).filter((e) => e.attempts.length > 0);
    expect(sent.map((e) => e.event.type)).toEqual(
      expect.arrayContaining(["checkout.session.completed", "invoice.paid", "charge.succeeded", "charge.updated"]),
    );
    expect(sent.every((e) => e.status === 200)).toBe(true);
    expect(fake.undelivered()).toEqual([]);
    const d = db().select().from(donations).where(eq(donations.id, result.donationId)).get()!;
    expect(d.status).toBe("succeeded");
    expect(d.feeCents).not.toBeNull();
  });
});
