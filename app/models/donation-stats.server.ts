/**
 * Fundraising figures: total raised toward the goal, gifts per day, totals by refcode, a period's
 * receipts, and one donor's aggregate for the contact page. All count received gifts net of
 * refunds and disputes, the same measure the compliance rules use.
 */
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { donations, donationTotals, moneyEntries } from "#db/schema";
import { dayInZone, nextDay, startOfDayUtc } from "~/lib/time-zone";
import {
  aggregateCents,
  complianceProfile,
  COUNTED_STATUSES,
  isItemizable,
  netCentsSql,
  periodFor,
  periodLabel,
} from "./compliance.server";
import { activeAccountKeys } from "./accounts.server";
import { getSettings, type ComplianceProfileKey } from "./settings.server";

const counted = inArray(donations.status, [...COUNTED_STATUSES]);

/** Read from the trigger-kept running total (migration 0004): one row, not a scan of every gift. */
export function totalRaisedCents(database: DbOrTx = db()): number {
  return database.select({ net: donationTotals.netCents }).from(donationTotals).get()?.net ?? 0;
}

export function fundraisingGoal(database: DbOrTx = db()) {
  const { fundraisingGoalCents } = getSettings(database);
  const raisedCents = totalRaisedCents(database);
  const percent = fundraisingGoalCents > 0 ? Math.min(100, Math.floor((raisedCents * 100) / fundraisingGoalCents)) : 0;
  return { goalCents: fundraisingGoalCents, raisedCents, percent };
}

