/**
 * Staff resolve a likely donor match with plain form posts: a second check from "the same" name
 * at a slightly different address waits in the queue, counts toward the known donor's limit
 * meanwhile, and "Same person" moves it onto the known donor (52 U.S.C. 30116(a)(1)(C),
 * 11 CFR 110.1(b)(6); NMSA 1978 § 1-19-34.7(A)).
 */
import { test, expect, e2eDb, createStaff } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("staff decide that a queued gift is the known donor's, without JavaScript", async ({ staffPage: page }) => {
  const lastName = `Ruiz ${Date.now().toString(36)}`;
  await e2eDb();
  const { user } = await createStaff("staff");
  const { recordOfflineContribution } = await import("~/models/offline-contributions.server");
  const { dayInZone } = await import("~/lib/time-zone");
  const { getSettings } = await import("~/models/settings.server");
  const gift = (street: string, amountCents: number, checkNumber: string) => {
    const result = recordOfflineContribution(
      {
        method: "check",
        amountCents,
        receivedOn: dayInZone(new Date(), getSettings().timeZone),
        isAnonymous: false,
        firstName: "Elena",
        lastName,
        email: null,
        street,
        city: "Las Cruces",
        state: "NM",
        zip: "88001",
        employer: "Las Cruces Public Schools",
        occupation: "Teacher",
        checkNumber,
        inKindDescription: null,
        refcode: null,
        notForeignNational: true,
        notContractor: true,
      },
      user.id,
    );
    return result.donationId;
  };
  const known = gift("40 Mesa Street", 300_000, "501");
  const queued = gift("40 Mesa St Apt 2", 10_000, "502");

  await page.goto("/admin/donations");
  await page.getByRole("link", { name: /Donor matches to review \(\d+\)/ }).click();
  await expect(page.getByRole("heading", { name: "Donor matches to review" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(lastName) });
  await expect(row).toContainText("the address differs only slightly");
  await row.getByRole("link").click();

  await expect(page.getByRole("heading", { name: "Is this the same donor?" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Address/ })).toContainText("40 Mesa St Apt 2");
  await expect(page.getByRole("row", { name: /Address/ })).toContainText("40 Mesa Street");
  await page.getByRole("button", { name: "Same person" }).click();

  await expect(page.getByRole("heading", { name: "Donor matches to review" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(lastName) })).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: lastName })).toContainText("same person as");

  // The gift now belongs to the known donor, and the decision is in the audit log.
  const { findDonation } = await import("~/models/donations.server");
  expect(findDonation(queued)!.contactId).toBe(findDonation(known)!.contactId);
  const { db } = await import("#db/client");
  const { auditLog } = await import("#db/schema");
  const { and, eq } = await import("drizzle-orm");
  const decisions = db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "donor_match_review"), eq(auditLog.action, "same_person")))
    .all();
  expect(decisions.some((d) => JSON.parse(d.afterJson ?? "{}").moved)).toBe(true);
  // The gift's page says so, and links to the known donor.
  await page.goto(`/admin/donations/${queued}`);
  await expect(page.getByRole("link", { name: "match confirmed by staff" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Contact #/ })).toHaveAttribute(
    "href",
    `/admin/contacts/${findDonation(known)!.contactId}`,
  );
});
