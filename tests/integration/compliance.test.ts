/**
 * The contribution rules of both presets at their edges, on a real database: limits, itemization
 * thresholds, the PAC's calendar (America/Denver), caps on cash and anonymous gifts, and refunds
 * that bring a donor back under.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { donations, emailOutbox, recurringPlans } from "#db/schema";
import { makeContact, offlineCheck } from "../factories";
import {
  aggregateCents,
  checkContribution,
  complianceProfile,
  isItemizable,
  newMexicoElectionDays,
  periodFor,
} from "~/models/compliance.server";
import { markReceived } from "~/models/donations.server";
import {
  recordOfflineContribution as recordOfflineContributionOrRefuse,
  type OfflineContributionInput,
} from "~/models/offline-contributions.server";
import { getSettings, updateSettings } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import { attempt } from "../support/attempt";
const recordOfflineContribution = (...args: Parameters<typeof recordOfflineContributionOrRefuse>) =>
  attempt(() => recordOfflineContributionOrRefuse(...args));

/** A received card gift, recorded the way the webhook records one. */
function receivedGift(
  contactId: number,
  amountCents: number,
  receivedAt: string,
  over: Partial<typeof donations.$inferInsert> = {},
) {
  const pending = db()
    .insert(donations)
    .values({
      contactId,
      amountCents,
      donorFirstName: "Ada",
      donorLastName: "Lovelace",
      donorEmail: "ada@example.org",
      // The account a writer names: here the PAC's main account, as the checkout names it.
      account: getSettings().complianceProfile,
      ...over,
    })
    .returning()
    .get();
  return db().transaction((tx) => markReceived(pending, { receivedAt }, tx));
}

const federal = () => updateSettings({ complianceProfile: "us_federal" });
const newMexico = () => updateSettings({ complianceProfile: "new_mexico" });

/** A staff entry of an offline gift, as the form sends it. */
const input = (over: Partial<OfflineContributionInput> = {}): OfflineContributionInput =>
  offlineCheck({
    amountCents: 5_000,
    receivedOn: "2026-03-10",
    street: "2 Oak St",
    employer: null,
    occupation: null,
    checkNumber: "1001",
    ...over,
  });

