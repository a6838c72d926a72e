/**
 * Contribution rules, one profile per regime. Every gift (card or offline) goes through
 * `checkContribution` before it is taken, and every report uses the same aggregate, so what the
 * donate page enforces and what the treasurer files cannot disagree.
 *
 * Figures are the PAC treasurer's to confirm; the app makes them visible and enforces them.
 * A year or cycle is read on the PAC's calendar (settings.timeZone, default America/Denver).
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { attributionEntries, donations, recurringPlans } from "#db/schema";
import type { ContributorType } from "#db/enums";
import { dayInZone } from "~/lib/time-zone";
import { formatCents } from "~/lib/format";
import { getSettings, type ComplianceProfileKey, type Settings } from "./settings.server";
import { PROFILES, type ComplianceProfile } from "./compliance-profiles";
import { newMexicoStatewideElections } from "./compliance-profiles/new-mexico-report-periods";
import { sameDonorContactIds } from "./donor-matching.server";

export type { ComplianceProfile };

/**
 * The rules of an account's profile as they stand on `day` (a PAC-calendar day; today by
 * default). The account is the PAC's main one unless named: a PAC may keep federal and state
 * accounts, and each gift follows the rules of its own.
 */
export function complianceProfile(
  settings: Settings = getSettings(),
  day = dayInZone(new Date(), settings.timeZone),
  account: ComplianceProfileKey = settings.complianceProfile,
): ComplianceProfile {
  return PROFILES[account](day);
}

export function isItemizable(aggregateCents: number, profile: ComplianceProfile): boolean {
  return profile.itemizeRule === "over"
    ? aggregateCents > profile.itemizeThresholdCents
    : aggregateCents >= profile.itemizeThresholdCents;
}

// ───────────── Periods ─────────────

export interface Period {
  /** stored on each donation: "2026" or "2026-primary" / "2026-general" */
  key: string;
  label: string;
}

/** New Mexico's statewide elections: primary the first Tuesday in June, general the Tuesday after
 *  the first Monday in November, in even years. */
export function newMexicoElectionDays(year: number): { primary: string; general: string } {
  return newMexicoStatewideElections(year);
}

/** The period a calendar day (in the PAC's time zone) counts toward. */
export function periodForDay(day: string, profile: Pick<ComplianceProfile, "periodKind">): Period {
  const year = Number(day.slice(0, 4));
  if (profile.periodKind === "calendar_year") return { key: String(year), label: `calendar year ${year}` };
  // NMSA 1978 § 1-1-3.1 (as amended 2019): the primary election cycle runs from January 1 after
  // the last general election through primary day; the general election cycle from the day after
  // the primary through December 31 after the general election. So an odd year's days belong to
  // the next year's primary cycle, and an election year's days after its primary, November and
  // December included, to its general cycle.
  const electionYear = year % 2 === 0 ? year : year + 1;
  const { primary } = newMexicoElectionDays(electionYear);
  if (year % 2 === 1 || day <= primary)
    return { key: `${electionYear}-primary`, label: `${electionYear} primary election cycle` };
  return { key: `${electionYear}-general`, label: `${electionYear} general election cycle` };
}

/** The period an instant counts toward in an account (the main account unless named). */
export function periodFor(
  instant: string,
  settings: Settings = getSettings(),
  account: ComplianceProfileKey = settings.complianceProfile,
): Period {
  const day = dayInZone(instant, settings.timeZone);
  return periodForDay(day, complianceProfile(settings, day, account));
}

/** The last PAC-calendar day of a period: December 31, or primary day for a primary cycle (NMSA 1978 § 1-1-3.1). */
export function periodEndDay(key: string): string {
  const m = /^(\d{4})-(primary|general)$/.exec(key);
  if (!m) return `${key}-12-31`;
  return m[2] === "primary" ? newMexicoElectionDays(Number(m[1])).primary : `${m[1]}-12-31`;
}

/** How many monthly charges fall after `fromDay` up to `lastDay`, for a plan billed each month on its anchor day. */
export function monthlyChargesBetween(anchorDay: string, fromDay: string, lastDay: string): number {
  const [ay, am, ad] = anchorDay.split("-").map(Number);
  let count = 0;
  for (let k = 0; k < 240; k++) {
    const month = am - 1 + k;
    const y = ay + Math.floor(month / 12);
    const mo = (month % 12) + 1;
    // A plan started on the 31st is billed on the last day of shorter months, as Stripe does.
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const day = `${y}-${String(mo).padStart(2, "0")}-${String(Math.min(ad, last)).padStart(2, "0")}`;
    if (day > lastDay) break;
    if (day > fromDay) count += 1;
  }
  return count;
}

