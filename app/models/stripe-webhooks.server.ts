/**
 * Applies verified Stripe events to donations and plans. Each event's id goes into the
 * stripe_events ledger in the same transaction as its effect: a replay, or a duplicate delivered
 * concurrently, finds the id taken and changes nothing. Handlers converge whatever the order
 * (invoice.paid before checkout.session.completed, a refund after a dispute); an event about a
 * payment we cannot place yet is answered "retry", so Stripe sends it again later.
 */
import { and, asc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Db, type DbOrTx } from "#db/client";
import { donations, PLAN_STATUSES, recurringPlans, stripeEvents } from "#db/schema";
import { stripe, stripeConfigured } from "~/lib/stripe.server";
import { getSettings, type Settings } from "./settings.server";
import { afterReceived, findDonation, markReceived, receivedStatus, type Donation } from "./donations.server";
import { periodFor } from "./compliance.server";

export type EventOutcome = "applied" | "duplicate" | "ignored" | "retry";

class RetryLater extends Error {}

type Plan = typeof recurringPlans.$inferSelect;

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === "string" ? value : value.id;

const iso = (unixSeconds: number | null | undefined) =>
  new Date((unixSeconds ?? Math.floor(Date.now() / 1000)) * 1000).toISOString();

function metadataId(metadata: Record<string, string> | null | undefined, key: string): number | null {
  const n = Number(metadata?.[key]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Lookups every event makes, prepared once per connection: building and preparing them per
 *  request cost more than running them. Placeholders keep them reusable. */
function buildQueries(database: Db) {
  const p = (name: string) => sql.placeholder(name);
  return {
    recordEvent: database
      .insert(stripeEvents)
      .values({ id: sql`${p("id")}`, type: sql`${p("type")}`, processedAt: sql`${p("at")}` })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id })
      .prepare(),
    donationByInvoice: database.select().from(donations).where(eq(donations.stripeInvoiceId, sql`${p("invoice")}`)).prepare(),
    planBySubscription: database.select().from(recurringPlans).where(eq(recurringPlans.stripeSubscriptionId, sql`${p("subscription")}`)).prepare(),
    planById: database.select().from(recurringPlans).where(eq(recurringPlans.id, sql`${p("id")}`)).prepare(),
    unbilledOfPlan: database
      .select()
      .from(donations)
      .where(and(eq(donations.recurringPlanId, sql`${p("plan")}`), isNull(donations.stripeInvoiceId)))
      .orderBy(asc(donations.id))
      .limit(1)
      .prepare(),
    insertDonation: database
      .insert(donations)
      .values(
        Object.fromEntries(
          Object.keys(getTableColumns(donations))
            .filter((key) => key !== "id")
            .map((key) => [key, sql.placeholder(key)]),
        ) as unknown as typeof donations.$inferInsert,
      )
      .returning()
      .prepare(),
    firstOfPlan: database.select().from(donations).where(eq(donations.recurringPlanId, sql`${p("plan")}`)).orderBy(asc(donations.id)).limit(1).prepare(),
  };
}

type Queries = ReturnType<typeof buildQueries>;
const queryCache = new WeakMap<Db, Queries>();

function queriesFor(database: Db): Queries {
  let q = queryCache.get(database);
  if (!q) {
    q = buildQueries(database);
    queryCache.set(database, q);
  }
  return q;
}

interface Ctx {
  tx: DbOrTx;
  q: Queries;
  settings: Settings;
}

export interface ApplyOptions {
  /** The charge's Stripe fee, fetched by the caller before the transaction (charge events). */
  feeCents?: number | null;
}