/** Net received per PAC-calendar day over the last `days` days, oldest first, gaps as zero. */
export function donationsPerDay(days = 30, now = new Date(), database: DbOrTx = db()) {
  const { timeZone } = getSettings(database);
  const today = dayInZone(now, timeZone);
  const dayList: string[] = [];
  let d = today;
  for (let i = 0; i < days; i++) {
    dayList.unshift(d);
    const date = new Date(`${d}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() - 1);
    d = date.toISOString().slice(0, 10);
  }
  // Grouped by UTC hour in SQL, then folded into local days: exact for every whole-hour zone.
  const buckets = database
    .select({
      hour: sql<string>`substr(${donations.receivedAt}, 1, 13)`,
      cents: sql<number>`sum(${netCentsSql})`,
      n: sql<number>`count(*)`,
    })
    .from(donations)
    .where(
      and(
        counted,
        gte(donations.receivedAt, startOfDayUtc(dayList[0], timeZone)),
        lt(donations.receivedAt, startOfDayUtc(nextDay(today), timeZone)),
      ),
    )
    .groupBy(sql`1`)
    .all();
  const byDay = new Map(dayList.map((day) => [day, { day, cents: 0, count: 0 }]));
  for (const b of buckets) {
    const entry = byDay.get(dayInZone(`${b.hour}:30:00.000Z`, timeZone));
    if (entry) {
      entry.cents += Number(b.cents);
      entry.count += Number(b.n);
    }
  }
  return [...byDay.values()];
}

export function totalsByRefcode(limit = 20, database: DbOrTx = db()) {
  return database
    .select({
      refcode: donations.refcode,
      cents: sql<number>`sum(${netCentsSql})`,
      count: sql<number>`count(*)`,
    })
    .from(donations)
    .where(counted)
    .groupBy(donations.refcode)
    .orderBy(desc(sql`2`))
    .limit(limit)
    .all()
    .map((r) => ({ refcode: r.refcode, cents: Number(r.cents), count: Number(r.count) }));
}

/**
 * The money of a date range (PAC-calendar days, inclusive) by method, for the filing report,
 * read from the ledger by when each movement happened: a refund or chargeback is reported in
 * the period it happened (as contribution refunds are, 11 CFR 104.3(b)(4)(v)), so a filed
 * period's figures never change afterwards. Fees are the processor's cost, not contributions,
 * and are left out.
 */
export function receiptsInRange(
  fromDay: string,
  toDay: string,
  database: DbOrTx = db(),
  /** one account's receipts; every account's when not given */
  account?: ComplianceProfileKey,
) {
  const { timeZone } = getSettings(database);
  const part = (kinds: string[]) =>
    sql<number>`coalesce(sum(case when ${moneyEntries.kind} in (${sql.join(
      kinds.map((k) => sql`${k}`),
      sql`, `,
    )}) then ${moneyEntries.amountCents} else 0 end), 0)`;
  const rows = database
    .select({
      method: donations.method,
      receivedCents: part(["receipt"]),
      refundsCents: part(["refund", "refund_reversal"]),
      disputesCents: part(["dispute_withdrawal", "dispute_reinstatement"]),
      count: sql<number>`sum(case when ${moneyEntries.kind} = 'receipt' then 1 else 0 end)`,
    })
    .from(moneyEntries)
    .innerJoin(donations, eq(donations.id, moneyEntries.donationId))
    .where(
      and(
        sql`${moneyEntries.kind} <> 'fee'`,
        gte(moneyEntries.effectiveAt, startOfDayUtc(fromDay, timeZone)),
        lt(moneyEntries.effectiveAt, startOfDayUtc(nextDay(toDay), timeZone)),
        account ? eq(donations.account, account) : undefined,
      ),
    )
    .groupBy(donations.method)
    .orderBy(donations.method)
    .all()
    .map((r) => {
      const receivedCents = Number(r.receivedCents);
      const refundsCents = -Number(r.refundsCents);
      const disputesCents = -Number(r.disputesCents);
      return {
        method: r.method,
        count: Number(r.count),
        receivedCents,
        refundsCents,
        disputesCents,
        cents: receivedCents - refundsCents - disputesCents,
      };
    });
  const sum = (key: "receivedCents" | "refundsCents" | "disputesCents" | "cents") =>
    rows.reduce((s, r) => s + r[key], 0);
  return {
    byMethod: rows,
    receivedCents: sum("receivedCents"),
    refundsCents: sum("refundsCents"),
    disputesCents: sum("disputesCents"),
    totalCents: sum("cents"),
  };
}

export interface AccountAggregate {
  account: ComplianceProfileKey;
  accountLabel: string;
  periodKey: string;
  periodLabel: string;
  aggregateCents: number;
  limitCents: number;
  remainingCents: number;
  itemizable: boolean;
  profileLabel: string;
}

export interface DonorAggregate {
  /** this period's total in each account taking gifts, the main account first */
  accounts: AccountAggregate[];
  history: Array<{
    account: string;
    accountLabel: string;
    periodKey: string;
    periodLabel: string;
    cents: number;
    count: number;
  }>;
}

/** A donor's year-to-date (or cycle-to-date) aggregate in each active account, each against that
 *  account's own limit (a gift to one account never counts toward the other's), and earlier periods. */
export function donorAggregate(contactId: number, now = new Date(), database: DbOrTx = db()): DonorAggregate {
  const settings = getSettings(database);
  const accounts = activeAccountKeys(settings).map((account): AccountAggregate => {
    const profile = complianceProfile(settings, dayInZone(now, settings.timeZone), account);
    const period = periodFor(now.toISOString(), settings, account);
    const current = aggregateCents(contactId, period.key, { account }, database);
    return {
      account,
      accountLabel: settings.accountLabels[account],
      periodKey: period.key,
      periodLabel: period.label,
      aggregateCents: current,
      limitCents: profile.limitCents,
      remainingCents: Math.max(0, profile.limitCents - current),
      itemizable: isItemizable(current, profile),
      profileLabel: profile.label,
    };
  });
  const history = database
    .select({
      account: donations.account,
      periodKey: donations.aggregationPeriod,
      cents: sql<number>`sum(${netCentsSql})`,
      count: sql<number>`count(*)`,
    })
    .from(donations)
    .where(and(eq(donations.contactId, contactId), counted))
    .groupBy(donations.account, donations.aggregationPeriod)
    .orderBy(desc(donations.aggregationPeriod), donations.account)
    .all()
    .filter((r) => r.periodKey)
    .map((r) => ({
      account: r.account,
      accountLabel: settings.accountLabels[r.account],
      periodKey: r.periodKey!,
      periodLabel: periodLabel(r.periodKey!),
      cents: Number(r.cents),
      count: Number(r.count),
    }));
  return { accounts, history };
}

/** Everything the fundraising dashboard shows, in one call. */
export function donationDashboard(now = new Date(), database: DbOrTx = db()) {
  return {
    goal: fundraisingGoal(database),
    perDay: donationsPerDay(30, now, database),
    byRefcode: totalsByRefcode(20, database),
  };
}
