/**
 * The Stripe fake does what Stripe documents, including the awkward parts the app must survive:
 * these tests drive it through the official SDK and read what it delivers.
 */
import Stripe from "stripe";
import { startFakeStripe, type FakeStripe, type FakeStripeOptions } from "../fakes/stripe-server";

const SECRET = "whsec_fake_behaviour";

async function start(options: Partial<FakeStripeOptions> = {}) {
  const received: Stripe.Event[] = [];
  const fake = await startFakeStripe({
    webhookSecret: SECRET,
    deliver: async (payload, signature) => {
      received.push(Stripe.webhooks.constructEvent(payload, signature, SECRET));
      return 200;
    },
    ...options,
  });
  const url = new URL(fake.url);
  const stripe = new Stripe("sk_test_fake", {
    host: url.hostname,
    port: url.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return { fake, stripe, received };
}

let fakes: FakeStripe[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

async function setup(options: Partial<FakeStripeOptions> = {}) {
  const s = await start(options);
  fakes.push(s.fake);
  return s;
}

async function checkout(stripe: Stripe, mode: "payment" | "subscription", amount = 2500, methods: string[] = ["card"]) {
  return stripe.checkout.sessions.create({
    mode,
    allowed_payment_method_types: methods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: amount,
          product_data: { name: "Gift" },
          ...(mode === "subscription" ? { recurring: { interval: "month" } } : {}),
        },
      },
    ],
    success_url: "https://example.org/thanks?session_id={CHECKOUT_SESSION_ID}",
    customer_email: "donor@example.org",
  });
}

const ofType = (events: Stripe.Event[], type: string) => events.filter((e) => e.type === type);
const objectOf = <T>(event: Stripe.Event | undefined) => event!.data.object as T;

