/**
 * Federal Form 3X itemizations, as the FEC's e-filing format defines them:
 * - Schedule A, line 11(a)(i): contributions from individuals whose calendar-year aggregate passes
 *   $200 (52 U.S.C. 30104(b)(3)(A); 11 CFR 104.3(a)(4)(i)), each with the contributor's name,
 *   mailing address, occupation and employer, date and amount (11 CFR 100.12), and the
 *   aggregate year-to-date the form's memo column shows.
 * - Schedule B, line 28(a): refunds of contributions to individuals, each a dated disbursement
 *   reported in the period it is made (11 CFR 104.3(b)). Which refunds are itemized follows the
 *   FEC's published guidance on line 28 refunds: itemize the refund when the contribution it
 *   returns was itemized, naming the contributor, the date and the amount
 *   (https://www.fec.gov/help-candidates-and-committees/filing-political-party-reports/refunds-made/).
 *
 * Field names, lengths and codes follow the FEC's published JSON schemas (fecgov/fecfile-validate:
 * INDIVIDUAL_RECEIPT, IN_KIND_RECEIPT, INDIVIDUAL_REFUNDS); the .fec column order follows SchA.json
 * and SchB.json (format 8.3). tests/integration/fec-schedules.test.ts validates every row against
 * the vendored schemas, so a change on either side fails there.
 *
 * Where a donor has not given occupation or employer, the field says "INFORMATION REQUESTED":
 * the committee shows its best efforts to obtain it (11 CFR 104.7(b)(1) and (2)) and reports it
 * once received (11 CFR 104.7(b)(4)).
 */
import { centsToDecimal, csvLine, csvStart } from "~/lib/csv";
import { dayInZone } from "~/lib/time-zone";
import { itemizedContributions, type ReportScope } from "./itemized-query.server";
import { refundEntries } from "./report-refunds.server";

/** The e-filing format version whose column order this module writes (SchA.json "8.3.0.1"). */
export const FEC_FORMAT_VERSION = "8.3";
/** The FEC's wording where the donor has not answered after the best-efforts request. */
export const INFORMATION_REQUESTED = "INFORMATION REQUESTED";
/** A committee's FEC identification number. */
export const FEC_COMMITTEE_ID = /^C\d{8}$/;

/** Schedule A's .fec columns, in order (COL_SEQ 1–45 of SchA.json). */
export const SCHEDULE_A_COLUMNS = [
  "form_type",
  "filer_committee_id_number",
  "transaction_id",
  "back_reference_tran_id_number",
  "back_reference_sched_name",
  "entity_type",
  "contributor_organization_name",
  "contributor_last_name",
  "contributor_first_name",
  "contributor_middle_name",
  "contributor_prefix",
  "contributor_suffix",
  "contributor_street_1",
  "contributor_street_2",
  "contributor_city",
  "contributor_state",
  "contributor_zip",
  "election_code",
  "election_other_description",
  "contribution_date",
  "contribution_amount",
  "contribution_aggregate",
  "contribution_purpose_descrip",
  "contributor_employer",
  "contributor_occupation",
  "donor_committee_fec_id",
  "donor_committee_name",
  "donor_candidate_fec_id",
  "donor_candidate_last_name",
  "donor_candidate_first_name",
  "donor_candidate_middle_name",
  "donor_candidate_prefix",
  "donor_candidate_suffix",
  "donor_candidate_office",
  "donor_candidate_state",
  "donor_candidate_district",
  "conduit_name",
  "conduit_street_1",
  "conduit_street_2",
  "conduit_city",
  "conduit_state",
  "conduit_zip",
  "memo_code",
  "memo_text_description",
  "reference_to_si_or_sl_system_code_that_identifies_the_account",
] as const;

