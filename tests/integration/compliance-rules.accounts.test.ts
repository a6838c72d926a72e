/**
 * A PAC with federal and state accounts at once, and gifts recorded without the donor's employer:
 * one case per rule, each naming its statute or regulation, run against both profiles where the
 * rule applies. Real database, real outbox; nothing mocked.
 */
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { donations, emailOutbox, excessiveContributions, informationRequests } from "#db/schema";
import { renderEmail } from "#emails/render";
import { makeContact, offlineCheck } from "../factories";
import { activeAccountKeys, resolveAccount } from "~/models/accounts.server";
import { aggregateCents, checkContribution, complianceProfile } from "~/models/compliance.server";
import { PROFILES } from "~/models/compliance-profiles";
import { markReceived, updateDonorDetails } from "~/models/donations.server";
import { donorAggregate, receiptsInRange } from "~/models/donation-stats.server";
import { amendmentFor, fileReport, getFiledReport } from "~/models/filed-reports.server";
import { filingReport, reportScope } from "~/models/filing-report.server";
import { itemizedCsvStream } from "~/models/itemized-csv.server";
import { itemizedContributions } from "~/models/itemized-query.server";
import { recordOfflineRefund } from "~/models/offline-refunds.server";
import { fileRowsById, reportFiles } from "~/models/report-files.server";
import { getDonatePage } from "~/models/donate-page.server";
import { informationLetter, listOpenInformationRequests } from "~/models/information-requests.server";
import {
  recordOfflineContribution as recordOfflineContributionOrRefuse,
  type OfflineContributionInput,
} from "~/models/offline-contributions.server";
import { getSettings, updateSettings, type ComplianceProfileKey } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import { attempt } from "../support/attempt";

const recordOfflineContribution = (...args: Parameters<typeof recordOfflineContributionOrRefuse>) =>
  attempt(() => recordOfflineContributionOrRefuse(...args));

const BOTH: ComplianceProfileKey[] = ["us_federal", "new_mexico"];

function bothAccounts(main: ComplianceProfileKey = "new_mexico") {
  updateSettings({ complianceProfile: main, additionalAccounts: BOTH.filter((k) => k !== main) });
}

let staffId = 0;
beforeEach(async () => {
  const staff = await createStaffUser({
    email: `t${Date.now()}@example.org`,
    password: "correct horse battery",
    role: "staff",
  });
  staffId = staff.id;
});

const check = (over: Partial<OfflineContributionInput> = {}): OfflineContributionInput =>
  offlineCheck({ amountCents: 5_000, receivedOn: "2026-03-10", street: "2 Oak St", checkNumber: "1001", ...over });

function record(input: OfflineContributionInput) {
  const result = recordOfflineContribution(input, staffId);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return db().select().from(donations).where(eq(donations.id, result.donationId)).get()!;
}

