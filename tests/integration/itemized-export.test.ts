/**
 * The itemized CSV and the filing report: which contributions are itemized, with what running
 * aggregate, in dollars computed from integer cents.
 */
import { db } from "#db/client";
import { donations } from "#db/schema";
import { makeContact } from "../factories";
import { centsToDecimal, CSV_BOM } from "~/lib/csv";
import { filingReport, reportScope } from "~/models/filing-report.server";
import { itemizedCsvChunks, itemizedCsvStream } from "~/models/itemized-csv.server";
import { periodsInRange } from "~/models/itemized-query.server";
import { complianceProfile } from "~/models/compliance.server";
import { markReceived } from "~/models/donations.server";
import { postEntry } from "~/models/money-ledger.server";
import { getSettings, updateSettings } from "~/models/settings.server";

/** A received gift; its fee and refund are ledger entries, as the webhooks would post them. */
function gift(
  contactId: number,
  amountCents: number,
  receivedAt: string,
  over: Partial<typeof donations.$inferInsert> = {},
  money: { feeCents?: number; refundedCents?: number } = {},
) {
  const row = db()
    .insert(donations)
    .values({
      contactId,
      amountCents,
      account: getSettings().complianceProfile,
      donorFirstName: "Cesar",
      donorLastName: "Chavez, Jr.",
      donorStreet: "3 Elm",
      donorCity: "Mesilla",
      donorState: "NM",
      donorZip: "88046",
      donorEmployer: "UFW",
      donorOccupation: "Organizer",
      ...over,
    })
    .returning()
    .get();
  return db().transaction((tx) => {
    const received = markReceived(row, { receivedAt }, tx);
    if (money.feeCents != null)
      postEntry(
        {
          donationId: row.id,
          kind: "fee",
          amountCents: money.feeCents,
          effectiveAt: receivedAt,
          source: `txn_test_${row.id}:fee`,
        },
        tx,
      );
    if (money.refundedCents)
      postEntry(
        {
          donationId: row.id,
          kind: "refund",
          amountCents: money.refundedCents,
          effectiveAt: receivedAt,
          source: `re_test_${row.id}`,
        },
        tx,
      );
    return received;
  });
}

const csv = (from: string, to: string) => [...itemizedCsvChunks(reportScope({ from, to }))].join("");
/** The lines of a CSV file in the one convention of app/lib/csv.ts: a byte-order mark, CRLF ends. */
const lines = (text: string) => {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  return text.slice(1).trimEnd().split("\r\n");
};

