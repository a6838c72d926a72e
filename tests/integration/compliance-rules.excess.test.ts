/**
 * Excessive contributions and monthly plans at the limit, one case per rule, each run against
 * every profile it applies to ("us_federal" and "new_mexico"). Money moves through the Stripe fake
 * and the real webhook route; staff actions through the models the queue page calls.
 */
import { and, eq } from "drizzle-orm";
import { db, sqlite } from "#db/client";
import {
  attributionEntries,
  auditLog,
  donations,
  emailOutbox,
  excessiveContributions,
  moneyEntries,
  recurringPlans,
} from "#db/schema";
import type { ComplianceProfileKey } from "~/lib/compliance-profiles";
import { dayInZone } from "~/lib/time-zone";
import { aggregateCents, complianceProfile } from "~/models/compliance.server";
import { mergeContacts } from "~/models/contact-merge.server";
import { upsertContact } from "~/models/contacts.server";
import { startCheckout } from "~/models/donation-checkout.server";
import { addDays } from "~/models/excess-detection.server";
import {
  excessQueue,
  reattributeExcess as reattributeOrRefuse,
  refundExcessByCheck as refundByCheckOrRefuse,
  refundExcessByStripe as refundByStripeOrRefuse,
} from "~/models/excessive-contributions.server";
import { amendmentFor, fileReport, getFiledReport } from "~/models/filed-reports.server";
import { recordOfflineContribution, type OfflineContributionInput } from "~/models/offline-contributions.server";
import { recordOfflineRefund as recordOfflineRefundOrRefuse } from "~/models/offline-refunds.server";
import { pausePlansPassingLimit } from "~/models/plan-limit-pause.server";
import { getSettings, updateSettings } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import type { FakeStripe } from "../fakes/stripe-server";
import { donor, setAutoDeliver, startStripeHarness } from "../support/stripe-harness";
import { attempt, attemptAsync } from "../support/attempt";
import { offlineCheck } from "../factories";

// The models refuse by throwing a RuleViolation; these read each outcome as a value.
const reattributeExcess = (...args: Parameters<typeof reattributeOrRefuse>) =>
  attempt(() => reattributeOrRefuse(...args));
const refundExcessByCheck = (...args: Parameters<typeof refundByCheckOrRefuse>) =>
  attempt(() => refundByCheckOrRefuse(...args));
const refundExcessByStripe = (...args: Parameters<typeof refundByStripeOrRefuse>) =>
  attemptAsync(() => refundByStripeOrRefuse(...args));
const recordOfflineRefund = (...args: Parameters<typeof recordOfflineRefundOrRefuse>) =>
  attempt(() => recordOfflineRefundOrRefuse(...args));

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startStripeHarness({ autoDeliver: true });
});
beforeEach(() => {
  setAutoDeliver(true);
  // Months pass on the clock the app, Stripe's events and their signatures all read (the webhook
  // refuses events dated in the future); each case starts today.
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(STARTED);
});
afterEach(() => {
  vi.useRealTimers();
});
const STARTED = Date.now();
const passDays = (days: number) => vi.setSystemTime(Date.now() + days * DAY * 1000);
afterAll(() => fake.close());

const PROFILES: ComplianceProfileKey[] = ["us_federal", "new_mexico"];
const DAY = 86_400;

// The same person online and by check: one name and address (donor identity, 11 CFR 110.1(d)).
const cardDonor = (over: Partial<Record<string, unknown>> = {}) =>
  donor({ firstName: "Dolores", lastName: "Huerta", email: "dolores@example.org", ...over });

const check = (over: Partial<OfflineContributionInput> = {}): OfflineContributionInput => offlineCheck(over);

function record(input: OfflineContributionInput, staffId: number): number {
  return recordOfflineContribution(input, staffId).donationId;
}

const excesses = () => db().select().from(excessiveContributions).all();
const limitOf = () => complianceProfile().limitCents;
const treasurer = () =>
  createStaffUser({
    email: `treasurer-${crypto.randomUUID()}@example.org`,
    password: "correct horse battery",
    role: "admin",
  });

/** A card gift paid at the fake, its events delivered to the webhook route. */
async function cardGift(amountCents: number, email = "dolores@example.org") {
  const result = await startCheckout(
    cardDonor({
      amountCents,
      email,
      firstName: "Dolores",
      lastName: "Huerta",
      employer: "UFW",
      occupation: "Organizer",
      notContractor: true,
    }) as never,
  );
  return { donationId: result.donationId, pay: () => fake.pay(result.url.split("/").pop()!) };
}

