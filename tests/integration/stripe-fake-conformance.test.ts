/**
 * Everything the Stripe fake produces is checked against Stripe's own definition of the pinned API
 * version, twice:
 * 1. at compile time (`tsc`): the builders in tests/fakes/stripe/objects.ts return the SDK's types,
 *    each event type carries the object the SDK declares for it, and error bodies are the SDK's
 *    StripeRawError; the assertions below fail the type check if any of that changes;
 * 2. at run time: every event and API object from a scenario that exercises every flow of the fake
 *    is checked against Stripe's OpenAPI schemas (required, nullable, enums, types), vendored as
 *    an excerpt in tests/fixtures/stripe-openapi-schemas.json (source in the file).
 * The SDK's enums end in `| OtherString`, so only the run-time check catches a made-up enum value.
 */
import Stripe from "stripe";
import {
  PINNED_API_VERSION,
  startFakeStripe,
  type EventObjectOf,
  type FakeEvent,
  type FakeStripe,
} from "../fakes/stripe-server";
import * as objects from "../fakes/stripe/objects";
import type { StripeErrorBody } from "../fakes/stripe/errors";
import { checkSchema, schemaSource, schemas } from "../support/openapi-check";

// ── 1. Type level (checked by `npx tsc`; expectTypeOf is a no-op at run time) ──
expectTypeOf(objects.chargeObject).returns.toEqualTypeOf<Stripe.Charge>();
expectTypeOf(objects.paymentIntentObject).returns.toEqualTypeOf<Stripe.PaymentIntent>();
expectTypeOf(objects.refundObject).returns.toEqualTypeOf<Stripe.Refund>();
expectTypeOf(objects.disputeObject).returns.toEqualTypeOf<Stripe.Dispute>();
expectTypeOf(objects.invoiceObject).returns.toEqualTypeOf<Stripe.Invoice>();
expectTypeOf(objects.invoicePaymentObject).returns.toEqualTypeOf<Stripe.InvoicePayment>();
expectTypeOf(objects.subscriptionObject).returns.toEqualTypeOf<Stripe.Subscription>();
expectTypeOf(objects.balanceTransactionObject).returns.toEqualTypeOf<Stripe.BalanceTransaction>();
expectTypeOf(objects.checkoutSessionObject).returns.toEqualTypeOf<Stripe.Checkout.Session>();
expectTypeOf(objects.customerObject).returns.toEqualTypeOf<Stripe.Customer>();
expectTypeOf(objects.priceObject).returns.toEqualTypeOf<Stripe.Price>();
expectTypeOf(objects.productObject).returns.toEqualTypeOf<Stripe.Product>();
expectTypeOf(objects.webhookEndpointObject).returns.toEqualTypeOf<Stripe.WebhookEndpoint>();
expectTypeOf(objects.portalConfigurationObject).returns.toEqualTypeOf<Stripe.BillingPortal.Configuration>();
expectTypeOf(objects.eventObject).returns.toEqualTypeOf<Stripe.Event>();
expectTypeOf<FakeEvent["event"]>().toMatchTypeOf<Stripe.Event>();
expectTypeOf<StripeErrorBody>().toMatchTypeOf<Stripe.StripeRawError>();
// The emitter is typed per event: these are what the SDK declares for the events the app handles.
expectTypeOf<EventObjectOf<"charge.succeeded">>().toEqualTypeOf<Stripe.Charge>();
expectTypeOf<EventObjectOf<"charge.refund.updated">>().toEqualTypeOf<Stripe.Refund>();
expectTypeOf<EventObjectOf<"charge.dispute.funds_withdrawn">>().toEqualTypeOf<Stripe.Dispute>();
expectTypeOf<EventObjectOf<"checkout.session.async_payment_succeeded">>().toEqualTypeOf<Stripe.Checkout.Session>();
expectTypeOf<EventObjectOf<"invoice.paid">>().toEqualTypeOf<Stripe.Invoice>();
expectTypeOf<EventObjectOf<"refund.failed">>().toEqualTypeOf<Stripe.Refund>();

// ── 2. Run time, against the OpenAPI schemas ──
/** Object types whose schema is in the excerpt; the others are covered by the type check only. */
const SCHEMA_OF: Record<string, string> = {
  balance_transaction: "balance_transaction",
  charge: "charge",
  "checkout.session": "checkout.session",
  dispute: "dispute",
  invoice: "invoice",
  invoice_payment: "invoice_payment",
  refund: "refund",
  subscription: "subscription",
};

let fake: FakeStripe;
let stripe: Stripe;
const apiObjects: Array<{ label: string; object: { object?: unknown } }> = [];

