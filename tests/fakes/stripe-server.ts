/**
 * A stand-in for the Stripe API that behaves as Stripe documents it, good enough for the official
 * SDK: form-encoded requests, the objects of the pinned API version (built in ./stripe/objects.ts
 * and checked against the SDK's types and Stripe's OpenAPI schemas by
 * tests/integration/stripe-fake-conformance.test.ts), Stripe's error envelope, Idempotency-Key
 * replay, balance transactions, webhook endpoints and billing portal configurations, and a
 * hosted checkout page where a test "pays".
 *
 * What it does that a naive fake would not, because Stripe does:
 * - `charge.succeeded` carries `balance_transaction: null`; the fee arrives with `charge.updated`.
 * - bank debits complete the session `unpaid`, then `checkout.session.async_payment_succeeded`
 *   or `_failed` days later.
 * - refunds can fail after succeeding (`refund.failed`, a `refund_failure` balance transaction).
 * - disputes move money only with `funds_withdrawn`/`funds_reinstated`; inquiries never do.
 * - invoices can carry several payments (a failed one and the paid one), or cost $0.
 * - an endpoint on an API version before 2025-03-31.basil receives the old invoice shape.
 * - in `delivery: "random"` events arrive shuffled, duplicated and late, under a printed seed.
 */
import http from "node:http";
import crypto from "node:crypto";
import Stripe from "stripe";
import {
  PINNED_API_VERSION,
  applyPortalConfiguration,
  balanceTransactionObject,
  chargeObject,
  checkoutSessionObject,
  customerObject,
  disputeObject,
  eventObject,
  invoiceObject,
  invoicePaymentObject,
  newId,
  paymentIntentObject,
  portalConfigurationObject,
  priceObject,
  processingFee,
  productObject,
  refundObject,
  subscriptionItemObject,
  subscriptionObject,
  webhookEndpointObject,
  type PaymentMethodKind,
} from "./stripe/objects";
import { errorEnvelope, errors, StripeApiError } from "./stripe/errors";
import { seededRandom, shuffle, type DeliveryMode, type RandomDeliveryOptions } from "./stripe/delivery";
import { renderForVersion } from "./stripe/versions";

export { PINNED_API_VERSION } from "./stripe/objects";
export type { DeliveryMode } from "./stripe/delivery";

export interface FakeStripeOptions {
  port?: number;
  host?: string;
  /** where events are POSTed, e.g. http://localhost:3302/webhooks/stripe */
  webhookUrl?: string;
  webhookSecret: string;
  /** delivers an event instead of POSTing it (tests that call the route in-process); returns the status */
  deliver?: (payload: string, signature: string) => Promise<number>;
  /** API version of that endpoint (default: the SDK's pinned version); events are rendered in it */
  apiVersion?: string;
  /** event types that endpoint subscribes to (default: all) */
  enabledEvents?: readonly string[];
  /** default "immediate" */
  delivery?: DeliveryMode;
  /** seed of the random delivery order; printed and exposed as `fake.seed` (default: random) */
  seed?: number;
  random?: RandomDeliveryOptions;
  /** delivery attempts before the fake gives up on an event, as Stripe does after three days (default 8) */
  maxAttempts?: number;
  /** first retry delay in immediate mode, doubled each attempt (default 100 ms) */
  retryDelayMs?: number;
}

type Obj = Record<string, any>;

/** An event as the SDK types it, with `data.object` open to property reads in tests. */
export type FakeEventPayload = Stripe.Event & { data: { object: Obj; previous_attributes?: Obj } };

export interface FakeEvent {
  event: FakeEventPayload;
  /** the payload and signature as first sent to the configured endpoint */
  payload: string;
  signature: string;
  /** the app's answer to the latest attempt (null: none yet, or no answer) */
  status: number | null;
  attempts: Array<{ at: number; status: number | null }>;
  /** true once Stripe would stop retrying (maxAttempts reached without a 2xx) */
  gaveUp: boolean;
}

export interface FakeStripe {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Every event created, in creation order, with the app's answers. */
  events: FakeEvent[];
  requests: Array<{ method: string; path: string; body: Obj; idempotencyKey: string | null; status: number }>;
  // The fake's state, as Stripe holds it (loosely typed for tests that reach into it; the objects
  // themselves are built with the SDK's types).
  sessions: Map<string, Obj>;
  paymentIntents: Map<string, Obj>;
  charges: Map<string, Obj>;
  refunds: Map<string, Obj>;
  disputes: Map<string, Obj>;
  invoices: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  balanceTransactions: Map<string, Obj>;
  webhookEndpoints: Map<string, Stripe.WebhookEndpoint & { secret: string }>;
  portalConfigurations: Map<string, Stripe.BillingPortal.Configuration>;
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
  /** the seed of the random delivery order (also printed when the fake starts in random mode) */
  seed: number;
  webhookUrl: string | undefined;

  /** Completes a session as if the donor paid; returns the success URL. With a bank account the
   *  session completes `unpaid`; finish it with `settleAsyncPayment`. */
  pay(sessionId: string, options?: { method?: PaymentMethodKind }): Promise<string>;
  /** A bank debit clears or fails, days after the session completed. */
  settleAsyncPayment(sessionId: string, outcome: "succeeded" | "failed"): Promise<void>;
  /** The donor's card is declined on the checkout page (the session stays open). */
  decline(sessionId: string): Promise<Stripe.PaymentIntent>;
  expire(sessionId: string): Promise<void>;
  /** The next monthly invoice, paid; with `failedAttempts` its payments first fail that many times
   *  (each a canceled invoice payment with its own PaymentIntent) before one is paid. */
  renew(subscriptionId: string, options?: { failedAttempts?: number }): Promise<{ invoice: Obj; charge: Obj }>;
  /** The subscription's next billing cycle as Stripe runs it: while collection is paused the
   *  invoice is voided (or marked uncollectible) and nothing is charged; otherwise as `renew`. */
  cycle(subscriptionId: string): Promise<{ invoice: Obj; charge: Obj | null }>;
  /** A $0 monthly invoice (a full-period discount or credit): paid with no payment at all. */
  renewAtZero(subscriptionId: string): Promise<{ invoice: Obj }>;
  cancelSubscription(subscriptionId: string): Promise<Stripe.Subscription | null>;
  /** Refunds as staff would in the Dashboard (same rules and events as POST /v1/refunds). */
  refund(chargeId: string, amount?: number): Promise<Stripe.Refund>;
  /** A refund that had succeeded fails at the bank: the money comes back to the balance. */
  failRefund(refundId: string, reason?: string): Promise<Stripe.Refund>;
  /** A pending refund completes. */
  settleRefund(refundId: string): Promise<Stripe.Refund>;
  /** Opens a dispute (funds withdrawn) or, with `inquiry`, an inquiry (no money moves). */
  openDispute(chargeId: string, options?: { inquiry?: boolean; reason?: string }): Promise<Stripe.Dispute>;
  updateDispute(
    disputeId: string,
    status: "under_review" | "warning_under_review" | "needs_response",
  ): Promise<Stripe.Dispute>;
  /** Closes a dispute: won (funds reinstated) or lost; an inquiry closes as warning_closed. */
  closeDispute(disputeId: string, outcome: "won" | "lost"): Promise<Stripe.Dispute>;
  /** Earlier shortcut: "needs_response" opens a dispute on the charge, "won"/"lost" closes it. */
  dispute(chargeId: string, status?: "needs_response" | "won" | "lost"): Promise<Stripe.Dispute>;
  /** Builds a signed event without sending it, for tests that deliver by hand. */
  signedEvent(
    type: string,
    object: Obj,
    options?: { apiVersion?: string },
  ): { payload: string; signature: string; event: FakeEventPayload };
  /** Forgets every object and event: a new, empty Stripe account (endpoints and settings included). */
  reset(): void;
  /** Random mode: delivers one round of pending events (shuffled, some twice, some held back). */
  flush(): Promise<void>;
  /** Delivers until nothing is pending (late events included) and every retry has run. */
  settle(): Promise<void>;
  /** Events not yet acknowledged with a 2xx. */
  undelivered(): FakeEvent[];
  /** The fake's clock (Unix seconds); `setTime`/`advanceTime` move it for created/available_on. */
  now(): number;
  setTime(unixSeconds: number): void;
  advanceTime(seconds: number): void;
}

const PAUSE_BEHAVIORS = ["keep_as_draft", "mark_uncollectible", "void"];

