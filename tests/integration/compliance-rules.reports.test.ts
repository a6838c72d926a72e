/**
 * The reporting rules, one case per rule, each naming its statute or regulation, run against each
 * profile it concerns: New Mexico's report periods and late contributions, the New Mexico
 * contributions file, the federal Form 3X schedules, and filing (freeze and amend) of every shape.
 */
import { PROFILES } from "~/models/compliance-profiles";
import { cfisContributions, CFIS_COLUMNS, cfisCsvText } from "~/models/cfis-contributions.server";
import { fecSchedules, INFORMATION_REQUESTED } from "~/models/fec-schedules.server";
import { amendmentFor, fileReport, filedSnapshot, getFiledReport } from "~/models/filed-reports.server";
import { reportScope } from "~/models/filing-report.server";
import { lateContributions } from "~/models/late-contributions.server";
import { updateSettings } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import type { ComplianceProfileKey } from "~/lib/compliance-profiles";
import { CSV_BOM } from "~/lib/csv";
import { contact, ledgerRefund, receivedGift } from "../support/ledger-gifts";

const period = (key: ComplianceProfileKey, year: number) =>
  PROFILES[key](`${year}-12-31`)
    .reportPeriods(year)
    .map((p) => [p.key.slice(5), p.fromDay, p.toDay, p.dueDay]);

interface Case {
  rule: string;
  profiles: ComplianceProfileKey[];
  run: (profile: ComplianceProfileKey) => void | Promise<void>;
}