export function periodLabel(key: string): string {
  const m = /^(\d{4})-(primary|general)$/.exec(key);
  return m ? `${m[1]} ${m[2]} election cycle` : `calendar year ${key}`;
}

// ───────────── Aggregates ─────────────

/** What a gift still counts for: refunds and open or lost disputes take it back. */
export const netCentsSql = sql<number>`max(0, ${donations.amountCents} - ${donations.refundedCents} - ${donations.disputedCents})`;

export const COUNTED_STATUSES = ["succeeded", "partially_refunded", "refunded", "disputed"] as const;

export interface AggregateOptions {
  /** Only this account's gifts. A period key already belongs to one profile's calendar; naming
   *  the account keeps two accounts apart even where their calendars agree. */
  account?: ComplianceProfileKey;
  method?: "cash";
  excludeDonationId?: number;
}

/**
 * What a source has committed for a period, which is what the limit counts (52 U.S.C.
 * 30116(a)(1)(C), 11 CFR 110.1(b)(6) and (d); NMSA 1978 § 1-19-34.7(A)): gifts received (net of
 * refunds), gifts being paid right now (a Checkout Session lives 24 hours, so two concurrent
 * checkouts cannot both pass), and the charges still scheduled in the period by the source's
 * monthly plans.
 */
export function committedCents(
  contactId: number,
  periodKey: string,
  onDay: string,
  database: DbOrTx = db(),
  account?: ComplianceProfileKey,
): number {
  const received = aggregateCents(contactId, periodKey, { account }, database);
  const openSince = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  const pending = database
    .select({ total: sql<number>`coalesce(sum(${donations.amountCents}), 0)` })
    .from(donations)
    .where(
      and(
        eq(donations.contactId, contactId),
        eq(donations.aggregationPeriod, periodKey),
        eq(donations.status, "pending"),
        account ? eq(donations.account, account) : undefined,
        sql`${donations.createdAt} >= ${openSince}`,
      ),
    )
    .get();
  const lastDay = periodEndDay(periodKey);
  const plans = database
    .select({ amountCents: recurringPlans.amountCents, createdAt: recurringPlans.createdAt })
    .from(recurringPlans)
    .where(
      and(
        eq(recurringPlans.contactId, contactId),
        inArray(recurringPlans.status, ["pending", "active", "past_due"]),
        // A plan gives to the account of its gifts; one with no gift yet counts everywhere, to be safe.
        account
          ? sql`not exists (select 1 from ${donations} where ${donations.recurringPlanId} = ${recurringPlans.id} and ${donations.account} <> ${account})`
          : undefined,
      ),
    )
    .all();
  // The charge of the anchor day itself is a donation row (received or pending) already counted.
  const scheduled = plans.reduce(
    (sum, p) => sum + p.amountCents * monthlyChargesBetween(p.createdAt.slice(0, 10), onDay, lastDay),
    0,
  );
  return received + Number(pending?.total ?? 0) + scheduled;
}

/** All anonymous gifts of a period together, net of refunds (for 1.10.13.20(D) NMAC's cycle cap). */
export function anonymousAggregateCents(
  periodKey: string,
  database: DbOrTx = db(),
  account?: ComplianceProfileKey,
): number {
  const row = database
    .select({ total: sql<number>`coalesce(sum(${netCentsSql}), 0)` })
    .from(donations)
    .where(
      and(
        eq(donations.isAnonymous, true),
        eq(donations.aggregationPeriod, periodKey),
        account ? eq(donations.account, account) : undefined,
        inArray(donations.status, [...COUNTED_STATUSES]),
      ),
    )
    .get();
  return Number(row?.total ?? 0);
}