describe("itemized contributions", () => {
  it("itemizes from the gift that takes a federal donor over $200, with the running aggregate", () => {
    updateSettings({ complianceProfile: "us_federal" });
    const a = makeContact(db());
    const b = makeContact(db());
    gift(a.id, 10_000, "2026-02-01T18:00:00.000Z");
    gift(a.id, 10_000, "2026-03-01T18:00:00.000Z"); // exactly $200: not itemized
    gift(a.id, 1, "2026-04-01T18:00:00.000Z", {}, { feeCents: 0 }); // $200.01: itemized
    gift(b.id, 20_001, "2026-04-02T18:00:00.000Z", { donorFirstName: "=cmd" }, { feeCents: 610 });
    const rows = lines(csv("2026-01-01", "2026-12-31"));
    expect(rows[0]).toContain("full_name,street,city,state,zip,employer,occupation,date");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('"Cesar Chavez, Jr.",3 Elm,Mesilla,NM,88046,UFW,Organizer');
    expect(rows[1]).toMatch(/,2026-04-01,card,0\.01,0\.00,200\.01,2026,0\.00,0\.01$/);
    // A name that looks like a spreadsheet formula is neutralised.
    expect(rows[2]).toContain("'=cmd Chavez");
    expect(rows[2]).toMatch(/,200\.01,0\.00,200\.01,2026,6\.10,193\.91$/);
  });

  it("NMSA 1978 § 1-19-31: a New Mexico report lists every named contributor, with the aggregate the $200 rule reads, over the range's own days", () => {
    updateSettings({ complianceProfile: "new_mexico" });
    const a = makeContact(db());
    const b = makeContact(db());
    gift(a.id, 10_000, "2026-02-01T18:00:00.000Z");
    gift(a.id, 10_000, "2026-03-01T18:00:00.000Z");
    gift(b.id, 2_500, "2026-03-02T18:00:00.000Z", {
      donorFirstName: "Small",
      donorEmployer: null,
      donorOccupation: null,
    });
    // § 1-19-31(A): name and address of every contributor, however small the gift.
    expect(lines(csv("2026-01-01", "2026-12-31"))).toHaveLength(4);
    // The first gift is outside the range but still counts toward the aggregate.
    const onlyMarch = lines(csv("2026-03-01", "2026-03-31"));
    expect(onlyMarch).toHaveLength(3);
    expect(onlyMarch.find((l) => l.includes(",100.00,"))).toContain(",200.00,2026-primary,");
    const report = filingReport({ from: "2026-01-01", to: "2026-12-31" });
    expect(report.itemized.itemizedCount).toBe(3);
    expect(report.receipts.totalCents).toBe(22_500);
    expect(report.unitemizedCents).toBe(0);
  });

  it("11 CFR 104.3(a)(4)(i): a federal report itemizes only once the year's aggregate passes $200", () => {
    updateSettings({ complianceProfile: "us_federal" });
    const b = makeContact(db());
    gift(b.id, 2_500, "2026-03-02T18:00:00.000Z");
    expect(lines(csv("2026-01-01", "2026-12-31"))).toHaveLength(1);
    expect(filingReport({ from: "2026-01-01", to: "2026-12-31" }).unitemizedCents).toBe(2_500);
  });

  it("leaves out refunded, pending and anonymous gifts", () => {
    updateSettings({ complianceProfile: "new_mexico" });
    const a = makeContact(db());
    gift(a.id, 30_000, "2026-02-01T18:00:00.000Z", {}, { refundedCents: 30_000 });
    db()
      .insert(donations)
      .values({
        contactId: a.id,
        amountCents: 30_000,
        account: getSettings().complianceProfile,
        donorFirstName: "P",
        donorLastName: "Q",
        aggregationPeriod: "2026-primary",
      })
      .run();
    gift(a.id, 30_000, "2026-02-02T18:00:00.000Z", { isAnonymous: true });
    expect(lines(csv("2026-01-01", "2026-12-31"))).toHaveLength(1);
  });

  it("streams the same CSV from a worker thread for downloads", async () => {
    updateSettings({ complianceProfile: "us_federal" });
    const contacts = [makeContact(db()), makeContact(db())];
    for (let i = 0; i < 30; i++) gift(contacts[i % 2].id, 5_000 + i, `2026-0${1 + (i % 9)}-1${i % 10}T18:00:00.000Z`);
    let streamed = "";
    for await (const chunk of itemizedCsvStream(reportScope({ from: "2026-01-01", to: "2026-12-31" })))
      streamed += chunk;
    expect(streamed).toBe(csv("2026-01-01", "2026-12-31"));
    expect(lines(streamed).length).toBeGreaterThan(10);
  });

  it("finds every period a range touches", () => {
    const nm = complianceProfile({ ...getSettings(), complianceProfile: "new_mexico" });
    const us = complianceProfile({ ...getSettings(), complianceProfile: "us_federal" });
    // NMSA 1978 § 1-1-3.1: an election year holds its primary cycle and its general cycle, to December 31.
    expect(periodsInRange("2026-01-01", "2026-12-31", nm)).toEqual(["2026-general", "2026-primary"]);
    expect(periodsInRange("2026-11-01", "2027-01-31", nm)).toEqual(["2026-general", "2028-primary"]);
    expect(periodsInRange("2026-06-03", "2026-06-30", nm)).toEqual(["2026-general"]);
    expect(periodsInRange("2024-12-31", "2026-01-01", us)).toEqual(["2024", "2025", "2026"]);
  });

  it("a refund of a whole gift makes a negative net, written as a number, not neutralised as a formula", () => {
    updateSettings({ complianceProfile: "new_mexico" });
    const a = makeContact(db());
    // Refunded after the range: still itemized in it, with the fee left as the net.
    const row = gift(a.id, 30_000, "2026-02-01T18:00:00.000Z", {}, { feeCents: 900 });
    postEntry(
      {
        donationId: row.id,
        kind: "refund",
        amountCents: -30_000,
        effectiveAt: "2026-05-01T18:00:00.000Z",
        source: "re_x",
      },
      db(),
    );
    expect(lines(csv("2026-02-01", "2026-02-28"))[1]).toMatch(/,300\.00,300\.00,300\.00,2026-primary,9\.00,-9\.00$/);
  });

  it("formats cents with integer arithmetic", () => {
    expect(centsToDecimal(0)).toBe("0.00");
    expect(centsToDecimal(5)).toBe("0.05");
    expect(centsToDecimal(20_001)).toBe("200.01");
    expect(centsToDecimal(-150)).toBe("-1.50");
    expect(centsToDecimal(null)).toBe("");
  });
});
