/**
 * Finds excessive contributions as money is received: a gift that takes its source's total for
 * the period past the limit (52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d); NMSA 1978
 * § 1-19-34.7(A)) is recorded with its excess and the deadline to cure it (11 CFR 103.3(b)(3):
 * 60 days from receipt; New Mexico: the PAC's policy, the law setting none). Runs inside the
 * transaction of the receipt, whatever brought it: a Stripe webhook, a monthly charge, staff entry.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { type donations, excessiveContributions } from "#db/schema";
import { dayInZone } from "~/lib/time-zone";
import { aggregateCents, complianceProfile, type ComplianceProfile } from "./compliance.server";
import { getSettings, type ComplianceProfileKey, type Settings } from "./settings.server";

export type ExcessiveContribution = typeof excessiveContributions.$inferSelect;

type ReceivedDonation = Pick<
  typeof donations.$inferSelect,
  | "id"
  | "contactId"
  | "aggregationPeriod"
  | "receivedAt"
  | "isAnonymous"
  | "amountCents"
  | "refundedCents"
  | "disputedCents"
  | "account"
>;

/** `day` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative once `to` has passed). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The rules of the gift's own day: the limit and the deadline in force when it was received. */
export function profileOn(
  instant: string,
  settings: Settings,
  account: ComplianceProfileKey,
): { profile: ComplianceProfile; day: string } {
  const day = dayInZone(instant, settings.timeZone);
  return { profile: complianceProfile(settings, day, account), day };
}

/**
 * Records the excess a just-received gift brought, if any. The excess is what the source's period
 * total is over the limit, less what open excesses already hold, and never more than the gift
 * itself. Call in the transaction of the receipt. Anonymous gifts have their own caps
 * (checkContribution); they are not one source's.
 */
export function detectExcess(
  donation: ReceivedDonation,
  database: DbOrTx,
  settings: Settings = getSettings(database),
): ExcessiveContribution | null {
  if (donation.isAnonymous || !donation.aggregationPeriod || !donation.receivedAt) return null;
  // The gift's own account decides the limit: a PAC with federal and state accounts keeps a
  // total per account (the two regimes' limits never add up).
  const { profile, day } = profileOn(donation.receivedAt, settings, donation.account);
  const total = aggregateCents(donation.contactId, donation.aggregationPeriod, { account: donation.account }, database);
  const open = database
    .select({ cents: sql<number>`coalesce(sum(${excessiveContributions.excessCents}), 0)` })
    .from(excessiveContributions)
    .where(
      and(
        eq(excessiveContributions.contactId, donation.contactId),
        eq(excessiveContributions.periodKey, donation.aggregationPeriod),
        isNull(excessiveContributions.resolvedAt),
      ),
    )
    .get();
  const net = donation.amountCents - donation.refundedCents - donation.disputedCents;
  const excess = Math.min(net, total - profile.limitCents - Number(open?.cents ?? 0));
  if (excess <= 0) return null;
  const row = database
    .insert(excessiveContributions)
    .values({
      donationId: donation.id,
      contactId: donation.contactId,
      periodKey: donation.aggregationPeriod,
      limitCents: profile.limitCents,
      excessCents: excess,
      receivedAt: donation.receivedAt,
      deadlineDay: addDays(day, profile.excessRemedyDays.days),
      deadlineSource: profile.excessRemedyDays.source,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  return row ?? null;
}
