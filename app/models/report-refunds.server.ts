/**
 * Contributions given back in a range of days, read from the money ledger: each refund (and each
 * reversal of a refund that failed) is its own dated entry, reported in the period it happened,
 * never by rewriting the gift's own period (decision 008). The federal schedule lists them on
 * Form 3X line 28(a); the New Mexico file lists them as returned contributions.
 *
 * Chargebacks are the card network taking money back, not the committee returning it, and are
 * left out here (the report page shows them in the period's totals).
 */
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { donations, moneyEntries } from "#db/schema";
import { nextDay, startOfDayUtc } from "~/lib/time-zone";
import { COUNTED_STATUSES } from "./compliance.server";
import type { ReportScope } from "./itemized-query.server";

export interface RefundEntry {
  entryId: number;
  kind: "refund" | "refund_reversal";
  /** money going back to the donor: positive for a refund, negative for a reversed one */
  refundedCents: number;
  effectiveAt: string;
  donationId: number;
  contactId: number;
  firstName: string;
  lastName: string;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  employer: string | null;
  occupation: string | null;
  contributorType: string;
  method: string;
  giftReceivedAt: string | null;
  giftAmountCents: number;
  period: string | null;
  /** the donor's gifts of the gift's period through the gift, before any refund */
  grossAggregateCents: number;
}

/** Refund entries effective in the scope's days, oldest first; anonymous gifts have no one to name. */
export function refundEntries(scope: ReportScope, database: DbOrTx = db()): RefundEntry[] {
  const earlier = sql.raw("earlier");
  const grossAggregate = sql<number>`(
    select coalesce(sum(${earlier}.amount_cents), 0) from donations ${earlier}
    where ${earlier}.contact_id = ${donations.contactId}
      and ${earlier}.aggregation_period = ${donations.aggregationPeriod}
      and ${earlier}.account = ${donations.account}
      and ${earlier}.is_anonymous = 0
      and ${earlier}.status in (${sql.join(
        COUNTED_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})
      and ${earlier}.received_at <= ${donations.receivedAt})`;
  return database
    .select({
      entryId: moneyEntries.id,
      kind: moneyEntries.kind,
      amountCents: moneyEntries.amountCents,
      effectiveAt: moneyEntries.effectiveAt,
      donationId: donations.id,
      contactId: donations.contactId,
      firstName: donations.donorFirstName,
      lastName: donations.donorLastName,
      street: donations.donorStreet,
      city: donations.donorCity,
      state: donations.donorState,
      zip: donations.donorZip,
      employer: donations.donorEmployer,
      occupation: donations.donorOccupation,
      contributorType: donations.contributorType,
      method: donations.method,
      giftReceivedAt: donations.receivedAt,
      giftAmountCents: donations.amountCents,
      period: donations.aggregationPeriod,
      grossAggregateCents: grossAggregate,
    })
    .from(moneyEntries)
    .innerJoin(donations, eq(donations.id, moneyEntries.donationId))
    .where(
      and(
        inArray(moneyEntries.kind, ["refund", "refund_reversal"]),
        eq(donations.isAnonymous, false),
        // One account's report: a refund of a gift to the other account is that account's.
        eq(donations.account, scope.profile.key),
        gte(moneyEntries.effectiveAt, startOfDayUtc(scope.fromDay, scope.timeZone)),
        lt(moneyEntries.effectiveAt, startOfDayUtc(nextDay(scope.toDay), scope.timeZone)),
      ),
    )
    .orderBy(asc(moneyEntries.effectiveAt), asc(moneyEntries.id))
    .all()
    .map(({ amountCents, kind, grossAggregateCents, ...rest }) => ({
      ...rest,
      kind: kind as RefundEntry["kind"],
      refundedCents: -amountCents,
      grossAggregateCents: Number(grossAggregateCents),
    }));
}