describe("both accounts active at once", () => {
  it("settings enable one or both accounts; the main account comes first and is the default", () => {
    expect(activeAccountKeys()).toEqual(["new_mexico"]);
    bothAccounts("us_federal");
    expect(activeAccountKeys()).toEqual(["us_federal", "new_mexico"]);
    expect(resolveAccount(null)).toBe("us_federal");
    expect(resolveAccount("new_mexico")).toBe("new_mexico");
    updateSettings({ additionalAccounts: [] });
    // An account not taking gifts cannot be chosen by a crafted form.
    expect(resolveAccount("new_mexico")).toBeNull();
  });

  // 52 U.S.C. 30116(a)(1)(C) ($5,000 a calendar year) and NMSA 1978 § 1-19-34.7(A)(1) ($5,500 an
  // election cycle) apply to each account alone: totals are per account.
  it("52 U.S.C. 30116(a)(1)(C) / NMSA 1978 § 1-19-34.7(A)(1): each account keeps its own totals and limit", () => {
    bothAccounts();
    const federal = record(check({ account: "us_federal", amountCents: 500_000 }));
    const state = record(check({ account: "new_mexico", amountCents: 550_000, email: "dolores@example.org" }));
    expect(federal.account).toBe("us_federal");
    expect(federal.aggregationPeriod).toBe("2026");
    expect(state.account).toBe("new_mexico");
    expect(state.aggregationPeriod).toBe("2026-primary");
    expect(state.contactId).toBe(federal.contactId);
    expect(aggregateCents(federal.contactId, "2026", { account: "us_federal" })).toBe(500_000);
    expect(aggregateCents(federal.contactId, "2026-primary", { account: "new_mexico" })).toBe(550_000);
    // Each account is now full; neither gift counted toward the other's room.
    for (const account of BOTH) {
      const more = checkContribution({
        account,
        contactId: federal.contactId,
        amountCents: 100,
        method: "check",
        receivedAt: "2026-03-11T18:00:00.000Z",
        employer: "UFW",
        occupation: "Organizer",
      });
      expect(more.ok).toBe(false);
      expect(more.errors.amount).toContain("reached the limit");
    }
  });

  // 11 CFR 103.3(b)(3) with 52 U.S.C. 30116(a)(1)(C): an excess is measured against the limit of
  // the gift's own account. A $5,200 federal check passes the federal $5,000 while New Mexico (the
  // main account, $5,500 under NMSA 1978 § 1-19-34.7(A)(1)) would not find it excessive.
  it("11 CFR 103.3(b)(3): an excess is measured against the gift's own account, not the main one", () => {
    bothAccounts("new_mexico");
    const gift = record(check({ account: "us_federal", amountCents: 520_000, acceptExcess: true }));
    const [excess] = db().select().from(excessiveContributions).all();
    expect(excess).toMatchObject({ donationId: gift.id, excessCents: 20_000, limitCents: 500_000 });
    // A state gift of the same size fits the state limit: nothing more is excessive.
    record(check({ account: "new_mexico", amountCents: 520_000 }));
    expect(db().select().from(excessiveContributions).all()).toHaveLength(1);
  });

  it("switching the main account mid-year splits no donor's totals: a gift stays in its own account", () => {
    updateSettings({ complianceProfile: "us_federal" });
    const first = record(check({ amountCents: 300_000 }));
    updateSettings({ complianceProfile: "new_mexico", additionalAccounts: ["us_federal"] });
    const second = record(check({ account: "us_federal", amountCents: 200_000, receivedOn: "2026-09-01" }));
    expect([first.account, second.account]).toEqual(["us_federal", "us_federal"]);
    expect(aggregateCents(first.contactId, "2026", { account: "us_federal" })).toBe(500_000);
    const over = checkContribution({
      account: "us_federal",
      contactId: first.contactId,
      amountCents: 1,
      method: "check",
      receivedAt: "2026-09-02T18:00:00.000Z",
      employer: "UFW",
      occupation: "Organizer",
    });
    expect(over.ok).toBe(false);
  });

  it("the donate page lists the active accounts, main first, each with its own profile's statement and limit", () => {
    expect(getDonatePage().accounts.map((a) => a.key)).toEqual(["new_mexico"]);
    bothAccounts("us_federal");
    const page = getDonatePage();
    expect(page.accounts.map((a) => [a.key, a.label, a.limitCents])).toEqual([
      ["us_federal", "Federal account", 500_000],
      ["new_mexico", "New Mexico account", 550_000],
    ]);
    for (const a of page.accounts)
      expect(a.bestEffortsStatement).toBe(complianceProfile(getSettings(), undefined, a.key).bestEffortsStatement);
    // 52 U.S.C. 30119: the contractor attestation follows the federal account's profile.
    expect(page.accounts.map((a) => a.federal)).toEqual([true, false]);
  });

  it("each account's receipts are its own (the report of one account leaves out the other's gifts)", () => {
    bothAccounts();
    record(check({ account: "us_federal", amountCents: 30_000 }));
    record(check({ account: "new_mexico", amountCents: 7_000 }));
    expect(receiptsInRange("2026-03-01", "2026-03-31", undefined, "us_federal").receivedCents).toBe(30_000);
    expect(receiptsInRange("2026-03-01", "2026-03-31", undefined, "new_mexico").receivedCents).toBe(7_000);
  });
});

