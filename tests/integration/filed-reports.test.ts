/**
 * Filed reports are frozen: a later refund is reported in its own period and changes nothing
 * filed; a check entered late, or a refund dated inside the filed period, makes an amendment that
 * is filed as a new report; the database refuses to edit a filed one.
 */
import { db, sqlite } from "#db/client";
import { auditLog, filedReports } from "#db/schema";
import { createStaffUser } from "~/models/staff-users.server";
import {
  recordOfflineContribution as recordOfflineContributionOrRefuse,
  type OfflineContributionInput,
} from "~/models/offline-contributions.server";
import { recordOfflineRefund as recordOfflineRefundOrRefuse } from "~/models/offline-refunds.server";
import { amendmentFor, fileReport, getFiledReport } from "~/models/filed-reports.server";
import { updateSettings } from "~/models/settings.server";
import { attempt } from "../support/attempt";
import { offlineCheck } from "../factories";
const recordOfflineContribution = (...args: Parameters<typeof recordOfflineContributionOrRefuse>) =>
  attempt(() => recordOfflineContributionOrRefuse(...args));
const recordOfflineRefund = (...args: Parameters<typeof recordOfflineRefundOrRefuse>) =>
  attempt(() => recordOfflineRefundOrRefuse(...args));

const check = (over: Partial<OfflineContributionInput> = {}): OfflineContributionInput =>
  offlineCheck({ receivedOn: "2026-02-10", street: "1 Main", ...over });

it("a refund after the period changes nothing filed; one dated inside it, or a check entered late, makes an amendment (11 CFR 104.3(b)(4)(v))", async () => {
  updateSettings({ complianceProfile: "us_federal" });
  const admin = await createStaffUser({
    email: "treasurer@example.org",
    password: "correct horse battery",
    role: "admin",
  });
  const gift = recordOfflineContribution(check({}), admin.id);
  if (!gift.ok) throw new Error(JSON.stringify(gift.errors));
  const q1 = fileReport({ from: "2026-01-01", to: "2026-03-31" }, admin.id);
  expect(amendmentFor(q1)).toBeNull();

  // Refunded in May: reported in May, the filed first quarter stands.
  expect(
    recordOfflineRefund(
      { donationId: gift.donationId, amountCents: 10_000, refundedOn: "2026-05-04", reference: null },
      admin.id,
    ),
  ).toEqual({ ok: true });
  expect(amendmentFor(getFiledReport(q1.id)!)).toBeNull();

  // A check received in March, entered after filing, and a refund dated in March.
  const late = recordOfflineContribution(
    check({ firstName: "Cesar", lastName: "Chavez", email: "cesar@example.org", receivedOn: "2026-03-20" }),
    admin.id,
  );
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(
    recordOfflineRefund(
      { donationId: gift.donationId, amountCents: 5_000, refundedOn: "2026-03-25", reference: null },
      admin.id,
    ),
  ).toEqual({ ok: true });
  const amendment = amendmentFor(getFiledReport(q1.id)!)!;
  expect(amendment.changes).toEqual([
    // The refund dated in March lowers the aggregate the filed row showed.
    expect.objectContaining({
      donationId: gift.donationId,
      kind: "changed",
      fields: [{ field: "aggregateCents", filed: 30_000, now: 25_000 }],
    }),
    expect.objectContaining({ donationId: late.donationId, kind: "added" }),
  ]);
  expect(amendment.totals).toEqual([
    { label: "Received", filedCents: 30_000, nowCents: 60_000 },
    { label: "Refunded", filedCents: 0, nowCents: 5_000 },
  ]);

  const filed = fileReport({ amends: q1.id }, admin.id);
  expect(filed).toMatchObject({ fromDay: "2026-01-01", toDay: "2026-03-31", amendsReportId: q1.id });
  expect(amendmentFor(filed)).toBeNull();
  // The first filing still says what it said.
  expect(JSON.parse(getFiledReport(q1.id)!.snapshotJson).rows).toHaveLength(1);
  expect(
    db()
      .select()
      .from(auditLog)
      .all()
      .map((a) => a.action),
  ).toEqual(expect.arrayContaining(["file", "file_amendment"]));
  expect(() => sqlite().prepare("update filed_reports set snapshot_json = '{}'").run()).toThrow(/frozen/);
  expect(() => db().delete(filedReports).run()).toThrow(/frozen/);
});
