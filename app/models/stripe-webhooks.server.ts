/**
 * Applies verified Stripe events to donations, plans and the money ledger (decision 008).
 *
 * - Money moves only as ledger entries keyed by Stripe's own ids (balance transactions, refunds),
 *   so an event delivered twice, late, or after reconciliation already found its money adds
 *   nothing, and the result is the same in any delivery order.
 * - What Stripe holds is re-read where delivery order would mislead: a dispute's status and its
 *   balance transactions, a charge's refunds, a charge's balance transaction (null on
 *   charge.succeeded in current API versions, filled by charge.updated).
 * - An event about an object this app did not create is answered "ignored" and not recorded, so
 *   a later re-send is considered afresh; an applied event's id is recorded in the same
 *   transaction as its effect.
 */
import { and, asc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Db, type DbOrTx, writeTransaction } from "#db/client";
import { donations, type PLAN_STATUSES, recurringPlans, stripeEvents } from "#db/schema";
import { stripe, stripeConfigured, stripeIdOf, stripeInstant } from "~/lib/stripe.server";
import { isHandledStripeEvent } from "~/lib/stripe-events";
import { donationIdIn, planIdIn, sessionDonationId } from "~/lib/stripe-metadata.server";
import { getSettings, type Settings } from "./settings.server";
import { findDonation, markReceived, type Donation } from "./donations.server";
import { postEntry } from "./money-ledger.server";
import { oursButNotPlaced } from "./stripe-ownership.server";
import { periodFor } from "./compliance.server";
import { pausePlanIfNextChargePasses } from "./plan-limit-pause.server";

export type EventOutcome = "applied" | "duplicate" | "ignored" | "retry";

class RetryLater extends Error {}

type Plan = typeof recurringPlans.$inferSelect;

/** Lookups every event makes, prepared once per connection: building and preparing them per
 *  request cost more than running them. Placeholders keep them reusable. */
function buildQueries(database: Db) {
  const p = (name: string) => sql.placeholder(name);
  return {
    eventSeen: database
      .select({ id: stripeEvents.id })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, sql`${p("id")}`))
      .prepare(),
    recordEvent: database
      .insert(stripeEvents)
      .values({ id: sql`${p("id")}`, type: sql`${p("type")}`, processedAt: sql`${p("at")}` })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id })
      .prepare(),
    donationByInvoice: database
      .select()
      .from(donations)
      .where(eq(donations.stripeInvoiceId, sql`${p("invoice")}`))
      .prepare(),
    planBySubscription: database
      .select()
      .from(recurringPlans)
      .where(eq(recurringPlans.stripeSubscriptionId, sql`${p("subscription")}`))
      .prepare(),
    planById: database
      .select()
      .from(recurringPlans)
      .where(eq(recurringPlans.id, sql`${p("id")}`))
      .prepare(),
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
    firstOfPlan: database
      .select()
      .from(donations)
      .where(eq(donations.recurringPlanId, sql`${p("plan")}`))
      .orderBy(asc(donations.id))
      .limit(1)
      .prepare(),
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

/** What was read at Stripe before the transaction, so that no network call holds the write lock. */
export interface StripeFacts {
  /** the charge's balance transaction (its fee), when Stripe has made it */
  balanceTransaction?: Stripe.BalanceTransaction | null;
  /** a charge's refunds as Stripe holds them now (charge.refunded carries only the total) */
  refunds?: Stripe.Refund[];
  /** the dispute as Stripe holds it now, with its balance transactions */
  dispute?: Stripe.Dispute | null;
  /** the charge that paid a session or invoice, with its balance transaction when Stripe has it:
   *  its charge.* events may come before or after, or (for a subscription's charge) carry no mark of ours */
  paymentCharge?: Stripe.Charge | null;
  /** a payment this app has no gift for yet, which Stripe shows is ours (its invoice belongs to
   *  one of our subscriptions): the event waits for the gift instead of being dropped */
  oursNotPlaced?: boolean;
}