/** Drives every flow the fake offers, keeping what the API answered along the way. */
async function scenario() {
  const keep = (label: string, object: unknown) => apiObjects.push({ label, object: object as { object?: unknown } });
  const session = (mode: "payment" | "subscription", amount: number, methods: string[] = ["card"]) =>
    stripe.checkout.sessions.create({
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
      success_url: "https://example.org/thanks",
      metadata: { champions_donation_id: "1" },
      client_reference_id: "donation-1",
    });

  const card = await session("payment", 10_000);
  keep("checkout session (open)", card);
  await fake.pay(card.id);
  keep("checkout session (complete)", await stripe.checkout.sessions.retrieve(card.id));
  const [charge] = [...fake.charges.values()];
  keep(
    "charge + expanded balance transaction",
    await stripe.charges.retrieve(charge.id, { expand: ["balance_transaction"] }),
  );

  const bank = await session("payment", 5_000, ["us_bank_account"]);
  await fake.pay(bank.id, { method: "us_bank_account" });
  await fake.settleAsyncPayment(bank.id, "succeeded");
  const failing = await session("payment", 6_000, ["us_bank_account"]);
  await fake.pay(failing.id, { method: "us_bank_account" });
  await fake.settleAsyncPayment(failing.id, "failed");
  const declined = await session("payment", 7_000);
  await fake.decline(declined.id);
  const expiring = await session("payment", 8_000);
  await fake.expire(expiring.id);

  const monthly = await session("subscription", 2_500);
  await fake.pay(monthly.id);
  const [sub] = [...fake.subscriptions.values()];
  const renewal = await fake.renew(sub.id, { failedAttempts: 1 });
  await fake.renewAtZero(sub.id);
  keep("invoice + payments", await stripe.invoices.retrieve(renewal.invoice.id, { expand: ["payments"] }));
  for (const p of (await stripe.invoicePayments.list({ invoice: renewal.invoice.id })).data) keep("invoice payment", p);
  // Collection paused until a set time (the plan that reached the contribution limit): the next
  // cycle's invoice is voided, then collection resumes on its own.
  const resumesAt = fake.now() + 30 * 86_400;
  await stripe.subscriptions.update(sub.id, { pause_collection: { behavior: "void", resumes_at: resumesAt } });
  keep("paused subscription", await stripe.subscriptions.retrieve(sub.id));
  const voided = await fake.cycle(sub.id);
  expect(voided).toMatchObject({ charge: null, invoice: { status: "void" } });
  keep("voided invoice", await stripe.invoices.retrieve(voided.invoice.id as string));
  await expect(
    stripe.subscriptions.update(sub.id, {
      pause_collection: { behavior: "pause" as Stripe.SubscriptionUpdateParams.PauseCollection.Behavior },
    }),
  ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "pause_collection[behavior]" });
  fake.advanceTime(31 * 86_400);
  expect((await fake.cycle(sub.id)).charge).not.toBeNull();
  expect((await stripe.subscriptions.retrieve(sub.id)).pause_collection).toBeNull();
  await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
  keep("subscription", await stripe.subscriptions.retrieve(sub.id));
  await stripe.subscriptions.cancel(sub.id);

  const refund = await stripe.refunds.create({ charge: charge.id, amount: 2_000 });
  keep("refund", refund);
  await fake.failRefund(refund.id);
  keep("failed refund", await stripe.refunds.retrieve(refund.id));
  const bankCharge = [...fake.charges.values()].find(
    (c) => c.payment_method_details?.type === "us_bank_account" && c.status === "succeeded",
  )!;
  const pendingRefund = await stripe.refunds.create({ charge: bankCharge.id });
  await fake.settleRefund(pendingRefund.id);

  const disputed = await fake.openDispute(renewal.charge!.id);
  await fake.updateDispute(disputed.id, "under_review");
  await fake.closeDispute(disputed.id, "won");
  const lost = await fake.openDispute(bankCharge.id);
  await fake.closeDispute(lost.id, "lost");
  const inquiry = await fake.openDispute(
    [...fake.charges.values()].find((c) => c.amount === 2_500 && !c.disputed && c.status === "succeeded")!.id,
    { inquiry: true },
  );
  await fake.updateDispute(inquiry.id, "warning_under_review");
  await fake.closeDispute(inquiry.id, "won");
  keep("dispute", await stripe.disputes.retrieve(disputed.id));

  for await (const t of stripe.balanceTransactions.list({ limit: 5 })) keep("balance transaction", t);
  await fake.settle(); // refund events follow the API answer
}

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: "whsec_conformance" });
  const url = new URL(fake.url);
  stripe = new Stripe("sk_test_conformance", {
    host: url.hostname,
    port: url.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
  await scenario();
});
afterAll(() => fake.close());

