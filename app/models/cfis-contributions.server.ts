/**
 * The New Mexico contributions file, shaped for entry in the Secretary of State's Campaign Finance
 * Information System (CFIS): one row per contribution received and one per contribution returned,
 * each dated. The column list and where it comes from are documented in the README ("New Mexico
 * contributions file"); we could not find a published CFIS import template, so the columns are the
 * facts the Campaign Reporting Act requires of each contribution:
 * - the full name and address of every contributor, first and last names of an individual and
 *   never initials unless that is the legal name (NMSA 1978 § 1-19-31(A));
 * - occupation, and the name and type of business, of a contributor whose aggregate per election
 *   reaches $200 (§ 1-19-31(B));
 * - the amount or value, and the date received (§ 1-19-31(C), (E)); in-kind contributions with
 *   what was given (1.10.13.12(A)(2) NMAC);
 * - a contribution returned is its own dated entry in the period it is returned, never an edit of
 *   the original (decision 008).
 */
import { centsToDecimal, csvLine, csvStart } from "~/lib/csv";
import { dayInZone } from "~/lib/time-zone";
import { itemizedContributions, type ReportScope } from "./itemized-query.server";
import { lateContributions } from "./late-contributions.server";
import { refundEntries } from "./report-refunds.server";

export const CFIS_COLUMNS = [
  "entry_type",
  "contributor_type",
  "first_name",
  "last_name",
  "entity_name",
  "street",
  "city",
  "state",
  "zip",
  "date",
  "amount",
  "occupation",
  "employer",
  "in_kind_description",
  "aggregate_for_election",
  "election_cycle",
  "late_contribution",
  "donation_id",
] as const;

export type CfisRow = Record<(typeof CFIS_COLUMNS)[number], string> & { id: string };

const TYPE_NAMES: Record<string, string> = {
  individual: "Individual",
  business: "Business",
  union: "Labor union",
  political_committee: "Political committee",
  party: "Political party",
  other: "Other organization",
};

export interface CfisProblem {
  donationId: number;
  message: string;
}

/** A name that is only an initial ("J" or "J.") is not a full name (NMSA 1978 § 1-19-31(A)). */
const INITIAL_ONLY = /^\p{L}\.?$/u;

export function cfisContributions(scope: ReportScope): { rows: CfisRow[]; problems: CfisProblem[] } {
  const rows: CfisRow[] = [];
  const problems: CfisProblem[] = [];
  const late = new Set(lateContributions(scope).map((l) => l.donationId));
  const names = (r: { firstName: string; lastName: string; contributorType: string }, donationId: number) => {
    if (r.contributorType !== "individual")
      return { first_name: "", last_name: "", entity_name: [r.firstName, r.lastName].filter(Boolean).join(" ") };
    if (!r.lastName.trim() || INITIAL_ONLY.test(r.firstName.trim()) || INITIAL_ONLY.test(r.lastName.trim()))
      problems.push({ donationId, message: "needs the contributor's full first and last name, not initials" });
    return { first_name: r.firstName.trim(), last_name: r.lastName.trim(), entity_name: "" };
  };
  for (const r of itemizedContributions(scope)) {
    const inKind = r.method === "in_kind";
    // § 1-19-31(B): occupation and employer once the election's aggregate reaches $200.
    const needsOccupation = r.aggregateCents >= scope.profile.itemizeThresholdCents;
    if (needsOccupation && r.contributorType === "individual" && (!r.occupation || !r.employer))
      problems.push({ donationId: r.id, message: "aggregate reached $200: occupation and employer are required" });
    rows.push({
      id: `D${r.id}`,
      entry_type: inKind ? "In-kind contribution" : "Contribution",
      contributor_type: TYPE_NAMES[r.contributorType] ?? r.contributorType,
      ...names(r, r.id),
      street: r.street ?? "",
      city: r.city ?? "",
      state: r.state ?? "",
      zip: r.zip ?? "",
      date: dayInZone(r.receivedAt, scope.timeZone),
      amount: centsToDecimal(r.amountCents),
      occupation: r.occupation ?? "",
      employer: r.employer ?? "",
      in_kind_description: inKind ? (r.inKindDescription ?? "") : "",
      aggregate_for_election: centsToDecimal(r.aggregateCents),
      election_cycle: r.period,
      late_contribution: late.has(r.id) ? "yes" : "",
      donation_id: String(r.id),
    });
  }
  for (const e of refundEntries(scope)) {
    rows.push({
      id: `R${e.entryId}`,
      entry_type: e.refundedCents > 0 ? "Returned contribution" : "Return reversed",
      contributor_type: TYPE_NAMES[e.contributorType] ?? e.contributorType,
      ...names(e, e.donationId),
      street: e.street ?? "",
      city: e.city ?? "",
      state: e.state ?? "",
      zip: e.zip ?? "",
      date: dayInZone(e.effectiveAt, scope.timeZone),
      amount: centsToDecimal(e.refundedCents),
      occupation: e.occupation ?? "",
      employer: e.employer ?? "",
      in_kind_description: "",
      aggregate_for_election: "",
      election_cycle: e.period ?? "",
      late_contribution: "",
      donation_id: String(e.donationId),
    });
  }
  return { rows, problems };
}

export function cfisCsvText(rows: readonly CfisRow[]): string {
  let text = csvStart(CFIS_COLUMNS);
  for (const row of rows) text += csvLine(CFIS_COLUMNS.map((c) => row[c]));
  return text;
}