describe("rules per account, both profiles", () => {
  // NMSA 1978 § 1-1-3.1 (2019): the general election cycle runs to December 31 after the general
  // election; federal periods are calendar years (11 CFR 110.1(b)).
  it.each([
    ["new_mexico", "2026-11-10", "2026-general"],
    ["new_mexico", "2026-12-31", "2026-general"],
    ["us_federal", "2026-11-10", "2026"],
    ["us_federal", "2026-12-31", "2026"],
  ] as const)("NMSA 1978 § 1-1-3.1 / 11 CFR 110.1(b): %s gift on %s counts toward %s", (account, day, period) => {
    bothAccounts();
    expect(record(check({ account, receivedOn: day })).aggregationPeriod).toBe(period);
  });

  // NMSA 1978 § 1-19-34(B), 1.10.13.20(D) NMAC: anonymous $100 each, $2,000 per cycle in all.
  // 11 CFR 110.4(c)(3): a federal PAC keeps at most $50 anonymous cash per gift, no cycle cap.
  it.each([
    ["new_mexico", 40, false],
    ["us_federal", 50, true],
  ] as const)(
    "NMSA 1978 § 1-19-34(B) / 11 CFR 110.4(c)(3): 50 anonymous 50-dollar gifts to the %s account: %i taken, all taken: %s",
    (account, taken, allTaken) => {
      bothAccounts();
      let ok = 0;
      for (let i = 0; i < 50; i++) {
        const r = recordOfflineContribution(
          check({ account, method: "cash", isAnonymous: true, amountCents: 5_000, firstName: null, email: null }),
          staffId,
        );
        if (r.ok) ok += 1;
      }
      expect(ok).toBe(taken);
      expect(ok === 50).toBe(allTaken);
    },
  );

  // 52 U.S.C. 30118(a): a federal account refuses corporate money; New Mexico records the type
  // (NMSA 1978 § 1-19-34.7(A), 1-19-31(B)).
  it.each([
    ["us_federal", false],
    ["new_mexico", true],
  ] as const)("52 U.S.C. 30118(a): a business check to the %s account is accepted: %s", (account, accepted) => {
    bothAccounts();
    const r = recordOfflineContribution(check({ account, contributorType: "business" }), staffId);
    expect(r.ok).toBe(accepted);
    if (r.ok) {
      const row = db().select().from(donations).where(eq(donations.id, r.donationId)).get()!;
      expect(row.contributorType).toBe("business");
    } else {
      expect(r.errors.contributorType).toContain("30118");
      expect(db().select().from(donations).all()).toHaveLength(0);
    }
  });

  // 11 CFR 103.3(a): deposit within 10 days; 11 CFR 104.7(b)(2) / NMSA 1978 § 1-19-31(B): follow up.
  it.each(BOTH)(
    "11 CFR 103.3(a), 104.7(b)(2) / NMSA 1978 § 1-19-31(B): a 1,000-dollar check without employer to the %s account is accepted, information requested, follow-up emailed",
    async (account) => {
      bothAccounts();
      const r = recordOfflineContribution(
        check({ account, amountCents: 100_000, employer: null, occupation: null }),
        staffId,
      );
      expect(r).toMatchObject({ ok: true, informationRequested: true });
      const [open] = listOpenInformationRequests();
      expect(open).toMatchObject({
        account,
        channel: "email",
        missing: ["employer", "occupation"],
        receivedOn: "2026-03-10",
      });
      expect(open.depositBy).toBe("2026-03-20");
      const mail = db().select().from(emailOutbox).where(eq(emailOutbox.template, "donation-info-request")).get()!;
      const props = JSON.parse(mail.propsJson);
      expect(props.statement).toBe(PROFILES[account]("2026-03-10").bestEffortsStatement);
      const rendered = await renderEmail("donation-info-request", props, {
        brand: { pacName: "P", pacAddress: "A", pacUrl: "u", disclaimer: "Paid for by P." },
        timeZone: getSettings().timeZone,
      });
      expect(rendered.text).toContain(props.statement);
      // The donor answers: the request closes.
      updateDonorDetails(r.ok ? r.donationId : 0, { employer: "UFW", occupation: "Organizer" });
      expect(listOpenInformationRequests()).toHaveLength(0);
    },
  );

  it.each(BOTH)(
    "11 CFR 104.7(b)(2) / NMSA 1978 § 1-19-31(B): without an email, the %s follow-up is a printable letter with the profile's statement",
    (account) => {
      bothAccounts();
      const r = recordOfflineContribution(
        check({ account, amountCents: 100_000, employer: null, occupation: null, email: null }),
        staffId,
      );
      expect(r.ok).toBe(true);
      const [open] = listOpenInformationRequests();
      expect(open.channel).toBe("letter");
      expect(
        db().select().from(emailOutbox).where(eq(emailOutbox.template, "donation-info-request")).all(),
      ).toHaveLength(0);
      const letter = informationLetter(open.id)!;
      expect(letter.statement).toBe(complianceProfile(getSettings(), "2026-03-10", account).bestEffortsStatement);
      expect(letter.address).toEqual(["Dolores Huerta", "2 Oak St", "Las Cruces, NM 88001"]);
      const req = db()
        .select()
        .from(informationRequests)
        .where(and(eq(informationRequests.account, account), eq(informationRequests.channel, "letter")))
        .all();
      expect(req).toHaveLength(1);
    },
  );

  it("11 CFR 104.7(b)(1)(i)(A): the federal statement is the regulation's example word for word; New Mexico's names $200 per election (NMSA 1978 § 1-19-31(B))", () => {
    expect(PROFILES.us_federal("2026-01-01").bestEffortsStatement).toBe(
      "Federal law requires us to use our best efforts to collect and report the name, mailing address, occupation and name of employer of individuals whose contributions exceed $200 in a calendar year.",
    );
    const nm = PROFILES.new_mexico("2026-01-01").bestEffortsStatement;
    expect(nm).toContain("New Mexico law");
    expect(nm).toContain("$200 or more in the aggregate per election");
    expect(nm).not.toMatch(/a election|Federal law/);
  });

  // Dates shown to donors are the PAC's calendar days (America/Denver by default).
  it("a receipt for 10 pm on December 31 in Las Cruces says December 31", async () => {
    const c = makeContact(db());
    const pending = db()
      .insert(donations)
      .values({
        contactId: c.id,
        account: "new_mexico",
        amountCents: 2_500,
        donorFirstName: "Ada",
        donorLastName: "L",
        donorEmail: "ada@example.org",
      })
      .returning()
      .get();
    db().transaction((tx) => markReceived(pending, { receivedAt: "2027-01-01T05:00:00.000Z" }, tx));
    const mail = db().select().from(emailOutbox).where(eq(emailOutbox.template, "donation-receipt")).get()!;
    const rendered = await renderEmail("donation-receipt", JSON.parse(mail.propsJson), {
      brand: {
        pacName: "P",
        pacAddress: "A",
        pacUrl: "u",
        disclaimer: "Paid for by P.",
      },
      timeZone: getSettings().timeZone,
    });
    expect(rendered.text).toContain("December 31, 2026");
    expect(rendered.text).not.toContain("January 1, 2027");
  });
});