describe("US federal preset", () => {
  beforeEach(() => federal());

  it("allows a gift that reaches the $5,000 yearly limit exactly and refuses one cent more, saying what is left", () => {
    const c = makeContact(db());
    receivedGift(c.id, 400_000, "2026-03-01T18:00:00.000Z");
    const at = "2026-06-01T18:00:00.000Z";
    const exact = checkContribution({
      contactId: c.id,
      amountCents: 100_000,
      method: "card",
      receivedAt: at,
      employer: "ACME",
      occupation: "Welder",
    });
    expect(exact.ok).toBe(true);
    expect(exact.aggregateAfterCents).toBe(500_000);
    const over = checkContribution({
      contactId: c.id,
      amountCents: 100_001,
      method: "card",
      receivedAt: at,
      employer: "ACME",
      occupation: "Welder",
    });
    expect(over.ok).toBe(false);
    expect(over.errors.amount).toContain("$1,000");
    expect(over.remainingCents).toBe(100_000);
  });

  it("itemizes once the year's aggregate exceeds $200: $200.00 is not itemized, $200.01 is", () => {
    const c = makeContact(db());
    const at200 = checkContribution({ contactId: c.id, amountCents: 20_000, method: "card" });
    expect(at200).toMatchObject({ ok: true, itemizable: false });
    const over = checkContribution({ contactId: c.id, amountCents: 20_001, method: "card" });
    expect(over.itemizable).toBe(true);
    expect(over.ok).toBe(false);
    expect(Object.keys(over.errors).sort()).toEqual(["employer", "occupation"]);
    expect(
      checkContribution({
        contactId: c.id,
        amountCents: 20_001,
        method: "card",
        employer: "Not employed",
        occupation: "Retired or not employed",
      }).ok,
    ).toBe(true);
  });

  it("reads the year on the PAC's calendar: 11 pm on December 31 in Denver belongs to the old year", () => {
    const c = makeContact(db());
    const dec31 = receivedGift(c.id, 15_000, "2027-01-01T06:30:00.000Z"); // 23:30 on Dec 31 in Denver (UTC-7)
    const jan1 = receivedGift(c.id, 15_000, "2027-01-01T07:30:00.000Z"); // 00:30 on Jan 1 in Denver
    expect(dec31.aggregationPeriod).toBe("2026");
    expect(jan1.aggregationPeriod).toBe("2027");
    expect(aggregateCents(c.id, "2026")).toBe(15_000);
    expect(aggregateCents(c.id, "2027")).toBe(15_000);
    // Neither year passes $200, though the two gifts together would.
    expect(
      checkContribution({ contactId: c.id, amountCents: 5_000, method: "card", receivedAt: "2027-01-02T18:00:00.000Z" })
        .itemizable,
    ).toBe(false);
    expect(
      checkContribution({ contactId: c.id, amountCents: 5_001, method: "card", receivedAt: "2027-01-02T18:00:00.000Z" })
        .itemizable,
    ).toBe(true);
  });

  it("counts refunds and disputes: a refund brings a donor back under the threshold and frees room under the limit", () => {
    const c = makeContact(db());
    const gift = receivedGift(c.id, 20_001, "2026-04-01T18:00:00.000Z", {
      donorEmployer: "ACME",
      donorOccupation: "Welder",
    });
    const at = "2026-05-01T18:00:00.000Z";
    expect(checkContribution({ contactId: c.id, amountCents: 1, method: "card", receivedAt: at }).itemizable).toBe(
      true,
    );
    db()
      .update(donations)
      .set({ refundedCents: 1, status: "partially_refunded" })
      .where(eq(donations.id, gift.id))
      .run();
    expect(aggregateCents(c.id, "2026")).toBe(20_000);
    // $200.00 net: back under, and no longer itemized on its own.
    expect(isItemizable(aggregateCents(c.id, "2026"), complianceProfile())).toBe(false);
    db()
      .update(donations)
      .set({ refundedCents: 2, status: "partially_refunded" })
      .where(eq(donations.id, gift.id))
      .run();
    expect(checkContribution({ contactId: c.id, amountCents: 1, method: "card", receivedAt: at })).toMatchObject({
      itemizable: false,
      ok: true,
    });
    db()
      .update(donations)
      .set({ refundedCents: 0, disputedCents: 20_001, status: "disputed" })
      .where(eq(donations.id, gift.id))
      .run();
    expect(aggregateCents(c.id, "2026")).toBe(0);
  });

  it("ignores pending and failed gifts in the aggregate", () => {
    const c = makeContact(db());
    db()
      .insert(donations)
      .values({
        contactId: c.id,
        amountCents: 50_000,
        donorFirstName: "A",
        donorLastName: "B",
        aggregationPeriod: "2026",
      })
      .run();
    db()
      .insert(donations)
      .values({
        contactId: c.id,
        amountCents: 50_000,
        status: "failed",
        donorFirstName: "A",
        donorLastName: "B",
        aggregationPeriod: "2026",
      })
      .run();
    expect(aggregateCents(c.id, "2026")).toBe(0);
  });
});