describe("the Stripe fake against the pinned API version's definition", () => {
  it("names its source and stays small", () => {
    expect(schemaSource).toMatchObject({
      repository: "https://github.com/stripe/openapi",
      path: "openapi/spec3.json",
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(JSON.stringify(schemas).length).toBeLessThan(100_000);
  });

  it("catches what Stripe would never send (the check can fail)", () => {
    const [charge] = [...fake.charges.values()];
    expect(
      checkSchema({ ...charge, status: "done", paid: null, balance_transaction: 42, amount: undefined }, "charge"),
    ).toEqual([
      "charge.amount: undefined",
      "charge.balance_transaction: expected an id or an expanded object",
      "charge.paid: null but not nullable",
      'charge.status: "done" is not one of ["failed","pending","succeeded"]',
    ]);
    const { created: _created, ...noCreated } = charge;
    expect(checkSchema(noCreated, "charge")).toEqual(["charge.created: required but missing"]);
    expect(checkSchema({ ...[...fake.sessions.values()][0], ui_mode: "hosted" }, "checkout.session")).toEqual([
      'checkout.session.ui_mode: "hosted" is not one of ["elements","embedded_page","hosted_page"]',
    ]);
  });

  it("sends every event in the pinned version's envelope, with a conforming object", () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { event, payload } of fake.events) {
      expect(JSON.parse(payload)).toEqual(event);
      expect(event.api_version).toBe(PINNED_API_VERSION);
      expect(event.request).toEqual({
        id: expect.toBeOneOf([null, expect.stringMatching(/^req_/)]),
        idempotency_key: expect.toBeOneOf([null, expect.any(String)]),
      });
      problems.push(...checkSchema(event, "event", `${event.type} ${event.id}`));
      const object = event.data.object as { object: string };
      seen.add(`${event.type} → ${object.object}`);
      const schema = SCHEMA_OF[object.object];
      if (schema) problems.push(...checkSchema(object, schema, `${event.type}.data.object`));
    }
    expect(problems).toEqual([]);
    // Every event type the app subscribes to that the fake can produce was produced and checked.
    expect([...seen].sort()).toEqual([
      "charge.dispute.closed → dispute",
      "charge.dispute.created → dispute",
      "charge.dispute.funds_reinstated → dispute",
      "charge.dispute.funds_withdrawn → dispute",
      "charge.dispute.updated → dispute",
      "charge.failed → charge",
      "charge.pending → charge",
      "charge.refund.updated → refund",
      "charge.refunded → charge",
      "charge.succeeded → charge",
      "charge.updated → charge",
      "checkout.session.async_payment_failed → checkout.session",
      "checkout.session.async_payment_succeeded → checkout.session",
      "checkout.session.completed → checkout.session",
      "checkout.session.expired → checkout.session",
      "customer.subscription.created → subscription",
      "customer.subscription.deleted → subscription",
      "customer.subscription.updated → subscription",
      "invoice.paid → invoice",
      "invoice.payment_failed → invoice",
      "invoice.payment_succeeded → invoice",
      "invoice.voided → invoice",
      "payment_intent.payment_failed → payment_intent",
      "payment_intent.processing → payment_intent",
      "payment_intent.succeeded → payment_intent",
      "refund.created → refund",
      "refund.failed → refund",
      "refund.updated → refund",
    ]);
  });

  it("answers the API with conforming objects", () => {
    expect(apiObjects.length).toBeGreaterThan(10);
    const problems = apiObjects.flatMap(({ label, object }) => {
      const schema = SCHEMA_OF[String(object.object)];
      if (!schema) throw new Error(`${label}: no schema for ${String(object.object)}`);
      return checkSchema(object, schema, label);
    });
    expect(problems).toEqual([]);
  });

  it("keeps every stored object conforming, including balance transactions of every kind", () => {
    const all = [
      ...[...fake.balanceTransactions.values()].map((o) => ["balance_transaction", o] as const),
      ...[...fake.charges.values()].map((o) => ["charge", o] as const),
      ...[...fake.refunds.values()].map((o) => ["refund", o] as const),
      ...[...fake.disputes.values()].map((o) => ["dispute", o] as const),
      ...[...fake.invoices.values()].map((o) => ["invoice", o] as const),
      ...[...fake.subscriptions.values()].map((o) => ["subscription", o] as const),
      ...[...fake.sessions.values()].map((o) => ["checkout.session", o] as const),
    ];
    expect(all.flatMap(([schema, o]) => checkSchema(o, schema, `${schema} ${o.id}`))).toEqual([]);
    expect(new Set([...fake.balanceTransactions.values()].map((t) => `${t.type}/${t.reporting_category}`))).toEqual(
      new Set([
        "charge/charge",
        "payment/charge",
        "refund/refund",
        "refund_failure/refund_failure",
        "payment_refund/refund",
        "adjustment/dispute",
        "adjustment/dispute_reversal",
      ]),
    );
  });
});
