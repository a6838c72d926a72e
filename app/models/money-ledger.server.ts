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
import { preparedOnce } from "#db/prepared";

/** The ledger's statements, prepared once per connection (db/prepared.ts): every webhook posts entries. */
function statements(database: DbOrTx): Statements {
  return preparedOnce(cache, database, (database) => {
    const p = (name: string) => sql.placeholder(name);
    return {
      insert: database
        .insert(moneyEntries)
        .values({
          donationId: sql`${p("donationId")}`,
          kind: sql`${p("kind")}`,
          amountCents: sql`${p("amountCents")}`,
          effectiveAt: sql`${p("effectiveAt")}`,
          source: sql`${p("source")}`,
          stripeObjectId: sql`${p("stripeObjectId")}`,
        } as unknown as typeof moneyEntries.$inferInsert)
        .onConflictDoNothing()
        .returning({ id: moneyEntries.id })
        .prepare(),
      byKind: database
        .select({
          kind: moneyEntries.kind,
          cents: sql<number>`sum(${moneyEntries.amountCents})`,
          first: sql<string>`min(${moneyEntries.effectiveAt})`,
        })
        .from(moneyEntries)
        .where(eq(moneyEntries.donationId, sql`${p("donationId")}`))
        .groupBy(moneyEntries.kind)
        .prepare(),
      donation: database
        .select()
        .from(donations)
        .where(eq(donations.id, sql`${p("donationId")}`))
        .prepare(),
      derived: database
        .update(donations)
        .set({
          amountCents: sql`${p("amountCents")}`,
          refundedCents: sql`${p("refundedCents")}`,
          disputedCents: sql`${p("disputedCents")}`,
          feeCents: sql`${p("feeCents")}`,
          receivedAt: sql`${p("receivedAt")}`,
          status: sql`${p("status")}`,
          updatedAt: sql`${p("updatedAt")}`,
        } as unknown as Partial<typeof donations.$inferInsert>)
        .where(eq(donations.id, sql`${p("donationId")}`))
        .prepare(),
    };
  });
}
type Statements = {
  donation: { get(values: Record<string, unknown>): typeof donations.$inferSelect | undefined };
  insert: { get(values: Record<string, unknown>): { id: number } | undefined };
  byKind: { all(values: Record<string, unknown>): Array<{ kind: MoneyEntryKind; cents: number; first: string }> };
  derived: { run(values: Record<string, unknown>): unknown };
};
const cache = new WeakMap<object, Statements>();

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
  const inserted = statements(tx).insert.get({
    donationId: entry.donationId,
    kind: entry.kind,
    amountCents,
    effectiveAt: entry.effectiveAt,
    source: entry.source ?? null,
    stripeObjectId: entry.stripeObjectId ?? null,
  });
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
  const rows = asOf
    ? tx
        .select({
          kind: moneyEntries.kind,
          cents: sql<number>`sum(${moneyEntries.amountCents})`,
          first: sql<string>`min(${moneyEntries.effectiveAt})`,
        })
        .from(moneyEntries)
        .where(and(eq(moneyEntries.donationId, donationId), sql`${moneyEntries.effectiveAt} < ${asOf}`))
        .groupBy(moneyEntries.kind)
        .all()
    : statements(tx).byKind.all({ donationId });
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
  const money = donationMoney(donationId, tx);
  if (!money.receivedAt) return;
  // The row's CHECKs keep refunded and disputed within the gift: Stripe never moves more than was paid.
  const amountCents = money.receivedCents;
  const refundedCents = Math.min(amountCents, money.refundedCents);
  const disputedCents = Math.min(amountCents, money.disputedCents);
  const derived = {
    amountCents,
    refundedCents,
    disputedCents,
    feeCents: money.feeCents,
    receivedAt: money.receivedAt,
    status: statusFrom({ amountCents, refundedCents, disputedCents }),
  };
  // A row written already as received (a new monthly charge) needs no second write: rewriting it
  // would touch every index of donations for nothing.
  const row = statements(tx).donation.get({ donationId });
  if (row && (Object.keys(derived) as Array<keyof typeof derived>).every((k) => row[k] === derived[k])) return;
  statements(tx).derived.run({ donationId, ...derived, updatedAt: new Date().toISOString() });
}

/** A received gift's status follows from its amounts, whatever order the events came in. */
export function statusFrom(d: { amountCents: number; refundedCents: number; disputedCents: number }) {
  if (d.disputedCents > 0) return "disputed" as const;
  if (d.refundedCents >= d.amountCents && d.amountCents > 0) return "refunded" as const;
  if (d.refundedCents > 0) return "partially_refunded" as const;
  return "succeeded" as const;
}

/** A donation row as it stands (the derived figures included), by a statement prepared once. */
export function donationById(donationId: number, tx: DbOrTx): typeof donations.$inferSelect | undefined {
  return statements(tx).donation.get({ donationId });
}

export function entriesOf(donationId: number, tx: DbOrTx): MoneyEntry[] {
  return tx
    .select()
    .from(moneyEntries)
    .where(eq(moneyEntries.donationId, donationId))
    .orderBy(moneyEntries.effectiveAt, moneyEntries.id)
    .all();
}
