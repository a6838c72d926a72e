/**
 * The money ledger (decision 008): every movement of money is a dated, append-only entry in
 * money_entries, and a gift's amounts are derived from its entries. Posting is idempotent: an
 * entry's source (a Stripe balance transaction id, or another provider id) is unique, and a gift
 * has one receipt, so a replayed or concurrent event, or reconciliation finding what a webhook
 * already posted, adds nothing.
 *
 * The donation row keeps a copy of the derived figures (status, received_at, refunded, disputed,
 * fee) because the goal bar, the lists and the compliance aggregates read them on every page;
 * `syncDonation` is the only writer of that copy and runs in the transaction of the entry.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { donations, moneyEntries, type MoneyEntryKind } from "#db/schema";

export type MoneyEntry = typeof moneyEntries.$inferSelect;

export interface NewEntry {
  donationId: number;
  kind: MoneyEntryKind;
  /** signed by the effect on the PAC's money: refunds, withdrawals and fees are negative */
  amountCents: number;
  effectiveAt: string;
  source?: string | null;
  stripeObjectId?: string | null;
}

const SIGN: Record<MoneyEntryKind, 1 | -1> = {
  receipt: 1,
  refund_reversal: 1,
  dispute_reinstatement: 1,
  refund: -1,
  dispute_withdrawal: -1,
  fee: -1,
};

/** Records one movement; false when it was already recorded (same source, or a second receipt). */
export function postEntry(entry: NewEntry, tx: DbOrTx): boolean {
  if (!Number.isSafeInteger(entry.amountCents)) throw new Error(`Money must be whole cents, got ${entry.amountCents}`);
  const amountCents = SIGN[entry.kind] * Math.abs(entry.amountCents);
  const inserted = tx
    .insert(moneyEntries)
    .values({ ...entry, amountCents, source: entry.source ?? null, stripeObjectId: entry.stripeObjectId ?? null })
    .onConflictDoNothing()
    .returning({ id: moneyEntries.id })
    .get();
  if (!inserted) return false;
  syncDonation(entry.donationId, tx);
  return true;
}

export interface DonationMoney {
  receivedAt: string | null;
  receivedCents: number;
  refundedCents: number;
  disputedCents: number;
  feeCents: number | null;
}

/** A gift's figures from its entries; `asOf` (exclusive) gives them as they stood at that instant. */
export function donationMoney(donationId: number, tx: DbOrTx, asOf?: string): DonationMoney {
  const rows = tx
    .select({ kind: moneyEntries.kind, cents: sql<number>`sum(${moneyEntries.amountCents})`, first: sql<string>`min(${moneyEntries.effectiveAt})`, n: sql<number>`count(*)` })
    .from(moneyEntries)
    .where(and(eq(moneyEntries.donationId, donationId), asOf ? sql`${moneyEntries.effectiveAt} < ${asOf}` : undefined))
    .groupBy(moneyEntries.kind)
    .all();
  const by = (kind: MoneyEntryKind) => Number(rows.find((r) => r.kind === kind)?.cents ?? 0);
  const receipt = rows.find((r) => r.kind === "receipt");
  const hasFee = rows.some((r) => r.kind === "fee");
  return {
    receivedAt: receipt?.first ?? null,
    receivedCents: by("receipt"),
    refundedCents: Math.max(0, -(by("refund") + by("refund_reversal"))),
    disputedCents: Math.max(0, -(by("dispute_withdrawal") + by("dispute_reinstatement"))),
    feeCents: hasFee ? -by("fee") : null,
  };
}

/** Brings the donation's copy of its figures in line with its entries. */
export function syncDonation(donationId: number, tx: DbOrTx): void {
  const donation = tx.select().from(donations).where(eq(donations.id, donationId)).get();
  if (!donation) throw new Error(`No donation ${donationId}`);
  const money = donationMoney(donationId, tx);
  if (!money.receivedAt) return;
  // The row's CHECKs keep refunded and disputed within the gift: Stripe never moves more than was paid.
  const amountCents = money.receivedCents;
  const refundedCents = Math.min(amountCents, money.refundedCents);
  const disputedCents = Math.min(amountCents, money.disputedCents);
  tx.update(donations)
    .set({
      amountCents,
      refundedCents,
      disputedCents,
      feeCents: money.feeCents,
      receivedAt: money.receivedAt,
      status: statusFrom({ amountCents, refundedCents, disputedCents }),
      updatedAt: new Date().toISOString(),
    })
    .where(eq(donations.id, donationId))
    .run();
}

/** A received gift's status follows from its amounts, whatever order the events came in. */
export function statusFrom(d: { amountCents: number; refundedCents: number; disputedCents: number }) {
  if (d.disputedCents > 0) return "disputed" as const;
  if (d.refundedCents >= d.amountCents && d.amountCents > 0) return "refunded" as const;
  if (d.refundedCents > 0) return "partially_refunded" as const;
  return "succeeded" as const;
}

export function entriesOf(donationId: number, tx: DbOrTx): MoneyEntry[] {
  return tx.select().from(moneyEntries).where(eq(moneyEntries.donationId, donationId)).orderBy(moneyEntries.effectiveAt, moneyEntries.id).all();
}
