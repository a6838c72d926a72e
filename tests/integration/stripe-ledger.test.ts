/**
 * The money ledger against Stripe's documented behaviour, one case for each way the old books
 * went wrong: events in another API version, fees that arrive late, receipts dated by the
 * payment, refunds by action, disputes in any order, failed refunds, invoices with several
 * payments, other tools' metadata, $0 invoices, objects that are not ours, and refunds as dated
 * movements that leave past reports alone.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { donations, emailOutbox, moneyEntries, recurringPlans, stripeEvents } from "#db/schema";
import { startCheckout as startCheckoutOrRefuse } from "~/models/donation-checkout.server";
import { requestRefund as requestRefundOrRefuse } from "~/models/donation-refunds.server";
import { createStaffUser } from "~/models/staff-users.server";
import { receiptsInRange } from "~/models/donation-stats.server";
import { STRIPE_API_VERSION } from "~/lib/stripe.server";
import { META_DONATION } from "~/lib/stripe-metadata.server";
import { deliverWebhook, donor, setAutoDeliver, startStripeHarness } from "../support/stripe-harness";
import type { FakeStripe } from "../fakes/stripe-server";
import Stripe from "stripe";
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
const entries = () => db().select().from(moneyEntries).all();
const events = () => db().select().from(stripeEvents).all();
const send = (e: { payload: string; signature: string }) => deliverWebhook(e.payload, e.signature);

/** An event exactly as Stripe would sign it, with the fields a test wants to set. */
function signed(type: string, object: object, over: { created?: number; api_version?: string } = {}) {
  const event = {
    id: `evt_${crypto.randomUUID().replaceAll("-", "")}`,
    object: "event",
    api_version: over.api_version ?? STRIPE_API_VERSION,
    created: over.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  const payload = JSON.stringify(event);
  return {
    payload,
    signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_test_donations" }),
    event,
  };
}

async function paid(over: Parameters<typeof donor>[0] = {}) {
  const result = await startCheckout(donor(over) as never);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const before = fake.events.length;
  await fake.pay(result.url.split("/").pop()!);
  const produced = fake.events.slice(before);
  for (const e of produced) expect((await send(e)).status).toBe(200);
  return {
    donationId: result.donationId,
    events: produced,
    donation: () => db().select().from(donations).where(eq(donations.id, result.donationId)).get()!,
  };
}

describe("Stripe events and the money ledger", () => {
  it("refuses an event shaped for an older API version and records nothing, then applies it re-sent in the pinned version", async () => {
    const result = await startCheckout(donor() as never);
    if (!result.ok) throw new Error("checkout");
    await fake.pay(result.url.split("/").pop()!);
    const completed = fake.events.find((e) => e.event.type === "checkout.session.completed")!;
    const old = signed("checkout.session.completed", completed.event.data.object, { api_version: "2024-06-20" });
    const res = await send(old);
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(events()).toHaveLength(0);
    expect(rows()[0].status).toBe("pending");
    // Stripe keeps the event; once the endpoint reads the pinned version, the same id is applied.
    const again = signed("checkout.session.completed", completed.event.data.object);
    expect((await send(again)).status).toBe(200);
    expect(rows()[0].status).toBe("succeeded");
  });

  it("takes the fee from the balance transaction when charge.updated brings it, and net follows", async () => {
    const result = await startCheckout(donor({ amountCents: 10_000 }) as never);
    if (!result.ok) throw new Error("checkout");
    const before = fake.events.length;
    await fake.pay(result.url.split("/").pop()!);
    const produced = fake.events.slice(before);
    const chargeId = produced.find((e) => e.event.type === "charge.succeeded")!.event.data.object.id;
    const charge = fake.charges.get(chargeId)!;
    // As Stripe documents for current API versions: the charge has no balance transaction yet
    // when the payment completes (charge.succeeded), and charge.updated brings it.
    const txn = charge.balance_transaction;
    charge.balance_transaction = null;
    for (const type of ["checkout.session.completed", "charge.succeeded"]) {
      expect((await send(produced.find((e) => e.event.type === type)!)).status).toBe(200);
    }
    const donation = () => db().select().from(donations).where(eq(donations.id, result.donationId)).get()!;
    expect(donation()).toMatchObject({ status: "succeeded", feeCents: null });
    charge.balance_transaction = txn;
    expect((await send(produced.find((e) => e.event.type === "charge.updated")!)).status).toBe(200);
    const fee = Math.round(10_000 * 0.029) + 30;
    expect(donation().feeCents).toBe(fee);
    const fees = entries().filter((e) => e.kind === "fee");
    expect(fees).toEqual([
      expect.objectContaining({ amountCents: -fee, source: expect.stringMatching(/^txn_.*:fee$/) }),
    ]);
  });

  it("dates a gift by its payment, not by when the checkout page opened", async () => {
    const result = await startCheckout(donor() as never);
    if (!result.ok) throw new Error("checkout");
    const sessionId = result.url.split("/").pop()!;
    const session = fake.sessions.get(sessionId)!;
    // Opened at 23:50 on December 31 (Mountain time), paid ten minutes after midnight.
    const opened = Date.parse("2026-01-01T06:50:00Z") / 1000;
    const paidAt = Date.parse("2026-01-01T07:10:00Z") / 1000;
    const completed = signed(
      "checkout.session.completed",
      { ...session, created: opened, status: "complete", payment_status: "paid", payment_intent: "pi_newyear" },
      { created: paidAt },
    );
    expect((await send(completed)).status).toBe(200);
    const d = rows()[0];
    expect(d.receivedAt).toBe("2026-01-01T07:10:00.000Z");
    expect(d.aggregationPeriod).toMatch(/^2026/);
  });

  it("waits for an async payment to settle: unpaid at completion, received when it succeeds, failed when it fails", async () => {
    const open = async () => {
      const result = await startCheckout(donor({ email: `async-${crypto.randomUUID()}@example.org` }) as never);
      if (!result.ok) throw new Error("checkout");
      return { id: result.donationId, session: fake.sessions.get(result.url.split("/").pop()!)! };
    };
    const settles = await open();
    const fails = await open();
    const completedAt = Date.parse("2026-03-02T17:00:00Z") / 1000;
    const settledAt = Date.parse("2026-03-05T15:00:00Z") / 1000;
    for (const { session } of [settles, fails]) {
      const unpaid = {
        ...session,
        status: "complete",
        payment_status: "unpaid",
        payment_intent: `pi_ach_${session.id}`,
      };
      expect((await send(signed("checkout.session.completed", unpaid, { created: completedAt }))).status).toBe(200);
    }
    const row = (id: number) => db().select().from(donations).where(eq(donations.id, id)).get()!;
    expect(row(settles.id)).toMatchObject({
      status: "pending",
      receivedAt: null,
      stripePaymentIntentId: `pi_ach_${settles.session.id}`,
    });
    expect(db().select().from(emailOutbox).all()).toHaveLength(0);

    const paidSession = {
      ...settles.session,
      status: "complete",
      payment_status: "paid",
      payment_intent: `pi_ach_${settles.session.id}`,
    };
    expect(
      (await send(signed("checkout.session.async_payment_succeeded", paidSession, { created: settledAt }))).status,
    ).toBe(200);
    expect(row(settles.id)).toMatchObject({ status: "succeeded", receivedAt: "2026-03-05T15:00:00.000Z" });
    expect(
      db()
        .select()
        .from(emailOutbox)
        .all()
        .filter((o) => o.template === "donation-receipt"),
    ).toHaveLength(1);

    const failedSession = {
      ...fails.session,
      status: "complete",
      payment_status: "unpaid",
      payment_intent: `pi_ach_${fails.session.id}`,
    };
    expect(
      (await send(signed("checkout.session.async_payment_failed", failedSession, { created: settledAt }))).status,
    ).toBe(200);
    expect(row(fails.id)).toMatchObject({ status: "failed", receivedAt: null });
    expect(entries().filter((e) => e.donationId === fails.id)).toHaveLength(0);
  });

  it("makes two partial refunds when staff ask twice before any webhook arrives", async () => {
    const { donationId, donation } = await paid({ amountCents: 10_000 });
    const staff = await createStaffUser({
      email: "treasurer@example.org",
      password: "correct horse battery",
      role: "admin",
    });
    const first = await requestRefund(donationId, 1_000, staff.id, crypto.randomUUID());
    const second = await requestRefund(donationId, 1_000, staff.id, crypto.randomUUID());
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.refundId).not.toBe(second.refundId);
    const charge = fake.charges.get(donation().stripeChargeId!)!;
    expect(charge.amount_refunded).toBe(2_000);
    // The same form posted twice (a double click) is one refund.
    const key = crypto.randomUUID();
    const a = await requestRefund(donationId, 500, staff.id, key);
    const b = await requestRefund(donationId, 500, staff.id, key);
    expect(a.ok && b.ok && a.refundId === b.refundId).toBe(true);
    expect(charge.amount_refunded).toBe(2_500);
    // Asking for more than Stripe still holds is refused before any call.
    const tooMuch = await requestRefund(donationId, 7_501, staff.id, crypto.randomUUID());
    expect(tooMuch).toMatchObject({ ok: false, error: expect.stringContaining("$75,") });

    await new Promise((r) => setTimeout(r, 150));
    for (const e of fake.events.filter((e) => e.event.type === "charge.refunded")) await send(e);
    expect(donation()).toMatchObject({ refundedCents: 2_500, status: "partially_refunded" });
    expect(entries().filter((e) => e.kind === "refund")).toHaveLength(3);
  });

  it("keeps the money when a dispute closed as won is followed by a late 'created', and counts inquiries as no money moved", async () => {
    const { donation } = await paid({ amountCents: 5_000 });
    const chargeId = donation().stripeChargeId!;
    await fake.dispute(chargeId, "needs_response");
    const created = fake.events.at(-1)!;
    await fake.dispute(chargeId, "won");
    const closed = fake.events.at(-1)!;
    expect((await send(closed)).status).toBe(200);
    expect((await send(created)).status).toBe(200);
    expect(donation()).toMatchObject({ status: "succeeded", disputedCents: 0 });
    const movements = entries().filter((e) => e.kind.startsWith("dispute"));
    expect(movements.map((e) => e.amountCents).sort((x, y) => x - y)).toEqual([-5_000, 5_000]);

    const inquiry = signed("charge.dispute.created", {
      id: "dp_inquiry",
      object: "dispute",
      amount: 5_000,
      charge: chargeId,
      payment_intent: donation().stripePaymentIntentId,
      status: "warning_needs_response",
      balance_transactions: [],
      currency: "usd",
      created: Math.floor(Date.now() / 1000),
    });
    // The handler re-reads the dispute at Stripe: the fake holds the inquiry as Stripe would.
    fake.disputes.set("dp_inquiry", JSON.parse(inquiry.payload).data.object);
    expect((await send(inquiry)).status).toBe(200);
    expect(donation()).toMatchObject({ status: "succeeded", disputedCents: 0 });
  });

  it("restores the money when a refund fails", async () => {
    const { donationId, donation } = await paid({ amountCents: 4_000 });
    const staff = await createStaffUser({ email: "t2@example.org", password: "correct horse battery", role: "admin" });
    const refund = await requestRefund(donationId, 4_000, staff.id, crypto.randomUUID());
    if (!refund.ok) throw new Error(refund.error);
    const object = {
      id: refund.refundId,
      object: "refund",
      amount: 4_000,
      charge: donation().stripeChargeId,
      payment_intent: donation().stripePaymentIntentId,
      currency: "usd",
      created: Math.floor(Date.now() / 1000),
      metadata: {},
      status: "succeeded",
    };
    expect((await send(signed("refund.updated", object))).status).toBe(200);
    expect(donation()).toMatchObject({ status: "refunded", refundedCents: 4_000 });
    expect(
      (await send(signed("refund.failed", { ...object, status: "failed", failure_reason: "expired_or_canceled_card" })))
        .status,
    ).toBe(200);
    expect(donation()).toMatchObject({ status: "succeeded", refundedCents: 0 });
    // Delivered again, late and out of order: nothing changes.
    expect((await send(signed("refund.updated", object))).status).toBe(200);
    expect(donation()).toMatchObject({ status: "succeeded", refundedCents: 0 });
    expect(
      entries()
        .filter((e) => e.kind === "refund" || e.kind === "refund_reversal")
        .map((e) => e.amountCents),
    ).toEqual([-4_000, 4_000]);
  });

  it("takes the paid payment of an invoice with several, ignores $0 invoices, and trusts only our own marks", async () => {
    const monthly = await paid({ monthly: true, amountCents: 2_000 });
    const planRow = db()
      .select()
      .from(recurringPlans)
      .where(eq(recurringPlans.id, monthly.donation().recurringPlanId!))
      .get()!;
    const invoice = (over: object) => ({
      id: `in_${crypto.randomUUID().slice(0, 8)}`,
      object: "invoice",
      amount_paid: 2_000,
      currency: "usd",
      customer: planRow.stripeCustomerId,
      created: Math.floor(Date.now() / 1000),
      status: "paid",
      status_transitions: { paid_at: Math.floor(Date.now() / 1000) },
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: planRow.stripeSubscriptionId, metadata: {} },
      },
      payments: {
        object: "list",
        data: [
          {
            id: "inpay_1",
            object: "invoice_payment",
            status: "failed",
            payment: { type: "payment_intent", payment_intent: "pi_declined" },
          },
          {
            id: "inpay_2",
            object: "invoice_payment",
            status: "paid",
            payment: { type: "payment_intent", payment_intent: "pi_second_try" },
          },
        ],
      },
      ...over,
    });
    expect((await send(signed("invoice.paid", invoice({})))).status).toBe(200);
    expect(rows().at(-1)!.stripePaymentIntentId).toBe("pi_second_try");

    const count = rows().length;
    const receipts = db().select().from(emailOutbox).all().length;
    const free = await send(signed("invoice.paid", invoice({ amount_paid: 0 })));
    expect(await free.json()).toMatchObject({ outcome: "ignored" });
    expect(rows()).toHaveLength(count);
    expect(db().select().from(emailOutbox).all()).toHaveLength(receipts);

    // Another tool on the account marks its payments with a generic key: not ours.
    const pending = await startCheckout(donor({ email: "p@example.org" }) as never);
    if (!pending.ok) throw new Error("checkout");
    const generic = await send(
      signed("payment_intent.payment_failed", {
        id: "pi_other",
        object: "payment_intent",
        metadata: { donation_id: String(pending.donationId) },
      }),
    );
    expect(await generic.json()).toMatchObject({ outcome: "ignored" });
    expect(db().select().from(donations).where(eq(donations.id, pending.donationId)).get()!.status).toBe("pending");
    const ours = await send(
      signed("payment_intent.payment_failed", {
        id: "pi_ours",
        object: "payment_intent",
        metadata: { [META_DONATION]: String(pending.donationId) },
      }),
    );
    expect(await ours.json()).toMatchObject({ outcome: "applied" });
  });

  it("answers 200 'ignored' at once to a charge this app never created", async () => {
    const res = await send(
      signed("charge.refunded", {
        id: "ch_elsewhere",
        object: "charge",
        amount: 900,
        amount_refunded: 900,
        payment_intent: "pi_elsewhere",
        metadata: {},
        balance_transaction: null,
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "ignored" });
    expect(events()).toHaveLength(0);
  });

  it("reports a later refund in the later period and leaves the earlier report as it was", async () => {
    const { donationId, donation } = await paid({ amountCents: 8_000 });
    const day = donation().receivedAt!.slice(0, 10);
    const before = receiptsInRange(day, day);
    expect(before.totalCents).toBe(8_000);
    // The refund happens later: here, a refund dated a month on.
    const later = Math.floor(Date.parse(donation().receivedAt!) / 1000) + 31 * 86_400;
    const staff = await createStaffUser({ email: "t3@example.org", password: "correct horse battery", role: "admin" });
    const refund = await requestRefund(donationId, 3_000, staff.id, crypto.randomUUID());
    if (!refund.ok) throw new Error(refund.error);
    const object = {
      id: refund.refundId,
      object: "refund",
      amount: 3_000,
      charge: donation().stripeChargeId,
      payment_intent: donation().stripePaymentIntentId,
      currency: "usd",
      created: later,
      metadata: {},
      status: "succeeded",
    };
    expect((await send(signed("refund.updated", object))).status).toBe(200);
    expect(donation().refundedCents).toBe(3_000);
    expect(receiptsInRange(day, day)).toEqual(before);
    const laterDay = new Date(later * 1000).toISOString().slice(0, 10);
    expect(receiptsInRange(laterDay, laterDay)).toMatchObject({ totalCents: -3_000, refundsCents: 3_000 });
  });
});

