/**
 * The federal Form 3X schedules against the FEC's own published definition: every Schedule A
 * (line 11(a)(i)) and Schedule B (line 28(a)) row validates against the vendored JSON schemas of
 * fecgov/fecfile-validate, the .fec records put each field in the column SchA.json / SchB.json
 * give it, and the header record validates against HDR.json.
 */
import {
  FEC_FIELD_SEPARATOR,
  fecFileText,
  fecSchedules,
  fecText,
  INFORMATION_REQUESTED,
  SCHEDULE_A_COLUMNS,
  SCHEDULE_B_COLUMNS,
  fecHeader,
} from "~/models/fec-schedules.server";
import { reportScope } from "~/models/filing-report.server";
import { updateSettings } from "~/models/settings.server";
import { columnOrder, fecSchemaErrors } from "../support/fec-schema";
import { contact, ledgerRefund, receivedGift } from "../support/ledger-gifts";

const COMMITTEE = "C00123456";

function federalYear() {
  updateSettings({ complianceProfile: "us_federal" });
  const dolores = contact();
  const jose = contact();
  const ana = contact();
  // 11 CFR 104.3(a)(4)(i): itemized from the gift that takes the year's aggregate past $200.
  receivedGift(dolores.id, 15_000, "2026-02-01T18:00:00.000Z");
  const second = receivedGift(dolores.id, 10_000, "2026-03-01T18:00:00.000Z");
  // 11 CFR 104.7(b): no occupation or employer given; an accented name and a ZIP+4.
  const noAnswer = receivedGift(jose.id, 25_000, "2026-03-02T18:00:00.000Z", {
    donorFirstName: "José",
    donorLastName: "Peña",
    donorZip: "88001-1234",
    donorEmployer: null,
    donorOccupation: "",
  });
  // 11 CFR 104.13(a)(1): an in-kind contribution is reported at its value, saying what was given.
  const inKind = receivedGift(ana.id, 30_000, "2026-03-03T18:00:00.000Z", {
    method: "in_kind",
    donorFirstName: "Ana",
    donorLastName: "Rivera",
    inKindDescription: "Printing of 500 door hangers",
  });
  // Line 28(a): a refund made in the range, and one that failed and came back (a void).
  ledgerRefund(noAnswer.id, 1_000, "2026-03-10T18:00:00.000Z");
  ledgerRefund(second.id, 2_500, "2026-03-11T18:00:00.000Z");
  ledgerRefund(second.id, 2_500, "2026-03-12T18:00:00.000Z", "refund_reversal");
  return { second, noAnswer, inKind };
}