describe("reports of one account, both accounts active", () => {
  const MARCH = { from: "2026-03-01", to: "2026-03-31" };

  // A $300 federal check from one donor and a $70 state check from another, both in March.
  function giftsToBoth() {
    bothAccounts("new_mexico");
    const federal = record(check({ account: "us_federal", amountCents: 30_000 }));
    const state = record(
      check({
        account: "new_mexico",
        amountCents: 7_000,
        firstName: "Cesar",
        lastName: "Chavez",
        email: "cesar@example.org",
        checkNumber: "2002",
      }),
    );
    return { federal, state };
  }

  async function csvOf(account: ComplianceProfileKey) {
    let text = "";
    for await (const chunk of itemizedCsvStream(reportScope({ ...MARCH, account }))) text += chunk;
    return text;
  }

  // 11 CFR 104.3(a)(4)(i): the federal report itemizes a contributor whose calendar-year aggregate
  // passes $200; NMSA 1978 § 1-19-31(A): the New Mexico report lists every named contributor. Each
  // account's report covers its own gifts only (a gift belongs to one account).
  it("11 CFR 104.3(a)(4)(i) / NMSA 1978 § 1-19-31(A): a federal gift is only in the federal report, a state gift only in the state report", async () => {
    const { federal, state } = giftsToBoth();
    const ids = (account?: ComplianceProfileKey) =>
      [...itemizedContributions(reportScope({ ...MARCH, account }))].map((r) => r.id);
    expect(ids("us_federal")).toEqual([federal.id]);
    expect(ids("new_mexico")).toEqual([state.id]);
    // No account named: the main account's report.
    expect(ids()).toEqual([state.id]);
    // The streamed CSV export (its own worker thread) reads the same account filter.
    const federalCsv = await csvOf("us_federal");
    const stateCsv = await csvOf("new_mexico");
    expect(federalCsv).toContain("Huerta");
    expect(federalCsv).not.toContain("Chavez");
    expect(stateCsv).toContain("Chavez");
    expect(stateCsv).not.toContain("Huerta");
    // The page's receipts and itemized totals are the chosen account's, under its own rules.
    const federalPage = filingReport({ ...MARCH, account: "us_federal" });
    expect(federalPage.account).toBe("us_federal");
    expect(federalPage.reportFiles).toEqual(["fec_schedules"]);
    expect(federalPage.accounts.map((a) => a.key)).toEqual(["new_mexico", "us_federal"]);
    expect(federalPage.receipts.receivedCents).toBe(30_000);
    expect(federalPage.itemized.itemizedCount).toBe(1);
    expect(federalPage.unitemizedCents).toBe(0);
    const statePage = filingReport({ ...MARCH, account: "new_mexico" });
    expect(statePage.reportFiles).toEqual(["cfis_contributions"]);
    expect(statePage.receipts.receivedCents).toBe(7_000);
    // With one account active the page does not ask.
    updateSettings({ additionalAccounts: [] });
    expect(filingReport(MARCH).accounts).toEqual([]);
  });

  // 11 CFR 104.3(a)(4)(i) (Schedule A, line 11(a)(i)) and NMSA 1978 § 1-19-31(A) (the New Mexico
  // contributions file): each account's filing file holds its own gifts only.
  it("11 CFR 104.3(a)(4)(i) / NMSA 1978 § 1-19-31(A): the FEC file has only the federal gift, the CFIS file only the state gift", () => {
    const { federal, state } = giftsToBoth();
    const federalFiles = reportFiles(reportScope({ ...MARCH, account: "us_federal" })).files;
    const stateFiles = reportFiles(reportScope({ ...MARCH, account: "new_mexico" })).files;
    expect(federalFiles.cfis).toBeUndefined();
    expect([...fileRowsById(federalFiles).keys()]).toEqual([`D${federal.id}`]);
    expect(federalFiles.fec!.scheduleA.map((t) => t.contributor_last_name)).toEqual(["Huerta"]);
    expect(stateFiles.fec).toBeUndefined();
    expect([...fileRowsById(stateFiles).keys()]).toEqual([`D${state.id}`]);
    // 11 CFR 104.3(b)(4)(v): a refund of the federal gift is on the federal Schedule B (line 28(a)),
    // never in the New Mexico file.
    recordOfflineRefund(
      { donationId: federal.id, amountCents: 30_000, refundedOn: "2026-03-20", reference: "PAC check 1042" },
      staffId,
    );
    const federalAfter = reportFiles(reportScope({ ...MARCH, account: "us_federal" })).files;
    expect(federalAfter.fec!.scheduleB.map((t) => t.payee_last_name)).toEqual(["Huerta"]);
    expect([...fileRowsById(reportFiles(reportScope({ ...MARCH, account: "new_mexico" })).files).keys()]).toEqual([
      `D${state.id}`,
    ]);
  });

  // 11 CFR 104.3(b)(4)(v) / decision 008: a refund is reported by the account whose gift it returns.
  // Filing freezes one account's report; a later refund of a federal gift dated inside the period
  // amends the federal report and leaves the state report as filed (NMSA 1978 § 1-19-31).
  it("11 CFR 104.3(b)(4)(v) / NMSA 1978 § 1-19-31: filing the state report stores new_mexico; a later federal refund amends only the federal report", () => {
    const { federal } = giftsToBoth();
    // The main account is New Mexico; the federal report is asked for by name.
    const filedFederal = fileReport({ ...MARCH, account: "us_federal" }, staffId);
    const filedState = fileReport({ ...MARCH, account: "new_mexico" }, staffId);
    expect(filedFederal.profile).toBe("us_federal");
    expect(filedState.profile).toBe("new_mexico");
    recordOfflineRefund(
      { donationId: federal.id, amountCents: 30_000, refundedOn: "2026-03-20", reference: "PAC check 1042" },
      staffId,
    );
    expect(amendmentFor(getFiledReport(filedState.id)!)).toBeNull();
    const federalAmendment = amendmentFor(getFiledReport(filedFederal.id)!)!;
    expect(federalAmendment.totals).toEqual([{ label: "Refunded", filedCents: 0, nowCents: 30_000 }]);
    // The amendment is filed for the same account as the report it amends.
    expect(fileReport({ amends: filedFederal.id }, staffId).profile).toBe("us_federal");
  });

  // 52 U.S.C. 30116(a)(1)(C) ($5,000 a calendar year) and NMSA 1978 § 1-19-34.7(A)(1) ($5,500 an
  // election cycle): the contact page shows each account's total against its own limit.
  it("52 U.S.C. 30116(a)(1)(C) / NMSA 1978 § 1-19-34.7(A)(1): the contact page shows each account's period total and limit", () => {
    bothAccounts("new_mexico");
    const federal = record(check({ account: "us_federal", amountCents: 30_000 }));
    record(check({ account: "new_mexico", amountCents: 7_000, checkNumber: "1002" }));
    const giving = donorAggregate(federal.contactId, new Date("2026-03-15T18:00:00.000Z"));
    expect(
      giving.accounts.map((a) => [a.account, a.periodKey, a.aggregateCents, a.limitCents, a.remainingCents]),
    ).toEqual([
      ["new_mexico", "2026-primary", 7_000, 550_000, 543_000],
      ["us_federal", "2026", 30_000, 500_000, 470_000],
    ]);
    expect(giving.history.map((h) => [h.account, h.periodKey, h.cents])).toEqual([
      ["new_mexico", "2026-primary", 7_000],
      ["us_federal", "2026", 30_000],
    ]);
  });
});