export function applyStripeEvent(event: Stripe.Event, options: ApplyOptions = {}, database: Db = db()): EventOutcome {
  const q = queriesFor(database);
  try {
    return database.transaction(
      (tx) => {
        const inserted = q.recordEvent.get({ id: event.id, type: event.type, at: new Date().toISOString() });
        if (!inserted) return "duplicate";
        const applied = handle(event, options, { tx, q, settings: getSettings(tx) });
        if (!applied) {
          // Ignored events stay in the ledger too: a replay must not be reconsidered.
          tx.update(stripeEvents).set({ processedAt: null }).where(eq(stripeEvents.id, event.id)).run();
          return "ignored";
        }
        return "applied";
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof RetryLater) return "retry";
    throw error;
  }
}

function handle(event: Stripe.Event, options: ApplyOptions, c: Ctx): boolean {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return sessionCompleted(event.data.object, c);
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed":
      return sessionEnded(event.data.object, c);
    case "payment_intent.payment_failed":
      return paymentFailed(event.data.object, c);
    case "invoice.paid":
      return invoicePaid(event.data.object, c);
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return subscriptionChanged(event.data.object, event.type === "customer.subscription.deleted", c);
    case "charge.succeeded":
      return chargeSucceeded(event.data.object, options.feeCents ?? null, c);
    case "charge.refunded":
      return chargeRefunded(event.data.object, c);
    case "charge.dispute.created":
    case "charge.dispute.closed":
      return disputeChanged(event.data.object, c);
    default:
      return false;
  }
}

// ───────────── Finding our rows ─────────────

function donationForSession(session: Stripe.Checkout.Session, c: Ctx): Donation | undefined {
  const bySession = c.tx.select().from(donations).where(eq(donations.stripeCheckoutSessionId, session.id)).get();
  if (bySession) return bySession;
  // The webhook can beat the request that stored the session id.
  const id = metadataId(session.metadata, "donation_id");
  return id ? findDonation(id, c.tx) : undefined;
}

function planFor(subscriptionId: string | null, metadata: Record<string, string> | null | undefined, c: Ctx): Plan | undefined {
  if (subscriptionId) {
    const plan = c.q.planBySubscription.get({ subscription: subscriptionId });
    if (plan) return plan;
  }
  const id = metadataId(metadata, "plan_id");
  return id ? c.q.planById.get({ id }) : undefined;
}

function donationForCharge(chargeId: string | null, paymentIntentId: string | null, c: Ctx): Donation | undefined {
  if (chargeId) {
    const d = c.tx.select().from(donations).where(eq(donations.stripeChargeId, chargeId)).get();
    if (d) return d;
  }
  if (paymentIntentId) return c.tx.select().from(donations).where(eq(donations.stripePaymentIntentId, paymentIntentId)).get();
  return undefined;
}

function attachSubscription(plan: Plan, subscriptionId: string | null, customerId: string | null, c: Ctx): Plan {
  const patch: Partial<Plan> = {};
  if (subscriptionId && !plan.stripeSubscriptionId) patch.stripeSubscriptionId = subscriptionId;
  if (customerId && !plan.stripeCustomerId) patch.stripeCustomerId = customerId;
  if (plan.status === "pending") patch.status = "active";
  if (Object.keys(patch).length === 0) return plan;
  patch.updatedAt = new Date().toISOString();
  return c.tx.update(recurringPlans).set(patch).where(eq(recurringPlans.id, plan.id)).returning().get();
}

// ───────────── Handlers ─────────────

function sessionCompleted(session: Stripe.Checkout.Session, c: Ctx): boolean {
  const donation = donationForSession(session, c);
  if (!donation) return false;
  if (!donation.stripeCheckoutSessionId) {
    c.tx.update(donations).set({ stripeCheckoutSessionId: session.id }).where(eq(donations.id, donation.id)).run();
  }
  if (session.mode === "subscription") {
    const plan = planFor(idOf(session.subscription), session.metadata, c);
    if (plan) attachSubscription(plan, idOf(session.subscription), idOf(session.customer), c);
    const invoiceId = idOf(session.invoice);
    // invoice.paid may already have confirmed this first charge under its invoice id.
    if (invoiceId && c.tx.select({ id: donations.id }).from(donations).where(eq(donations.stripeInvoiceId, invoiceId)).get()) {
      return true;
    }
    if (session.payment_status === "paid") {
      markReceived(findDonation(donation.id, c.tx)!, { receivedAt: iso(session.created), invoiceId }, c.tx, c.settings);
    }
    return true;
  }
  const paymentIntentId = idOf(session.payment_intent);
  if (session.payment_status === "paid") {
    markReceived(findDonation(donation.id, c.tx)!, { receivedAt: iso(session.created), paymentIntentId }, c.tx, c.settings);
  } else if (paymentIntentId && !donation.stripePaymentIntentId) {
    c.tx.update(donations).set({ stripePaymentIntentId: paymentIntentId }).where(eq(donations.id, donation.id)).run();
  }
  return true;
}

