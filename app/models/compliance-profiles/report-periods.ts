/** A regulator's reporting period: the days a report covers and the day it is due. Browser-safe. */
export interface ReportPeriod {
  /** stable across years, e.g. "2026-first-primary" */
  key: string;
  label: string;
  /** first and last PAC-calendar day the report covers, inclusive */
  fromDay: string;
  toDay: string;
  dueDay: string;
  /** the rule the dates come from */
  source: string;
  url: string;
  /** set when a date follows the regulator's published practice rather than the statute's text */
  confirm?: string;
}

/** When a contribution is "late": received from `opensDay` at `opensAtHour` (PAC time) through
 *  election day, for more than `thresholdCents`, it must be reported on its own. */
export interface LateContributionWindow {
  election: string;
  electionDay: string;
  opensDay: string;
  opensAtHour: number;
  thresholdCents: number;
  source: string;
  url: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The `n`th `weekday` (0 Sunday … 6 Saturday) of a month (1–12) as YYYY-MM-DD. */
export function nthWeekdayOf(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return `${year}-${pad(month)}-${pad(1 + ((weekday - first + 7) % 7) + (n - 1) * 7)}`;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