/** A source's total for a period: received gifts net of refunds and disputes. */
export function aggregateCents(
  contactId: number,
  periodKey: string,
  options: AggregateOptions = {},
  database: DbOrTx = db(),
): number {
  const row = database
    .select({ total: sql<number>`coalesce(sum(${netCentsSql}), 0)` })
    .from(donations)
    .where(
      and(
        eq(donations.contactId, contactId),
        eq(donations.aggregationPeriod, periodKey),
        inArray(donations.status, [...COUNTED_STATUSES]),
        options.account ? eq(donations.account, options.account) : undefined,
        options.method ? eq(donations.method, options.method) : undefined,
        options.excludeDonationId ? ne(donations.id, options.excludeDonationId) : undefined,
      ),
    )
    .get();
  // Part of a gift reattributed to another contributor counts for them, not for the donor
  // (11 CFR 110.1(k)(3)). The cash cap follows the money itself.
  if (options.method) return Number(row?.total ?? 0);
  return Number(row?.total ?? 0) + attributedCents(contactId, periodKey, options.excludeDonationId, database);
}

/** What reattributions moved to (+) or from (-) a source's period. */
export function attributedCents(
  contactId: number,
  periodKey: string,
  excludeDonationId: number | undefined,
  database: DbOrTx = db(),
): number {
  const row = database
    .select({ total: sql<number>`coalesce(sum(${attributionEntries.amountCents}), 0)` })
    .from(attributionEntries)
    .where(
      and(
        eq(attributionEntries.contactId, contactId),
        eq(attributionEntries.periodKey, periodKey),
        excludeDonationId ? ne(attributionEntries.donationId, excludeDonationId) : undefined,
      ),
    )
    .get();
  return Number(row?.total ?? 0);
}

// ───────────── The check every gift goes through ─────────────

export interface ContributionCheckInput {
  /** the account the gift is for; the PAC's main account when not given */
  account?: ComplianceProfileKey;
  /** the matched donor (app/models/donor-matching.server.ts), or the likely one while a match is
   *  under review; null for a first-time donor (aggregate 0) */
  contactId: number | null;
  amountCents: number;
  method: "card" | "check" | "cash" | "in_kind";
  isAnonymous?: boolean;
  /** when the gift is made or was received; defaults to now */
  receivedAt?: string;
  /** a monthly gift starting now: its charges for the rest of the period count toward the limit */
  monthly?: boolean;
  contributorType?: ContributorType;
  /**
   * Staff entry only: a check that passes the limit is deposited all the same and its excess
   * cured within the deadline (refund or reattribution: 11 CFR 103.3(b)(3)); the
   * receipt records it in the excessive contributions queue.
   */
  acceptExcess?: boolean;
  employer?: string | null;
  occupation?: string | null;
  /** Staff entry of a gift already in hand (check, cash, in-kind): missing employer or occupation
   *  does not refuse it. The gift is recorded as "information requested" and a follow-up goes to
   *  the donor (11 CFR 103.3(a) deposit within 10 days; 11 CFR 104.7(b)(2) follow-up request). */
  acceptWithoutIdentity?: boolean;
  /** the contributor's mailing address, when the form has one (staff entry); card gifts always do */
  address?: { street?: string | null; city?: string | null; state?: string | null; zip?: string | null };
}

export interface ContributionCheck {
  ok: boolean;
  /** field name → message, for the form */
  errors: Record<string, string>;
  period: Period;
  aggregateBeforeCents: number;
  aggregateAfterCents: number;
  remainingCents: number;
  itemizable: boolean;
  /** accepted without employer or occupation: the follow-up request is owed */
  informationRequested: boolean;
  account: ComplianceProfileKey;
  profile: ComplianceProfile;
}