function sessionEnded(session: Stripe.Checkout.Session, c: Ctx): boolean {
  const donation = donationForSession(session, c);
  if (!donation) return false;
  const now = new Date().toISOString();
  if (donation.status === "pending") {
    c.tx.update(donations).set({ status: "failed", updatedAt: now }).where(eq(donations.id, donation.id)).run();
  }
  if (donation.recurringPlanId) {
    c.tx.update(recurringPlans)
      .set({ status: "canceled", updatedAt: now })
      .where(and(eq(recurringPlans.id, donation.recurringPlanId), eq(recurringPlans.status, "pending")))
      .run();
  }
  return true;
}

function paymentFailed(intent: Stripe.PaymentIntent, c: Ctx): boolean {
  const byIntent = c.tx.select().from(donations).where(eq(donations.stripePaymentIntentId, intent.id)).get();
  const id = metadataId(intent.metadata, "donation_id");
  const donation = byIntent ?? (id ? findDonation(id, c.tx) : undefined);
  if (!donation) return false;
  // A donor may retry within the same Checkout Session; a later success overrides this.
  c.tx.update(donations)
    .set({ status: "failed", stripePaymentIntentId: donation.stripePaymentIntentId ?? intent.id, updatedAt: new Date().toISOString() })
    .where(and(eq(donations.id, donation.id), eq(donations.status, "pending")))
    .run();
  return true;
}

function invoiceSubscription(invoice: Stripe.Invoice) {
  const details = invoice.parent?.subscription_details;
  return { subscriptionId: idOf(details?.subscription), metadata: details?.metadata ?? null };
}

function invoicePaymentIntent(invoice: Stripe.Invoice): string | null {
  for (const payment of invoice.payments?.data ?? []) {
    const id = idOf(payment.payment?.payment_intent);
    if (id) return id;
  }
  return null;
}

function invoicePaid(invoice: Stripe.Invoice, c: Ctx): boolean {
  const facts = {
    receivedAt: iso(invoice.status_transitions?.paid_at ?? invoice.created),
    invoiceId: invoice.id,
    paymentIntentId: invoicePaymentIntent(invoice),
  };
  const known = c.q.donationByInvoice.get({ invoice: invoice.id });
  if (known) {
    markReceived(known, facts, c.tx, c.settings);
    return true;
  }
  const { subscriptionId, metadata } = invoiceSubscription(invoice);
  const found = planFor(subscriptionId, metadata, c);
  if (!found) return false;
  const plan = attachSubscription(found, subscriptionId, idOf(invoice.customer), c);
  // Every monthly charge is its own donation; the first one fills the row stored before checkout.
  const firstPending = c.q.unbilledOfPlan.get({ plan: plan.id });
  if (firstPending) {
    markReceived(firstPending, facts, c.tx, c.settings);
    return true;
  }
  const template = c.q.firstOfPlan.get({ plan: plan.id });
  if (!template) return false;
  const { id: _id, createdAt: _c, updatedAt: _u, ...snapshot } = template;
  const now = new Date().toISOString();
  // Inserted already received: one write instead of an insert and an update.
  const row = c.q.insertDonation.get({
    ...snapshot,
    isAnonymous: snapshot.isAnonymous ? 1 : 0,
    amountCents: invoice.amount_paid,
    refundedCents: 0,
    disputedCents: 0,
    feeCents: null,
    status: receivedStatus({ amountCents: invoice.amount_paid, refundedCents: 0, disputedCents: 0 }),
    stripeCheckoutSessionId: null,
    stripePaymentIntentId: facts.paymentIntentId,
    stripeChargeId: null,
    stripeInvoiceId: invoice.id,
    receivedAt: facts.receivedAt,
    aggregationPeriod: periodFor(facts.receivedAt, c.settings).key,
    refcode: plan.refcode,
    createdAt: now,
    updatedAt: now,
  })!;
  afterReceived(row, c.tx, c.settings);
  return true;
}

const PLAN_STATUS_FROM_STRIPE: Record<string, (typeof PLAN_STATUSES)[number]> = {
  active: "active",
  trialing: "active",
  past_due: "past_due",
  unpaid: "past_due",
  paused: "past_due",
  canceled: "canceled",
  incomplete_expired: "canceled",
  incomplete: "pending",
};

