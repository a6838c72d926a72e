/**
 * Reconciliation (decision 008): Stripe's balance transactions are the bank statement of the
 * PAC's card money; the ledger must hold each one. A run pages through the transactions created
 * since the last run (with a day of overlap: posting is idempotent) and, for each one of ours,
 * posts what the ledger lacks (a receipt, a refund, its reversal, a dispute movement, a fee) and
 * lists what it cannot make agree (different amounts, a payment of ours with no gift to place it
 * on) for staff. Stripe stops re-sending an undelivered webhook after three days; this is how a
 * gift paid then is still recorded.
 *
 * Transactions are matched by the ids the ledger already holds, so a run over 100,000 of them
 * asks Stripe for nothing more; only a transaction the ledger has never seen costs one lookup.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Db, writeTransaction } from "#db/client";
import { donations, moneyEntries, reconciliationDifferences, reconciliationRuns } from "#db/schema";
import { stripe, stripeIdOf, stripeInstant } from "~/lib/stripe.server";
import { donationIdIn } from "~/lib/stripe-metadata.server";
import { findDonation, markReceived } from "./donations.server";
import { postEntry } from "./money-ledger.server";
import { recordAudit } from "./audit.server";
import { oursButNotPlaced } from "./stripe-ownership.server";

const OVERLAP_SECONDS = 86_400;
const PAGE_SIZE = 100;

export type ReconciliationRun = typeof reconciliationRuns.$inferSelect;
export type ReconciliationDifference = typeof reconciliationDifferences.$inferSelect;

function queries(database: Db) {
  const p = (name: string) => sql.placeholder(name);
  return {
    donationByCharge: database
      .select()
      .from(donations)
      .where(eq(donations.stripeChargeId, sql`${p("id")}`))
      .prepare(),
    donationByIntent: database
      .select()
      .from(donations)
      .where(eq(donations.stripePaymentIntentId, sql`${p("id")}`))
      .prepare(),
    entryBySource: database
      .select()
      .from(moneyEntries)
      .where(eq(moneyEntries.source, sql`${p("source")}`))
      .prepare(),
    // Gifts moved in from before the ledger (migration 0005) carry their refunds and fees as one
    // undated entry each; Stripe's own transactions for them must not be added a second time.
    migrated: database
      .select({ id: moneyEntries.id })
      .from(moneyEntries)
      .where(eq(moneyEntries.source, sql`${p("source")}`))
      .prepare(),
    receiptOf: database
      .select()
      .from(moneyEntries)
      .where(and(eq(moneyEntries.donationId, sql`${p("donation")}`), eq(moneyEntries.kind, "receipt")))
      .prepare(),
  };
}

type Queries = ReturnType<typeof queries>;

interface Outcome {
  created: number;
  differences: Array<Omit<typeof reconciliationDifferences.$inferInsert, "runId">>;
}

/** Where the run starts reading: a day before the last finished run began, or the beginning. */
export function reconciliationStart(database: Db = db()): number {
  const last = database
    .select({ startedAt: reconciliationRuns.startedAt })
    .from(reconciliationRuns)
    .where(and(sql`${reconciliationRuns.finishedAt} is not null`, isNull(reconciliationRuns.error)))
    .orderBy(desc(reconciliationRuns.id))
    .limit(1)
    .get();
  return last ? Math.floor(Date.parse(last.startedAt) / 1000) - OVERLAP_SECONDS : 0;
}

/** Runs one reconciliation and records it; returns the run. */
export async function reconcileStripe(
  options: { since?: number; database?: Db; client?: Stripe } = {},
): Promise<ReconciliationRun> {
  const database = options.database ?? db();
  const api = options.client ?? stripe();
  const since = options.since ?? reconciliationStart(database);
  const run = database.insert(reconciliationRuns).values({ sinceUnix: since }).returning().get();
  const q = queries(database);
  let read = 0;
  let created = 0;
  let differences = 0;
  try {
    const apply = async (page: Stripe.BalanceTransaction[]) => {
      // Lookups at Stripe for transactions the ledger has never seen happen before the write.
      const unseen = new Map<string, unknown>();
      for (const txn of page) if (needsLookup(txn, q)) unseen.set(txn.id, await lookUp(txn, api));
      writeTransaction(database, (tx) => {
        for (const txn of page) {
          const outcome = reconcileOne(txn, unseen.get(txn.id), q, tx as unknown as Db);
          created += outcome.created;
          for (const d of outcome.differences) {
            const inserted = tx
              .insert(reconciliationDifferences)
              .values({ ...d, runId: run.id })
              .onConflictDoNothing()
              .returning()
              .get();
            if (inserted) differences += 1;
          }
        }
      });
      read += page.length;
    };
    // The next page is on its way from Stripe while this one is compared: the run waits for the
    // network or the database, not for both in turn.
    const fetchPage = (startingAfter?: string) =>
      api.balanceTransactions.list({
        created: { gte: since },
        limit: PAGE_SIZE,
        ...(startingAfter ? { starting_after: startingAfter } : {}),
      });
    let next: ReturnType<typeof fetchPage> | null = fetchPage();
    while (next) {
      const page: Stripe.ApiList<Stripe.BalanceTransaction> = await next;
      next = page.has_more && page.data.length ? fetchPage(page.data[page.data.length - 1].id) : null;
      // A failed prefetch is reported when it is awaited, not as an unhandled rejection meanwhile.
      next?.catch(() => {});
      await apply(page.data);
    }
    return database
      .update(reconciliationRuns)
      .set({
        finishedAt: new Date().toISOString(),
        transactionsRead: read,
        entriesCreated: created,
        differencesFound: differences,
      })
      .where(eq(reconciliationRuns.id, run.id))
      .returning()
      .get();
  } catch (error) {
    return database
      .update(reconciliationRuns)
      .set({
        finishedAt: new Date().toISOString(),
        transactionsRead: read,
        entriesCreated: created,
        differencesFound: differences,
        error: error instanceof Error ? error.message : String(error),
      })
      .where(eq(reconciliationRuns.id, run.id))
      .returning()
      .get();
  }
}