export function checkContribution(input: ContributionCheckInput, database: DbOrTx = db()): ContributionCheck {
  const settings = getSettings(database);
  const account = input.account ?? settings.complianceProfile;
  const instant = input.receivedAt ?? new Date().toISOString();
  const day = dayInZone(instant, settings.timeZone);
  // The figures of the gift's own day: a check received before an adjustment keeps the old limit.
  const profile = complianceProfile(settings, day, account);
  const period = periodForDay(day, profile);
  const errors: Record<string, string> = {};
  // Totals are the account's own: a gift to the federal account does not count toward the state
  // account's limit, and the other way round.
  // Itemization follows what was received; the limit counts everything committed (committedCents).
  // A contact under an open match review counts together with whoever it may be (donor-matching).
  const person = input.contactId ? sameDonorContactIds(input.contactId, database) : [];
  const sum = (f: (id: number) => number) => person.reduce((total, id) => total + f(id), 0);
  const before = sum((id) => aggregateCents(id, period.key, { account }, database));
  const after = before + input.amountCents;
  const committed = sum((id) => committedCents(id, period.key, day, database, account));
  const remaining = Math.max(0, profile.limitCents - committed);
  // A monthly gift is charged today and on this day of each later month of the period.
  const charges = input.monthly ? 1 + monthlyChargesBetween(day, day, periodEndDay(period.key)) : 1;

  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
    errors.amount = "Enter an amount of at least one cent.";
  } else if (committed + input.amountCents * charges > profile.limitCents && !(input.acceptExcess && charges === 1)) {
    if (remaining === 0) {
      errors.amount = `This donor has reached the limit of ${formatCents(profile.limitCents)} for the ${period.label}.`;
    } else if (charges > 1) {
      const monthlyRoom = Math.floor(remaining / charges);
      errors.amount =
        `${charges} monthly gifts of ${formatCents(input.amountCents)} would pass the limit of ${formatCents(profile.limitCents)} ` +
        `for the ${period.label}.` +
        (monthlyRoom > 0
          ? ` At most ${formatCents(monthlyRoom)} a month fits, or give up to ${formatCents(remaining)} once.`
          : ` You can still give up to ${formatCents(remaining)} once.`);
    } else {
      errors.amount = `This gift would pass the limit of ${formatCents(profile.limitCents)} for the ${period.label}. You can still give up to ${formatCents(remaining)}.`;
    }
  }

  if (input.address && !input.isAnonymous && input.amountCents > profile.addressRequiredOverCents) {
    const missing = (["street", "city", "state", "zip"] as const).filter((k) => !input.address![k]?.trim());
    for (const k of missing) {
      errors[k] =
        profile.addressRequiredOverCents > 0
          ? `Enter the contributor's mailing address: the law asks for it on gifts over ${formatCents(profile.addressRequiredOverCents)}.`
          : "Enter the contributor's mailing address: New Mexico reports list it for every contributor.";
    }
  }

  if (input.contributorType && profile.refusedContributorTypes.includes(input.contributorType)) {
    errors.contributorType =
      "A federal PAC may not accept money from a corporation or a labor union (52 U.S.C. 30118(a)). Return it, or record it as the individual's own gift if it came from their personal account.";
  }

  if (input.isAnonymous && input.amountCents > profile.anonymousCapCents) {
    errors.isAnonymous = `An anonymous gift can be at most ${formatCents(profile.anonymousCapCents)}.`;
  } else if (input.isAnonymous && profile.anonymousPerPeriodCents != null) {
    const anonymousBefore = anonymousAggregateCents(period.key, database, account);
    if (anonymousBefore + input.amountCents > profile.anonymousPerPeriodCents) {
      errors.isAnonymous =
        `Anonymous gifts are capped at ${formatCents(profile.anonymousPerPeriodCents)} in all for the ${period.label}; ` +
        `${formatCents(Math.max(0, profile.anonymousPerPeriodCents - anonymousBefore))} is left. Ask the donor for their name.`;
    }
  }

  if (input.method === "cash" && !errors.amount) {
    const cashBefore = sum((id) => aggregateCents(id, period.key, { method: "cash", account }, database));
    if (cashBefore + input.amountCents > profile.cashCapCents) {
      const left = Math.max(0, profile.cashCapCents - cashBefore);
      errors.amount = `Cash from one source is capped at ${formatCents(profile.cashCapCents)} for the ${period.label}; at most ${formatCents(left)} more in cash.`;
    }
  }

  const itemizable = isItemizable(after, profile) && !input.isAnonymous;
  const identityMissing = itemizable && (!input.employer?.trim() || !input.occupation?.trim());
  if (identityMissing && !input.acceptWithoutIdentity) {
    if (!input.employer?.trim())
      errors.employer = "Employer is required once a donor's gifts reach the reporting threshold.";
    if (!input.occupation?.trim())
      errors.occupation = "Occupation is required once a donor's gifts reach the reporting threshold.";
  }

  return {
    ok: Object.keys(errors).length === 0,
    errors,
    period,
    aggregateBeforeCents: before,
    aggregateAfterCents: after,
    remainingCents: remaining,
    itemizable,
    informationRequested: identityMissing && Boolean(input.acceptWithoutIdentity),
    account,
    profile,
  };
}
