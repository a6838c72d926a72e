/**
 * Dollar figures of campaign-finance law, as data: each row is in force from its day until the
 * next row's, and names where it is published. A figure that the law adjusts for inflation gains
 * a row when the regulator publishes the adjusted amount; the rules read the row in force on the
 * day of the gift, so a gift keeps the figure of its own day.
 *
 * Browser-safe (no database): the donate and settings pages show the figure and its source.
 */
export interface Figure {
  /** first calendar day (YYYY-MM-DD) the figure applies */
  from: string;
  cents: number;
  /** the statute, regulation or publication that sets it */
  source: string;
  url: string;
}

export type FigureTable = readonly Figure[];

/**
 * New Mexico: most a person (individual or entity) may give a political committee per primary or
 * general election cycle. $5,000 in NMSA 1978 § 1-19-34.7(A)(1), adjusted after each general
 * election by the consumer price index (§ 1-19-34.7(F)); the Secretary of State publishes the
 * adjusted table.
 */
export const NEW_MEXICO_PAC_LIMIT: FigureTable = [
  {
    from: "2010-11-03",
    cents: 500_000,
    source: "NMSA 1978 § 1-19-34.7(A)(1)",
    url: "https://law.justia.com/codes/new-mexico/chapter-1/article-19/section-1-19-34-7",
  },
  {
    from: "2023-01-01",
    cents: 550_000,
    source:
      "New Mexico Secretary of State, Campaign Contribution Limits, effective January 1, 2023 (NMSA 1978 § 1-19-34.7(F))",
    url: "https://www.sos.nm.gov/candidate-and-campaigns/how-to-become-a-candidate/campaign-contribution-limits/",
  },
];

/**
 * New Mexico anonymous contributions to a political committee: at most $100 each, and at most
 * $2,000 in all per primary or general election cycle (1.10.13.20(D) NMAC, under NMSA 1978
 * § 1-19-34).
 */
export const NEW_MEXICO_ANONYMOUS_EACH: FigureTable = [
  {
    from: "2010-11-03",
    cents: 10_000,
    source: "1.10.13.20(D) NMAC",
    url: "https://regulations.justia.com/states/new-mexico/title-1/chapter-10/part-13/section-1-10-13-20",
  },
];
export const NEW_MEXICO_ANONYMOUS_PER_CYCLE: FigureTable = [
  {
    from: "2010-11-03",
    cents: 200_000,
    source: "1.10.13.20(D) NMAC",
    url: "https://regulations.justia.com/states/new-mexico/title-1/chapter-10/part-13/section-1-10-13-20",
  },
];

/**
 * Federal: most an individual may give a (non-connected) political committee per calendar year,
 * $5,000, not indexed for inflation (52 U.S.C. 30116(a)(1)(C); 11 CFR 110.1(d)).
 */
export const FEDERAL_PAC_LIMIT: FigureTable = [
  {
    from: "1975-01-01",
    cents: 500_000,
    source: "52 U.S.C. 30116(a)(1)(C); 11 CFR 110.1(d)",
    url: "https://www.ecfr.gov/current/title-11/chapter-I/subchapter-A/part-110/section-110.1",
  },
];

/**
 * How long a committee has to cure an excessive contribution (refund or reattribute it),
 * counted in days from receipt. Not money, so its own row shape; `pacPolicy` marks a figure
 * the PAC chose where the law sets none.
 */
export interface DayCountFigure {
  from: string;
  days: number;
  source: string;
  url: string;
  pacPolicy: boolean;
}

/** Federal: 60 days from the treasurer's receipt (11 CFR 103.3(b)(3)). */
export const FEDERAL_EXCESS_REMEDY_DAYS: readonly DayCountFigure[] = [
  {
    from: "1975-01-01",
    days: 60,
    source: "11 CFR 103.3(b)(3)",
    url: "https://www.ecfr.gov/current/title-11/chapter-I/subchapter-A/part-103/section-103.3",
    pacPolicy: false,
  },
];

/**
 * New Mexico: NMSA 1978 § 1-19-34.7(A) forbids giving past the limit, and 1.10.13 NMAC (read
 * through 1.10.13.20, contributions) sets no period within which a committee must return the
 * excess. The PAC returns it within 60 days of receipt, the federal period, as its own policy for
 * the treasurer to confirm.
 */
export const NEW_MEXICO_EXCESS_REMEDY_DAYS: readonly DayCountFigure[] = [
  {
    from: "2010-11-03",
    days: 60,
    source:
      "PAC policy: no deadline in NMSA 1978 § 1-19-34.7 or 1.10.13 NMAC; 60 days from receipt, as 11 CFR 103.3(b)(3)",
    url: "https://www.srca.nm.gov/parts/title01/01.010.0013.html",
    pacPolicy: true,
  },
];

/** The row in force on `day` (YYYY-MM-DD): the latest whose `from` is not after it. */
export function figureOn<F extends { from: string }>(table: readonly F[], day: string): F {
  let found = table[0];
  for (const row of table) if (row.from <= day) found = row;
  return found;
}

/**
 * New Mexico: a contribution (or pledge) received after 5:00 p.m. on the Tuesday before a primary,
 * general or statewide special election that is for more than this amount must be reported to the
 * Secretary of State on its own, apart from the regular reports (NMSA 1978 § 1-19-29(B)(5), as
 * published today; the text we could read stops before the deadline for that report, which the
 * treasurer reads in the statute). The row's first day is the 2019 amendment of the Campaign
 * Reporting Act (Laws 2019, ch. 262), the latest we could find; the 2007 text used other figures
 * ($500 or $2,500 by office), so earlier days have no row here.
 */
export const NEW_MEXICO_LATE_CONTRIBUTION: FigureTable = [
  {
    from: "2019-07-01",
    cents: 100_000,
    source: "NMSA 1978 § 1-19-29(B)(5): more than $1,000 received after 5:00 p.m. on the Tuesday before the election",
    url: "https://instalawyer.io/laws/new-mexico-statutes/section-1-19-29-time-and",
  },
];
