/**
 * Refunds of checks and cash: one refund entry in the ledger, dated the day the money went back,
 * refused when it is more than is left or dated before the gift or in the future.
 */
import { db } from "#db/client";
import { auditLog, moneyEntries } from "#db/schema";
import { createStaffUser } from "~/models/staff-users.server";
import { recordOfflineContribution as recordOfflineContributionOrRefuse } from "~/models/offline-contributions.server";
import { recordOfflineRefund as recordOfflineRefundOrRefuse } from "~/models/offline-refunds.server";
import { findDonation } from "~/models/donations.server";
import { receiptsInRange } from "~/models/donation-stats.server";
import { attempt } from "../support/attempt";
const recordOfflineContribution = (...args: Parameters<typeof recordOfflineContributionOrRefuse>) =>
  attempt(() => recordOfflineContributionOrRefuse(...args));
const recordOfflineRefund = (...args: Parameters<typeof recordOfflineRefundOrRefuse>) =>
  attempt(() => recordOfflineRefundOrRefuse(...args));

async function check(amountCents: number, receivedOn: string) {
  const staff = await createStaffUser({
    email: `t-${crypto.randomUUID()}@example.org`,
    password: "correct horse battery",
    role: "admin",
  });
  const result = recordOfflineContribution(
    {
      method: "check",
      amountCents,
      receivedOn,
      isAnonymous: false,
      firstName: "Dolores",
      lastName: "Huerta",
      email: "dolores@example.org",
      street: "1 Main",
      city: "Las Cruces",
      state: "NM",
      zip: "88001",
      employer: "UFW",
      occupation: "Organizer",
      checkNumber: "77",
      inKindDescription: null,
      refcode: null,
      notForeignNational: true,
    },
    staff.id,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { donationId: result.donationId, staffId: staff.id };
}

it("records a partial refund of a check in the period it happened, audited", async () => {
  const { donationId, staffId } = await check(50_000, "2026-02-10");
  expect(
    recordOfflineRefund(
      { donationId, amountCents: 20_000, refundedOn: "2026-04-15", reference: "PAC check 1042" },
      staffId,
    ),
  ).toEqual({ ok: true });
  expect(findDonation(donationId)).toMatchObject({ status: "partially_refunded", refundedCents: 20_000 });
  const [refund] = db()
    .select()
    .from(moneyEntries)
    .all()
    .filter((e) => e.kind === "refund");
  expect(refund).toMatchObject({ amountCents: -20_000, effectiveAt: "2026-04-15T06:00:00.000Z" });
  // February's figures stand; April shows the refund.
  expect(receiptsInRange("2026-02-01", "2026-02-28")).toMatchObject({ receivedCents: 50_000, refundsCents: 0 });
  expect(receiptsInRange("2026-04-01", "2026-04-30")).toMatchObject({ receivedCents: 0, refundsCents: 20_000 });
  expect(
    db()
      .select()
      .from(auditLog)
      .all()
      .map((a) => a.action),
  ).toContain("record_offline_refund");
});

it("refuses more than is left, a day before the gift or in the future, and card gifts; nothing is stored", async () => {
  const { donationId, staffId } = await check(10_000, "2026-02-10");
  expect(
    recordOfflineRefund({ donationId, amountCents: 10_001, refundedOn: "2026-03-01", reference: null }, staffId),
  ).toMatchObject({
    ok: false,
    errors: { amount: expect.stringContaining("$100") },
  });
  expect(
    recordOfflineRefund({ donationId, amountCents: 100, refundedOn: "2026-02-09", reference: null }, staffId),
  ).toMatchObject({
    ok: false,
    errors: { refundedOn: expect.stringContaining("2026-02-10") },
  });
  expect(
    recordOfflineRefund({ donationId, amountCents: 100, refundedOn: "2999-01-01", reference: null }, staffId),
  ).toMatchObject({ ok: false });
  expect(
    db()
      .select()
      .from(moneyEntries)
      .all()
      .filter((e) => e.kind === "refund"),
  ).toHaveLength(0);
  expect(findDonation(donationId)!.refundedCents).toBe(0);
});