const CHARGE_TYPES = new Set(["charge", "payment"]);
const REFUND_TYPES = new Set(["refund", "payment_refund"]);
const REFUND_FAILURE_TYPES = new Set(["refund_failure", "payment_failure_refund"]);

/** True when the ledger holds nothing that places this transaction, so Stripe must be asked. */
function needsLookup(txn: Stripe.BalanceTransaction, q: Queries): boolean {
  const source = stripeIdOf(txn.source);
  if (!source) return false;
  if (CHARGE_TYPES.has(txn.type)) return !q.donationByCharge.get({ id: source });
  if (REFUND_TYPES.has(txn.type)) return !q.entryBySource.get({ source });
  if (REFUND_FAILURE_TYPES.has(txn.type))
    return !q.entryBySource.get({ source: `${source}:reversal` }) && !q.entryBySource.get({ source });
  if (txn.type === "adjustment") return !q.entryBySource.get({ source: txn.id });
  return false;
}

async function lookUp(txn: Stripe.BalanceTransaction, api: Stripe): Promise<unknown> {
  const source = stripeIdOf(txn.source)!;
  if (CHARGE_TYPES.has(txn.type)) {
    const charge = await api.charges.retrieve(source);
    return { charge, ours: await oursButNotPlaced(charge.id, stripeIdOf(charge.payment_intent)) };
  }
  if (REFUND_TYPES.has(txn.type) || REFUND_FAILURE_TYPES.has(txn.type)) return api.refunds.retrieve(source);
  if (txn.type === "adjustment" && source.startsWith("dp_")) return api.disputes.retrieve(source);
  return null;
}

function donationForCharge(chargeId: string | null, intentId: string | null, q: Queries) {
  return (
    (chargeId ? q.donationByCharge.get({ id: chargeId }) : undefined) ??
    (intentId ? q.donationByIntent.get({ id: intentId }) : undefined)
  );
}