describe.each(PROFILES.map((profile) => ({ profile })))("$profile", ({ profile }) => {
  beforeEach(() => {
    updateSettings({ complianceProfile: profile });
  });

  // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d) ($5,000 a calendar year); NMSA 1978 § 1-19-34.7(A)(1)
  // ($5,500 a cycle since 2023): a $500 monthly plan is paused before the charge that would pass
  // the limit (Stripe pause_collection, invoices voided, resuming with the next period), and staff
  // are told by email and on the queue page.
  it("the $500/month plan reaching the limit is paused before the charge that would pass it, and staff are told", async () => {
    const start = await startCheckout(
      cardDonor({
        amountCents: 50_000,
        monthly: true,
        employer: "NMSU",
        occupation: "Nurse",
        notContractor: true,
      }) as never,
    );
    await fake.pay(start.url.split("/").pop()!);
    const plan = db().select().from(recurringPlans).get()!;
    expect(plan.status).toBe("active");
    const sub = plan.stripeSubscriptionId!;

    // Month after month into the next period, until Stripe stops taking the charges.
    const charged: string[] = [];
    for (let month = 0; month < 24; month++) {
      passDays(31);
      const { charge } = await fake.cycle(sub);
      if (!charge) break;
      charged.push(String(charge.id));
    }
    const paused = db().select().from(recurringPlans).where(eq(recurringPlans.id, plan.id)).get()!;
    expect(paused.limitPausedAt).not.toBeNull();
    expect(fake.subscriptions.get(sub)!.pause_collection).toMatchObject({ behavior: "void" });
    // The plan stays active at Stripe: collection is paused, not the subscription.
    expect(fake.subscriptions.get(sub)!.status).toBe("active");

    // Every period's received total stays within the limit: no charge passed it, none is excessive.
    const { timeZone } = getSettings();
    const periods = new Set(
      db()
        .select()
        .from(donations)
        .all()
        .map((d) => d.aggregationPeriod!),
    );
    for (const period of periods) expect(aggregateCents(plan.contactId, period)).toBeLessThanOrEqual(limitOf());
    expect(excesses()).toEqual([]);
    // The period that reached the limit holds exactly the charges that fit.
    const full = [...periods].find((p) => aggregateCents(plan.contactId, p) + 50_000 > limitOf())!;
    expect(aggregateCents(plan.contactId, full)).toBe(Math.floor(limitOf() / 50_000) * 50_000);
    // Collection resumes on the first day of the next period.
    expect(paused.limitResumesOn! > dayInZone(new Date(fake.now() * 1000), timeZone)).toBe(true);

    const notice = db().select().from(emailOutbox).where(eq(emailOutbox.template, "plan-limit-paused")).all();
    expect(notice).toHaveLength(1);
    expect(notice[0].toEmail).toBe(getSettings().staffNotifyEmail);
    expect(excessQueue()).toMatchObject({ open: [] });
    const { plansPausedAtLimit } = await import("~/models/plan-limit-pause.server");
    expect(plansPausedAtLimit()).toEqual([expect.objectContaining({ id: plan.id, amountCents: 50_000 })]);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "limit_pause")).all()).toHaveLength(1);

    // The next cycle while paused: Stripe voids the invoice and charges nothing.
    passDays(31);
    const voided = await fake.cycle(sub);
    expect(voided.charge).toBeNull();
    // The daily check finds nothing more to pause.
    expect(await pausePlansPassingLimit()).toBe(0);
  });

  // 11 CFR 103.3(b)(3): a charge Stripe took anyway (collection resumed by hand) is an excessive
  // contribution on receipt, with the deadline to cure it; the plan is paused again.
  it("a monthly charge that already happened past the limit becomes an excessive contribution in the queue", async () => {
    const staff = await treasurer();
    const start = await startCheckout(
      cardDonor({
        amountCents: 50_000,
        monthly: true,
        email: "dolores@example.org",
        employer: "UFW",
        occupation: "Organizer",
        notContractor: true,
      }) as never,
    );
    await fake.pay(start.url.split("/").pop()!);
    const plan = db().select().from(recurringPlans).get()!;
    // A month on, the plan's first charge of the next period; a check fills the rest of that
    // period's room, so the charge after would pass the limit.
    passDays(31);
    expect((await fake.cycle(plan.stripeSubscriptionId!)).charge).not.toBeNull();
    const today = dayInZone(new Date(), getSettings().timeZone);
    record(check({ amountCents: limitOf() - 50_000, receivedOn: today, acceptExcess: true }), staff.id);
    expect(excesses()).toEqual([]);
    expect(await pausePlansPassingLimit()).toBe(1);
    // Someone lifts the pause at Stripe; the next charge is taken.
    const { stripe } = await import("~/lib/stripe.server");
    await stripe().subscriptions.update(plan.stripeSubscriptionId!, { pause_collection: "" });
    expect(db().select().from(recurringPlans).get()!.limitPausedAt).toBeNull();
    passDays(31);
    const { charge } = await fake.cycle(plan.stripeSubscriptionId!);
    expect(charge).not.toBeNull();

    const [excess] = excesses();
    expect(excess).toMatchObject({ excessCents: 50_000, limitCents: limitOf(), contactId: plan.contactId });
    const receivedDay = dayInZone(excess.receivedAt, getSettings().timeZone);
    expect(excess.deadlineDay).toBe(addDays(receivedDay, 60));
    expect(excessQueue().open).toEqual([expect.objectContaining({ id: excess.id, excessCents: 50_000 })]);
    // Paused again before the one after.
    expect(db().select().from(recurringPlans).get()!.limitPausedAt).not.toBeNull();
  });

  // 11 CFR 103.3(b)(3) (60 days from receipt); New Mexico: no deadline in NMSA 1978 § 1-19-34.7 or
  // 1.10.13 NMAC, so the PAC's own 60 days, labelled as policy. Only the part over the limit is
  // excessive, never more than the gift.
  it("an excess is detected on a deposited check with its deadline, overdue once the deadline passes", async () => {
    const staff = await treasurer();
    record(check({ amountCents: limitOf() - 100_000, receivedOn: "2026-09-01" }), staff.id);
    // Over the limit: refused unless staff deposit it to cure the excess.
    const refused = attempt(() =>
      recordOfflineContribution(check({ amountCents: 300_000, receivedOn: "2026-09-10" }), staff.id),
    );
    expect(refused).toMatchObject({ ok: false, errors: { amount: expect.stringMatching(/would pass the limit/) } });
    const id = record(check({ amountCents: 300_000, receivedOn: "2026-09-10", acceptExcess: true }), staff.id);

    const [excess] = excesses();
    expect(excess).toMatchObject({ donationId: id, excessCents: 200_000, deadlineDay: "2026-11-09" });
    expect(excess.deadlineSource).toBe(complianceProfile().excessRemedyDays.source);
    expect(complianceProfile().excessRemedyDays.pacPolicy).toBe(profile === "new_mexico");
    // Today (after November 9, 2026) it is overdue.
    const [item] = excessQueue().open;
    expect(item.daysLeft).toBeLessThan(0);
    // A second gift after it: all of it is excessive, no more.
    const again = record(check({ amountCents: 5_000, receivedOn: "2026-09-12", acceptExcess: true }), staff.id);
    expect(excesses().find((e) => e.donationId === again)!.excessCents).toBe(5_000);
  });

  // 11 CFR 103.3(b)(3); NMSA 1978 § 1-19-34.7(A): the excess on a card gift is refunded to the card
  // (a partial refund through Stripe), once however often it is clicked, and the books agree
  // before and after the refund's webhooks.
  it("refunding the excess by Stripe: one partial refund, in the ledger, the excess resolved with who and when", async () => {
    const staff = await treasurer();
    // The donor pays online while their check arrives: the check fits, the card gift passes the limit.
    const card = await cardGift(300_000);
    record(
      check({
        amountCents: limitOf() - 200_000,
        receivedOn: dayInZone(new Date(), getSettings().timeZone),
        acceptExcess: true,
      }),
      staff.id,
    );
    expect(excesses()).toEqual([]);
    await card.pay();
    const [excess] = excesses();
    expect(excess).toMatchObject({ donationId: card.donationId, excessCents: 100_000 });

    setAutoDeliver(false);
    const refundsBefore = fake.refunds.size;
    const eventsBefore = fake.events.length;
    const [a, b] = await Promise.all([
      refundExcessByStripe(excess.id, staff.id),
      refundExcessByStripe(excess.id, staff.id),
    ]);
    expect([a, b]).toContainEqual({ ok: true });
    expect(fake.refunds.size).toBe(refundsBefore + 1);
    const refunds = () =>
      db()
        .select()
        .from(moneyEntries)
        .where(and(eq(moneyEntries.donationId, card.donationId), eq(moneyEntries.kind, "refund")))
        .all();
    expect(refunds()).toEqual([expect.objectContaining({ amountCents: -100_000 })]);
    // Stripe's webhooks for the refund add nothing.
    const { deliverWebhook } = await import("../support/stripe-harness");
    await fake.settle();
    const refundEvents = fake.events
      .slice(eventsBefore)
      .filter((e) => e.event.type.startsWith("charge.refund") || e.event.type.startsWith("refund"));
    expect(refundEvents.length).toBeGreaterThan(0);
    for (const e of refundEvents) expect((await deliverWebhook(e.payload, e.signature)).status).toBe(200);
    expect(refunds()).toHaveLength(1);
    expect(db().select().from(donations).where(eq(donations.id, card.donationId)).get()!.status).toBe(
      "partially_refunded",
    );
    expect(excessQueue().resolved).toEqual([
      expect.objectContaining({ id: excess.id, resolved: expect.objectContaining({ remedy: "stripe_refund" }) }),
    ]);
    expect(excessQueue().resolved[0].resolved!.by).toMatch(/treasurer-/);
    // A third click is told, and Stripe is not asked again.
    expect(await refundExcessByStripe(excess.id, staff.id)).toMatchObject({ ok: false });
    expect(fake.refunds.size).toBe(refundsBefore + 1);
  });

  // 11 CFR 103.3(b)(3); NMSA 1978 § 1-19-34.7(A): a check's excess is returned by a PAC check,
  // recorded as an offline refund entry dated the day it went out.
  it("refunding the excess by check records an offline refund and resolves the excess", async () => {
    const staff = await treasurer();
    const id = record(
      check({ amountCents: limitOf() + 50_000, receivedOn: "2026-11-02", acceptExcess: true }),
      staff.id,
    );
    const [excess] = excesses();
    expect(
      refundExcessByCheck(excess.id, { refundedOn: "2026-10-01", reference: "PAC check 12" }, staff.id),
    ).toMatchObject({
      ok: false,
      errors: { refundedOn: expect.any(String) },
    });
    expect(refundExcessByCheck(excess.id, { refundedOn: "2026-11-20", reference: "PAC check 12" }, staff.id)).toEqual({
      ok: true,
    });
    expect(
      refundExcessByCheck(excess.id, { refundedOn: "2026-11-20", reference: "PAC check 12" }, staff.id),
    ).toMatchObject({ ok: false });
    const refunds = db().select().from(moneyEntries).where(eq(moneyEntries.kind, "refund")).all();
    expect(refunds).toEqual([expect.objectContaining({ donationId: id, amountCents: -50_000 })]);
    expect(aggregateCents(excess.contactId, excess.periodKey)).toBe(limitOf());
    expect(excessQueue().resolved[0]).toMatchObject({
      resolved: { remedy: "check_refund", note: expect.stringMatching(/PAC check 12/) },
    });
  });

  // 11 CFR 110.1(k)(3): reattribution to another contributor (a spouse) on a statement signed by
  // both, federal only; New Mexico's Act has no reattribution, so the profile does not offer it.
  it("reattributing the excess to a spouse needs the signed statement and the spouse's room (federal only)", async () => {
    const staff = await treasurer();
    record(check({ amountCents: limitOf() + 100_000, receivedOn: "2026-11-02", acceptExcess: true }), staff.id);
    const [excess] = excesses();
    const spouse = {
      firstName: "Richard",
      lastName: "Chavez",
      email: null,
      street: "1 Main",
      city: "Las Cruces",
      state: "NM",
      zip: "88001",
      signedStatementOnFile: false,
    };
    if (!complianceProfile().excessRemedies.some((r) => r.kind === "reattribution")) {
      expect(reattributeExcess(excess.id, { ...spouse, signedStatementOnFile: true }, staff.id)).toMatchObject({
        ok: false,
        errors: { "": expect.stringMatching(/do not allow/) },
      });
      return;
    }
    expect(reattributeExcess(excess.id, spouse, staff.id)).toMatchObject({
      ok: false,
      errors: { signedStatementOnFile: expect.stringMatching(/110\.1\(k\)\(3\)/) },
    });
    expect(db().select().from(attributionEntries).all()).toEqual([]);
    expect(reattributeExcess(excess.id, { ...spouse, signedStatementOnFile: true }, staff.id)).toEqual({ ok: true });
    const moved = db().select().from(attributionEntries).all();
    expect(moved.map((m) => m.amountCents).sort((x, y) => x - y)).toEqual([-100_000, 100_000]);
    const spouseId = moved.find((m) => m.amountCents > 0)!.contactId;
    expect(aggregateCents(excess.contactId, excess.periodKey)).toBe(limitOf());
    expect(aggregateCents(spouseId, excess.periodKey)).toBe(100_000);
    // No money moved.
    expect(db().select().from(moneyEntries).where(eq(moneyEntries.kind, "refund")).all()).toEqual([]);
    // The moves are append-only, but follow the person when two contacts are merged.
    expect(() => sqlite().prepare("update attribution_entries set amount_cents = 1").run()).toThrow(/append-only/);
    expect(() => sqlite().prepare("delete from attribution_entries").run()).toThrow(/append-only/);
    const twin = upsertContact({ firstName: "Richard", lastName: "Chavez", email: "richard@example.org" });
    mergeContacts(twin.id, spouseId, staff.id);
    expect(aggregateCents(twin.id, excess.periodKey)).toBe(100_000);
    expect(excessQueue().resolved[0].resolved).toMatchObject({
      remedy: "reattribution",
      note: expect.stringMatching(/signed statement on file/),
    });
  });

  // 11 CFR 103.3(b)(3): a committee cures an excess by refund, or by reattribution (11 CFR
  // 110.1(k)(3)); redesignation to another election (11 CFR 110.1(b)(5)) is for contributions to a
  // candidate's authorized committee, not to a PAC whose limit runs per calendar year (11 CFR
  // 110.1(d)). New Mexico's Act provides only the return of the excess (NMSA 1978 § 1-19-34.7(A)).
  it("offers exactly the remedies the law gives this kind of committee", () => {
    expect(complianceProfile().excessRemedies).toEqual(
      profile === "us_federal"
        ? [
            { kind: "stripe_refund", rule: "11 CFR 103.3(b)(3)" },
            { kind: "check_refund", rule: "11 CFR 103.3(b)(3)" },
            { kind: "reattribution", rule: "11 CFR 110.1(k)(3)" },
          ]
        : [
            { kind: "stripe_refund", rule: "NMSA 1978 § 1-19-34.7(A)" },
            { kind: "check_refund", rule: "NMSA 1978 § 1-19-34.7(A)" },
          ],
    );
  });

  // 11 CFR 104.3(b)(4)(v) and NMSA 1978 § 1-19-31: a refund dated inside a filed period is an
  // amendment; the filed rows stay as filed.
  it("a refund after a report was filed appears as an amendment, the filed rows unchanged", async () => {
    const staff = await treasurer();
    const id = record(
      check({ amountCents: limitOf() + 40_000, receivedOn: "2026-10-05", acceptExcess: true }),
      staff.id,
    );
    const filed = fileReport({ from: "2026-10-01", to: "2026-10-31" }, staff.id);
    const filedJson = getFiledReport(filed.id)!.snapshotJson;
    const [excess] = excesses();
    // The excess went back on October 20 but is recorded after filing.
    expect(refundExcessByCheck(excess.id, { refundedOn: "2026-10-20", reference: "PAC check 77" }, staff.id)).toEqual({
      ok: true,
    });
    const amendment = amendmentFor(getFiledReport(filed.id)!)!;
    expect(amendment.totals).toEqual(expect.arrayContaining([{ label: "Refunded", filedCents: 0, nowCents: 40_000 }]));
    expect(getFiledReport(filed.id)!.snapshotJson).toBe(filedJson);
    // A later late refund of the rest of the gift, dated inside the period, is in the amendment too.
    expect(
      recordOfflineRefund({ donationId: id, amountCents: 10_000, refundedOn: "2026-10-25", reference: null }, staff.id),
    ).toEqual({ ok: true });
    expect(amendmentFor(getFiledReport(filed.id)!)!.totals).toEqual(
      expect.arrayContaining([{ label: "Refunded", filedCents: 0, nowCents: 50_000 }]),
    );
    expect(getFiledReport(filed.id)!.snapshotJson).toBe(filedJson);
  });
});