interface Ctx {
  tx: DbOrTx;
  q: Queries;
  settings: Settings;
  event: Stripe.Event;
  facts: StripeFacts;
}

export function applyStripeEvent(event: Stripe.Event, facts: StripeFacts = {}, database: Db = db()): EventOutcome {
  const q = queriesFor(database);
  try {
    return writeTransaction(database, (tx) => {
      if (q.eventSeen.get({ id: event.id })) return "duplicate";
      const applied = handle({ tx, q, settings: getSettings(tx), event, facts });
      // Ignored events are not recorded: nothing of ours changed, and a re-send after (say) the
      // plan it names exists must be considered again, not answered "duplicate".
      if (!applied) return "ignored";
      q.recordEvent.get({ id: event.id, type: event.type, at: new Date().toISOString() });
      return "applied";
    });
  } catch (error) {
    if (error instanceof RetryLater) return "retry";
    throw error;
  }
}

function handle(c: Ctx): boolean {
  const { event } = c;
  // The types the endpoint is subscribed to (npm run stripe:setup) are the types handled here.
  if (!isHandledStripeEvent(event.type)) return false;
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
    case "charge.updated":
      return chargeSeen(event.data.object, c);
    case "charge.refunded":
      return refundsSeen(event.data.object, c.facts.refunds ?? [], c);
    case "refund.updated":
    case "refund.failed":
    case "charge.refund.updated":
      return refundsSeen(null, [event.data.object], c);
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
      return disputeSeen(c.facts.dispute ?? event.data.object, c);
    default:
      return false;
  }
}

// ───────────── Finding our rows ─────────────

function donationForSession(session: Stripe.Checkout.Session, c: Ctx): Donation | undefined {
  const bySession = c.tx.select().from(donations).where(eq(donations.stripeCheckoutSessionId, session.id)).get();
  if (bySession) return bySession;
  // The webhook can beat the request that stored the session id; our marks must agree.
  const id = sessionDonationId(session);
  const found = id ? findDonation(id, c.tx) : undefined;
  return found && !found.stripeCheckoutSessionId ? found : undefined;
}

function planFor(
  subscriptionId: string | null,
  metadata: Record<string, string> | null | undefined,
  c: Ctx,
): Plan | undefined {
  if (subscriptionId) {
    const plan = c.q.planBySubscription.get({ subscription: subscriptionId });
    if (plan) return plan;
  }
  const id = planIdIn(metadata);
  const plan = id ? c.q.planById.get({ id }) : undefined;
  // A plan already tied to another subscription is not this one's.
  return plan && (!plan.stripeSubscriptionId || plan.stripeSubscriptionId === subscriptionId) ? plan : undefined;
}