describe("New Mexico preset", () => {
  it("itemizes at $200 or more: $199.99 is not itemized, exactly $200 is", () => {
    newMexico();
    const c = makeContact(db());
    expect(checkContribution({ contactId: c.id, amountCents: 19_999, method: "card" }).itemizable).toBe(false);
    const at = checkContribution({ contactId: c.id, amountCents: 20_000, method: "card" });
    expect(at.itemizable).toBe(true);
    expect(at.errors.employer).toBeTruthy();
  });

  it("takes the per-cycle limit of the gift's day: $5,500 from January 1, 2023 (NMSA 1978 § 1-19-34.7(A)(1) and (F); Secretary of State table)", () => {
    newMexico();
    // NMSA 1978 § 1-19-34.7(A)(1): $5,000 a cycle; adjusted to $5,500 by the Secretary of State from 2023.
    expect(complianceProfile(undefined, "2022-12-31").limitCents).toBe(500_000);
    expect(complianceProfile(undefined, "2023-01-01")).toMatchObject({
      limitCents: 550_000,
      limitSource: { from: "2023-01-01" },
    });
    const c = makeContact(db());
    receivedGift(c.id, 450_000, "2026-02-01T18:00:00.000Z", { donorEmployer: "X", donorOccupation: "Y" });
    const at = "2026-03-01T18:00:00.000Z";
    const base = { contactId: c.id, method: "card" as const, receivedAt: at, employer: "X", occupation: "Y" };
    expect(checkContribution({ ...base, amountCents: 100_000 }).ok).toBe(true);
    const over = checkContribution({ ...base, amountCents: 100_001 });
    expect(over.ok).toBe(false);
    expect(over.errors.amount).toContain("$5,500");
    expect(over.errors.amount).toContain("2026 primary election cycle");
    // A single $6,000 gift, accepted before this rule was right, is refused.
    expect(
      checkContribution({
        contactId: null,
        amountCents: 600_000,
        method: "check",
        receivedAt: at,
        employer: "X",
        occupation: "Y",
      }).ok,
    ).toBe(false);
  });

  // NMSA 1978 § 1-1-3.1 (as amended 2019): primary cycle from January 1 after the last general
  // election to primary day; general cycle from the day after the primary to December 31 after
  // the general election. Instants are read on the PAC's calendar (America/Denver).
  it.each([
    ["11 pm on primary day in Denver (already June 3 in UTC)", "2026-06-03T05:00:00.000Z", "2026-primary"],
    ["the day after the primary", "2026-06-03T06:30:00.000Z", "2026-general"],
    ["general election day", "2026-11-04T06:59:00.000Z", "2026-general"],
    ["November 10, after the general election", "2026-11-10T18:00:00.000Z", "2026-general"],
    ["11 pm on December 31 after the general election", "2027-01-01T06:30:00.000Z", "2026-general"],
    ["January 1 of the odd year", "2027-01-01T07:30:00.000Z", "2028-primary"],
    ["December 31 of the odd year", "2028-01-01T06:30:00.000Z", "2028-primary"],
  ])("NMSA 1978 § 1-1-3.1: %s counts toward %s", (_label, instant, key) => {
    newMexico();
    expect(periodFor(instant).key).toBe(key);
  });

  it("1.10.13.20(D) NMAC: an anonymous gift at most $100, and $2,000 in all per cycle (50 anonymous $50 gifts)", async () => {
    newMexico();
    const staff = await createStaffUser({
      email: "anon@example.org",
      password: "correct horse battery",
      role: "admin",
    });
    const anonymous = (amountCents: number) =>
      recordOfflineContribution(
        input({
          method: "cash",
          amountCents,
          isAnonymous: true,
          firstName: null,
          lastName: null,
          email: null,
          receivedOn: "2027-03-01",
        }),
        staff.id,
      );
    expect(anonymous(10_001)).toMatchObject({ ok: false, errors: { isAnonymous: expect.stringContaining("$100") } });
    let accepted = 0;
    for (let i = 0; i < 50; i++) if (anonymous(5_000).ok) accepted += 1;
    expect(accepted).toBe(40);
    expect(anonymous(5_000)).toMatchObject({ ok: false, errors: { isAnonymous: expect.stringContaining("$2,000") } });
  });

  it("splits the election year into primary and general cycles at primary day, in Denver time", () => {
    newMexico();
    const { primary, general } = newMexicoElectionDays(2026);
    expect(primary).toBe("2026-06-02");
    expect(general).toBe("2026-11-03");
    // 11 pm on primary day in Denver is still the primary cycle, though it is June 3 in UTC.
    expect(periodFor("2026-06-03T05:00:00.000Z").key).toBe("2026-primary");
    expect(periodFor("2026-06-03T06:30:00.000Z").key).toBe("2026-general");
    // NMSA 1978 § 1-1-3.1: the general cycle runs to December 31, not to election day.
    expect(periodFor("2026-11-04T07:01:00.000Z").key).toBe("2026-general");
    // December 31 and January 1 of an odd year fall in the same primary cycle.
    expect(periodFor("2028-01-01T06:30:00.000Z").key).toBe("2028-primary");
    expect(periodFor("2028-01-01T07:30:00.000Z").key).toBe("2028-primary");
    const c = makeContact(db());
    receivedGift(c.id, 19_999, "2026-06-03T05:00:00.000Z");
    expect(
      checkContribution({ contactId: c.id, amountCents: 1, method: "card", receivedAt: "2026-06-03T06:30:00.000Z" })
        .itemizable,
    ).toBe(false);
    expect(
      checkContribution({ contactId: c.id, amountCents: 1, method: "card", receivedAt: "2026-06-02T18:00:00.000Z" })
        .itemizable,
    ).toBe(true);
  });
});

