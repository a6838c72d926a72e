import { and, eq } from "drizzle-orm";
import { candidates, contacts, emailOutbox, referrals, volunteers } from "#db/schema";
import { test, expect, e2eDb } from "./fixtures";

const stamp = `${process.pid}-${Date.now()}`;
const volunteerEmail = `volunteer-${stamp}@example.org`;

async function database() {
  return (await e2eDb()).db();
}

async function volunteerCount() {
  return (await database()).select().from(volunteers).all().length;
}

test.describe.serial("volunteers and referrals", () => {
  test.describe("with JavaScript disabled", () => {
    test.use({ javaScriptEnabled: false });

    test("bad input gets clear messages next to the fields and stores nothing", async ({ page }) => {
      const before = await volunteerCount();
      await page.goto("/volunteer");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByLabel("First name")).toHaveAccessibleDescription("Enter your first name.");
      await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("Enter your email address.");

      await page.getByLabel("First name").fill("Ana");
      await page.getByLabel("Email", { exact: true }).fill("x@");
      await page.getByLabel("ZIP code or area").fill("88001");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription(
        /Enter a valid email address/,
      );
      await expect(page.getByLabel("First name")).toHaveValue("Ana");

      await page.getByLabel("First name").fill("A".repeat(10_000));
      await page.getByLabel("Email", { exact: true }).fill(volunteerEmail);
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByLabel("First name")).toHaveAccessibleDescription(
        "Use at most 100 characters for your first name.",
      );

      await page.getByLabel("First name").fill("<script>alert(1)</script>");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByLabel("First name")).toHaveAccessibleDescription("Your first name can't contain < or >.");

      expect(await volunteerCount()).toBe(before);
      const db = await database();
      expect(db.select().from(contacts).where(eq(contacts.emailNormalized, volunteerEmail)).get()).toBeUndefined();
    });

    test("a volunteer signs up, and the welcome and the staff notice are in the outbox", async ({ page }) => {
      await page.goto("/volunteer");
      await page.getByLabel("First name").fill("Valeria");
      await page.getByLabel("Last name").fill("Montoya");
      await page.getByLabel("Email", { exact: true }).fill(volunteerEmail);
      await page.getByLabel("Phone (optional)").fill("575-555-0142");
      await page.getByLabel("ZIP code or area").fill("88005");
      await page.getByLabel("Knocking on doors").check();
      await page.getByLabel("Translation (Spanish and other languages)").check();
      await page.getByLabel("When are you available? (optional)").fill("Saturday mornings");
      await page.getByLabel("Email me about volunteer opportunities.").check();
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page).toHaveURL(/\/volunteer\/thanks$/);
      await expect(page.getByRole("heading", { name: "Thank you for signing up!" })).toBeVisible();

      const db = await database();
      const contact = db.select().from(contacts).where(eq(contacts.emailNormalized, volunteerEmail)).get()!;
      expect(contact).toMatchObject({ firstName: "Valeria", lastName: "Montoya", phoneDigits: "5755550142" });
      const volunteer = db.select().from(volunteers).where(eq(volunteers.contactId, contact.id)).get()!;
      expect(JSON.parse(volunteer.interests)).toEqual(["canvassing", "translation"]);
      expect(volunteer.status).toBe("new");
      const welcome = db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.idempotencyKey, `volunteer-welcome:${volunteer.id}`))
        .get()!;
      expect(welcome).toMatchObject({ template: "volunteer-welcome", toEmail: volunteerEmail, contactId: contact.id });
      const notice = db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.idempotencyKey, `volunteer-staff-notice:${volunteer.id}`))
        .get()!;
      expect(notice.template).toBe("volunteer-staff-notice");
      expect(JSON.parse(notice.propsJson)).toMatchObject({
        volunteerName: "Valeria Montoya",
        email: volunteerEmail,
        area: "88005",
      });
    });

    test("a supporter suggests a candidate", async ({ page }) => {
      await page.goto("/refer");
      await page.getByLabel("Your first name").fill("Rosa");
      await page.getByLabel("Your email").fill(`referrer-${stamp}@example.org`);
      await page.getByLabel("Their name").fill(`Luis Ortega ${stamp}`);
      await page.getByLabel("Office or board").fill("LCPS Board of Education, District 2");
      await page
        .getByLabel("Why would they be a good elected leader?")
        .fill("He organised the parents' council for five years.");
      await page.getByRole("button", { name: "Send suggestion" }).click();
      await expect(page.getByRole("heading", { name: "Thank you for your suggestion!" })).toBeVisible();
      const db = await database();
      const referral = db
        .select()
        .from(referrals)
        .where(eq(referrals.suggestedName, `Luis Ortega ${stamp}`))
        .get()!;
      const templates = db
        .select({ template: emailOutbox.template })
        .from(emailOutbox)
        .all()
        .map((m) => m.template);
      expect(templates).toEqual(expect.arrayContaining(["referral-thank-you", "referral-staff-notice"]));
      expect(
        db
          .select()
          .from(emailOutbox)
          .where(eq(emailOutbox.idempotencyKey, `referral-staff-notice:${referral.id}`))
          .get(),
      ).toBeTruthy();
      expect(
        db
          .select()
          .from(emailOutbox)
          .where(eq(emailOutbox.idempotencyKey, `referral-thank-you:${referral.id}`))
          .get(),
      ).toBeTruthy();
    });
  });

  test("staff move the new volunteer to active", async ({ staffPage: page }) => {
    await page.goto("/admin/volunteers?status=new");
    await page.getByRole("checkbox", { name: "Select Valeria Montoya" }).check();
    await page.getByLabel("Move ticked volunteers to").selectOption("active");
    await page.getByRole("button", { name: "Change status" }).click();
    await page.goto("/admin/volunteers?status=active&interest=translation");
    const row = page.getByRole("row").filter({ hasText: volunteerEmail });
    await expect(row.getByText("Active")).toBeVisible();
    const db = await database();
    const contact = db.select().from(contacts).where(eq(contacts.emailNormalized, volunteerEmail)).get()!;
    expect(
      db
        .select()
        .from(volunteers)
        .where(and(eq(volunteers.contactId, contact.id), eq(volunteers.status, "active")))
        .get(),
    ).toBeTruthy();
  });

  test("a referral becomes a candidate in one action", async ({ staffPage: page }) => {
    await page.goto("/admin/referrals");
    await page.getByRole("link", { name: `Luis Ortega ${stamp}` }).click();
    await page.getByRole("button", { name: "Create candidate" }).click();
    await expect(page.getByText("Linked to candidate")).toBeVisible();
    const db = await database();
    const referral = db
      .select()
      .from(referrals)
      .where(eq(referrals.suggestedName, `Luis Ortega ${stamp}`))
      .get()!;
    expect(referral.candidateId).not.toBeNull();
    const candidate = db.select().from(candidates).where(eq(candidates.id, referral.candidateId!)).get()!;
    expect(candidate.displayName).toBe(`Luis Ortega ${stamp}`);
    expect(candidate.slug).toMatch(/^luis-ortega-/);
    // The candidate's contact page links back to the referral.
    await page.getByRole("link", { name: "contact record" }).click();
    await expect(page.getByRole("link", { name: `referral #${referral.id}` })).toBeVisible();
  });
});