function subscriptionChanged(subscription: Stripe.Subscription, deleted: boolean, c: Ctx): boolean {
  const plan = planFor(subscription.id, subscription.metadata, c);
  if (!plan) return false;
  const now = new Date().toISOString();
  const status = deleted ? "canceled" : PLAN_STATUS_FROM_STRIPE[subscription.status] ?? plan.status;
  // A canceled plan stays canceled: a late "updated" must not bring it back.
  const next = plan.status === "canceled" ? "canceled" : status;
  const amount = subscription.items?.data?.[0]?.price?.unit_amount;
  c.tx.update(recurringPlans)
    .set({
      status: next,
      stripeSubscriptionId: plan.stripeSubscriptionId ?? subscription.id,
      stripeCustomerId: plan.stripeCustomerId ?? idOf(subscription.customer),
      amountCents: amount && amount > 0 ? amount : plan.amountCents,
      canceledAt: next === "canceled" ? plan.canceledAt ?? now : null,
      updatedAt: now,
    })
    .where(eq(recurringPlans.id, plan.id))
    .run();
  return true;
}

function chargeSucceeded(charge: Stripe.Charge, feeCents: number | null, c: Ctx): boolean {
  const donation = donationForCharge(charge.id, idOf(charge.payment_intent), c);
  if (!donation) throw new RetryLater();
  c.tx.update(donations)
    .set({
      stripeChargeId: donation.stripeChargeId ?? charge.id,
      feeCents: donation.feeCents ?? feeCents,
      updatedAt: new Date().toISOString(),
    })
    .where(eq(donations.id, donation.id))
    .run();
  return true;
}

function chargeRefunded(charge: Stripe.Charge, c: Ctx): boolean {
  const donation = donationForCharge(charge.id, idOf(charge.payment_intent), c);
  if (!donation) throw new RetryLater();
  // amount_refunded is cumulative, so taking the larger figure is right in any order.
  const refundedCents = Math.min(donation.amountCents, Math.max(donation.refundedCents, charge.amount_refunded));
  return settle(donation, { refundedCents, stripeChargeId: donation.stripeChargeId ?? charge.id }, c);
}

function disputeChanged(dispute: Stripe.Dispute, c: Ctx): boolean {
  const donation = donationForCharge(idOf(dispute.charge), idOf(dispute.payment_intent), c);
  if (!donation) throw new RetryLater();
  // Open and lost disputes hold the money back; won (or warning-closed) ones return it.
  const held = dispute.status === "won" || dispute.status === "warning_closed" ? 0 : Math.min(dispute.amount, donation.amountCents);
  return settle(donation, { disputedCents: held }, c);
}

function settle(donation: Donation, patch: Partial<Donation>, c: Ctx): boolean {
  const next = { ...donation, ...patch };
  const status = donation.status === "pending" || donation.status === "failed" ? donation.status : receivedStatus(next);
  c.tx.update(donations)
    .set({ ...patch, status, updatedAt: new Date().toISOString() })
    .where(eq(donations.id, donation.id))
    .run();
  return true;
}

// ───────────── Entry point for the webhook route ─────────────

async function chargeFeeCents(charge: Stripe.Charge): Promise<number | null> {
  const txn = charge.balance_transaction;
  if (!txn) return null;
  if (typeof txn !== "string") return txn.fee;
  try {
    return (await stripe().balanceTransactions.retrieve(txn)).fee;
  } catch (error) {
    // The fee is bookkeeping detail; the gift itself must not wait for it.
    console.error("Stripe fee lookup failed", error);
    return null;
  }
}

/** Stripe leaves an invoice's payments out of its webhook; they name the charge's payment intent,
 *  which later refunds and disputes of that monthly charge are matched by. */
async function withInvoicePayments(invoice: Stripe.Invoice): Promise<void> {
  if (invoice.payments?.data?.length || !stripeConfigured()) return;
  try {
    invoice.payments = await stripe().invoicePayments.list({ invoice: invoice.id, limit: 10 });
  } catch (error) {
    console.error("Stripe invoice payments lookup failed", error);
  }
}

/** Applies a verified event; lookups at Stripe (a charge's fee, an invoice's payment) happen
 *  first, outside the transaction. */
export async function ingestStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  const feeCents = event.type === "charge.succeeded" ? await chargeFeeCents(event.data.object) : null;
  if (event.type === "invoice.paid") await withInvoicePayments(event.data.object);
  return applyStripeEvent(event, { feeCents });
}