describe("offline contributions", () => {
  it("caps cash at $100 per source and anonymous gifts at $50, and audits each entry", async () => {
    federal();
    const staff = await createStaffUser({ email: "t@example.org", password: "correct horse battery", role: "staff" });
    expect(recordOfflineContribution(input({ method: "cash", amountCents: 6_000 }), staff.id).ok).toBe(true);
    const second = recordOfflineContribution(input({ method: "cash", amountCents: 4_001 }), staff.id);
    expect(second).toMatchObject({ ok: false });
    expect(!second.ok && second.errors.amount).toContain("$40");
    expect(recordOfflineContribution(input({ method: "cash", amountCents: 4_000 }), staff.id).ok).toBe(true);
    const anon = recordOfflineContribution(input({ isAnonymous: true, firstName: null, amountCents: 5_001 }), staff.id);
    expect(!anon.ok && anon.errors.isAnonymous).toBeTruthy();
    expect(
      recordOfflineContribution(input({ isAnonymous: true, firstName: null, amountCents: 5_000 }), staff.id).ok,
    ).toBe(true);
    const rows = db().select().from(donations).all();
    expect(rows).toHaveLength(3);
    expect(rows.every((d) => d.status === "succeeded" && d.enteredByStaffId === staff.id)).toBe(true);
    expect(
      db()
        .select()
        .from(emailOutbox)
        .all()
        .filter((e) => e.template === "donation-receipt"),
    ).toHaveLength(2);
  });

  it("refuses a gift past the limit and stores nothing", async () => {
    federal();
    const staff = await createStaffUser({ email: "t2@example.org", password: "correct horse battery", role: "staff" });
    const res = recordOfflineContribution(
      input({ amountCents: 500_001, employer: "ACME", occupation: "Welder" }),
      staff.id,
    );
    expect(res.ok).toBe(false);
    expect(db().select().from(donations).all()).toHaveLength(0);
  });

  it("asks an itemizable donor without employer and occupation once per period for them", async () => {
    federal();
    const c = makeContact(db(), { email: "ask@example.org" });
    receivedGift(c.id, 20_001, "2026-03-01T18:00:00.000Z", { donorEmail: "ask@example.org" });
    receivedGift(c.id, 1_000, "2026-04-01T18:00:00.000Z", { donorEmail: "ask@example.org" });
    const asks = db()
      .select()
      .from(emailOutbox)
      .all()
      .filter((e) => e.template === "donation-info-request");
    expect(asks).toHaveLength(1);
    expect(JSON.parse(asks[0].propsJson).updateUrl).toMatch(/\/donate\/details\/\d+\?sig=/);
  });
});