const cases: Case[] = [
  {
    // NMSA 1978 § 1-19-29(B)(1), (2), (5) and the Secretary of State's published 2026 schedule
    // (primary June 2, 2026): the generated primary periods are the published ones.
    rule: "NMSA 1978 § 1-19-29(B): an election year's primary reports, as the Secretary of State published them for 2026",
    profiles: ["new_mexico"],
    run: (key) => {
      expect(period(key, 2026).slice(0, 4)).toEqual([
        ["first-primary", "2025-10-07", "2026-04-06", "2026-04-13"],
        ["second-primary", "2026-04-07", "2026-05-04", "2026-05-11"],
        ["third-primary", "2026-05-05", "2026-05-26", "2026-05-28"],
        ["fourth-primary", "2026-05-27", "2026-06-27", "2026-07-02"],
      ]);
      // § 1-19-29(B)(3), (4), (5): second Mondays of September and October (the October one moved
      // to Tuesday: Indigenous Peoples' Day), the Thursday before the November 3 general.
      expect(period(key, 2026).slice(4, 7)).toEqual([
        ["first-general", "2026-06-28", "2026-09-07", "2026-09-14"],
        ["second-general", "2026-09-08", "2026-10-05", "2026-10-13"],
        ["third-general", "2026-10-06", "2026-10-27", "2026-10-29"],
      ]);
    },
  },
  {
    // NMSA 1978 § 1-19-29(A): in a year without a statewide election, two biannual reports; the
    // Secretary of State's 2025 schedule: due April 14 and (October 13 a holiday) October 14.
    rule: "NMSA 1978 § 1-19-29(A): a non-election year's biannual reports, as published for 2025",
    profiles: ["new_mexico"],
    run: (key) => {
      expect(period(key, 2025)).toEqual([
        ["first-biannual", "2025-01-01", "2025-04-07", "2025-04-14"],
        ["second-biannual", "2025-04-08", "2025-10-06", "2025-10-14"],
      ]);
    },
  },
  {
    // NMSA 1978 § 1-19-29(B) and § 1-1-3.1(B) (the general election cycle ends December 31): the
    // general reports of 2020 as the Secretary of State published them.
    rule: "NMSA 1978 § 1-19-29(B): the 2020 general reports, the last one through December 31",
    profiles: ["new_mexico"],
    run: (key) => {
      expect(period(key, 2020).slice(5)).toEqual([
        ["second-general", "2020-09-08", "2020-10-05", "2020-10-13"],
        ["third-general", "2020-10-06", "2020-10-27", "2020-10-29"],
        ["fourth-general", "2020-10-28", "2020-12-31", "2021-01-07"],
      ]);
      const fourth = PROFILES[key]("2020-12-31").reportPeriods(2020).at(-1)!;
      expect(fourth.confirm).toMatch(/Secretary of State's 2020 schedule/);
    },
  },
  {
    // 1.10.13.12(A)(1) NMAC: a deadline on a state holiday (NMSA 1978 § 12-5-2) is the next day:
    // 30 days after the June 4, 2024 primary is July 4.
    rule: "1.10.13.12(A)(1) NMAC: a due day on a state holiday moves to the next day",
    profiles: ["new_mexico"],
    run: (key) => {
      expect(period(key, 2024)[3]).toEqual(["fourth-primary", "2024-05-29", "2024-06-29", "2024-07-05"]);
      expect(period(key, 2024)[5]).toEqual(["second-general", "2024-09-03", "2024-10-07", "2024-10-15"]);
    },
  },
  {
    // NMSA 1978 § 1-19-29: every day is in exactly one report, year after year, for any year.
    rule: "NMSA 1978 § 1-19-29: generated periods leave no day out and cover none twice, 2021 to 2034",
    profiles: ["new_mexico"],
    run: (key) => {
      const all = Array.from({ length: 14 }, (_, i) => 2021 + i).flatMap((y) =>
        PROFILES[key](`${y}-12-31`).reportPeriods(y),
      );
      for (let i = 1; i < all.length; i++) {
        const next = new Date(Date.parse(`${all[i - 1].toDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect([all[i].key, all[i].fromDay]).toEqual([all[i].key, next]);
        expect(all[i].dueDay > all[i].toDay).toBe(true);
      }
    },
  },
  {
    // 11 CFR 104.5(c): a PAC's report dates depend on its filing frequency and elections; the
    // treasurer chooses them, and the page offers no generated periods.
    rule: "11 CFR 104.5(c): the federal profile generates no periods",
    profiles: ["us_federal"],
    run: (key) => expect(PROFILES[key]("2026-12-31").reportPeriods(2026)).toEqual([]),
  },
  {
    // NMSA 1978 § 1-19-29(B)(5): a contribution received after 5:00 p.m. on the Tuesday before an
    // election and for more than $1,000 is reported on its own. The federal profile has no such
    // rule for a PAC (48-hour notices bind candidates' committees, 11 CFR 104.5(f)).
    rule: "NMSA 1978 § 1-19-29(B)(5): late contributions over $1,000 are flagged",
    profiles: ["new_mexico", "us_federal"],
    run: (key) => {
      updateSettings({ complianceProfile: key });
      const donor = contact();
      // General election November 3, 2026; the Tuesday before is October 27 (MDT, UTC-6).
      const late = receivedGift(donor.id, 150_000, "2026-10-27T23:30:00.000Z"); // 5:30 p.m.
      receivedGift(donor.id, 100_000, "2026-10-28T18:00:00.000Z"); // exactly $1,000: not "more than"
      receivedGift(donor.id, 150_000, "2026-10-27T22:59:00.000Z"); // 4:59 p.m.: on time
      receivedGift(donor.id, 150_000, "2026-11-04T18:00:00.000Z"); // after election day
      const found = lateContributions(reportScope({ from: "2026-10-01", to: "2026-11-30" }));
      if (key === "new_mexico") {
        expect(found.map((l) => [l.donationId, l.election, l.thresholdCents])).toEqual([
          [late.id, "General election", 100_000],
        ]);
        expect(found[0].source).toMatch(/1-19-29\(B\)\(5\)/);
      } else expect(found).toEqual([]);
    },
  },
  {
    // NMSA 1978 § 1-19-31(A), (C), (E); 1.10.13.12(A)(2) NMAC: first and last names, contributor
    // type, full address, date, amount, in-kind description, occupation and employer; a returned
    // contribution is its own dated entry (decision 008), never an edit of the original.
    rule: "NMSA 1978 § 1-19-31: the New Mexico contributions file's columns and entries",
    profiles: ["new_mexico"],
    run: (key) => {
      updateSettings({ complianceProfile: key });
      const person = contact();
      const shop = contact();
      const gift = receivedGift(person.id, 30_000, "2026-02-10T18:00:00.000Z");
      receivedGift(person.id, 5_000, "2026-02-11T18:00:00.000Z", {
        method: "in_kind",
        inKindDescription: "Use of a meeting hall",
      });
      receivedGift(shop.id, 10_000, "2026-02-12T18:00:00.000Z", {
        contributorType: "business",
        donorFirstName: "Mesilla Valley",
        donorLastName: "Books LLC",
        donorEmployer: null,
        donorOccupation: null,
      });
      ledgerRefund(gift.id, 10_000, "2026-03-05T18:00:00.000Z");
      const { rows, problems } = cfisContributions(reportScope({ from: "2026-02-01", to: "2026-03-31" }));
      expect(problems).toEqual([]);
      const pick = (r: (typeof rows)[number]) => [
        r.entry_type,
        r.contributor_type,
        r.first_name,
        r.last_name,
        r.entity_name,
        r.date,
        r.amount,
        r.in_kind_description,
      ];
      expect(rows.map(pick)).toEqual([
        ["Contribution", "Individual", "Dolores", "Huerta", "", "2026-02-10", "300.00", ""],
        ["In-kind contribution", "Individual", "Dolores", "Huerta", "", "2026-02-11", "50.00", "Use of a meeting hall"],
        ["Contribution", "Business", "", "", "Mesilla Valley Books LLC", "2026-02-12", "100.00", ""],
        ["Returned contribution", "Individual", "Dolores", "Huerta", "", "2026-03-05", "100.00", ""],
      ]);
      expect(rows[0]).toMatchObject({
        street: "1 Main St",
        city: "Las Cruces",
        state: "NM",
        zip: "88001",
        occupation: "Organizer",
        employer: "UFW",
        election_cycle: "2026-primary",
      });
      const csv = cfisCsvText(rows);
      expect(csv.startsWith(CSV_BOM + CFIS_COLUMNS.join(",") + "\r\n")).toBe(true);
      expect(csv.trimEnd().split("\r\n")).toHaveLength(5);
    },
  },
  {
    // NMSA 1978 § 1-19-31(A): initials are not a full name; § 1-19-31(B): occupation and employer
    // from $200 in the aggregate per election, not below.
    rule: "NMSA 1978 § 1-19-31(A), (B): initials and a missing occupation at $200 are listed to fix",
    profiles: ["new_mexico"],
    run: (key) => {
      updateSettings({ complianceProfile: key });
      const small = receivedGift(contact().id, 19_999, "2026-02-10T18:00:00.000Z", {
        donorEmployer: null,
        donorOccupation: null,
      });
      const initials = receivedGift(contact().id, 5_000, "2026-02-10T18:00:00.000Z", { donorFirstName: "J." });
      const big = receivedGift(contact().id, 20_000, "2026-02-10T18:00:00.000Z", { donorOccupation: null });
      const { problems } = cfisContributions(reportScope({ from: "2026-02-01", to: "2026-02-28" }));
      expect(problems.map((p) => p.donationId).sort()).toEqual([initials.id, big.id].sort());
      expect(problems.map((p) => p.donationId)).not.toContain(small.id);
    },
  },
  {
    // 11 CFR 104.3(a)(4)(i): itemize once the calendar year's aggregate exceeds $200, with the
    // aggregate year-to-date; 11 CFR 104.7(b): "Information Requested" where the donor has not answered.
    rule: "11 CFR 104.3(a)(4)(i), 104.7(b): Schedule A line 11(a)(i) from $200.01, with the year's aggregate",
    profiles: ["us_federal"],
    run: (key) => {
      updateSettings({ complianceProfile: key });
      const exact = contact();
      const over = contact();
      receivedGift(exact.id, 20_000, "2026-01-10T18:00:00.000Z");
      receivedGift(over.id, 20_000, "2026-01-10T18:00:00.000Z");
      const passing = receivedGift(over.id, 1, "2026-01-11T18:00:00.000Z", {
        donorEmployer: "",
        donorOccupation: null,
      });
      const s = fecSchedules(reportScope({ from: "2026-01-01", to: "2026-03-31" }), "C00123456");
      expect(s.scheduleA.map((t) => [t.transaction_id, t.contribution_amount, t.contribution_aggregate])).toEqual([
        [`D${passing.id}`, 0.01, 200.01],
      ]);
      expect(s.scheduleA[0].contributor_employer).toBe(INFORMATION_REQUESTED);
      expect(s.scheduleA[0].contributor_occupation).toBe(INFORMATION_REQUESTED);
    },
  },
  {
    // 11 CFR 104.3(b): a refund is a disbursement of the period it is made, on line 28(a); itemized
    // when the contribution it returns was itemized (FEC guidance on line 28 refunds).
    rule: "11 CFR 104.3(b): line 28(a) lists refunds of itemized contributions, dated when made",
    profiles: ["us_federal"],
    run: (key) => {
      updateSettings({ complianceProfile: key });
      const big = receivedGift(contact().id, 50_000, "2026-01-10T18:00:00.000Z");
      const small = receivedGift(contact().id, 5_000, "2026-01-10T18:00:00.000Z");
      ledgerRefund(big.id, 20_000, "2026-04-02T18:00:00.000Z");
      ledgerRefund(small.id, 5_000, "2026-04-03T18:00:00.000Z");
      const q1 = fecSchedules(reportScope({ from: "2026-01-01", to: "2026-03-31" }), "C00123456");
      expect(q1.scheduleB).toEqual([]);
      const q2 = fecSchedules(reportScope({ from: "2026-04-01", to: "2026-06-30" }), "C00123456");
      expect(
        q2.scheduleB.map((t) => [t.expenditure_date, t.expenditure_amount, t.expenditure_purpose_descrip]),
      ).toEqual([["2026-04-02", 200, "Refund of contribution received 2026-01-10"]]);
    },
  },
  {
    // Filed reports are frozen (issue: "filed reports are frozen"); a refund dated inside a filed
    // period is an amendment listing the file row it adds: line 28(a) federally (11 CFR 104.3(b)),
    // a returned contribution in New Mexico (NMSA 1978 § 1-19-31).
    rule: "A refund after filing is an amendment that lists the new file row; the filed file stays as filed",
    profiles: ["us_federal", "new_mexico"],
    run: async (key) => {
      updateSettings({ complianceProfile: key });
      const admin = await createStaffUser({
        email: `treasurer-${key}@example.org`,
        password: "correct horse battery",
        role: "admin",
      });
      const gift = receivedGift(contact().id, 50_000, "2026-04-10T18:00:00.000Z");
      const filed = fileReport({ from: "2026-04-07", to: "2026-05-04" }, admin.id);
      const filedFiles = JSON.stringify(filedSnapshot(filed).files);
      expect(amendmentFor(filed)).toBeNull();
      ledgerRefund(gift.id, 10_000, "2026-04-20T18:00:00.000Z");
      const amendment = amendmentFor(getFiledReport(filed.id)!)!;
      expect(amendment.fileChanges.map((c) => c.kind)).toContain("added");
      expect(amendment.fileChanges.find((c) => c.kind === "added")!.id).toMatch(/^R\d+$/);
      expect(JSON.stringify(filedSnapshot(getFiledReport(filed.id)!).files)).toBe(filedFiles);
      const amended = fileReport({ amends: filed.id }, admin.id);
      expect(amendmentFor(amended)).toBeNull();
      const files = filedSnapshot(amended).files!;
      expect((files.fec?.scheduleB.length ?? 0) + (files.cfis?.length ?? 0)).toBeGreaterThan(0);
    },
  },
  {
    // NMSA 1978 § 1-19-29: a report is filed for one of the Secretary of State's periods, which it
    // keeps, and its amendment is of the same period.
    rule: "NMSA 1978 § 1-19-29: a report filed for a report period keeps the period's days and name",
    profiles: ["new_mexico"],
    run: async (key) => {
      updateSettings({ complianceProfile: key });
      const admin = await createStaffUser({
        email: "nm-treasurer@example.org",
        password: "correct horse battery",
        role: "admin",
      });
      receivedGift(contact().id, 25_000, "2026-05-20T18:00:00.000Z");
      const filed = fileReport({ period: "2026-third-primary" }, admin.id);
      expect([filed.fromDay, filed.toDay]).toEqual(["2026-05-05", "2026-05-26"]);
      expect(filedSnapshot(filed).period).toEqual({
        key: "2026-third-primary",
        label: "Third primary report 2026",
        dueDay: "2026-05-28",
      });
      expect(filedSnapshot(filed).files?.cfis).toHaveLength(1);
      receivedGift(contact().id, 7_500, "2026-05-21T18:00:00.000Z");
      const amended = fileReport({ amends: filed.id }, admin.id);
      expect(filedSnapshot(amended).period?.key).toBe("2026-third-primary");
      expect(filedSnapshot(amended).files?.cfis).toHaveLength(2);
    },
  },
];

describe("reporting rules", () => {
  for (const c of cases) for (const profile of c.profiles) it(`${c.rule} [${profile}]`, () => c.run(profile));
});