function donationForCharge(chargeId: string | null, paymentIntentId: string | null, c: Ctx): Donation | undefined {
  if (chargeId) {
    const d = c.tx.select().from(donations).where(eq(donations.stripeChargeId, chargeId)).get();
    if (d) return d;
  }
  if (paymentIntentId)
    return c.tx.select().from(donations).where(eq(donations.stripePaymentIntentId, paymentIntentId)).get();
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

function linkIds(
  donation: Donation,
  ids: { chargeId?: string | null; paymentIntentId?: string | null },
  c: Ctx,
): Donation {
  const patch: Partial<Donation> = {};
  if (ids.chargeId && !donation.stripeChargeId) patch.stripeChargeId = ids.chargeId;
  if (ids.paymentIntentId && !donation.stripePaymentIntentId) patch.stripePaymentIntentId = ids.paymentIntentId;
  if (Object.keys(patch).length === 0) return donation;
  return c.tx.update(donations).set(patch).where(eq(donations.id, donation.id)).returning().get();
}

// ───────────── Handlers ─────────────

function sessionCompleted(session: Stripe.Checkout.Session, c: Ctx): boolean {
  const donation = donationForSession(session, c);
  if (!donation) return false;
  if (!donation.stripeCheckoutSessionId) {
    c.tx.update(donations).set({ stripeCheckoutSessionId: session.id }).where(eq(donations.id, donation.id)).run();
  }
  // The money arrived when Stripe says the payment completed (this event), not when the donor
  // opened the page: a session lives 24 hours and bank payments settle days later.
  const receivedAt = stripeInstant(c.event.created);
  const amountCents = session.amount_total ?? donation.amountCents;
  if (session.mode === "subscription") {
    const plan = planFor(stripeIdOf(session.subscription), session.metadata, c);
    if (plan) attachSubscription(plan, stripeIdOf(session.subscription), stripeIdOf(session.customer), c);
    const invoiceId = stripeIdOf(session.invoice);
    // invoice.paid may already have confirmed this first charge under its invoice id.
    const billed = invoiceId ? c.q.donationByInvoice.get({ invoice: invoiceId }) : undefined;
    if (billed && billed.id !== donation.id) return true;
    if (session.payment_status === "paid" && amountCents > 0) {
      markReceived(findDonation(donation.id, c.tx)!, { receivedAt, invoiceId, amountCents }, c.tx, c.settings);
    }
    return true;
  }
  const paymentIntentId = stripeIdOf(session.payment_intent);
  if (session.payment_status === "paid") {
    const received = markReceived(
      findDonation(donation.id, c.tx)!,
      { receivedAt, paymentIntentId, amountCents },
      c.tx,
      c.settings,
    );
    paidBy(c.facts.paymentCharge, received, c);
  } else if (paymentIntentId) {
    // An async payment (bank debit) is on its way: async_payment_succeeded or _failed follows.
    linkIds(donation, { paymentIntentId }, c);
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
    c.tx
      .update(recurringPlans)
      .set({ status: "canceled", updatedAt: now })
      .where(and(eq(recurringPlans.id, donation.recurringPlanId), eq(recurringPlans.status, "pending")))
      .run();
  }
  return true;
}

function paymentFailed(intent: Stripe.PaymentIntent, c: Ctx): boolean {
  const byIntent = c.tx.select().from(donations).where(eq(donations.stripePaymentIntentId, intent.id)).get();
  const id = donationIdIn(intent.metadata);
  const donation = byIntent ?? (id ? findDonation(id, c.tx) : undefined);
  if (!donation) return false;
  // A donor may retry within the same Checkout Session; a later success overrides this.
  c.tx
    .update(donations)
    .set({
      status: "failed",
      stripePaymentIntentId: donation.stripePaymentIntentId ?? intent.id,
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(donations.id, donation.id), eq(donations.status, "pending")))
    .run();
  return true;
}

function invoiceSubscription(invoice: Stripe.Invoice) {
  const details = invoice.parent?.subscription_details;
  return { subscriptionId: stripeIdOf(details?.subscription), metadata: details?.metadata ?? null };
}

/** The payment that paid the invoice: an invoice can list failed attempts before the paid one. */
function invoicePaymentIntent(invoice: Stripe.Invoice): string | null {
  for (const payment of invoice.payments?.data ?? []) {
    if (payment.status !== "paid") continue;
    const id = stripeIdOf(payment.payment?.payment_intent);
    if (id) return id;
  }
  return null;
}

function invoicePaid(invoice: Stripe.Invoice, c: Ctx): boolean {
  // A $0 invoice (a trial, a 100% coupon) moves no money: no gift, no receipt.
  if (!invoice.amount_paid) return false;
  const facts = {
    receivedAt: stripeInstant(invoice.status_transitions?.paid_at ?? c.event.created),
    invoiceId: invoice.id,
    paymentIntentId: invoicePaymentIntent(invoice),
    amountCents: invoice.amount_paid,
  };
  const known = c.q.donationByInvoice.get({ invoice: invoice.id });
  if (known) {
    paidBy(c.facts.paymentCharge, markReceived(known, facts, c.tx, c.settings), c);
    return true;
  }
  const { subscriptionId, metadata } = invoiceSubscription(invoice);
  const found = planFor(subscriptionId, metadata, c);
  if (!found) return false;
  const plan = attachSubscription(found, subscriptionId, stripeIdOf(invoice.customer), c);
  // Every monthly charge is its own donation; the first one fills the row stored before checkout.
  const firstPending = c.q.unbilledOfPlan.get({ plan: plan.id });
  if (firstPending) {
    paidBy(c.facts.paymentCharge, markReceived(firstPending, facts, c.tx, c.settings), c);
    return true;
  }
  const template = c.q.firstOfPlan.get({ plan: plan.id });
  if (!template) return false;
  const { id: _id, createdAt: _c, updatedAt: _u, ...snapshot } = template;
  const now = new Date().toISOString();
  const row = c.q.insertDonation.get({
    ...snapshot,
    isAnonymous: snapshot.isAnonymous ? 1 : 0,
    amountCents: invoice.amount_paid,
    refundedCents: 0,
    disputedCents: 0,
    feeCents: null,
    // Written as received in one write; its receipt entry follows in this transaction, and the
    // ledger finds the row already agreeing with it.
    status: "succeeded",
    stripeCheckoutSessionId: null,
    stripePaymentIntentId: facts.paymentIntentId,
    stripeChargeId: null,
    stripeInvoiceId: invoice.id,
    receivedAt: facts.receivedAt,
    // A monthly charge belongs to the account of the plan's first gift.
    aggregationPeriod: periodFor(facts.receivedAt, c.settings, snapshot.account).key,
    refcode: plan.refcode,
    createdAt: now,
    updatedAt: now,
  })!;
  paidBy(c.facts.paymentCharge, markReceived(row, facts, c.tx, c.settings), c);
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
  const status = deleted ? "canceled" : (PLAN_STATUS_FROM_STRIPE[subscription.status] ?? plan.status);
  // A canceled plan stays canceled: a late "updated" must not bring it back.
  const next = plan.status === "canceled" ? "canceled" : status;
  const amount = subscription.items?.data?.[0]?.price?.unit_amount;
  c.tx
    .update(recurringPlans)
    .set({
      status: next,
      stripeSubscriptionId: plan.stripeSubscriptionId ?? subscription.id,
      stripeCustomerId: plan.stripeCustomerId ?? stripeIdOf(subscription.customer),
      amountCents: amount && amount > 0 ? amount : plan.amountCents,
      canceledAt: next === "canceled" ? (plan.canceledAt ?? now) : null,
      // Collection resumed (Stripe cleared pause_collection at resumes_at, or staff did): the
      // limit pause is over, and the next charge is checked again when it comes.
      ...(subscription.pause_collection ? {} : { limitPausedAt: null, limitResumesOn: null }),
      updatedAt: now,
    })
    .where(eq(recurringPlans.id, plan.id))
    .run();
  return true;
}

/** The charge that paid a gift, read at Stripe with the event: its id, and its fee when known. */
function paidBy(charge: Stripe.Charge | null | undefined, donation: Donation, c: Ctx) {
  if (!charge) return;
  linkIds(donation, { chargeId: charge.id, paymentIntentId: stripeIdOf(charge.payment_intent) }, c);
  if (charge.balance_transaction && typeof charge.balance_transaction === "object")
    postBalanceTransactionFee(donation.id, charge.balance_transaction, charge.id, c);
}

/** A charge of ours: remember its id, and post its fee once Stripe has its balance transaction. */
function chargeSeen(charge: Stripe.Charge, c: Ctx): boolean {
  const found = donationForCharge(charge.id, stripeIdOf(charge.payment_intent), c);
  const byMetadata = donationIdIn(charge.metadata);
  if (!found) {
    // Ours (our mark on the payment, or its invoice) but not placed yet: the gift's event is on its way.
    if ((byMetadata && findDonation(byMetadata, c.tx)) || c.facts.oursNotPlaced) throw new RetryLater();
    return false;
  }
  const donation = linkIds(found, { chargeId: charge.id, paymentIntentId: stripeIdOf(charge.payment_intent) }, c);
  const txn =
    c.facts.balanceTransaction ?? (typeof charge.balance_transaction === "object" ? charge.balance_transaction : null);
  if (txn) postBalanceTransactionFee(donation.id, txn, charge.id, c);
  return true;
}

function postBalanceTransactionFee(donationId: number, txn: Stripe.BalanceTransaction, objectId: string, c: Ctx) {
  if (txn.fee <= 0) return;
  postEntry(
    {
      donationId,
      kind: "fee",
      amountCents: txn.fee,
      effectiveAt: stripeInstant(txn.created),
      source: `${txn.id}:fee`,
      stripeObjectId: objectId,
    },
    c.tx,
  );
}

/**
 * Each refund Stripe holds moves money once when made and, if it later fails or is canceled,
 * back once: keyed by the refund's id, in any order and however often the events come.
 */
function refundsSeen(charge: Stripe.Charge | null, refunds: Stripe.Refund[], c: Ctx): boolean {
  let donation: Donation | undefined;
  if (charge) donation = donationForCharge(charge.id, stripeIdOf(charge.payment_intent), c);
  let touched = false;
  for (const refund of refunds) {
    const d = donation ?? donationForCharge(stripeIdOf(refund.charge), stripeIdOf(refund.payment_intent), c);
    if (!d) {
      // Our payment (our mark on it) whose session event has not come yet: ask for a re-send.
      const ours = donationIdIn(charge?.metadata) ?? donationIdIn(refund.metadata);
      if ((ours && findDonation(ours, c.tx)) || c.facts.oursNotPlaced) throw new RetryLater();
      continue;
    }
    // A refund of a gift we have not seen received yet waits for its receipt.
    if (!d.receivedAt) throw new RetryLater();
    touched = true;
    postEntry(
      {
        donationId: d.id,
        kind: "refund",
        amountCents: refund.amount,
        effectiveAt: stripeInstant(refund.created),
        source: refund.id,
        stripeObjectId: refund.id,
      },
      c.tx,
    );
    if (refund.status === "failed" || refund.status === "canceled") {
      postEntry(
        {
          donationId: d.id,
          kind: "refund_reversal",
          amountCents: refund.amount,
          effectiveAt: stripeInstant(c.event.created),
          source: `${refund.id}:reversal`,
          stripeObjectId: refund.id,
        },
        c.tx,
      );
    }
  }
  return touched || Boolean(donation);
}

/**
 * A dispute moves money only through its balance transactions (funds withdrawn, reinstated), read
 * from the dispute as Stripe holds it now: an inquiry (warning_*) has none and moves nothing, and
 * a late "created" after "closed (won)" cannot hold money back again.
 */
function disputeSeen(dispute: Stripe.Dispute, c: Ctx): boolean {
  const donation = donationForCharge(stripeIdOf(dispute.charge), stripeIdOf(dispute.payment_intent), c);
  if (!donation) {
    if (c.facts.oursNotPlaced) throw new RetryLater();
    return false;
  }
  if (!donation.receivedAt) throw new RetryLater();
  for (const txn of dispute.balance_transactions ?? []) {
    if (txn.amount !== 0) {
      postEntry(
        {
          donationId: donation.id,
          kind: txn.amount < 0 ? "dispute_withdrawal" : "dispute_reinstatement",
          amountCents: Math.abs(txn.amount),
          effectiveAt: stripeInstant(txn.created),
          source: txn.id,
          stripeObjectId: dispute.id,
        },
        c.tx,
      );
    }
    postBalanceTransactionFee(donation.id, txn, dispute.id, c);
  }
  return true;
}

// ───────────── Entry point for the webhook route ─────────────

/** Reads at Stripe what the event alone cannot be trusted for; outside the transaction. */
async function factsFor(event: Stripe.Event): Promise<StripeFacts> {
  if (!stripeConfigured()) return {};
  const api = stripe();
  switch (event.type) {
    case "charge.succeeded":
    case "charge.updated": {
      const charge = event.data.object;
      const txn = charge.balance_transaction;
      return {
        balanceTransaction: !txn ? null : typeof txn === "string" ? await api.balanceTransactions.retrieve(txn) : txn,
        oursNotPlaced: await oursButNotPlaced(charge.id, stripeIdOf(charge.payment_intent)),
      };
    }
    case "charge.refunded": {
      const charge = event.data.object;
      return {
        refunds: (await api.refunds.list({ charge: charge.id, limit: 100 })).data,
        oursNotPlaced: await oursButNotPlaced(charge.id, stripeIdOf(charge.payment_intent)),
      };
    }
    case "refund.updated":
    case "refund.failed":
    case "charge.refund.updated": {
      const refund = event.data.object;
      return { oursNotPlaced: await oursButNotPlaced(stripeIdOf(refund.charge), stripeIdOf(refund.payment_intent)) };
    }
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated": {
      const dispute = await api.disputes.retrieve(event.data.object.id);
      return {
        dispute,
        oursNotPlaced: await oursButNotPlaced(stripeIdOf(dispute.charge), stripeIdOf(dispute.payment_intent)),
      };
    }
    case "invoice.paid": {
      const invoice = event.data.object;
      if (!invoice.amount_paid) return {};
      await withInvoicePayments(invoice);
      return { paymentCharge: await chargeOfIntent(invoicePaymentIntent(invoice)) };
    }
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      if (session.mode !== "payment" || session.payment_status !== "paid") return {};
      return { paymentCharge: await chargeOfIntent(stripeIdOf(session.payment_intent)) };
    }
    default:
      return {};
  }
}

