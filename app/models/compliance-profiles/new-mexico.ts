/** A New Mexico political committee: the Campaign Reporting Act, NMSA 1978 §§ 1-19-25 to 1-19-36, and 1.10.13 NMAC. */
import {
  figureOn,
  NEW_MEXICO_ANONYMOUS_EACH,
  NEW_MEXICO_ANONYMOUS_PER_CYCLE,
  NEW_MEXICO_EXCESS_REMEDY_DAYS,
  NEW_MEXICO_PAC_LIMIT,
} from "../compliance-figures";
import type { ComplianceProfile } from "./profile";
import { newMexicoLateContributionWindows, newMexicoReportPeriods } from "./new-mexico-report-periods";

/** New Mexico's rules as they stand on `day` (a PAC-calendar day). */
export function newMexico(day: string): ComplianceProfile {
  const limit = figureOn(NEW_MEXICO_PAC_LIMIT, day);
  return {
    key: "new_mexico",
    label: "New Mexico",
    // Primary and general election cycles: NMSA 1978 § 1-1-3.1 (see periodForDay).
    periodKind: "election_cycle",
    // NMSA 1978 § 1-19-34.7(A)(1), adjusted under § 1-19-34.7(F).
    limitCents: limit.cents,
    limitSource: limit,
    // Occupation and employer once a contributor's aggregate for the election reaches $200: NMSA 1978 § 1-19-31(B).
    itemizeRule: "at_or_over",
    itemizeThresholdCents: 20_000,
    // NMSA 1978 § 1-19-31(A): a report lists the name and address of every contributor.
    listsEveryNamedContributor: true,
    // No New Mexico statute caps cash to a political committee that we could find; $100 is kept as
    // the PAC's own cash policy, the same as the federal rule (11 CFR 110.4(c)), for the treasurer to confirm.
    cashCapCents: 10_000,
    // 1.10.13.20(D) NMAC: an anonymous gift at most $100, and $2,000 in all per cycle for a political committee.
    anonymousCapCents: figureOn(NEW_MEXICO_ANONYMOUS_EACH, day).cents,
    anonymousPerPeriodCents: figureOn(NEW_MEXICO_ANONYMOUS_PER_CYCLE, day).cents,
    asksFederalContractor: false,
    // New Mexico lets a person, "including an entity", give within the limit (NMSA 1978
    // § 1-19-34.7(A)); the report says which kind of contributor it was.
    refusedContributorTypes: [],
    // The report lists the name and address of every contributor: NMSA 1978 § 1-19-31(A).
    addressRequiredOverCents: 0,
    // No New Mexico deadline found: the PAC's own 60 days (see NEW_MEXICO_EXCESS_REMEDY_DAYS).
    excessRemedyDays: figureOn(NEW_MEXICO_EXCESS_REMEDY_DAYS, day),
    // The Campaign Reporting Act forbids the excess (NMSA 1978 § 1-19-34.7(A)) and provides no
    // reattribution: the excess goes back to the contributor.
    excessRemedies: [
      { kind: "stripe_refund", rule: "NMSA 1978 § 1-19-34.7(A)" },
      { kind: "check_refund", rule: "NMSA 1978 § 1-19-34.7(A)" },
    ],
    // The Secretary of State's report periods (NMSA 1978 § 1-19-29) and late contributions (§ 1-19-29(B)(5)).
    reportPeriods: newMexicoReportPeriods,
    lateContributionWindows: newMexicoLateContributionWindows,
    // Reports are filed in the Secretary of State's Campaign Finance Information System (NMSA 1978 § 1-19-27).
    reportFiles: ["cfis_contributions"],
    // NMSA 1978 § 1-19-31(A) and (B): name and address of every contributor; occupation and name
    // and type of business of each contributor giving $200 or more in the aggregate per election.
    bestEffortsStatement:
      "New Mexico law requires us to report the name and address of every contributor, and the occupation and the name and type of business of each contributor whose contributions total $200 or more in the aggregate per election.",
    followUpSource: "NMSA 1978 § 1-19-31(B)",
  };
}