function reconcileOne(txn: Stripe.BalanceTransaction, fetched: unknown, q: Queries, tx: Db): Outcome {
  const out: Outcome = { created: 0, differences: [] };
  const source = stripeIdOf(txn.source);
  if (!source) return out;
  const post = (entry: Parameters<typeof postEntry>[0]) => {
    if (postEntry(entry, tx)) out.created += 1;
  };
  const fee = (donationId: number) => {
    if (CHARGE_TYPES.has(txn.type) && q.migrated.get({ source: `migrated:fee:${donationId}` })) return;
    if (txn.fee > 0)
      post({
        donationId,
        kind: "fee",
        amountCents: txn.fee,
        effectiveAt: stripeInstant(txn.created),
        source: `${txn.id}:fee`,
        stripeObjectId: source,
      });
  };
  const differ = (problem: string, donationId: number | null, ledgerCents: number | null) =>
    out.differences.push({
      balanceTransactionId: txn.id,
      stripeObjectId: source,
      donationId,
      problem,
      stripeCents: txn.amount,
      ledgerCents,
    });

  if (CHARGE_TYPES.has(txn.type)) {
    const { charge, ours } = (fetched as { charge: Stripe.Charge; ours: boolean } | undefined) ?? {};
    let donation =
      q.donationByCharge.get({ id: source }) ??
      (charge ? donationForCharge(null, stripeIdOf(charge.payment_intent), q) : undefined);
    if (!donation && charge) {
      // A one-time gift whose checkout events were all lost: its payment names the pending row.
      const named = donationIdIn(charge.metadata) ? findDonation(donationIdIn(charge.metadata)!, tx) : undefined;
      if (named && !named.stripeChargeId && (named.status === "pending" || named.status === "failed")) donation = named;
      // Ours, but no row to place it on (a month whose invoice.paid never came): staff enter it.
      else if (ours) differ("payment_without_gift", null, null);
    }
    if (!donation) return out;
    const receipt = q.receiptOf.get({ donation: donation.id });
    if (!receipt) {
      markReceived(
        donation,
        {
          receivedAt: stripeInstant(txn.created),
          amountCents: txn.amount,
          chargeId: source,
          paymentIntentId: charge ? stripeIdOf(charge.payment_intent) : null,
        },
        tx,
      );
      out.created += 1;
    } else {
      if (!donation.stripeChargeId)
        tx.update(donations).set({ stripeChargeId: source }).where(eq(donations.id, donation.id)).run();
      if (receipt.amountCents !== txn.amount) differ("receipt_amount", donation.id, receipt.amountCents);
    }
    fee(donation.id);
    return out;
  }

  if (REFUND_TYPES.has(txn.type) || REFUND_FAILURE_TYPES.has(txn.type)) {
    const failure = REFUND_FAILURE_TYPES.has(txn.type);
    const existing = q.entryBySource.get({ source: failure ? `${source}:reversal` : source });
    if (existing) {
      if (existing.amountCents !== txn.amount)
        differ(failure ? "refund_reversal_amount" : "refund_amount", existing.donationId, existing.amountCents);
      return out;
    }
    const refund = fetched as Stripe.Refund | undefined;
    const refunded = q.entryBySource.get({ source });
    const donation = refunded
      ? findDonation(refunded.donationId, tx)
      : refund
        ? donationForCharge(stripeIdOf(refund.charge), stripeIdOf(refund.payment_intent), q)
        : undefined;
    if (!donation?.receivedAt) {
      if (refund && (donationIdIn(refund.metadata) || donation))
        differ("refund_without_gift", donation?.id ?? null, null);
      return out;
    }
    const amount = Math.abs(txn.amount);
    if (!refunded && q.migrated.get({ source: `migrated:refund:${donation.id}` })) return out;
    if (!refunded)
      post({
        donationId: donation.id,
        kind: "refund",
        amountCents: refund?.amount ?? amount,
        effectiveAt: stripeInstant(refund?.created ?? txn.created),
        source,
        stripeObjectId: source,
      });
    if (failure)
      post({
        donationId: donation.id,
        kind: "refund_reversal",
        amountCents: amount,
        effectiveAt: stripeInstant(txn.created),
        source: `${source}:reversal`,
        stripeObjectId: source,
      });
    return out;
  }

  if (txn.type === "adjustment") {
    const existing = q.entryBySource.get({ source: txn.id });
    if (existing) return out;
    const dispute = fetched as Stripe.Dispute | undefined;
    if (!dispute) return out;
    const donation = donationForCharge(stripeIdOf(dispute.charge), stripeIdOf(dispute.payment_intent), q);
    if (!donation?.receivedAt) return out;
    if (q.migrated.get({ source: `migrated:dispute:${donation.id}` })) return out;
    if (txn.amount !== 0) {
      post({
        donationId: donation.id,
        kind: txn.amount < 0 ? "dispute_withdrawal" : "dispute_reinstatement",
        amountCents: Math.abs(txn.amount),
        effectiveAt: stripeInstant(txn.created),
        source: txn.id,
        stripeObjectId: dispute.id,
      });
    }
    fee(donation.id);
  }
  return out;
}

// ───────────── Staff page ─────────────

export function recentRuns(limit = 20, database: Db = db()): ReconciliationRun[] {
  return database.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.id)).limit(limit).all();
}

export function openDifferences(database: Db = db()): ReconciliationDifference[] {
  return database
    .select()
    .from(reconciliationDifferences)
    .where(isNull(reconciliationDifferences.resolvedAt))
    .orderBy(reconciliationDifferences.id)
    .all();
}

/** Staff mark a difference resolved once they have corrected it at Stripe or in the books; audited. */
export function resolveDifference(id: number, staffUserId: number, database: Db = db()): boolean {
  return writeTransaction(database, (tx) => {
    const row = tx
      .update(reconciliationDifferences)
      .set({ resolvedAt: new Date().toISOString(), resolvedByStaffId: staffUserId })
      .where(and(eq(reconciliationDifferences.id, id), isNull(reconciliationDifferences.resolvedAt)))
      .returning()
      .get();
    if (row) {
      recordAudit(
        {
          staffUserId,
          entity: "reconciliation_difference",
          entityId: id,
          action: "resolve",
          after: { problem: row.problem, balanceTransactionId: row.balanceTransactionId },
        },
        tx,
      );
    }
    return Boolean(row);
  });
}

/** What each problem means, in the words shown to staff. */
export const PROBLEM_LABELS: Record<string, string> = {
  receipt_amount: "Stripe received a different amount than the gift records",
  refund_amount: "Stripe refunded a different amount than the books show",
  refund_reversal_amount: "A failed refund came back with a different amount",
  payment_without_gift: "A payment marked as ours has no gift in the books: enter it or refund it",
  refund_without_gift: "A refund of ours has no received gift in the books",
};