/** A payment's charge with its balance transaction, as Stripe documents for reading fees. */
async function chargeOfIntent(paymentIntentId: string | null): Promise<Stripe.Charge | null> {
  if (!paymentIntentId) return null;
  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe().paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge.balance_transaction"] });
  } catch (error) {
    // Gone for good (another account's test object, a deleted test-mode payment): the gift is
    // still received; its charge and fee come with the charge events or reconciliation.
    if ((error as { code?: string }).code === "resource_missing") return null;
    throw error;
  }
  const charge = intent.latest_charge;
  return charge && typeof charge === "object" ? charge : null;
}

/** Stripe leaves an invoice's payments out of its webhook; they name the charge's payment intent,
 *  which later refunds and disputes of that monthly charge are matched by. */
async function withInvoicePayments(invoice: Stripe.Invoice): Promise<void> {
  if (invoice.payments?.data?.length) return;
  invoice.payments = await stripe().invoicePayments.list({ invoice: invoice.id, status: "paid", limit: 10 });
}

/** Applies a verified event; lookups at Stripe happen first, outside the transaction. A failed
 *  lookup throws, and the route answers 5xx so that Stripe sends the event again. */
export async function ingestStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  const outcome = applyStripeEvent(event, await factsFor(event));
  if (outcome === "applied" && event.type === "invoice.paid")
    await pauseIfNextChargePasses(
      event.data.object,
      stripeInstant(event.data.object.status_transitions?.paid_at ?? event.created),
    );
  return outcome;
}

/** After a monthly charge is recorded: would the next one pass the limit? Then pause the plan now,
 *  before Stripe takes it. A failure here must not make Stripe re-send the charge's event. */
async function pauseIfNextChargePasses(invoice: Stripe.Invoice, paidAt: string): Promise<void> {
  const { subscriptionId } = invoiceSubscription(invoice);
  if (!subscriptionId) return;
  const plan = queriesFor(db()).planBySubscription.get({ subscription: subscriptionId });
  if (!plan) return;
  try {
    // The next charge after this one's day: a late webhook still checks the right month.
    await pausePlanIfNextChargePasses(plan.id, db(), new Date(paidAt));
  } catch (error) {
    console.error(`Checking plan ${plan.id} against the limit failed`, error);
  }
}
