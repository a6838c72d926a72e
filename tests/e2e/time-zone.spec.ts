import { eq } from "drizzle-orm";
import { test, expect, e2eDb } from "./fixtures";

// 06:30 UTC on February 4, 2026 is 11:30 pm on February 3 in Denver (UTC-7) and 1:30 am on
// February 4 in New York (UTC-5): the day shown depends on the zone the PAC sets.
const INSTANT = "2026-02-04T06:30:00.000Z";
const ZONES = [
  { timeZone: "America/New_York", stamp: "Feb 4, 2026, 1:30 AM", day: "February 4, 2026" },
  { timeZone: "America/Denver", stamp: "Feb 3, 2026, 11:30 PM", day: "February 3, 2026" },
];

test("a staff page, a public page and an email show instants in the time zone set in settings", async ({
  adminPage,
  browser,
}) => {
  const { db } = await e2eDb();
  const { updates, emailOutbox } = await import("#db/schema");
  const { getSettings, updateSettings } = await import("~/models/settings.server");
  const { enqueueEmail } = await import("~/models/outbox.server");
  const { EMAILS } = await import("#emails/index");

  const slug = `time-zone-${Date.now()}`;
  db()
    .insert(updates)
    .values({
      slug,
      title: "Counselors hired",
      summary: "Late-night vote.",
      visibility: "public",
      publishedAt: INSTANT,
    })
    .run();
  const emailId = enqueueEmail(
    {
      template: "donation-receipt",
      to: "time-zone@example.org",
      props: { ...EMAILS["donation-receipt"].previewProps, receivedAt: INSTANT, recurring: false, manageUrl: null },
      idempotencyKey: `donation-receipt:${slug}`,
    },
    db(),
  )!;
  db().update(emailOutbox).set({ createdAt: INSTANT }).where(eq(emailOutbox.id, emailId)).run();

  const visitor = await browser.newPage();
  const before = getSettings(db()).timeZone;
  try {
    for (const zone of ZONES) {
      updateSettings({ timeZone: zone.timeZone }, db());

      await visitor.goto(`/updates/${slug}`);
      await expect(visitor.locator(`time[datetime="${INSTANT}"]`)).toHaveText(zone.stamp);

      await adminPage.goto(`/admin/outbox/${emailId}`);
      const created = adminPage.locator("dt", { hasText: /^Created$/ }).locator("xpath=following-sibling::dd[1]");
      await expect(created).toHaveText(zone.stamp);
      await expect(adminPage.locator(".email-text")).toContainText(`contribution of $50 on ${zone.day}.`);
    }
  } finally {
    updateSettings({ timeZone: before }, db());
    await visitor.close();
  }
});