describe("limits count everything committed", () => {
  // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d): $5,000 a calendar year from one person to a PAC.
  // NMSA 1978 § 1-19-34.7(A)(1): $5,500 a cycle under New Mexico's figure in force.
  const pendingGift = (
    contactId: number,
    amountCents: number,
    period: string,
    over: Partial<typeof donations.$inferInsert> = {},
  ) =>
    db()
      .insert(donations)
      .values({
        contactId,
        amountCents,
        status: "pending",
        donorFirstName: "Ada",
        donorLastName: "Lovelace",
        aggregationPeriod: period,
        account: getSettings().complianceProfile,
        ...over,
      })
      .returning()
      .get();

  it("52 U.S.C. 30116(a)(1)(C): two concurrent $5,000 checkouts cannot both pass; an abandoned one stops counting after a day", () => {
    federal();
    const c = makeContact(db());
    const year = new Date().getUTCFullYear().toString();
    const base = { contactId: c.id, method: "card" as const, employer: "ACME", occupation: "Welder" };
    expect(checkContribution({ ...base, amountCents: 500_000 }).ok).toBe(true);
    pendingGift(c.id, 500_000, year);
    const second = checkContribution({ ...base, amountCents: 500_000 });
    expect(second.ok).toBe(false);
    expect(second.errors.amount).toContain("reached the limit");
    // A Checkout Session lives 24 hours: a pending gift older than that was abandoned.
    db()
      .update(donations)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000).toISOString() })
      .run();
    expect(checkContribution({ ...base, amountCents: 500_000 }).ok).toBe(true);
  });

  it.each([
    // [profile, sign-up instant, monthly cents, ok?, what the message offers]
    ["us_federal", "2026-01-15T18:00:00.000Z", 50_000, false, "At most $416.66 a month"],
    ["us_federal", "2026-11-15T18:00:00.000Z", 50_000, true, ""],
    ["us_federal", "2026-01-15T18:00:00.000Z", 41_666, true, ""],
    ["new_mexico", "2027-01-15T18:00:00.000Z", 50_000, false, "monthly gifts of $500"],
    ["new_mexico", "2026-07-01T18:00:00.000Z", 50_000, true, ""],
  ] as const)(
    "11 CFR 110.1(b) / NMSA 1-19-34.7: a %s monthly plan from %s of %i cents a month is checked on all its charges in the period",
    (profile, at, cents, ok, says) => {
      updateSettings({ complianceProfile: profile });
      const c = makeContact(db());
      const check = checkContribution({
        contactId: c.id,
        amountCents: cents,
        monthly: true,
        method: "card",
        receivedAt: at,
        employer: "ACME",
        occupation: "Welder",
      });
      expect(check.ok).toBe(ok);
      if (!ok) expect(check.errors.amount).toContain(says);
    },
  );

  it("11 CFR 110.1(b): a running monthly plan's remaining charges leave less room for a one-time gift", () => {
    federal();
    const c = makeContact(db());
    const year = new Date().getUTCFullYear();
    const anchor = `${year}-01-10T18:00:00.000Z`;
    db()
      .insert(recurringPlans)
      .values({ contactId: c.id, amountCents: 40_000, status: "active", createdAt: anchor })
      .run();
    // From March 1: charges on the 10th of March … December are still to come (10 × $400).
    const at = `${year}-03-01T18:00:00.000Z`;
    const base = { contactId: c.id, method: "card" as const, receivedAt: at, employer: "ACME", occupation: "Welder" };
    expect(checkContribution({ ...base, amountCents: 100_000 }).ok).toBe(true);
    const over = checkContribution({ ...base, amountCents: 100_001 });
    expect(over.ok).toBe(false);
    expect(over.errors.amount).toContain("$1,000");
  });
});

