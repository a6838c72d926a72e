/**
 * The filing report page: a range of days (or one of the regulator's report periods) of one
 * account (the main account unless another is asked for) under that account's profile, with the period's receipts, its itemized contributions, late contributions to
 * report on their own, and the regime's filing files. Settings are read here, once; the queries
 * below take the profile and time zone as parameters.
 */
import { dayInZone } from "~/lib/time-zone";
import { activeAccounts, reportAccount } from "./accounts.server";
import { complianceProfile } from "./compliance.server";
import type { ReportPeriod } from "./compliance-profiles/report-periods";
import { receiptsInRange } from "./donation-stats.server";
import { itemizedContributions, type ItemizedRow, type ReportScope } from "./itemized-query.server";
import { itemizedCsvStream } from "./itemized-csv.server";
import { lateContributions } from "./late-contributions.server";
import { reportFiles } from "./report-files.server";
import { getSettings, type ComplianceProfileKey, type Settings } from "./settings.server";

export interface ReportRequest {
  from?: string;
  to?: string;
  /** a report period's key, e.g. "2026-first-primary"; wins over from/to */
  period?: string;
  /** the account reported on (a compliance profile key); the main account when absent */
  account?: string;
}

export interface ResolvedScope extends ReportScope {
  period: ReportPeriod | null;
}

/** An account's regulator's periods of a year and the years either side, for the period picker. */
export function periodChoices(
  year: number,
  settings: Settings = getSettings(),
  account: ComplianceProfileKey = settings.complianceProfile,
): ReportPeriod[] {
  const profile = complianceProfile(settings, `${year}-12-31`, account);
  return [year - 1, year, year + 1].flatMap((y) => profile.reportPeriods(y));
}

/** What a report request covers: its account, its days (by default the calendar year so far), the
 *  account's profile in force on its last day, and the report period it names, if any. */
export function reportScope(request: ReportRequest, settings: Settings = getSettings()): ResolvedScope {
  const account = reportAccount(request.account, settings);
  const today = dayInZone(new Date(), settings.timeZone);
  const year = Number(request.period?.slice(0, 4));
  const period = request.period
    ? (complianceProfile(settings, `${year}-12-31`, account)
        .reportPeriods(year)
        .find((p) => p.key === request.period) ?? null)
    : null;
  let fromDay = period?.fromDay ?? request.from ?? `${(request.to ?? today).slice(0, 4)}-01-01`;
  let toDay = period?.toDay ?? request.to ?? today;
  if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  return {
    fromDay,
    toDay,
    profile: complianceProfile(settings, toDay, account),
    timeZone: settings.timeZone,
    period,
  };
}

export interface FilingReport {
  rows: ItemizedRow[];
  shown: number;
  itemizedCount: number;
  itemizedTotalCents: number;
  /** what the itemized gifts brought in, before any refund */
  itemizedReceivedCents: number;
}

/** Totals over every itemized row of a scope, the first `limit` rows listed. */
export function itemizedReport(scope: ReportScope, limit = 500): FilingReport {
  const rows: ItemizedRow[] = [];
  let itemizedCount = 0;
  let itemizedTotalCents = 0;
  let itemizedReceivedCents = 0;
  for (const r of itemizedContributions(scope)) {
    itemizedCount += 1;
    itemizedReceivedCents += r.amountCents;
    itemizedTotalCents += r.amountCents - r.refundedCents - r.disputedCents;
    if (rows.length < limit) rows.push(r);
  }
  return { rows, shown: rows.length, itemizedCount, itemizedTotalCents, itemizedReceivedCents };
}

/** The filing report page's data. */
export function filingReport(request: ReportRequest, settings: Settings = getSettings()) {
  const scope = reportScope(request, settings);
  const account = scope.profile.key;
  const receipts = receiptsInRange(scope.fromDay, scope.toDay, undefined, account);
  const itemized = itemizedReport(scope);
  const accounts = activeAccounts(settings).map(({ key, label }) => ({ key, label }));
  return {
    account,
    accountLabel: settings.accountLabels[account],
    // The page asks which account only when two take gifts (or the one asked for no longer does).
    accounts: accounts.length > 1 || !accounts.some((a) => a.key === account) ? accounts : [],
    fromDay: scope.fromDay,
    toDay: scope.toDay,
    period: scope.period,
    periods: periodChoices(Number(scope.toDay.slice(0, 4)), settings, account),
    profileLabel: scope.profile.label,
    reportFiles: scope.profile.reportFiles,
    timeZone: scope.timeZone,
    receipts,
    itemized,
    late: lateContributions(scope),
    lateRuleApplies: scope.profile.lateContributionWindows(Number(scope.toDay.slice(0, 4))).length > 0,
    // What the treasurer must fix before the filing files can be filed.
    problems: reportFiles(scope).problems,
    // Receipts of the period, itemized or not, before the period's refunds, which are reported apart.
    unitemizedCents: receipts.receivedCents - itemized.itemizedReceivedCents,
  };
}

/** The streamed CSV download of a request: its file name and its chunks. */
export function itemizedExport(request: ReportRequest) {
  const scope = reportScope(request);
  const account = request.account ? `${scope.profile.key}-` : "";
  return {
    filename: `itemized-contributions-${account}${scope.fromDay}-to-${scope.toDay}.csv`,
    chunks: itemizedCsvStream(scope),
  };
}