/** Schedule B's .fec columns, in order (COL_SEQ 1–44 of SchB.json). */
export const SCHEDULE_B_COLUMNS = [
  "form_type",
  "filer_committee_id_number",
  "transaction_id",
  "back_reference_tran_id_number",
  "back_reference_sched_name",
  "entity_type",
  "payee_organization_name",
  "payee_last_name",
  "payee_first_name",
  "payee_middle_name",
  "payee_prefix",
  "payee_suffix",
  "payee_street_1",
  "payee_street_2",
  "payee_city",
  "payee_state",
  "payee_zip",
  "election_code",
  "election_other_description",
  "expenditure_date",
  "expenditure_amount",
  "semi_annual_refunded_bundled_amt",
  "expenditure_purpose_descrip",
  "category_code",
  "beneficiary_committee_fec_id",
  "beneficiary_committee_name",
  "beneficiary_candidate_fec_id",
  "beneficiary_candidate_last_name",
  "beneficiary_candidate_first_name",
  "beneficiary_candidate_middle_name",
  "beneficiary_candidate_prefix",
  "beneficiary_candidate_suffix",
  "beneficiary_candidate_office",
  "beneficiary_candidate_state",
  "beneficiary_candidate_district",
  "conduit_name",
  "conduit_street_1",
  "conduit_street_2",
  "conduit_city",
  "conduit_state",
  "conduit_zip",
  "memo_code",
  "memo_text_description",
  "reference_to_si_or_sl_system_code_that_identifies_the_account",
] as const;

export interface ScheduleATransaction {
  form_type: "SA11AI";
  filer_committee_id_number: string;
  transaction_type_identifier: "INDIVIDUAL_RECEIPT" | "IN_KIND_RECEIPT";
  transaction_id: string;
  entity_type: "IND";
  contributor_last_name: string;
  contributor_first_name: string;
  contributor_street_1: string;
  contributor_city: string;
  contributor_state: string;
  contributor_zip: string;
  contribution_date: string;
  contribution_amount: number;
  contribution_aggregate: number;
  aggregation_group: "GENERAL";
  contribution_purpose_descrip: string | null;
  contributor_employer: string;
  contributor_occupation: string;
  memo_code: boolean | null;
  memo_text_description: string | null;
}

export interface ScheduleBTransaction {
  form_type: "SB28A";
  filer_committee_id_number: string;
  transaction_type_identifier: "REFUND_INDIVIDUAL_CONTRIBUTION" | "REFUND_INDIVIDUAL_CONTRIBUTION_VOID";
  transaction_id: string;
  entity_type: "IND";
  payee_last_name: string;
  payee_first_name: string;
  payee_street_1: string;
  payee_city: string;
  payee_state: string;
  payee_zip: string;
  expenditure_date: string;
  expenditure_amount: number;
  aggregation_group: "GENERAL";
  expenditure_purpose_descrip: string;
  memo_code: boolean | null;
  memo_text_description: string | null;
}

/** Something the treasurer must fix before the schedule can be filed, on the gift it concerns. */
export interface ScheduleProblem {
  donationId: number;
  message: string;
}

export interface FecSchedules {
  committeeId: string;
  scheduleA: ScheduleATransaction[];
  scheduleB: ScheduleBTransaction[];
  problems: ScheduleProblem[];
}

/**
 * The e-filing format takes printable ASCII only, each field to its length (the schemas'
 * `^[ -~]{0,n}$`): accents are dropped (Peña → Pena) and anything else unprintable removed.
 */
export function fecText(value: string | null | undefined, maxLength: number): string {
  return (value ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^ -~]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxLength);
}

const dollars = (cents: number) => Number(centsToDecimal(cents));
const answered = (value: string | null) => {
  const text = fecText(value, 38);
  return text === "" ? INFORMATION_REQUESTED : text;
};