describe("who a gift comes from", () => {
  it.each([
    // [profile, contributor type, accepted?, the law]
    ["us_federal", "business", false, "52 U.S.C. 30118(a)"],
    ["us_federal", "union", false, "52 U.S.C. 30118(a)"],
    ["us_federal", "individual", true, "52 U.S.C. 30116(a)(1)(C)"],
    ["us_federal", "political_committee", true, "52 U.S.C. 30116(a)(2)(C)"],
    ["new_mexico", "business", true, "NMSA 1978 § 1-19-34.7(A) (a person, including an entity)"],
    ["new_mexico", "union", true, "NMSA 1978 § 1-19-34.7(A)"],
  ] as const)("%s: a check from a %s is accepted: %s (%s)", async (profile, contributorType, accepted, _law) => {
    updateSettings({ complianceProfile: profile });
    const staff = await createStaffUser({
      email: `who-${crypto.randomUUID()}@example.org`,
      password: "correct horse battery",
      role: "staff",
    });
    const result = recordOfflineContribution(
      input({
        contributorType,
        firstName: "Acme",
        lastName: "Supply Co.",
        amountCents: 50_000,
        employer: "n/a",
        occupation: "n/a",
      }),
      staff.id,
    );
    expect(result.ok).toBe(accepted);
    if (!result.ok) {
      expect(result.errors.contributorType).toContain("52 U.S.C. 30118(a)");
      expect(db().select().from(donations).all()).toHaveLength(0);
    } else {
      expect(db().select().from(donations).get()!.contributorType).toBe(contributorType);
    }
  });
});

describe("the contributor's address", () => {
  it.each([
    // [profile, cents, address given?, accepted?, the law]
    ["us_federal", 5_000, false, true, "52 U.S.C. 30102(c)(2): up to $50 needs no address"],
    ["us_federal", 5_001, false, false, "52 U.S.C. 30102(c)(2), 11 CFR 102.9(a)(1): over $50 does"],
    ["us_federal", 5_001, true, true, "52 U.S.C. 30102(c)(2)"],
    ["new_mexico", 1_000, false, false, "NMSA 1978 § 1-19-31(A): every contributor's address"],
    ["new_mexico", 1_000, true, true, "NMSA 1978 § 1-19-31(A)"],
  ] as const)(
    "%s: a named check of %i cents, address given: %s, accepted: %s (%s)",
    async (profile, amountCents, withAddress, accepted, _law) => {
      updateSettings({ complianceProfile: profile });
      const staff = await createStaffUser({
        email: `addr-${crypto.randomUUID()}@example.org`,
        password: "correct horse battery",
        role: "staff",
      });
      const address = withAddress ? {} : { street: null, city: null, state: null, zip: null };
      const result = recordOfflineContribution(input({ amountCents, email: null, ...address }), staff.id);
      expect(result.ok).toBe(accepted);
      if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["city", "state", "street", "zip"]);
    },
  );
});

describe("attestations on staff entry", () => {
  it.each([
    // [profile, foreign-national attestation, contractor attestation, accepted?, the law]
    ["new_mexico", false, false, false, "52 U.S.C. 30121(a) applies to state and local elections too"],
    ["new_mexico", true, false, true, "no federal-contractor rule for a state committee"],
    ["us_federal", true, false, false, "52 U.S.C. 30119, 11 CFR 115.2"],
    ["us_federal", true, true, true, "52 U.S.C. 30119, 30121"],
  ] as const)(
    "%s: citizen confirmed %s, not a contractor confirmed %s, accepted %s (%s)",
    async (profile, notForeignNational, notContractor, accepted, _law) => {
      updateSettings({ complianceProfile: profile });
      const staff = await createStaffUser({
        email: `att-${crypto.randomUUID()}@example.org`,
        password: "correct horse battery",
        role: "staff",
      });
      const result = recordOfflineContribution(input({ notForeignNational, notContractor }), staff.id);
      expect(result.ok).toBe(accepted);
      if (!result.ok)
        expect(Object.keys(result.errors).some((k) => k === "notForeignNational" || k === "notContractor")).toBe(true);
    },
  );
});