describe("Form 3X schedules against the FEC's published schemas", () => {
  it("every Schedule A and Schedule B row validates (INDIVIDUAL_RECEIPT, IN_KIND_RECEIPT, INDIVIDUAL_REFUNDS)", () => {
    const { second, noAnswer, inKind } = federalYear();
    const s = fecSchedules(reportScope({ from: "2026-01-01", to: "2026-03-31" }), COMMITTEE);
    expect(s.problems).toEqual([]);
    expect(s.scheduleA.map((t) => t.transaction_id)).toEqual([`D${second.id}`, `D${noAnswer.id}`, `D${inKind.id}`]);
    expect(s.scheduleB.map((t) => t.transaction_type_identifier)).toEqual([
      "REFUND_INDIVIDUAL_CONTRIBUTION",
      "REFUND_INDIVIDUAL_CONTRIBUTION",
      "REFUND_INDIVIDUAL_CONTRIBUTION_VOID",
    ]);
    for (const t of s.scheduleA) expect(fecSchemaErrors(t.transaction_type_identifier, t)).toEqual([]);
    for (const t of s.scheduleB) expect(fecSchemaErrors("INDIVIDUAL_REFUNDS", t)).toEqual([]);
    expect(fecSchemaErrors("HDR", fecHeader())).toEqual([]);

    const [dolores, jose, ana] = s.scheduleA;
    // Memo aggregate year-to-date: $150 + $100, net of the refund and its reversal by March 31.
    expect(dolores).toMatchObject({
      contribution_amount: 100,
      contribution_aggregate: 250,
      contribution_date: "2026-03-01",
    });
    // 11 CFR 104.7(b): unanswered occupation and employer say so; printable ASCII only.
    expect(jose).toMatchObject({
      contributor_first_name: "Jose",
      contributor_last_name: "Pena",
      contributor_zip: "880011234",
      contributor_employer: INFORMATION_REQUESTED,
      contributor_occupation: INFORMATION_REQUESTED,
      contribution_aggregate: 240,
    });
    expect(ana).toMatchObject({ contribution_purpose_descrip: "In-Kind: Printing of 500 door hangers" });
    expect(s.scheduleB[0]).toMatchObject({
      expenditure_amount: 10,
      expenditure_date: "2026-03-10",
      payee_last_name: "Pena",
    });
    expect(s.scheduleB[2]).toMatchObject({ expenditure_amount: -25 });
  });

  it("a row the FEC would reject fails the schema: the check can fail", () => {
    const { noAnswer } = federalYear();
    const s = fecSchedules(reportScope({ from: "2026-01-01", to: "2026-03-31" }), COMMITTEE);
    const jose = s.scheduleA.find((t) => t.transaction_id === `D${noAnswer.id}`)!;
    expect(fecSchemaErrors("INDIVIDUAL_RECEIPT", { ...jose, contributor_street_1: "" })).not.toEqual([]);
    expect(fecSchemaErrors("INDIVIDUAL_RECEIPT", { ...jose, contributor_employer: null })).not.toEqual([]);
    expect(fecSchemaErrors("INDIVIDUAL_RECEIPT", { ...jose, contributor_last_name: "Peña" })).not.toEqual([]);
    expect(fecSchemaErrors("INDIVIDUAL_REFUNDS", { ...s.scheduleB[0], expenditure_date: "20260310" })).not.toEqual([]);
  });

  it("a gift without a mailing address is listed for the treasurer to fix before filing (11 CFR 102.9(a)(1))", () => {
    updateSettings({ complianceProfile: "us_federal" });
    const c = contact();
    const gift = receivedGift(c.id, 30_000, "2026-04-02T18:00:00.000Z", { donorStreet: null, donorZip: "8800" });
    const s = fecSchedules(reportScope({ from: "2026-04-01", to: "2026-04-30" }), COMMITTEE);
    expect(s.problems).toEqual([{ donationId: gift.id, message: "missing street, ZIP code" }]);
    expect(fecSchemaErrors("INDIVIDUAL_RECEIPT", s.scheduleA[0])).not.toEqual([]);
  });

  it("the .fec records put each field in the column the FEC's layout gives it, separated by 0x1C", () => {
    expect([...SCHEDULE_A_COLUMNS]).toEqual(columnOrder("SchA"));
    expect([...SCHEDULE_B_COLUMNS]).toEqual(columnOrder("SchB"));
    const { noAnswer } = federalYear();
    const s = fecSchedules(reportScope({ from: "2026-01-01", to: "2026-03-31" }), COMMITTEE);
    const records = fecFileText(s).trimEnd().split("\r\n");
    expect(records).toHaveLength(1 + s.scheduleA.length + s.scheduleB.length);
    expect(records[0].split(FEC_FIELD_SEPARATOR).slice(0, 3)).toEqual(["HDR", "FEC", "8.3"]);
    const jose = records.find((r) => r.includes(`${FEC_FIELD_SEPARATOR}D${noAnswer.id}${FEC_FIELD_SEPARATOR}`))!;
    const fields = jose.split(FEC_FIELD_SEPARATOR);
    expect(fields).toHaveLength(SCHEDULE_A_COLUMNS.length);
    const at = (name: string) => fields[SCHEDULE_A_COLUMNS.indexOf(name as (typeof SCHEDULE_A_COLUMNS)[number])];
    expect(at("form_type")).toBe("SA11AI");
    expect(at("filer_committee_id_number")).toBe(COMMITTEE);
    expect(at("entity_type")).toBe("IND");
    // NUM-8 dates and AMT-12 amounts in the .fec layout.
    expect(at("contribution_date")).toBe("20260302");
    expect(at("contribution_amount")).toBe("250.00");
    expect(at("contribution_aggregate")).toBe("240.00");
    expect(at("contributor_employer")).toBe(INFORMATION_REQUESTED);
    // Printable ASCII and the separator, nothing else.
    expect(records.every((r) => /^[ -~]*$/.test(r.split(FEC_FIELD_SEPARATOR).join("")))).toBe(true);
  });

  it("keeps only printable ASCII within each field's length", () => {
    expect(fecText("  Zoë   Ñúñez-O’Brien ", 30)).toBe("Zoe Nunez-OBrien");
    expect(fecText("x".repeat(40), 34)).toHaveLength(34);
  });
});
