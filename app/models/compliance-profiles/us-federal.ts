/** A federal (FEC-registered, non-connected) PAC: 52 U.S.C. chapter 301 and 11 CFR. */
import { FEDERAL_EXCESS_REMEDY_DAYS, FEDERAL_PAC_LIMIT, figureOn } from "../compliance-figures";
import type { ComplianceProfile } from "./profile";

/** The federal rules as they stand on `day` (a PAC-calendar day). */
export function usFederal(day: string): ComplianceProfile {
  const limit = figureOn(FEDERAL_PAC_LIMIT, day);
  return {
    key: "us_federal",
    label: "US federal PAC",
    // Limits per calendar year: 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d).
    periodKind: "calendar_year",
    limitCents: limit.cents,
    limitSource: limit,
    // Itemize once the year's aggregate exceeds $200: 52 U.S.C. 30104(b)(3)(A), 11 CFR 104.3(a)(4)(i).
    itemizeRule: "over",
    itemizeThresholdCents: 20_000,
    listsEveryNamedContributor: false,
    // Cash from one person at most $100: 11 CFR 110.4(c)(1).
    cashCapCents: 10_000,
    // Anonymous cash over $50 must be disposed of: 11 CFR 110.4(c)(3).
    anonymousCapCents: 5_000,
    anonymousPerPeriodCents: null,
    // Federal contractors may not contribute: 52 U.S.C. 30119, 11 CFR 115.2.
    asksFederalContractor: true,
    // Corporations and labor organizations may not contribute from their treasuries: 52 U.S.C. 30118(a), 11 CFR 114.2(b).
    refusedContributorTypes: ["business", "union"],
    // The treasurer keeps the name and address of whoever gives more than $50: 52 U.S.C. 30102(c)(2), 11 CFR 102.9(a)(1).
    addressRequiredOverCents: 5_000,
    // An excessive contribution is refunded or reattributed within 60 days of receipt: 11 CFR 103.3(b)(3).
    // No redesignation: 103.3(b)(3) allows it under 11 CFR 110.1(b) "as appropriate", and 110.1(b)
    // governs contributions to a candidate's authorized committee, designated per election
    // (110.1(b)(5)); a non-connected PAC's contributions count per calendar year (110.1(d)), so
    // there is no other election to move an excess to. The FEC's guide for non-connected PACs lists
    // reattribution or refund only: https://www.fec.gov/help-candidates-and-committees/taking-receipts-pac/remedying-excessive-contribution-nonconnected-pac/
    excessRemedyDays: figureOn(FEDERAL_EXCESS_REMEDY_DAYS, day),
    excessRemedies: [
      { kind: "stripe_refund", rule: "11 CFR 103.3(b)(3)" },
      { kind: "check_refund", rule: "11 CFR 103.3(b)(3)" },
      // To another contributor (a spouse, a joint account holder): a statement signed by both, 11 CFR 110.1(k)(3).
      { kind: "reattribution", rule: "11 CFR 110.1(k)(3)" },
    ],
    // A PAC's filing schedule depends on its choice (monthly or quarterly, 11 CFR 104.5(c)) and on
    // the elections it takes part in: the treasurer picks the report's dates.
    reportPeriods: () => [],
    // The 48-hour notices of late contributions bind candidates' committees (11 CFR 104.5(f)), not a PAC.
    lateContributionWindows: () => [],
    // Form 3X, Schedule A line 11(a)(i) and Schedule B line 28(a) (11 CFR 104.3).
    reportFiles: ["fec_schedules"],
    // The example statement for unauthorized committees in 11 CFR 104.7(b)(1)(i)(A), word for word.
    bestEffortsStatement:
      "Federal law requires us to use our best efforts to collect and report the name, mailing address, occupation and name of employer of individuals whose contributions exceed $200 in a calendar year.",
    // The follow-up request, within 30 days of receipt, asking only for the missing information: 11 CFR 104.7(b)(2).
    followUpSource: "11 CFR 104.7(b)(2)",
  };
}