describe("Stripe fake", () => {
  it("sends charge.succeeded with a null balance transaction, then charge.updated with it; the API expands it", async () => {
    const { fake, stripe, received } = await setup();
    const session = await checkout(stripe, "payment", 10_000);
    await fake.pay(session.id);
    const succeeded = objectOf<Stripe.Charge>(ofType(received, "charge.succeeded")[0]);
    expect(succeeded.balance_transaction).toBeNull();
    const updated = ofType(received, "charge.updated")[0];
    expect(updated.data.previous_attributes).toEqual({ balance_transaction: null });
    const txnId = objectOf<Stripe.Charge>(updated).balance_transaction as string;
    expect(txnId).toMatch(/^txn_/);
    const charge = await stripe.charges.retrieve(succeeded.id, { expand: ["balance_transaction"] });
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(txn).toMatchObject({
      id: txnId,
      amount: 10_000,
      fee: 320,
      net: 9_680,
      type: "charge",
      reporting_category: "charge",
      source: succeeded.id,
    });
    expect(await stripe.balanceTransactions.retrieve(txnId)).toMatchObject({ fee: 320, status: "pending" });
    fake.advanceTime(3 * 86_400);
    expect((await stripe.balanceTransactions.retrieve(txnId)).status).toBe("available");
    expect(ofType(received, "checkout.session.completed")[0].data.object).toMatchObject({
      payment_status: "paid",
      status: "complete",
    });
  });

  it("completes a bank-debit session unpaid, then settles it days later as succeeded or failed", async () => {
    const { fake, stripe, received } = await setup();
    const ok = await checkout(stripe, "payment", 5_000, ["card", "us_bank_account"]);
    const bad = await checkout(stripe, "payment", 7_000, ["us_bank_account"]);
    await fake.pay(ok.id, { method: "us_bank_account" });
    await fake.pay(bad.id, { method: "us_bank_account" });
    const completed = ofType(received, "checkout.session.completed").map((e) => objectOf<Stripe.Checkout.Session>(e));
    expect(completed.map((s) => s.payment_status)).toEqual(["unpaid", "unpaid"]);
    expect(ofType(received, "charge.succeeded")).toHaveLength(0);
    fake.advanceTime(4 * 86_400);
    await fake.settleAsyncPayment(ok.id, "succeeded");
    await fake.settleAsyncPayment(bad.id, "failed");
    expect(
      objectOf<Stripe.Checkout.Session>(ofType(received, "checkout.session.async_payment_succeeded")[0]),
    ).toMatchObject({ id: ok.id, payment_status: "paid" });
    expect(
      objectOf<Stripe.Checkout.Session>(ofType(received, "checkout.session.async_payment_failed")[0]),
    ).toMatchObject({ id: bad.id, payment_status: "unpaid" });
    const charge = objectOf<Stripe.Charge>(ofType(received, "charge.updated")[0]);
    const txn = await stripe.balanceTransactions.retrieve(String(charge.balance_transaction));
    expect(txn).toMatchObject({ type: "payment", amount: 5_000, fee: 40 });
    // The payment's time is when it settled, not when the session was created.
    expect(txn.created).toBeGreaterThanOrEqual(ok.created + 4 * 86_400);
    expect(objectOf<Stripe.Charge>(ofType(received, "charge.failed")[0])).toMatchObject({
      amount: 7_000,
      failure_code: "insufficient_funds",
    });
  });

  it("replays a refund for the same Idempotency-Key and refuses the key with other parameters", async () => {
    const { fake, stripe } = await setup();
    await fake.pay((await checkout(stripe, "payment", 10_000)).id);
    const [charge] = [...fake.charges.values()];
    const first = await stripe.refunds.create({ charge: charge.id, amount: 2_500 }, { idempotencyKey: "refund-1" });
    const replay = await stripe.refunds.create({ charge: charge.id, amount: 2_500 }, { idempotencyKey: "refund-1" });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(fake.charges.get(charge.id)!.amount_refunded).toBe(2_500);
    const mismatch = await stripe.refunds
      .create({ charge: charge.id, amount: 3_000 }, { idempotencyKey: "refund-1" })
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((mismatch as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((mismatch as Stripe.errors.StripeError).message).toContain("same parameters");
    // A second partial refund with its own key is a second refund; amount_refunded is cumulative.
    await stripe.refunds.create({ charge: charge.id, amount: 3_000 }, { idempotencyKey: "refund-2" });
    expect(fake.charges.get(charge.id)!.amount_refunded).toBe(5_500);
  });

  it("answers refunds that are too large, or of a refunded charge, with Stripe's error codes", async () => {
    const { fake, stripe } = await setup();
    await fake.pay((await checkout(stripe, "payment", 4_000)).id);
    const [charge] = [...fake.charges.values()];
    const tooLarge = (await stripe.refunds
      .create({ charge: charge.id, amount: 5_000 })
      .catch((e: unknown) => e)) as Stripe.errors.StripeInvalidRequestError;
    expect(tooLarge).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooLarge).toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
      param: "amount",
      type: "StripeInvalidRequestError",
    });
    expect(tooLarge.raw).toMatchObject({
      type: "invalid_request_error",
      doc_url: "https://stripe.com/docs/error-codes/amount-too-large",
    });
    expect((tooLarge.raw as { request_log_url: string }).request_log_url).toMatch(
      /^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_/,
    );
    await stripe.refunds.create({ charge: charge.id });
    const again = (await stripe.refunds
      .create({ charge: charge.id })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(again).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });
    const missing = (await stripe.charges.retrieve("ch_nope").catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      param: "id",
      message: "No such charge: 'ch_nope'",
    });
    const declined = (await stripe.paymentIntents
      .create({ amount: 1_000, currency: "usd", payment_method: "pm_card_chargeDeclined", confirm: true })
      .catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline" });
  });

  it("sends refund events after the API answer, and a failed refund gives the money back", async () => {
    const { fake, stripe, received } = await setup();
    await fake.pay((await checkout(stripe, "payment", 10_000)).id);
    const [charge] = [...fake.charges.values()];
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 4_000 });
    expect(ofType(received, "refund.created")).toHaveLength(0);
    await fake.settle();
    expect(objectOf<Stripe.Refund>(ofType(received, "refund.created")[0]).id).toBe(refund.id);
    expect(objectOf<Stripe.Charge>(ofType(received, "charge.refunded")[0])).toMatchObject({
      amount_refunded: 4_000,
      refunded: false,
    });
    const refundTxn = await stripe.balanceTransactions.retrieve(String(refund.balance_transaction));
    expect(refundTxn).toMatchObject({
      type: "refund",
      amount: -4_000,
      fee: 0,
      net: -4_000,
      reporting_category: "refund",
      source: refund.id,
    });

    await fake.failRefund(refund.id);
    const failed = objectOf<Stripe.Refund>(ofType(received, "refund.failed")[0]);
    expect(failed).toMatchObject({ status: "failed", failure_reason: "expired_or_canceled_card" });
    expect(ofType(received, "charge.refund.updated")).toHaveLength(1);
    const reversal = await stripe.balanceTransactions.retrieve(String(failed.failure_balance_transaction));
    expect(reversal).toMatchObject({ type: "refund_failure", amount: 4_000, reporting_category: "refund_failure" });
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(0);
  });

  it("moves money on a dispute only with funds_withdrawn and funds_reinstated; an inquiry moves none", async () => {
    const { fake, stripe, received } = await setup();
    await fake.pay((await checkout(stripe, "payment", 6_000)).id);
    await fake.pay((await checkout(stripe, "payment", 3_000)).id);
    const [a, b] = [...fake.charges.values()];
    const dispute = await fake.openDispute(a.id);
    const inquiry = await fake.openDispute(b.id, { inquiry: true });
    expect(received.filter((e) => e.type.startsWith("charge.dispute.")).map((e) => e.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.created",
    ]);
    expect(inquiry).toMatchObject({ status: "warning_needs_response", balance_transactions: [] });
    const withdrawn = objectOf<Stripe.Dispute>(ofType(received, "charge.dispute.funds_withdrawn")[0]);
    expect(withdrawn.balance_transactions).toEqual([
      expect.objectContaining({
        type: "adjustment",
        amount: -6_000,
        fee: 1_500,
        net: -7_500,
        reporting_category: "dispute",
      }),
    ]);
    await fake.updateDispute(dispute.id, "under_review");
    await fake.updateDispute(inquiry.id, "warning_under_review");
    await fake.closeDispute(dispute.id, "won");
    await fake.closeDispute(inquiry.id, "lost");
    expect(
      objectOf<Stripe.Dispute>(ofType(received, "charge.dispute.funds_reinstated")[0]).balance_transactions.map(
        (t) => t.amount,
      ),
    ).toEqual([-6_000, 6_000]);
    expect(ofType(received, "charge.dispute.closed").map((e) => objectOf<Stripe.Dispute>(e).status)).toEqual([
      "won",
      "warning_closed",
    ]);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe("won");
    const adjustments = await stripe.balanceTransactions.list({ type: "adjustment" });
    expect(adjustments.data.map((t) => t.amount)).toEqual([6_000, -6_000]);
  });

  it("bills an invoice with a failed payment and then a paid one, and a $0 invoice with none", async () => {
    const { fake, stripe, received } = await setup();
    await fake.pay((await checkout(stripe, "subscription", 2_000)).id);
    const [sub] = [...fake.subscriptions.values()];
    const { invoice, charge } = await fake.renew(sub.id, { failedAttempts: 1 });
    const payments = await stripe.invoicePayments.list({ invoice: invoice.id });
    expect(payments.data.map((p) => p.status)).toEqual(["canceled", "paid"]);
    const paidIntent = payments.data[1].payment.payment_intent;
    expect(fake.paymentIntents.get(String(paidIntent))!.latest_charge).toBe(charge!.id);
    const paidEvent = ofType(received, "invoice.paid").at(-1)!;
    expect(objectOf<Stripe.Invoice>(paidEvent).payments).toBeUndefined();
    expect(objectOf<Stripe.Invoice>(paidEvent).parent?.subscription_details?.subscription).toBe(sub.id);
    expect((await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] })).payments!.data).toHaveLength(2);
    expect(ofType(received, "invoice.payment_failed")).toHaveLength(1);

    const zero = await fake.renewAtZero(sub.id);
    expect(objectOf<Stripe.Invoice>(ofType(received, "invoice.paid").at(-1))).toMatchObject({
      id: zero.invoice.id,
      amount_paid: 0,
      amount_due: 0,
      status: "paid",
    });
    expect((await stripe.invoicePayments.list({ invoice: zero.invoice.id })).data).toEqual([]);
  });

  it("sends an endpoint on an API version before basil the old invoice shape", async () => {
    const { fake, stripe, received } = await setup({ apiVersion: "2024-06-20" });
    await fake.pay((await checkout(stripe, "subscription", 2_000)).id);
    const event = ofType(received, "invoice.paid")[0];
    expect(event.api_version).toBe("2024-06-20");
    const invoice = event.data.object as unknown as Record<string, unknown>;
    const [sub] = [...fake.subscriptions.values()];
    const [charge] = [...fake.charges.values()];
    expect(invoice).toMatchObject({
      subscription: sub.id,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      paid: true,
    });
    expect(invoice).not.toHaveProperty("parent");
    expect(invoice).not.toHaveProperty("payments");
    expect(ofType(received, "customer.subscription.created")[0].data.object).toHaveProperty("current_period_end");
    // The API itself answers in the version the SDK asks for.
    expect((await stripe.invoices.retrieve(invoice.id as string)).parent?.subscription_details?.subscription).toBe(
      sub.id,
    );
  });

  it("delivers in a random order, with duplicates and late events, the same way for the same seed", async () => {
    const order = async (seed: number) => {
      const { fake, stripe, received } = await setup({ delivery: "random", seed });
      for (let i = 0; i < 4; i++) await fake.pay((await checkout(stripe, "payment", 1_000 + i)).id);
      const created = fake.events.map((e) => e.event.id);
      expect(received).toHaveLength(0);
      await fake.flush();
      const firstRound = received.length;
      await fake.settle();
      expect(fake.seed).toBe(seed);
      expect(new Set(received.map((e) => e.id))).toEqual(new Set(created));
      return {
        sequence: received.map((e) => created.indexOf(e.id)),
        firstRound,
        total: received.length,
        unique: created.length,
      };
    };
    const a = await order(1234);
    const b = await order(1234);
    const c = await order(99);
    expect(a).toEqual(b);
    expect(a.sequence).not.toEqual(c.sequence);
    expect(a.sequence).not.toEqual([...a.sequence].sort((x, y) => x - y));
    expect(a.total).toBeGreaterThan(a.unique);
    expect(a.firstRound).toBeLessThan(a.total);
  });

  it("retries an event the app did not acknowledge, in every delivery mode, and gives up after maxAttempts", async () => {
    const answers = new Map<string, number>();
    let failFor = 2;
    const deliver = async (payload: string) => {
      const id = JSON.parse(payload).id as string;
      answers.set(id, (answers.get(id) ?? 0) + 1);
      return answers.get(id)! <= failFor ? 500 : 200;
    };
    const immediate = await setup({ deliver, retryDelayMs: 5 });
    await immediate.fake.pay((await checkout(immediate.stripe, "payment")).id);
    await immediate.fake.settle();
    expect(immediate.fake.events.every((e) => e.status === 200 && e.attempts.length === 3)).toBe(true);

    answers.clear();
    const random = await setup({ deliver, delivery: "random", seed: 7, random: { duplicateRate: 0, lateRate: 0 } });
    await random.fake.pay((await checkout(random.stripe, "payment")).id);
    await random.fake.settle();
    expect(random.fake.undelivered()).toEqual([]);

    failFor = 100;
    const hopeless = await setup({ deliver, delivery: "random", seed: 7, maxAttempts: 3 });
    await hopeless.fake.pay((await checkout(hopeless.stripe, "payment")).id);
    await hopeless.fake.settle();
    expect(hopeless.fake.events.every((e) => e.gaveUp && e.attempts.length === 3)).toBe(true);
  });

  it("lists balance transactions newest first, by created[gte], type and source, page by page", async () => {
    const { fake, stripe } = await setup();
    const t0 = fake.now();
    for (let i = 0; i < 5; i++) {
      await fake.pay((await checkout(stripe, "payment", 1_000 * (i + 1))).id);
      fake.advanceTime(60);
    }
    const charges = [...fake.charges.values()];
    await stripe.refunds.create({ charge: charges[4].id, amount: 500 });
    const all = [];
    for await (const t of stripe.balanceTransactions.list({ limit: 2, created: { gte: t0 } })) all.push(t);
    expect(all.map((t) => t.amount)).toEqual([-500, 5_000, 4_000, 3_000, 2_000, 1_000]);
    const page = await stripe.balanceTransactions.list({ limit: 2 });
    expect(page).toMatchObject({ object: "list", has_more: true, url: "/v1/balance_transactions" });
    const next = await stripe.balanceTransactions.list({ limit: 10, starting_after: page.data[1].id });
    expect(next.has_more).toBe(false);
    expect(next.data).toHaveLength(4);
    const recent = await stripe.balanceTransactions.list({ created: { gte: t0 + 180 } });
    expect(recent.data.map((t) => t.amount)).toEqual([-500, 5_000, 4_000]);
    expect((await stripe.balanceTransactions.list({ type: "refund" })).data).toHaveLength(1);
    expect((await stripe.balanceTransactions.list({ source: charges[0].id })).data.map((t) => t.amount)).toEqual([
      1_000,
    ]);
    await expect(stripe.balanceTransactions.list({ limit: 101 })).rejects.toMatchObject({
      code: "parameter_invalid_integer",
      param: "limit",
    });
  });
});