describe("bank payments", () => {
  it("offers cards only until staff enable bank payments; a bank payment is received when Stripe settles it, or fails", async () => {
    const { updateSettings } = await import("~/models/settings.server");
    const open = async () => {
      const result = await startCheckout(donor({ email: `ach-${crypto.randomUUID()}@example.org` }) as never);
      if (!result.ok) throw new Error("checkout");
      return { id: result.donationId, sessionId: result.url.split("/").pop()! };
    };
    const row = (id: number) => db().select().from(donations).where(eq(donations.id, id)).get()!;
    const lastCreate = () =>
      fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions").at(-1)!;

    await open();
    expect(JSON.stringify(lastCreate().body.allowed_payment_method_types)).not.toContain("us_bank_account");

    updateSettings({ bankPaymentsEnabled: true });
    const settles = await open();
    expect(JSON.stringify(lastCreate().body.allowed_payment_method_types)).toContain("us_bank_account");
    const fails = await open();
    for (const gift of [settles, fails]) {
      const before = fake.events.length;
      await fake.pay(gift.sessionId, { method: "us_bank_account" });
      for (const e of fake.events.slice(before)) expect((await send(e)).status).toBe(200);
      expect(row(gift.id)).toMatchObject({ status: "pending", receivedAt: null });
    }
    for (const [gift, outcome] of [
      [settles, "succeeded"],
      [fails, "failed"],
    ] as const) {
      const before = fake.events.length;
      await fake.settleAsyncPayment(gift.sessionId, outcome);
      for (const e of fake.events.slice(before)) expect((await send(e)).status).toBe(200);
    }
    expect(row(settles.id).status).toBe("succeeded");
    expect(row(settles.id).receivedAt).not.toBeNull();
    expect(row(fails.id)).toMatchObject({ status: "failed", receivedAt: null });
  });
});
