/**
 * New Mexico's campaign report periods (NMSA 1978 § 1-19-29), generated for any year. Browser-safe.
 *
 * - A year without a statewide election: two biannual reports, due the second Monday in April and
 *   in October, covering through the first Monday of those months (§ 1-19-29(A)).
 * - An election year (even years: primary in June, general in November, § 1-1-3.1 cycles): first
 *   and second primary reports due the second Mondays of April and May (§ 1-19-29(B)(1), (2));
 *   a report due the Thursday before the primary covering through the Tuesday before
 *   (§ 1-19-29(B)(5)); a report after the primary; first and second general reports due the
 *   second Mondays of September and October (§ 1-19-29(B)(3), (4)); a report the Thursday before
 *   the general; a final report after it.
 * - A due day that falls on a state holiday moves to the next day (§ 1-19-29(B)(4) for October;
 *   1.10.13.12(A)(1) NMAC for every deadline). The second Monday of October is Indigenous Peoples'
 *   Day, and the Secretary of State's schedules move the October due day to Tuesday (2020, 2023,
 *   2025; the 2021 page still showed Monday).
 *
 * The post-election reports are the ones whose dates we take from the Secretary of State's
 * published schedules rather than from statute text we could read: after the primary, due 30
 * days after it and covering through the 25th day (2012 and 2026 schedules); after the general,
 * covering through December 31, the end of the general election cycle (§ 1-1-3.1(B)), due the
 * first Thursday of January (2020 schedule). Those periods carry `confirm` for the treasurer.
 */
import { figureOn, NEW_MEXICO_LATE_CONTRIBUTION } from "../compliance-figures";
import { addDays, nthWeekdayOf, type LateContributionWindow, type ReportPeriod } from "./report-periods";

const MONDAY = 1;
const THURSDAY = 4;
const STATUTE = "NMSA 1978 § 1-19-29";
const STATUTE_URL = "https://instalawyer.io/laws/new-mexico-statutes/section-1-19-29-time-and";
const SOS_SCHEDULE_URL =
  "https://www.sos.nm.gov/candidate-and-campaigns/how-to-become-a-candidate/campaign-finance-reporting-information";

/**
 * Rows of the schedule's rules, each in force from its day. The generator follows § 1-19-29 as
 * published today; we date it from the 2019 amendment of the Campaign Reporting Act (Laws 2019,
 * ch. 262, effective July 1, 2019, whose history we read on the neighbouring § 1-19-28), and the
 * Secretary of State's schedules from 2020 on agree with it. Years before 2020 are not generated.
 */
export const NEW_MEXICO_REPORT_RULES = [
  {
    from: "2019-07-01",
    primaryReportDueDaysAfter: 30,
    primaryReportThroughDaysAfter: 25,
    source: `${STATUTE} (Laws 2019, ch. 262); post-election reports per the Secretary of State's published schedules`,
  },
] as const;

/** New Mexico's statewide primary (first Tuesday in June) and general (Tuesday after the first
 *  Monday in November) election days of an even year (NMSA 1978 §§ 1-8-11, 1-1-12). */
export function newMexicoStatewideElections(year: number): { primary: string; general: string } {
  return {
    primary: nthWeekdayOf(year, 6, 2, 1),
    general: addDays(nthWeekdayOf(year, 11, MONDAY, 1), 1),
  };
}

/**
 * The state holidays a report's due day can fall on (NMSA 1978 § 12-5-2): New Year's Day (the
 * first Thursday of January can be January 1), Independence Day (30 days after a June primary can
 * be July 4) and Indigenous Peoples' Day, the second Monday of October. The other holidays never
 * fall on a generated due day.
 */
export function newMexicoDueDayHolidays(year: number): string[] {
  return [`${year}-01-01`, `${year}-07-04`, nthWeekdayOf(year, 10, MONDAY, 2)];
}

/** 1.10.13.12(A)(1) NMAC: a deadline on a state holiday is the following day. */
function dueOn(day: string): string {
  return newMexicoDueDayHolidays(Number(day.slice(0, 4))).includes(day) ? addDays(day, 1) : day;
}