/** Parses Stripe's bracketed form encoding (`line_items[0][price_data][unit_amount]=2500`). */
export function parseStripeForm(body: string): Obj {
  const out: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Obj = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(parts[i + 1]);
      if (last) {
        if (Array.isArray(node) && part === "") node.push(value);
        else node[part] = value;
      } else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

const asList = (v: unknown): string[] =>
  v === undefined || v === ""
    ? []
    : Array.isArray(v)
      ? v.map(String)
      : typeof v === "object" && v
        ? Object.values(v).map(String)
        : [String(v)];

function html(res: http.ServerResponse, body: string) {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head><body>${body}</body></html>`,
  );
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** The `data.object` the SDK declares for an event type, e.g. Stripe.Refund for charge.refund.updated. */
export type EventObjectOf<T extends Stripe.Event.Type> = Extract<Stripe.Event, { type: T }>["data"]["object"];

/** The payment methods the fake account has turned on in its Dashboard. */
const ACCOUNT_PAYMENT_METHODS = ["card", "us_bank_account"];

interface SessionExtras {
  lineItems: Obj[];
  paymentIntentData: Obj | undefined;
  subscriptionData: Obj | undefined;
}

interface RequestContext {
  id: string;
  idempotencyKey: string | null;
}

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const mode: DeliveryMode = options.delivery ?? "immediate";
  const seed = options.seed ?? crypto.randomInt(1, 2 ** 31);
  const random = seededRandom(seed);
  const duplicateRate = options.random?.duplicateRate ?? 0.25;
  const lateRate = options.random?.lateRate ?? 0.25;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const endpointVersion = options.apiVersion ?? PINNED_API_VERSION;
  if (mode === "random") console.info(`[fake stripe] random delivery, seed=${seed} (replay with { seed: ${seed} })`);

  let clockOffset = 0;
  const now = () => Math.floor(Date.now() / 1000) + clockOffset;

  const sessions = new Map<string, Stripe.Checkout.Session>();
  const sessionExtras = new Map<string, SessionExtras>();
  const customers = new Map<string, Stripe.Customer>();
  const intents = new Map<string, Stripe.PaymentIntent>();
  const charges = new Map<string, Stripe.Charge>();
  const refunds = new Map<string, Stripe.Refund>();
  const disputes = new Map<string, Stripe.Dispute>();
  const invoices = new Map<string, Stripe.Invoice>();
  const subscriptions = new Map<string, Stripe.Subscription>();
  const balanceTransactions = new Map<string, Stripe.BalanceTransaction>();
  /** Balance transactions newest first, rebuilt when the map changes (tests may add to it directly). */
  let btSorted: { size: number; list: Stripe.BalanceTransaction[]; index: Map<string, number> } | null = null;
  const webhookEndpoints = new Map<string, Stripe.WebhookEndpoint & { secret: string }>();
  const portalConfigurations = new Map<string, Stripe.BillingPortal.Configuration>();
  const portalSessions = new Map<string, Stripe.BillingPortal.Session>();
  const products = new Map<string, Stripe.Product>();
  const prices = new Map<string, Stripe.Price>();
  const idempotent = new Map<string, { method: string; path: string; params: string; status: number; body: string }>();
  const inFlightKeys = new Set<string>();
  const events: FakeEvent[] = [];
  const requests: FakeStripe["requests"] = [];
  let pending: FakeEvent[] = [];
  const retries = new Set<Promise<void>>();
  let base = "";

  // ───────────── events and their delivery ─────────────

  function sign(payload: string, secret = options.webhookSecret) {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) });
  }

  function render(object: Obj, apiVersion: string) {
    return renderForVersion(object, apiVersion, {
      invoicePayments: (invoiceId) => invoices.get(invoiceId)?.payments?.data ?? [],
      chargeOfPaymentIntent: (pi) => {
        const latest = intents.get(pi)?.latest_charge;
        return latest ? String(latest) : null;
      },
    });
  }

  function buildEvent(
    type: string,
    object: object,
    extra: { previous?: Obj; ctx?: RequestContext | null; apiVersion?: string } = {},
  ) {
    const apiVersion = extra.apiVersion ?? endpointVersion;
    const event = eventObject({
      id: newId("evt"),
      type,
      created: now(),
      apiVersion,
      object: render(structuredClone(object) as Obj, apiVersion),
      previousAttributes: extra.previous,
      request: extra.ctx ? { id: extra.ctx.id, idempotency_key: extra.ctx.idempotencyKey } : undefined,
    });
    const payload = JSON.stringify(event);
    return { event, payload, signature: sign(payload) };
  }

  function subscribed(type: string) {
    return !options.enabledEvents || options.enabledEvents.includes("*") || options.enabledEvents.includes(type);
  }

  async function attempt(entry: FakeEvent): Promise<number | null> {
    // Each attempt is signed anew, with the time of that attempt, as Stripe does.
    const signature = entry.attempts.length === 0 ? entry.signature : sign(entry.payload);
    let status: number | null = null;
    try {
      if (options.deliver) status = await options.deliver(entry.payload, signature);
      else {
        const res = await fetch(options.webhookUrl!, {
          method: "POST",
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "Stripe-Signature": signature,
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: entry.payload,
        });
        status = res.status;
        await res.text();
      }
    } catch {
      status = null;
    }
    entry.attempts.push({ at: now(), status });
    entry.status = status;
    return status;
  }

  const ok = (status: number | null) => status !== null && status >= 200 && status < 300;

  function retryInBackground(entry: FakeEvent, n: number) {
    if (n >= maxAttempts) {
      entry.gaveUp = true;
      return;
    }
    const job = (async () => {
      await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (n - 1)));
      if (!ok(await attempt(entry))) retryInBackground(entry, n + 1);
    })();
    retries.add(job);
    void job.finally(() => retries.delete(job));
  }

  /** Typed by the SDK: each event type must carry the object Stripe declares for it. */
  async function emit<T extends Stripe.Event.Type>(
    type: T,
    object: EventObjectOf<T>,
    extra: { previous?: Obj; ctx?: RequestContext | null } = {},
  ) {
    const { event, payload, signature } = buildEvent(type, object, extra);
    const entry: FakeEvent = {
      event: event as FakeEventPayload,
      payload,
      signature,
      status: null,
      attempts: [],
      gaveUp: false,
    };
    events.push(entry);
    const hasEndpoint = Boolean(options.webhookUrl || options.deliver);
    if (!hasEndpoint || !subscribed(type) || mode === "manual") return entry;
    if (mode === "random") {
      pending.push(entry);
      return entry;
    }
    if (!ok(await attempt(entry))) retryInBackground(entry, 1);
    return entry;
  }

  async function flushRound(final: boolean) {
    const round = pending;
    pending = [];
    const deliveries: FakeEvent[] = [];
    for (const entry of shuffle(round, random)) {
      if (!final && random() < lateRate) {
        pending.push(entry);
        continue;
      }
      deliveries.push(entry);
      if (random() < duplicateRate) deliveries.splice(Math.floor(random() * (deliveries.length + 1)), 0, entry);
    }
    for (const entry of deliveries) {
      if (entry.gaveUp) continue;
      const before = entry.attempts.some((a) => ok(a.status));
      const status = await attempt(entry);
      if (ok(status) || before) continue;
      if (entry.attempts.length >= maxAttempts) {
        entry.gaveUp = true;
        pending = pending.filter((e) => e !== entry);
      } else if (!pending.includes(entry)) pending.push(entry);
    }
  }

  async function flush() {
    await flushRound(false);
  }

  async function settle() {
    for (let round = 0; pending.length && round < maxAttempts * 4; round++) await flushRound(round >= maxAttempts);
    while (retries.size) await Promise.all([...retries]);
  }

  // ───────────── money movements ─────────────

  function addBalanceTransaction(bt: Stripe.BalanceTransaction) {
    balanceTransactions.set(bt.id, bt);
    btSorted = null;
    return bt;
  }

  function customerFor(email: string | null) {
    const customer = customerObject({ id: newId("cus"), email, created: now() });
    customers.set(customer.id, customer);
    return customer;
  }

  /** A PaymentIntent with its first charge attempt; `pending` for bank debits, which clear later. */
  function startPayment(p: {
    amount: number;
    customer: string | null;
    metadata: Record<string, string>;
    method: PaymentMethodKind;
    email: string | null;
    outcome: "succeeded" | "pending" | "failed";
  }) {
    const pi = paymentIntentObject({
      id: newId("pi"),
      amount: p.amount,
      created: now(),
      customer: p.customer,
      metadata: p.metadata,
      method: p.method,
    });
    const pm = newId("pm");
    pi.payment_method = pm;
    const charge = chargeObject({
      id: newId("ch"),
      amount: p.amount,
      created: now(),
      customer: p.customer,
      paymentIntent: pi.id,
      paymentMethod: pm,
      method: p.method,
      metadata: p.metadata,
      email: p.email,
      status: p.outcome,
    });
    pi.latest_charge = charge.id;
    if (p.outcome === "succeeded") {
      pi.status = "succeeded";
      pi.amount_received = p.amount;
    } else if (p.outcome === "pending") {
      pi.status = "processing";
    } else {
      pi.status = "requires_payment_method";
      pi.last_payment_error = {
        charge: charge.id,
        code: "card_declined",
        decline_code: "generic_decline",
        doc_url: "https://stripe.com/docs/error-codes/card-declined",
        message: "Your card was declined.",
        type: "card_error",
      };
    }
    intents.set(pi.id, pi);
    charges.set(charge.id, charge);
    return { pi, charge };
  }

  /** The charge's balance transaction appears after `charge.succeeded`; Stripe announces it with `charge.updated`. */
  async function attachBalanceTransaction(charge: Stripe.Charge) {
    const method: PaymentMethodKind =
      charge.payment_method_details?.type === "us_bank_account" ? "us_bank_account" : "card";
    const bt = addBalanceTransaction(
      balanceTransactionObject({
        id: newId("txn"),
        amount: charge.amount,
        fee: processingFee(charge.amount, method),
        created: now(),
        type: method === "card" ? "charge" : "payment",
        reportingCategory: "charge",
        source: charge.id,
        description: charge.description,
        availableAfterDays: method === "card" ? 2 : 4,
      }),
    );
    charge.balance_transaction = bt.id;
    await emit("charge.updated", charge, { previous: { balance_transaction: null } });
  }

  async function succeedCharge(pi: Stripe.PaymentIntent, charge: Stripe.Charge) {
    charge.status = "succeeded";
    charge.paid = true;
    charge.captured = true;
    charge.amount_captured = charge.amount;
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
    pi.processing = null;
  }

  // ───────────── checkout ─────────────

  function publicUrl(session: Stripe.Checkout.Session) {
    return (session.success_url ?? "").replace("{CHECKOUT_SESSION_ID}", session.id);
  }

  async function pay(sessionId: string, payOptions: { method?: PaymentMethodKind } = {}): Promise<string> {
    const session = sessions.get(sessionId);
    const extras = sessionExtras.get(sessionId);
    if (!session || !extras) throw new Error(`No such checkout session: ${sessionId}`);
    if (session.status !== "open") return publicUrl(session);
    const method = payOptions.method ?? "card";
    if (!session.payment_method_types.includes(method))
      throw new Error(`Session ${sessionId} does not allow ${method}`);
    const amount = session.amount_total ?? 0;
    const customer = customerFor(session.customer_email);
    const async = method === "us_bank_account";
    session.status = "complete";
    session.payment_status = async ? "unpaid" : "paid";
    session.customer = customer.id;
    session.customer_details = {
      address: null,
      business_name: null,
      email: session.customer_email,
      individual_name: null,
      name: null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    };
    const metadata =
      session.mode === "payment" ? ((extras.paymentIntentData?.metadata as Record<string, string>) ?? {}) : {};
    const { pi, charge } = startPayment({
      amount,
      customer: customer.id,
      metadata,
      method,
      email: session.customer_email,
      outcome: async ? "pending" : "succeeded",
    });
    if (session.mode === "payment") {
      session.payment_intent = pi.id;
      await emit("checkout.session.completed", session);
      await emit(async ? "charge.pending" : "charge.succeeded", charge);
      await emit(async ? "payment_intent.processing" : "payment_intent.succeeded", pi);
      if (!async) await attachBalanceTransaction(charge);
    } else {
      const subscription = newSubscription(
        customer.id,
        amount,
        (extras.subscriptionData?.metadata as Record<string, string>) ?? {},
      );
      const invoice = newInvoice(subscription, amount, "subscription_create", session.customer_email);
      const payment = addInvoicePayment(invoice, pi.id, async ? "open" : "paid");
      session.subscription = subscription.id;
      session.invoice = invoice.id;
      subscription.latest_invoice = invoice.id;
      if (!async) markInvoicePaid(invoice, payment);
      await emit("checkout.session.completed", session);
      await emit("customer.subscription.created", subscription);
      if (!async) {
        await emit("invoice.paid", withoutPayments(invoice));
        await emit("invoice.payment_succeeded", withoutPayments(invoice));
      }
      await emit(async ? "charge.pending" : "charge.succeeded", charge);
      await emit(async ? "payment_intent.processing" : "payment_intent.succeeded", pi);
      if (!async) await attachBalanceTransaction(charge);
    }
    return publicUrl(session);
  }

  async function settleAsyncPayment(sessionId: string, outcome: "succeeded" | "failed") {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No such checkout session: ${sessionId}`);
    const invoice = session.invoice ? invoices.get(String(session.invoice)) : undefined;
    const piId = session.payment_intent
      ? String(session.payment_intent)
      : invoice?.payments?.data[0]?.payment.payment_intent;
    const pi = piId ? intents.get(String(piId)) : undefined;
    if (!pi || pi.status !== "processing") throw new Error(`Session ${sessionId} has no payment in progress`);
    const charge = charges.get(String(pi.latest_charge))!;
    if (outcome === "succeeded") {
      await succeedCharge(pi, charge);
      session.payment_status = "paid";
      if (invoice) {
        const payment = invoice.payments!.data.find((p) => p.payment.payment_intent === pi.id)!;
        markInvoicePaid(invoice, payment);
        await emit("invoice.paid", withoutPayments(invoice));
        await emit("invoice.payment_succeeded", withoutPayments(invoice));
      }
      await emit("charge.succeeded", charge);
      await emit("payment_intent.succeeded", pi);
      await emit("checkout.session.async_payment_succeeded", session);
      await attachBalanceTransaction(charge);
    } else {
      charge.status = "failed";
      charge.failure_code = "insufficient_funds";
      charge.failure_message = "The customer's account has insufficient funds to cover this payment.";
      pi.status = "requires_payment_method";
      pi.processing = null;
      pi.last_payment_error = {
        code: "insufficient_funds",
        message: charge.failure_message,
        type: "invalid_request_error",
        charge: charge.id,
      } as Stripe.PaymentIntent.LastPaymentError;
      if (invoice) {
        const payment = invoice.payments!.data.find((p) => p.payment.payment_intent === pi.id)!;
        payment.status = "canceled";
        payment.status_transitions.canceled_at = now();
        invoice.attempted = true;
        invoice.attempt_count += 1;
        await emit("invoice.payment_failed", withoutPayments(invoice));
      }
      await emit("charge.failed", charge);
      await emit("payment_intent.payment_failed", pi);
      await emit("checkout.session.async_payment_failed", session);
    }
  }

  async function decline(sessionId: string) {
    const session = sessions.get(sessionId);
    const extras = sessionExtras.get(sessionId);
    if (!session || !extras) throw new Error(`No such checkout session: ${sessionId}`);
    const metadata =
      session.mode === "payment" ? ((extras.paymentIntentData?.metadata as Record<string, string>) ?? {}) : {};
    const { pi, charge } = startPayment({
      amount: session.amount_total ?? 0,
      customer: null,
      metadata,
      method: "card",
      email: session.customer_email,
      outcome: "failed",
    });
    if (session.mode === "payment") session.payment_intent = pi.id;
    await emit("charge.failed", charge);
    await emit("payment_intent.payment_failed", pi);
    return pi;
  }

  async function expire(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No such checkout session: ${sessionId}`);
    session.status = "expired";
    session.url = null;
    await emit("checkout.session.expired", session);
  }

  // ───────────── subscriptions and invoices ─────────────

  function newSubscription(customer: string, amount: number, metadata: Record<string, string>) {
    const id = newId("sub");
    const created = now();
    const price = priceObject({ id: newId("price"), amount, created, product: newId("prod") });
    const item = subscriptionItemObject({
      id: newId("si"),
      subscription: id,
      price,
      created,
      periodStart: created,
      periodEnd: created + 30 * 86_400,
    });
    const subscription = subscriptionObject({ id, customer, created, metadata, item });
    subscriptions.set(id, subscription);
    return subscription;
  }

  function newInvoice(
    subscription: Stripe.Subscription,
    amount: number,
    billingReason: "subscription_create" | "subscription_cycle",
    email: string | null,
  ) {
    const invoice = invoiceObject({
      id: newId("in"),
      customer: String(subscription.customer),
      email,
      subscription,
      amount,
      created: now(),
      billingReason,
      payments: [],
    });
    invoices.set(invoice.id, invoice);
    return invoice;
  }

  function addInvoicePayment(invoice: Stripe.Invoice, paymentIntent: string, status: "paid" | "open" | "canceled") {
    for (const p of invoice.payments!.data) p.is_default = false;
    const payment = invoicePaymentObject({
      id: newId("inpay"),
      invoice: invoice.id,
      amount: invoice.amount_due,
      created: now(),
      paymentIntent,
      status,
      isDefault: true,
    });
    invoice.payments!.data.push(payment);
    return payment;
  }

  function markInvoicePaid(invoice: Stripe.Invoice, payment: Stripe.InvoicePayment | null) {
    if (payment) {
      payment.status = "paid";
      payment.amount_paid = payment.amount_requested;
      payment.status_transitions.paid_at = now();
    }
    invoice.status = "paid";
    invoice.attempted = true;
    invoice.attempt_count += payment ? 1 : 0;
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.status_transitions.paid_at = now();
  }

  /** Webhooks leave out the includable `payments` list; GET /v1/invoices/:id?expand[]=payments serves it. */
  function withoutPayments(invoice: Stripe.Invoice) {
    const { payments: _payments, ...rest } = invoice;
    return rest;
  }

  function nextInvoice(subscriptionId: string, amount?: number) {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`No such subscription: ${subscriptionId}`);
    const customer = customers.get(String(sub.customer));
    const invoice = newInvoice(
      sub,
      amount ?? (sub.items.data[0].price.unit_amount as number),
      "subscription_cycle",
      customer?.email ?? null,
    );
    sub.latest_invoice = invoice.id;
    const item = sub.items.data[0];
    item.current_period_start = now();
    item.current_period_end = now() + 30 * 86_400;
    return { sub, customer, invoice };
  }

  async function renewAtZero(subscriptionId: string) {
    const { invoice } = nextInvoice(subscriptionId, 0);
    // A $0 invoice is paid without any payment: no PaymentIntent, no charge, no balance transaction.
    markInvoicePaid(invoice, null);
    await emit("invoice.paid", withoutPayments(invoice));
    await emit("invoice.payment_succeeded", withoutPayments(invoice));
    return { invoice };
  }

  /**
   * Collection paused: once `resumes_at` has passed Stripe clears the pause (and says so with
   * customer.subscription.updated); until then each renewal's invoice is created and, with
   * behavior `void`, voided at once; no payment is attempted.
   */
  async function pausedRenewal(subscriptionId: string) {
    const sub = subscriptions.get(subscriptionId);
    const pause = sub?.pause_collection;
    if (!sub || !pause) return null;
    if (pause.resumes_at != null && pause.resumes_at <= now()) {
      sub.pause_collection = null;
      await emit("customer.subscription.updated", sub, { previous: { pause_collection: pause } });
      return null;
    }
    const { invoice } = nextInvoice(subscriptionId);
    if (pause.behavior === "void") {
      invoice.status = "void";
      invoice.status_transitions.voided_at = now();
      await emit("invoice.voided", withoutPayments(invoice));
    } else if (pause.behavior === "mark_uncollectible") {
      invoice.status = "uncollectible";
      invoice.status_transitions.marked_uncollectible_at = now();
      await emit("invoice.marked_uncollectible", withoutPayments(invoice));
    }
    return { invoice, charge: null };
  }

  async function cycle(subscriptionId: string) {
    return (await pausedRenewal(subscriptionId)) ?? renew(subscriptionId);
  }

  async function renew(subscriptionId: string, renewOptions: { failedAttempts?: number } = {}) {
    const pause = subscriptions.get(subscriptionId)?.pause_collection;
    if (pause && (pause.resumes_at == null || pause.resumes_at > now()))
      throw new Error(`Collection is paused on ${subscriptionId}: Stripe would not charge it (use cycle)`);
    const { sub, customer, invoice } = nextInvoice(subscriptionId);
    const amount = invoice.amount_due;
    const outcomes: Array<"failed" | "paid"> = [
      ...Array<"failed">(renewOptions.failedAttempts ?? 0).fill("failed"),
      "paid",
    ];
    let paidCharge: Stripe.Charge | null = null;
    for (const outcome of outcomes) {
      const { pi, charge } = startPayment({
        amount,
        customer: String(sub.customer),
        metadata: {},
        method: "card",
        email: customer?.email ?? null,
        outcome: outcome === "paid" ? "succeeded" : "failed",
      });
      const payment = addInvoicePayment(invoice, pi.id, outcome === "paid" ? "paid" : "canceled");
      if (outcome === "failed") {
        pi.status = "canceled";
        pi.canceled_at = now();
        pi.cancellation_reason = "automatic";
        invoice.attempted = true;
        invoice.attempt_count += 1;
        await emit("charge.failed", charge);
        await emit("payment_intent.payment_failed", pi);
        await emit("invoice.payment_failed", withoutPayments(invoice));
        continue;
      }
      markInvoicePaid(invoice, payment);
      await emit("invoice.paid", withoutPayments(invoice));
      await emit("invoice.payment_succeeded", withoutPayments(invoice));
      await emit("charge.succeeded", charge);
      await emit("payment_intent.succeeded", pi);
      await attachBalanceTransaction(charge);
      paidCharge = charge;
      break;
    }
    return { invoice, charge: paidCharge! };
  }

  async function cancelSubscription(id: string, ctx: RequestContext | null = null) {
    const sub = subscriptions.get(id);
    if (!sub) return null;
    if (sub.status !== "canceled") {
      sub.status = "canceled";
      sub.canceled_at = now();
      sub.ended_at = now();
      sub.cancellation_details = {
        comment: null,
        feedback: null,
        feedback_option: null,
        reason: "cancellation_requested",
      };
      await emit("customer.subscription.deleted", sub, { ctx });
    }
    return sub;
  }

  // ───────────── refunds ─────────────

  function chargeFor(body: Obj) {
    if (body.charge) {
      const charge = charges.get(String(body.charge));
      if (!charge) throw errors.resourceMissing("charge", String(body.charge), "charge");
      return charge;
    }
    if (body.payment_intent) {
      const pi = intents.get(String(body.payment_intent));
      if (!pi?.latest_charge)
        throw errors.resourceMissing("payment_intent", String(body.payment_intent), "payment_intent");
      return charges.get(String(pi.latest_charge))!;
    }
    throw errors.parameterMissing("charge");
  }

  /** Money still refundable: failed and canceled refunds gave theirs back. */
  const refundable = (charge: Stripe.Charge) => charge.amount - charge.amount_refunded;

  async function createRefund(body: Obj, ctx: RequestContext | null) {
    const charge = chargeFor(body);
    if (
      charge.disputed &&
      [...disputes.values()].some(
        (d) => d.charge === charge.id && !d.status.startsWith("warning_") && d.status !== "won",
      )
    ) {
      throw errors.chargeDisputed(charge.id);
    }
    const remaining = refundable(charge);
    if (remaining <= 0) throw errors.chargeAlreadyRefunded(charge.id);
    let amount = remaining;
    if (body.amount !== undefined) {
      amount = Number(body.amount);
      if (!Number.isInteger(amount) || amount <= 0) throw errors.invalidInteger("amount", body.amount);
      if (amount > remaining) throw errors.refundTooLarge(amount, remaining);
    }
    const refund = refundObject({
      id: newId("re"),
      amount,
      created: now(),
      charge,
      metadata: body.metadata ?? {},
      reason: body.reason ?? null,
      status: "succeeded",
    });
    const method = charge.payment_method_details?.type === "us_bank_account" ? "us_bank_account" : "card";
    if (method === "us_bank_account") refund.status = "pending";
    const bt = addBalanceTransaction(
      balanceTransactionObject({
        id: newId("txn"),
        amount: -amount,
        fee: 0,
        created: now(),
        type: method === "card" ? "refund" : "payment_refund",
        reportingCategory: "refund",
        source: refund.id,
        description: "REFUND FOR CHARGE",
      }),
    );
    refund.balance_transaction = bt.id;
    refunds.set(refund.id, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    // Like Stripe, the webhooks follow the API answer rather than precede it (settle() waits for them).
    const snapshot = { refund: structuredClone(refund), charge: structuredClone(charge) };
    const job = (async () => {
      await new Promise((r) => setTimeout(r, 30));
      await emit("refund.created", snapshot.refund, { ctx });
      await emit("charge.refunded", snapshot.charge, { ctx, previous });
    })();
    retries.add(job);
    void job.finally(() => retries.delete(job));
    return refund;
  }

  async function failRefund(refundId: string, reason = "expired_or_canceled_card") {
    const refund = refunds.get(refundId);
    if (!refund) throw new Error(`No such refund: ${refundId}`);
    if (refund.status === "failed") return refund;
    const charge = charges.get(String(refund.charge))!;
    const previous = { status: refund.status };
    refund.status = "failed";
    refund.failure_reason = reason;
    const bt = addBalanceTransaction(
      balanceTransactionObject({
        id: newId("txn"),
        amount: refund.amount,
        fee: 0,
        created: now(),
        type: "refund_failure",
        reportingCategory: "refund_failure",
        source: refund.id,
        description: "REFUND FAILURE",
      }),
    );
    refund.failure_balance_transaction = bt.id;
    charge.amount_refunded -= refund.amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    await emit("refund.updated", refund, { previous });
    await emit("charge.refund.updated", refund, { previous });
    await emit("refund.failed", refund, { previous });
    return refund;
  }

  async function settleRefund(refundId: string) {
    const refund = refunds.get(refundId);
    if (!refund) throw new Error(`No such refund: ${refundId}`);
    if (refund.status !== "pending") return refund;
    refund.status = "succeeded";
    await emit("refund.updated", refund, { previous: { status: "pending" } });
    await emit("charge.refund.updated", refund, { previous: { status: "pending" } });
    return refund;
  }

  // ───────────── disputes ─────────────

  const DISPUTE_FEE = 1500;

  async function openDispute(chargeId: string, disputeOptions: { inquiry?: boolean; reason?: string } = {}) {
    const charge = charges.get(chargeId);
    if (!charge) throw new Error(`No such charge: ${chargeId}`);
    const inquiry = disputeOptions.inquiry ?? false;
    const dispute = disputeObject({
      id: newId("dp"),
      charge,
      created: now(),
      status: inquiry ? "warning_needs_response" : "needs_response",
      reason: disputeOptions.reason ?? (inquiry ? "general" : "fraudulent"),
    });
    disputes.set(dispute.id, dispute);
    // For tests that look a charge's dispute up: not enumerable, so never part of a payload
    // (Stripe's charge has no such field).
    Object.defineProperty(charge, "dispute_id", {
      value: dispute.id,
      enumerable: false,
      writable: true,
      configurable: true,
    });
    await emit("charge.dispute.created", dispute);
    if (!inquiry) {
      // A chargeback takes the disputed amount plus the dispute fee; an inquiry moves nothing.
      charge.disputed = true;
      const bt = addBalanceTransaction(
        balanceTransactionObject({
          id: newId("txn"),
          amount: -dispute.amount,
          fee: DISPUTE_FEE,
          created: now(),
          type: "adjustment",
          reportingCategory: "dispute",
          source: dispute.id,
          description: `Chargeback withdrawal for ${charge.id}`,
        }),
      );
      dispute.balance_transactions.push(bt);
      await emit("charge.dispute.funds_withdrawn", dispute);
    }
    return dispute;
  }

  async function updateDispute(disputeId: string, status: "under_review" | "warning_under_review" | "needs_response") {
    const dispute = disputes.get(disputeId);
    if (!dispute) throw new Error(`No such dispute: ${disputeId}`);
    const previous = { status: dispute.status };
    dispute.status = status;
    if (status.endsWith("under_review")) {
      dispute.evidence_details.has_evidence = true;
      dispute.evidence_details.submission_count += 1;
      dispute.evidence_details.submission_method = "manual";
    }
    await emit("charge.dispute.updated", dispute, { previous });
    return dispute;
  }

  async function closeDispute(disputeId: string, outcome: "won" | "lost") {
    const dispute = disputes.get(disputeId);
    if (!dispute) throw new Error(`No such dispute: ${disputeId}`);
    const previous = { status: dispute.status };
    if (dispute.status.startsWith("warning_")) {
      dispute.status = "warning_closed";
      await emit("charge.dispute.closed", dispute, { previous });
      return dispute;
    }
    dispute.status = outcome;
    if (outcome === "won") {
      const bt = addBalanceTransaction(
        balanceTransactionObject({
          id: newId("txn"),
          amount: dispute.amount,
          fee: 0,
          created: now(),
          type: "adjustment",
          reportingCategory: "dispute_reversal",
          source: dispute.id,
          description: `Chargeback reversal for ${String(dispute.charge)}`,
        }),
      );
      dispute.balance_transactions.push(bt);
      await emit("charge.dispute.funds_reinstated", dispute);
    }
    await emit("charge.dispute.closed", dispute, { previous });
    return dispute;
  }

  async function legacyDispute(chargeId: string, status: "needs_response" | "won" | "lost" = "needs_response") {
    const open = [...disputes.values()].find(
      (d) => d.charge === chargeId && !["won", "lost", "warning_closed"].includes(d.status),
    );
    if (status === "needs_response") return open ?? openDispute(chargeId);
    return closeDispute((open ?? (await openDispute(chargeId))).id, status);
  }

  // ───────────── the HTTP API ─────────────

  function expandList(body: Obj) {
    return asList(body.expand);
  }

  function chargeView(charge: Stripe.Charge, expand: string[]) {
    const out: Obj = structuredClone(charge);
    if (expand.includes("balance_transaction") && charge.balance_transaction)
      out.balance_transaction = btView(balanceTransactions.get(String(charge.balance_transaction))!);
    if (expand.includes("payment_intent") && charge.payment_intent)
      out.payment_intent = intents.get(String(charge.payment_intent)) ?? charge.payment_intent;
    return out;
  }

  function btView(bt: Stripe.BalanceTransaction): Stripe.BalanceTransaction {
    return { ...bt, status: bt.available_on <= now() ? "available" : "pending" };
  }

  function listOf<T extends { id: string }>(url: string, all: T[], body: Obj) {
    const limit = body.limit === undefined ? 10 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw errors.invalidInteger("limit", body.limit);
    let items = all;
    if (body.starting_after) {
      const i = items.findIndex((x) => x.id === body.starting_after);
      if (i < 0) throw errors.resourceMissing("object", String(body.starting_after), "starting_after");
      items = items.slice(i + 1);
    } else if (body.ending_before) {
      const i = items.findIndex((x) => x.id === body.ending_before);
      if (i < 0) throw errors.resourceMissing("object", String(body.ending_before), "ending_before");
      items = items.slice(Math.max(0, i - limit), i);
      return { object: "list" as const, data: items, has_more: i - limit > 0, url };
    }
    return { object: "list" as const, data: items.slice(0, limit), has_more: items.length > limit, url };
  }

  /** GET /v1/balance_transactions, paged from a cursor without copying the whole list, so that a
   *  reconciliation can page through 100k of them. */
  function listBalanceTransactions(body: Obj) {
    const limit = body.limit === undefined ? 10 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw errors.invalidInteger("limit", body.limit);
    if (!btSorted || btSorted.size !== balanceTransactions.size) {
      const list = newestFirst([...balanceTransactions.values()]);
      btSorted = { size: balanceTransactions.size, list, index: new Map(list.map((t, i) => [t.id, i])) };
    }
    const { list, index } = btSorted;
    const inRange = createdFilter(body.created);
    const matches = (t: Stripe.BalanceTransaction) =>
      inRange(t.created) &&
      (!body.type || t.type === body.type) &&
      (!body.source || t.source === body.source) &&
      (!body.currency || t.currency === body.currency);
    const cursor = (param: "starting_after" | "ending_before") => {
      const i = index.get(String(body[param]));
      if (i === undefined) throw errors.resourceMissing("balance transaction", String(body[param]), param);
      return i;
    };
    const data: Stripe.BalanceTransaction[] = [];
    let hasMore = false;
    if (body.ending_before) {
      for (let i = cursor("ending_before") - 1; i >= 0; i--) {
        if (!matches(list[i])) continue;
        if (data.length === limit) {
          hasMore = true;
          break;
        }
        data.unshift(list[i]);
      }
    } else {
      for (let i = body.starting_after ? cursor("starting_after") + 1 : 0; i < list.length; i++) {
        if (!matches(list[i])) continue;
        if (data.length === limit) {
          hasMore = true;
          break;
        }
        data.push(list[i]);
      }
    }
    return { object: "list" as const, data: data.map(btView), has_more: hasMore, url: "/v1/balance_transactions" };
  }

  function createdFilter(created: unknown): (t: number) => boolean {
    if (created === undefined) return () => true;
    if (typeof created === "string") return (t) => t === Number(created);
    const c = created as Obj;
    return (t) =>
      (c.gte === undefined || t >= Number(c.gte)) &&
      (c.gt === undefined || t > Number(c.gt)) &&
      (c.lte === undefined || t <= Number(c.lte)) &&
      (c.lt === undefined || t < Number(c.lt));
  }

  /** Newest first, as every Stripe list is. */
  const newestFirst = <T extends { created: number }>(items: T[]) =>
    items
      .map((x, i) => [x, i] as const)
      .sort((a, b) => b[0].created - a[0].created || b[1] - a[1])
      .map(([x]) => x);

  function required(body: Obj, param: string) {
    if (body[param] === undefined || body[param] === "") throw errors.parameterMissing(param);
    return body[param];
  }

  /** Since 2024-09-30.acacia `products` and `default_allowed_updates` may be left out only when
   *  subscription updates are disabled. */
  function checkSubscriptionUpdate(body: Obj) {
    const update = body.features?.subscription_update;
    if (!update || update.enabled !== "true") return;
    for (const param of ["default_allowed_updates", "products"]) {
      if (update[param] === undefined || update[param] === "")
        throw errors.parameterMissing(`features[subscription_update][${param}]`);
    }
    for (const product of Object.values(update.products as Record<string, any>)) {
      if (!products.has(String(product.product)))
        throw errors.resourceMissing(
          "product",
          String(product.product),
          "features[subscription_update][products][0][product]",
        );
      for (const price of asList(product.prices))
        if (!prices.has(price))
          throw errors.resourceMissing("price", price, "features[subscription_update][products][0][prices]");
    }
  }

  async function api(method: string, path: string, body: Obj, ctx: RequestContext): Promise<unknown> {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const item = body.line_items?.[0];
      const unit = Number(item?.price_data?.unit_amount);
      if (!item) throw errors.parameterMissing("line_items");
      if (!Number.isInteger(unit) || unit < 0)
        throw errors.invalidInteger("line_items[0][price_data][unit_amount]", item?.price_data?.unit_amount);
      if (!["payment", "subscription", "setup"].includes(body.mode))
        throw errors.invalidParam("mode", `Invalid mode: must be one of payment, setup, or subscription`);
      required(body, "success_url");
      const id = `cs_test_${crypto.randomBytes(24).toString("hex")}`;
      const amount = unit * Number(item.quantity ?? 1);
      // Since dynamic payment methods, a session offers what the account has enabled (here cards
      // and US bank accounts), narrowed by `allowed_payment_method_types` and
      // `excluded_payment_method_types`; `payment_method_types` is the older explicit list.
      const allowed = body.allowed_payment_method_types ? asList(body.allowed_payment_method_types) : null;
      const excluded = asList(body.excluded_payment_method_types);
      const offered = (body.payment_method_types ? asList(body.payment_method_types) : ACCOUNT_PAYMENT_METHODS).filter(
        (t) => (!allowed || allowed.includes(t)) && !excluded.includes(t),
      );
      if (!offered.length)
        throw errors.invalidParam(
          "allowed_payment_method_types",
          "None of the allowed payment method types is enabled for this account and currency.",
        );
      const session = checkoutSessionObject({
        id,
        url: `${base}/checkout/${id}`,
        created: now(),
        mode: body.mode,
        amount,
        body: { ...body, allowed_payment_method_types: allowed, payment_method_types: offered },
      });
      sessions.set(id, session);
      sessionExtras.set(id, {
        lineItems: body.line_items,
        paymentIntentData: body.payment_intent_data,
        subscriptionData: body.subscription_data,
      });
      return session;
    }
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      const s = sessions.get(m[1]);
      if (!s) throw errors.resourceMissing("checkout.session", m[1]);
      return s;
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const sub = subscriptions.get(m[1]);
      if (!sub) throw errors.resourceMissing("subscription", m[1]);
      if (method === "GET") return sub;
      if (method === "DELETE") return cancelSubscription(sub.id, ctx);
      if (method === "POST") {
        const previous: Obj = {};
        if (body.metadata) {
          previous.metadata = { ...sub.metadata };
          sub.metadata = { ...sub.metadata, ...body.metadata };
        }
        if (body.pause_collection !== undefined) {
          // An empty string unpauses; otherwise `behavior` is required and one of Stripe's three
          // (https://docs.stripe.com/api/subscriptions/update#update_subscription-pause_collection).
          // The subscription's status does not change (https://docs.stripe.com/billing/subscriptions/pause-payment).
          previous.pause_collection = sub.pause_collection;
          if (body.pause_collection === "") sub.pause_collection = null;
          else {
            const p = body.pause_collection as Obj;
            if (!p.behavior) throw errors.parameterMissing("pause_collection[behavior]");
            if (!PAUSE_BEHAVIORS.includes(String(p.behavior)))
              throw errors.invalidEnum("pause_collection[behavior]", PAUSE_BEHAVIORS);
            sub.pause_collection = {
              behavior: p.behavior as Stripe.Subscription.PauseCollection.Behavior,
              resumes_at: p.resumes_at ? Number(p.resumes_at) : null,
            };
          }
        }
        if (body.cancel_at_period_end !== undefined) {
          previous.cancel_at_period_end = sub.cancel_at_period_end;
          sub.cancel_at_period_end = body.cancel_at_period_end === "true";
          sub.cancel_at = sub.cancel_at_period_end ? sub.items.data[0].current_period_end : null;
        }
        await emit("customer.subscription.updated", sub, { ctx, previous });
        return sub;
      }
    }
    if (method === "POST" && path === "/v1/refunds") return createRefund(body, ctx);
    if (method === "GET" && path === "/v1/refunds") {
      const all = newestFirst([...refunds.values()])
        .filter((r) => !body.charge || r.charge === body.charge)
        .filter((r) => !body.payment_intent || r.payment_intent === body.payment_intent);
      return listOf("/v1/refunds", all, body);
    }
    if (method === "GET" && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const r = refunds.get(m[1]);
      if (!r) throw errors.resourceMissing("refund", m[1]);
      return r;
    }
    if (method === "GET" && (m = /^\/v1\/charges\/([^/]+)$/.exec(path))) {
      const c = charges.get(m[1]);
      if (!c) throw errors.resourceMissing("charge", m[1]);
      return chargeView(c, expandList(body));
    }
    if (method === "GET" && path === "/v1/charges") {
      const all = newestFirst([...charges.values()]).filter(
        (c) => !body.payment_intent || c.payment_intent === body.payment_intent,
      );
      const list = listOf("/v1/charges", all, body);
      return {
        ...list,
        data: list.data.map((c) =>
          chargeView(
            c,
            expandList(body).map((e) => e.replace(/^data\./, "")),
          ),
        ),
      };
    }
    if (method === "GET" && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const pi = intents.get(m[1]);
      if (!pi) throw errors.resourceMissing("payment_intent", m[1]);
      const out: Obj = structuredClone(pi);
      const expand = expandList(body);
      if (expand.some((e) => e.startsWith("latest_charge")) && pi.latest_charge) {
        out.latest_charge = chargeView(
          charges.get(String(pi.latest_charge))!,
          expand.filter((e) => e.startsWith("latest_charge.")).map((e) => e.slice("latest_charge.".length)),
        );
      }
      return out;
    }
    if (method === "POST" && path === "/v1/payment_intents") {
      const amount = Number(required(body, "amount"));
      if (!Number.isInteger(amount) || amount <= 0) throw errors.invalidInteger("amount", body.amount);
      required(body, "currency");
      const declined = /chargeDeclined/i.test(String(body.payment_method ?? ""));
      const confirm = body.confirm === "true";
      if (!confirm) {
        const pi = paymentIntentObject({
          id: newId("pi"),
          amount,
          created: now(),
          customer: body.customer ?? null,
          metadata: body.metadata ?? {},
          method: "card",
        });
        intents.set(pi.id, pi);
        return pi;
      }
      const { pi, charge } = startPayment({
        amount,
        customer: body.customer ?? null,
        metadata: body.metadata ?? {},
        method: "card",
        email: null,
        outcome: declined ? "failed" : "succeeded",
      });
      if (declined) {
        await emit("charge.failed", charge, { ctx });
        await emit("payment_intent.payment_failed", pi, { ctx });
        throw errors.cardDeclined(charge.id, structuredClone(pi));
      }
      await emit("charge.succeeded", charge, { ctx });
      await emit("payment_intent.succeeded", pi, { ctx });
      await attachBalanceTransaction(charge);
      return pi;
    }
    if (method === "GET" && (m = /^\/v1\/invoices\/([^/]+)$/.exec(path))) {
      const inv = invoices.get(m[1]);
      if (!inv) throw errors.resourceMissing("invoice", m[1]);
      return expandList(body).includes("payments") ? inv : withoutPayments(inv);
    }
    if (method === "GET" && path === "/v1/invoice_payments") {
      const invoice = body.invoice ? invoices.get(String(body.invoice)) : undefined;
      const all = invoice ? invoice.payments!.data : [...invoices.values()].flatMap((i) => i.payments!.data);
      const byIntent = body.payment?.payment_intent;
      return listOf(
        `/v1/invoice_payments`,
        all.filter(
          (p) => (!body.status || p.status === body.status) && (!byIntent || p.payment.payment_intent === byIntent),
        ),
        body,
      );
    }
    if (method === "GET" && (m = /^\/v1\/balance_transactions\/([^/]+)$/.exec(path))) {
      const t = balanceTransactions.get(m[1]);
      if (!t) throw errors.resourceMissing("balance transaction", m[1]);
      return btView(t);
    }
    if (method === "GET" && path === "/v1/balance_transactions") {
      const list = listBalanceTransactions(body);
      if (expandList(body).includes("data.source")) {
        return {
          ...list,
          data: list.data.map((t) => ({
            ...t,
            source:
              charges.get(String(t.source)) ??
              refunds.get(String(t.source)) ??
              disputes.get(String(t.source)) ??
              t.source,
          })),
        };
      }
      return list;
    }
    if (method === "GET" && (m = /^\/v1\/disputes\/([^/]+)$/.exec(path))) {
      const d = disputes.get(m[1]);
      if (!d) throw errors.resourceMissing("dispute", m[1]);
      return d;
    }
    if (method === "GET" && (m = /^\/v1\/events\/([^/]+)$/.exec(path))) {
      // The Events API renders every event in the version it was created with.
      const e = events.find((x) => x.event.id === m![1]);
      if (!e) throw errors.resourceMissing("event", m[1]);
      return e.event;
    }
    if (method === "GET" && path === "/v1/events") {
      const inRange = createdFilter(body.created);
      const types = body.types ? asList(body.types) : body.type ? [String(body.type)] : null;
      const all = newestFirst(events.map((e) => e.event)).filter(
        (e) => inRange(e.created) && (!types || types.includes(e.type)),
      );
      return listOf("/v1/events", all, body);
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      required(body, "customer");
      const id = newId("bps");
      const configuration = body.configuration
        ? portalConfigurations.get(String(body.configuration))
        : [...portalConfigurations.values()].find((c) => c.is_default);
      if (!configuration) {
        throw errors.invalidParam(
          "configuration",
          "No configuration provided and your test mode default configuration has not been created. Provide a configuration or create your default by saving your customer portal settings in test mode at https://dashboard.stripe.com/test/settings/billing/portal.",
        );
      }
      const portal: Stripe.BillingPortal.Session = {
        id,
        object: "billing_portal.session",
        configuration: configuration.id,
        created: now(),
        customer: String(body.customer),
        customer_account: null,
        flow: null,
        livemode: false,
        locale: null,
        on_behalf_of: null,
        return_url: body.return_url ?? configuration.default_return_url,
        url: `${base}/portal/${id}`,
      };
      portalSessions.set(id, portal);
      return portal;
    }
    if (method === "POST" && path === "/v1/products") {
      const product = productObject({
        id: body.id ?? newId("prod"),
        name: String(required(body, "name")),
        created: now(),
        metadata: body.metadata ?? {},
      });
      products.set(product.id, product);
      return product;
    }
    if (method === "GET" && (m = /^\/v1\/products\/([^/]+)$/.exec(path))) {
      const product = products.get(m[1]);
      if (!product) throw errors.resourceMissing("product", m[1]);
      return product;
    }
    if (method === "POST" && path === "/v1/prices") {
      const product = String(required(body, "product"));
      if (!products.has(product)) throw errors.resourceMissing("product", product, "product");
      required(body, "currency");
      const amount = Number(required(body, "unit_amount"));
      if (!Number.isInteger(amount) || amount < 0) throw errors.invalidInteger("unit_amount", body.unit_amount);
      const lookupKey = body.lookup_key ? String(body.lookup_key) : null;
      if (lookupKey) {
        const taken = [...prices.values()].find((x) => x.lookup_key === lookupKey);
        if (taken && body.transfer_lookup_key !== "true") {
          throw errors.invalidParam("lookup_key", `A price (\`${taken.id}\`) already uses that lookup key.`);
        }
        if (taken) taken.lookup_key = null;
      }
      const price = priceObject({
        id: newId("price"),
        amount,
        created: now(),
        product,
        active: true,
        lookupKey,
        metadata: body.metadata ?? {},
      });
      prices.set(price.id, price);
      return price;
    }
    if (method === "GET" && path === "/v1/prices") {
      const keys = body.lookup_keys ? asList(body.lookup_keys) : null;
      const all = newestFirst([...prices.values()])
        .filter((x) => !keys || (x.lookup_key !== null && keys.includes(x.lookup_key)))
        .filter((x) => body.active === undefined || String(x.active) === body.active)
        .filter((x) => !body.product || x.product === body.product);
      return listOf("/v1/prices", all, body);
    }
    if (path === "/v1/billing_portal/configurations") {
      if (method === "GET") {
        const all = newestFirst([...portalConfigurations.values()])
          .filter((c) => body.active === undefined || String(c.active) === body.active)
          .filter((c) => body.is_default === undefined || String(c.is_default) === body.is_default);
        return listOf("/v1/billing_portal/configurations", all, body);
      }
      if (method === "POST") {
        required(body, "features");
        checkSubscriptionUpdate(body);
        // The account's first configuration becomes its default, the one portal sessions use
        // when they name none.
        const config = portalConfigurationObject({
          id: newId("bpc"),
          created: now(),
          isDefault: portalConfigurations.size === 0,
          body,
        });
        portalConfigurations.set(config.id, config);
        await emit("billing_portal.configuration.created", config, { ctx });
        return config;
      }
    }
    if ((m = /^\/v1\/billing_portal\/configurations\/([^/]+)$/.exec(path))) {
      const config = portalConfigurations.get(m[1]);
      if (!config) throw errors.resourceMissing("billing_portal.configuration", m[1]);
      if (method === "GET") return config;
      if (method === "POST") {
        checkSubscriptionUpdate(body);
        applyPortalConfiguration(config, body, now());
        await emit("billing_portal.configuration.updated", config, { ctx });
        return config;
      }
    }
    if (path === "/v1/webhook_endpoints") {
      if (method === "GET")
        return listOf(
          "/v1/webhook_endpoints",
          newestFirst([...webhookEndpoints.values()]).map(({ secret: _s, ...e }) => e),
          body,
        );
      if (method === "POST") {
        const url = String(required(body, "url"));
        const enabled = asList(required(body, "enabled_events"));
        if (!/^https?:\/\//.test(url))
          throw errors.invalidParam("url", "Invalid URL: URL must be publicly accessible and use http or https.");
        const endpoint = webhookEndpointObject({
          id: newId("we"),
          url,
          enabledEvents: enabled,
          apiVersion: body.api_version ?? null,
          created: now(),
          description: body.description || null,
          metadata: body.metadata ?? {},
        });
        const secret = `whsec_${crypto.randomBytes(24).toString("base64url")}`;
        webhookEndpoints.set(endpoint.id, { ...endpoint, secret });
        // The signing secret is returned only when the endpoint is created.
        return { ...endpoint, secret };
      }
    }
    if ((m = /^\/v1\/webhook_endpoints\/([^/]+)$/.exec(path))) {
      const stored = webhookEndpoints.get(m[1]);
      if (!stored) throw errors.resourceMissing("webhook endpoint", m[1]);
      const { secret: _secret, ...endpoint } = stored;
      if (method === "GET") return endpoint;
      if (method === "DELETE") {
        webhookEndpoints.delete(m[1]);
        return { id: m[1], object: "webhook_endpoint", deleted: true };
      }
      if (method === "POST") {
        if (body.api_version !== undefined)
          throw new StripeApiError(400, {
            type: "invalid_request_error",
            code: "parameter_unknown",
            message: "Received unknown parameter: api_version",
            param: "api_version",
          });
        if (body.enabled_events !== undefined) stored.enabled_events = asList(body.enabled_events);
        if (body.url !== undefined) stored.url = String(body.url);
        if (body.description !== undefined) stored.description = body.description || null;
        if (body.disabled !== undefined) stored.status = body.disabled === "true" ? "disabled" : "enabled";
        if (body.metadata !== undefined) stored.metadata = { ...stored.metadata, ...body.metadata };
        const { secret: _s, ...updated } = stored;
        return updated;
      }
    }
    throw errors.unrecognizedUrl(method, path);
  }

  // ───────────── hosted pages ─────────────

  async function pages(method: string, path: string, query: URLSearchParams, res: http.ServerResponse) {
    let m: RegExpExecArray | null;
    if ((m = /^\/checkout\/([^/]+)$/.exec(path)) && method === "GET") {
      const s = sessions.get(m[1]);
      if (!s) return notFound(res);
      const extras = sessionExtras.get(s.id);
      const dollars = ((s.amount_total ?? 0) / 100).toFixed(2);
      const bank = s.payment_method_types.includes("us_bank_account")
        ? `<form method="post" action="/checkout/${s.id}/pay?method=us_bank_account"><button type="submit">Use a US bank account instead</button></form>`
        : "";
      return html(
        res,
        `<main><h1>Fake Stripe Checkout</h1><p>Pay $${dollars}${s.mode === "subscription" ? " per month" : ""} to ${escapeHtml(String(extras?.lineItems?.[0]?.price_data?.product_data?.name ?? ""))}</p>
        <p>Email: ${escapeHtml(String(s.customer_email ?? ""))}</p>
        <form method="post" action="/checkout/${s.id}/pay"><button type="submit">Pay $${dollars}</button></form>${bank}
        ${s.cancel_url ? `<p><a href="${escapeHtml(s.cancel_url)}">Cancel and go back</a></p>` : ""}</main>`,
      );
    }
    if ((m = /^\/checkout\/([^/]+)\/pay$/.exec(path)) && method === "POST") {
      const target = await pay(m[1], {
        method: query.get("method") === "us_bank_account" ? "us_bank_account" : "card",
      });
      res.writeHead(303, { Location: target });
      return res.end();
    }
    if ((m = /^\/portal\/([^/]+)$/.exec(path)) && method === "GET") {
      const p = portalSessions.get(m[1]);
      if (!p) return notFound(res);
      const subs = [...subscriptions.values()].filter((s) => s.customer === p.customer);
      return html(
        res,
        `<main><h1>Fake billing portal</h1><ul>${subs
          .map(
            (s) =>
              `<li>$${((s.items.data[0].price.unit_amount ?? 0) / 100).toFixed(2)} per month, ${s.status}${
                s.status === "canceled"
                  ? ""
                  : `<form method="post" action="/portal/${p.id}/cancel/${s.id}"><button type="submit">Cancel plan</button></form>`
              }</li>`,
          )
          .join("")}</ul>${p.return_url ? `<a href="${escapeHtml(p.return_url)}">Return</a>` : ""}</main>`,
      );
    }
    if ((m = /^\/portal\/([^/]+)\/cancel\/([^/]+)$/.exec(path)) && method === "POST") {
      const p = portalSessions.get(m[1]);
      await cancelSubscription(m[2]);
      res.writeHead(303, { Location: `/portal/${p?.id ?? m[1]}` });
      return res.end();
    }
    return notFound(res);
  }

  function notFound(res: http.ServerResponse) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not found");
  }

  function send(
    res: http.ServerResponse,
    status: number,
    body: string,
    requestId: string,
    extraHeaders: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Request-Id": requestId,
      "Stripe-Version": PINNED_API_VERSION,
      ...extraHeaders,
    });
    res.end(body);
  }

  const server = http.createServer((req, res) => void serve(req, res));
  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const requestId = `req_${crypto.randomBytes(7).toString("hex")}`;
    const fail = (error: StripeApiError) =>
      send(res, error.status, JSON.stringify(errorEnvelope(error, requestId, now())), requestId);
    try {
      if (!url.pathname.startsWith("/v1/")) return await pages(method, url.pathname, url.searchParams, res);
      const auth = String(req.headers.authorization ?? "");
      if (!/^Bearer sk_/.test(auth)) {
        return send(
          res,
          401,
          JSON.stringify(
            errorEnvelope(
              new StripeApiError(401, {
                type: "invalid_request_error",
                message: `Invalid API Key provided: ${auth.replace(/^Bearer /, "").slice(0, 12)}****`,
              }),
              requestId,
              now(),
            ),
          ),
          requestId,
        );
      }
      const body =
        method === "GET" || method === "DELETE" ? parseStripeForm(url.search.slice(1)) : parseStripeForm(raw);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      const log = { method, path: url.pathname, body, idempotencyKey: key, status: 0 };
      requests.push(log);
      if (key && method === "POST") {
        // https://docs.stripe.com/api/idempotent_requests: the first result (status and body,
        // errors included) is saved and replayed for the same key; a different request with
        // the same key is an idempotency_error.
        const params = JSON.stringify(body);
        const saved = idempotent.get(key);
        if (saved) {
          if (saved.method !== method || saved.path !== url.pathname || saved.params !== params) {
            log.status = 400;
            return fail(errors.idempotencyMismatch(key));
          }
          log.status = saved.status;
          return send(res, saved.status, saved.body, requestId, {
            "Idempotent-Replayed": "true",
            "Original-Request": "req_replayed",
          });
        }
        if (inFlightKeys.has(key)) {
          log.status = 409;
          return fail(errors.idempotencyInFlight());
        }
        inFlightKeys.add(key);
        try {
          const [status, out] = await run(method, url.pathname, body, { id: requestId, idempotencyKey: key });
          // Results are saved only once the request ran: validation failures (400) and server
          // errors are not, so that a corrected retry with the same key can go through.
          if (status < 400 || status === 402 || status === 404)
            idempotent.set(key, { method, path: url.pathname, params, status, body: out });
          log.status = status;
          return send(res, status, out, requestId);
        } finally {
          inFlightKeys.delete(key);
        }
      }
      const [status, out] = await run(method, url.pathname, body, { id: requestId, idempotencyKey: key });
      log.status = status;
      return send(res, status, out, requestId);
    } catch (error) {
      if (error instanceof StripeApiError) return fail(error);
      send(res, 500, JSON.stringify({ error: { type: "api_error", message: String(error) } }), requestId);
    }
  }

  async function run(method: string, path: string, body: Obj, ctx: RequestContext): Promise<[number, string]> {
    try {
      return [200, JSON.stringify(await api(method, path, body, ctx))];
    } catch (error) {
      if (error instanceof StripeApiError) return [error.status, JSON.stringify(errorEnvelope(error, ctx.id, now()))];
      throw error;
    }
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as { port: number }).port;
  base = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;

  return {
    url: base,
    port,
    events,
    requests,
    sessions,
    paymentIntents: intents,
    charges,
    refunds,
    disputes,
    invoices,
    subscriptions,
    balanceTransactions,
    webhookEndpoints,
    portalConfigurations,
    products,
    prices,
    seed,
    webhookUrl: options.webhookUrl,
    pay,
    settleAsyncPayment,
    decline,
    expire,
    renew,
    cycle,
    renewAtZero,
    cancelSubscription: (id) => cancelSubscription(id),
    async refund(chargeId, amount) {
      return createRefund({ charge: chargeId, amount: amount === undefined ? undefined : String(amount) }, null);
    },
    failRefund,
    settleRefund,
    openDispute,
    updateDispute,
    closeDispute,
    dispute: legacyDispute,
    signedEvent(type, object, signOptions = {}) {
      const { event, payload, signature } = buildEvent(type, object, {
        apiVersion: signOptions.apiVersion ?? PINNED_API_VERSION,
      });
      return { event: event as FakeEventPayload, payload, signature };
    },
    flush,
    settle,
    reset() {
      for (const map of [
        sessions,
        sessionExtras,
        customers,
        intents,
        charges,
        refunds,
        disputes,
        invoices,
        subscriptions,
        balanceTransactions,
        webhookEndpoints,
        portalConfigurations,
        portalSessions,
        products,
        prices,
        idempotent,
      ])
        map.clear();
      for (const list of [events, requests, pending]) list.length = 0;
      btSorted = null;
      inFlightKeys.clear();
    },
    undelivered: () =>
      events
        .filter((e) => e.attempts.length > 0 || pending.includes(e))
        .filter((e) => !e.attempts.some((a) => ok(a.status))),
    now,
    setTime: (t) => {
      clockOffset = t - Math.floor(Date.now() / 1000);
    },
    advanceTime: (s) => {
      clockOffset += s;
    },
    close: async () => {
      while (retries.size) await Promise.all([...retries]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
