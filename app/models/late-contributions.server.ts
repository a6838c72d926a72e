/**
 * Late large contributions: gifts received in the days just before an election, above the
 * regime's figure, that must be reported on their own rather than wait for the next report
 * (New Mexico: NMSA 1978 § 1-19-29(B)(5)). The windows and figures come from the profile, so a
 * regime without the rule lists nothing.
 */
import { and, asc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { donations } from "#db/schema";
import { nextDay, startOfDayUtc } from "~/lib/time-zone";
import { COUNTED_STATUSES } from "./compliance.server";
import type { ReportScope } from "./itemized-query.server";

export interface LateContribution {
  donationId: number;
  name: string;
  amountCents: number;
  receivedAt: string;
  election: string;
  electionDay: string;
  thresholdCents: number;
  source: string;
  url: string;
}

const HOUR_MS = 3_600_000;

/** Every late large contribution received within the scope's days, oldest first. */
export function lateContributions(scope: ReportScope, database: DbOrTx = db()): LateContribution[] {
  const scopeFrom = startOfDayUtc(scope.fromDay, scope.timeZone);
  const scopeTo = startOfDayUtc(nextDay(scope.toDay), scope.timeZone);
  const found: LateContribution[] = [];
  const firstYear = Number(scope.fromDay.slice(0, 4));
  const lastYear = Number(scope.toDay.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    for (const window of scope.profile.lateContributionWindows(year)) {
      // Elections fall on Tuesdays, never on a day the clocks change, so the hour is added plainly.
      const opens = new Date(
        Date.parse(startOfDayUtc(window.opensDay, scope.timeZone)) + window.opensAtHour * HOUR_MS,
      ).toISOString();
      const closes = startOfDayUtc(nextDay(window.electionDay), scope.timeZone);
      const from = opens > scopeFrom ? opens : scopeFrom;
      const to = closes < scopeTo ? closes : scopeTo;
      if (from >= to) continue;
      const rows = database
        .select({
          id: donations.id,
          firstName: donations.donorFirstName,
          lastName: donations.donorLastName,
          amountCents: donations.amountCents,
          receivedAt: donations.receivedAt,
        })
        .from(donations)
        .where(
          and(
            inArray(donations.status, [...COUNTED_STATUSES]),
            eq(donations.account, scope.profile.key),
            // "after 5:00 p.m.": a gift at 5:00 p.m. exactly is still on time.
            from === opens ? gt(donations.receivedAt, opens) : gte(donations.receivedAt, from),
            lt(donations.receivedAt, to),
            // "for more than" the figure: a single contribution, not an aggregate.
            gt(donations.amountCents, window.thresholdCents),
          ),
        )
        .orderBy(asc(donations.receivedAt), asc(donations.id))
        .all();
      for (const r of rows)
        found.push({
          donationId: r.id,
          name: [r.firstName, r.lastName].filter(Boolean).join(" "),
          amountCents: r.amountCents,
          receivedAt: r.receivedAt ?? "",
          election: window.election,
          electionDay: window.electionDay,
          thresholdCents: window.thresholdCents,
          source: window.source,
          url: window.url,
        });
    }
  }
  return found;
}