const firstMonday = (year: number, month: number) => nthWeekdayOf(year, month, MONDAY, 1);
const secondMonday = (year: number, month: number) => nthWeekdayOf(year, month, MONDAY, 2);

export function newMexicoReportPeriods(year: number): ReportPeriod[] {
  // 2020 is the first whole year under the 2019 text; earlier years are not generated.
  const rules = [...NEW_MEXICO_REPORT_RULES].reverse().find((r) => r.from <= `${year - 1}-12-31`);
  if (!rules) return [];
  const periods: ReportPeriod[] = [];
  let from = "";
  const add = (slug: string, label: string, toDay: string, dueDay: string, subsection: string, confirm?: string) => {
    periods.push({
      key: `${year}-${slug}`,
      label: `${label} ${year}`,
      fromDay: from,
      toDay,
      dueDay: dueOn(dueDay),
      source: `${STATUTE}${subsection}`,
      url: confirm ? SOS_SCHEDULE_URL : STATUTE_URL,
      ...(confirm ? { confirm } : {}),
    });
    from = addDays(toDay, 1);
  };
  if (year % 2 === 1) {
    // The previous year's final general report ran through December 31.
    from = `${year}-01-01`;
    add("first-biannual", "First biannual report", firstMonday(year, 4), secondMonday(year, 4), "(A)");
    add("second-biannual", "Second biannual report", firstMonday(year, 10), secondMonday(year, 10), "(A)");
    return periods;
  }
  const { primary, general } = newMexicoStatewideElections(year);
  // Picks up where the previous year's second biannual report ended.
  from = addDays(firstMonday(year - 1, 10), 1);
  add("first-primary", "First primary report", firstMonday(year, 4), secondMonday(year, 4), "(B)(1)");
  add("second-primary", "Second primary report", firstMonday(year, 5), secondMonday(year, 5), "(B)(2)");
  // Elections are on Tuesdays: the Tuesday before is 7 days earlier, the Thursday before 5.
  add("third-primary", "Third primary report", addDays(primary, -7), addDays(primary, -5), "(B)(5)");
  add(
    "fourth-primary",
    "Fourth primary report",
    addDays(primary, rules.primaryReportThroughDaysAfter),
    addDays(primary, rules.primaryReportDueDaysAfter),
    "",
    `Dates from the Secretary of State's published schedules (2012, 2026): through the ${rules.primaryReportThroughDaysAfter}th day after the primary, due the ${rules.primaryReportDueDaysAfter}th.`,
  );
  add("first-general", "First general report", firstMonday(year, 9), secondMonday(year, 9), "(B)(3)");
  add("second-general", "Second general report", firstMonday(year, 10), secondMonday(year, 10), "(B)(4)");
  add("third-general", "Third general report", addDays(general, -7), addDays(general, -5), "(B)(5)");
  add(
    "fourth-general",
    "Fourth general report",
    `${year}-12-31`,
    nthWeekdayOf(year + 1, 1, THURSDAY, 1),
    "",
    "Dates from the Secretary of State's 2020 schedule: through December 31, due the first Thursday of January.",
  );
  return periods;
}

/** The windows in a year when a large contribution must be reported on its own: from 5:00 p.m. on
 *  the Tuesday before each statewide election through election day (§ 1-19-29(B)(5)). */
export function newMexicoLateContributionWindows(year: number): LateContributionWindow[] {
  if (year % 2 === 1) return [];
  const { primary, general } = newMexicoStatewideElections(year);
  return (
    [
      ["Primary election", primary],
      ["General election", general],
    ]
      // No row of the figure before its first day: earlier elections are not judged by it.
      .filter(([, electionDay]) => electionDay >= NEW_MEXICO_LATE_CONTRIBUTION[0].from)
      .map(([election, electionDay]) => {
        const figure = figureOn(NEW_MEXICO_LATE_CONTRIBUTION, electionDay);
        return {
          election,
          electionDay,
          opensDay: addDays(electionDay, -7),
          opensAtHour: 17,
          thresholdCents: figure.cents,
          source: figure.source,
          url: figure.url,
        };
      })
  );
}