interface Addressed {
  lastName: string;
  firstName: string;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

function address(row: Addressed) {
  return {
    last: fecText(row.lastName, 30),
    first: fecText(row.firstName, 20),
    street: fecText(row.street, 34),
    city: fecText(row.city, 30),
    state: fecText(row.state, 2).toUpperCase(),
    zip: fecText(row.zip, 10)
      .replace(/[^0-9]/g, "")
      .slice(0, 9),
  };
}

function addressProblems(a: ReturnType<typeof address>): string[] {
  const missing = [
    a.last ? null : "last name",
    a.first ? null : "first name",
    a.street ? null : "street",
    a.city ? null : "city",
    /^[A-Z]{2}$/.test(a.state) ? null : "state (two letters)",
    a.zip.length === 5 || a.zip.length === 9 ? null : "ZIP code",
  ].filter(Boolean);
  return missing.length ? [`missing ${missing.join(", ")}`] : [];
}

/** The Schedule A and line 28(a) rows of a scope for the committee `committeeId`. */
export function fecSchedules(scope: ReportScope, committeeId: string): FecSchedules {
  const problems: ScheduleProblem[] = [];
  const scheduleA: ScheduleATransaction[] = [];
  for (const row of itemizedContributions(scope)) {
    // Line 11(a)(i) is for individuals; gifts from committees and parties go on lines 11(b) and
    // 11(c), which this module does not write.
    if (row.contributorType !== "individual") {
      problems.push({
        donationId: row.id,
        message: `from a contributor of type “${row.contributorType}”: not a line 11(a)(i) receipt, report it by hand`,
      });
      continue;
    }
    const a = address(row);
    for (const message of addressProblems(a)) problems.push({ donationId: row.id, message });
    const inKind = row.method === "in_kind";
    scheduleA.push({
      form_type: "SA11AI",
      filer_committee_id_number: committeeId,
      transaction_type_identifier: inKind ? "IN_KIND_RECEIPT" : "INDIVIDUAL_RECEIPT",
      transaction_id: `D${row.id}`,
      entity_type: "IND",
      contributor_last_name: a.last,
      contributor_first_name: a.first,
      contributor_street_1: a.street,
      contributor_city: a.city,
      contributor_state: a.state,
      contributor_zip: a.zip,
      contribution_date: dayInZone(row.receivedAt, scope.timeZone),
      contribution_amount: dollars(row.amountCents),
      contribution_aggregate: dollars(row.aggregateCents),
      aggregation_group: "GENERAL",
      // An in-kind contribution says what was given (11 CFR 104.13(a)(1)), in the words the
      // IN_KIND_RECEIPT schema requires ("In-Kind: " and up to 91 characters).
      contribution_purpose_descrip: inKind
        ? `In-Kind: ${fecText(row.inKindDescription, 91) || "goods or services"}`
        : null,
      contributor_employer: answered(row.employer),
      contributor_occupation: answered(row.occupation),
      memo_code: null,
      memo_text_description: null,
    });
  }
  const scheduleB: ScheduleBTransaction[] = [];
  for (const entry of refundEntries(scope)) {
    if (entry.contributorType !== "individual") continue;
    // Itemized when the contribution it returns was itemized: the donor's aggregate for the gift's
    // year, before any refund, passed the threshold. Counting before refunds errs toward listing.
    if (entry.grossAggregateCents <= scope.profile.itemizeThresholdCents) continue;
    const a = address(entry);
    for (const message of addressProblems(a)) problems.push({ donationId: entry.donationId, message });
    const given = entry.giftReceivedAt ? dayInZone(entry.giftReceivedAt, scope.timeZone) : "";
    scheduleB.push({
      form_type: "SB28A",
      filer_committee_id_number: committeeId,
      // A refund that failed and came back is reported as a negative entry (a void).
      transaction_type_identifier:
        entry.refundedCents > 0 ? "REFUND_INDIVIDUAL_CONTRIBUTION" : "REFUND_INDIVIDUAL_CONTRIBUTION_VOID",
      transaction_id: `R${entry.entryId}`,
      entity_type: "IND",
      payee_last_name: a.last,
      payee_first_name: a.first,
      payee_street_1: a.street,
      payee_city: a.city,
      payee_state: a.state,
      payee_zip: a.zip,
      expenditure_date: dayInZone(entry.effectiveAt, scope.timeZone),
      expenditure_amount: dollars(entry.refundedCents),
      aggregation_group: "GENERAL",
      // The FEC suggests naming the date of the contribution refunded, to link the two.
      expenditure_purpose_descrip: fecText(`Refund of contribution received ${given}`, 100),
      memo_code: null,
      memo_text_description: null,
    });
  }
  return { committeeId, scheduleA, scheduleB, problems };
}

const DATE_FIELDS = new Set(["contribution_date", "expenditure_date"]);

/** One value as the .fec format writes it: dates YYYYMMDD, amounts with two decimals, memo "X". */
function fecValue(column: string, value: unknown): string {
  if (value == null) return "";
  if (typeof value === "boolean") return value ? "X" : "";
  if (typeof value === "number") return centsToDecimal(Math.round(value * 100));
  const text = String(value);
  return DATE_FIELDS.has(column) ? text.replace(/-/g, "") : text;
}

/** Fields of a .fec record are separated by the ASCII file separator (0x1C) in format 6 and later. */
export const FEC_FIELD_SEPARATOR = "\x1c";

export function fecLine(columns: readonly string[], transaction: object): string {
  const record = transaction as Record<string, unknown>;
  return columns.map((c) => fecValue(c, record[c])).join(FEC_FIELD_SEPARATOR) + "\r\n";
}

/** The header record (HDR.json) naming the format version and the software that wrote the file. */
export function fecHeader() {
  return {
    record_type: "HDR",
    ef_type: "FEC",
    fec_version: FEC_FORMAT_VERSION,
    soft_name: "Champions CRM",
    soft_ver: "0.1.0",
  } as const;
}

const HEADER_COLUMNS = ["record_type", "ef_type", "fec_version", "soft_name", "soft_ver", "rpt_id", "rpt_number"];

/**
 * The schedules as .fec records: the header, then each Schedule A and Schedule B line. The Form 3X
 * summary record (cover page and summary totals) is not written: the treasurer enters it in the
 * FEC's filing software and imports these lines.
 */
export function fecFileText(schedules: FecSchedules): string {
  let text = fecLine(HEADER_COLUMNS, fecHeader());
  for (const t of schedules.scheduleA) text += fecLine(SCHEDULE_A_COLUMNS, t);
  for (const t of schedules.scheduleB) text += fecLine(SCHEDULE_B_COLUMNS, t);
  return text;
}

export const SCHEDULE_CSV_HEADER = [
  "line",
  "transaction_id",
  "transaction_type",
  "last_name",
  "first_name",
  "street",
  "city",
  "state",
  "zip",
  "date",
  "amount",
  "aggregate_year_to_date",
  "employer",
  "occupation",
  "purpose",
];

/** The same rows as a spreadsheet for the treasurer to read (app/lib/csv.ts convention). */
export function scheduleCsvText(schedules: FecSchedules): string {
  let text = csvStart(SCHEDULE_CSV_HEADER);
  for (const t of schedules.scheduleA)
    text += csvLine([
      "11(a)(i)",
      t.transaction_id,
      t.transaction_type_identifier,
      t.contributor_last_name,
      t.contributor_first_name,
      t.contributor_street_1,
      t.contributor_city,
      t.contributor_state,
      t.contributor_zip,
      t.contribution_date,
      centsToDecimal(Math.round(t.contribution_amount * 100)),
      centsToDecimal(Math.round(t.contribution_aggregate * 100)),
      t.contributor_employer,
      t.contributor_occupation,
      t.contribution_purpose_descrip,
    ]);
  for (const t of schedules.scheduleB)
    text += csvLine([
      "28(a)",
      t.transaction_id,
      t.transaction_type_identifier,
      t.payee_last_name,
      t.payee_first_name,
      t.payee_street_1,
      t.payee_city,
      t.payee_state,
      t.payee_zip,
      t.expenditure_date,
      centsToDecimal(Math.round(t.expenditure_amount * 100)),
      "",
      "",
      "",
      t.expenditure_purpose_descrip,
    ]);
  return text;
}
