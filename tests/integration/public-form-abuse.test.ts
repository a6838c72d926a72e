/**
 * What a stranger can do through the public forms with someone else's email address: not
 * overwrite that person's details, not flood their inbox, not reuse an old confirmation link to
 * re-subscribe them after they left.
 */
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { contacts, emailOutbox, subscriptions, tips, volunteers, referrals } from "#db/schema";
import { signUpVolunteer } from "~/models/volunteers.server";
import { submitTip } from "~/models/tips.server";
import { submitReferral } from "~/models/referrals.server";
import { confirmSubscription, requestSubscription, unsubscribe } from "~/models/subscriptions.server";
import { detailsDiffering } from "~/models/contacts.server";
import { CONFIRM_LINK_TTL_MS, signEmailToken, verifyEmailToken } from "~/lib/email-tokens.server";
import { PUBLIC_MAIL_CAP } from "~/models/public-form-mail.server";
import { makeContact } from "../factories";

const victimMail = (address: string) =>
  db()
    .select()
    .from(emailOutbox)
    .all()
    .filter((e) => e.toEmail.toLowerCase() === address.toLowerCase());

describe("strangers and existing contacts", () => {
  it("a sign-up with an existing person's email fills empty fields only and keeps what was typed on the submission", () => {
    const maria = makeContact(db(), {
      firstName: "Maria",
      lastName: "Flores",
      email: "maria@example.org",
      phone: "575-555-0100",
    });
    const { volunteer } = signUpVolunteer({
      firstName: "Mallory",
      lastName: "Intruder",
      email: "MARIA@example.org",
      phone: "505-555-9999",
      area: "88001",
      interests: [],
      consentEmail: false,
    });
    const after = db().select().from(contacts).where(eq(contacts.id, maria.id)).get()!;
    expect(after).toMatchObject({ firstName: "Maria", lastName: "Flores", phone: "575-555-0100" });
    // An empty field is filled (the ZIP was unknown).
    expect(after.zip).toBe("88001");
    const row = db().select().from(volunteers).where(eq(volunteers.id, volunteer.id)).get()!;
    expect(JSON.parse(row.submittedContact!)).toMatchObject({
      firstName: "Mallory",
      lastName: "Intruder",
      phone: "505-555-9999",
    });
    expect(detailsDiffering(after, row.submittedContact)).toEqual({
      firstName: "Mallory",
      lastName: "Intruder",
      phone: "505-555-9999",
    });
  });

  it("tips, referrals and subscriptions leave an existing contact's name alone too", () => {
    const maria = makeContact(db(), { firstName: "Maria", lastName: "Flores", email: "maria@example.org" });
    submitTip({ firstName: "X", lastName: "Y", email: "maria@example.org", area: "Mesilla", body: "A tip." });
    submitReferral({
      referrer: { firstName: "Z", lastName: "W", email: "maria@example.org" },
      suggestedName: "Ana Ruiz",
      office: "School board",
      reason: "Organizer",
      suggestedKnows: false,
    });
    requestSubscription({ firstName: "Q", email: "maria@example.org", lists: ["updates"] });
    expect(db().select().from(contacts).where(eq(contacts.id, maria.id)).get()).toMatchObject({
      firstName: "Maria",
      lastName: "Flores",
    });
    expect(JSON.parse(db().select().from(tips).get()!.submittedContact!)).toMatchObject({
      firstName: "X",
      lastName: "Y",
    });
    expect(JSON.parse(db().select().from(referrals).get()!.submittedContact!)).toMatchObject({
      firstName: "Z",
      lastName: "W",
    });
  });
});

describe("mail a stranger can cause", () => {
  it(`sends at most ${PUBLIC_MAIL_CAP.perRecipient} public-form emails a day to one address, whatever the form, and still stores the submissions`, () => {
    const victim = "victim@example.org";
    for (let i = 0; i < 10; i++) {
      signUpVolunteer({
        firstName: "V",
        lastName: `${i}`,
        email: victim,
        area: "88001",
        interests: [],
        consentEmail: false,
      });
      submitReferral({
        referrer: { firstName: "R", lastName: `${i}`, email: `referrer${i}@example.org` },
        suggestedName: "Victim",
        suggestedEmail: i % 2 ? "VICTIM@example.org" : victim,
        office: "Board",
        reason: "Because",
        suggestedKnows: false,
      });
    }
    requestSubscription({ firstName: "V", email: victim, lists: ["updates"] });
    expect(victimMail(victim)).toHaveLength(PUBLIC_MAIL_CAP.perRecipient);
    expect(db().select().from(volunteers).all()).toHaveLength(10);
    expect(db().select().from(referrals).all()).toHaveLength(10);
    // Staff notices are not capped by the recipient rule.
    expect(
      db()
        .select()
        .from(emailOutbox)
        .all()
        .filter((e) => e.template === "volunteer-staff-notice"),
    ).toHaveLength(10);
  });

  it("counts only the last day", () => {
    const victim = "old@example.org";
    signUpVolunteer({ firstName: "V", email: victim, area: "88001", interests: [], consentEmail: false });
    const dayAgo = new Date(Date.now() - PUBLIC_MAIL_CAP.windowMs - 1000).toISOString();
    db().update(emailOutbox).set({ createdAt: dayAgo }).run();
    for (let i = 0; i < PUBLIC_MAIL_CAP.perRecipient; i++)
      signUpVolunteer({ firstName: "V", email: victim, area: "88001", interests: [], consentEmail: false });
    expect(victimMail(victim)).toHaveLength(PUBLIC_MAIL_CAP.perRecipient + 1);
  });
});

describe("confirmation links", () => {
  const subscriptionOf = (contactId: number) =>
    db()
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.contactId, contactId), eq(subscriptions.list, "updates")))
      .get()!;

  function confirmLink(email: string) {
    requestSubscription({ firstName: "Ana", email, lists: ["updates"] });
    const props = JSON.parse(db().select().from(emailOutbox).all().at(-1)!.propsJson);
    return new URL(props.confirmUrl).searchParams.get("token")!;
  }

  it("expire after 7 days", () => {
    const token = confirmLink("ana@example.org");
    expect(verifyEmailToken("confirm", token)).not.toBeNull();
    expect(verifyEmailToken("confirm", token, Date.now() + CONFIRM_LINK_TTL_MS + 60_000)).toBeNull();
  });

  it("cannot re-subscribe someone who unsubscribed after the link was sent, and confirm once", () => {
    const token = confirmLink("ana@example.org");
    const data = verifyEmailToken("confirm", token)!;
    expect(confirmSubscription(data.contactId, data.lists, undefined, { linkIssuedAt: data.issuedAt })).toEqual([
      "updates",
    ]);
    const confirmedAt = subscriptionOf(data.contactId).confirmedAt;
    // Clicked again: nothing changes.
    confirmSubscription(data.contactId, data.lists, undefined, { linkIssuedAt: data.issuedAt });
    expect(subscriptionOf(data.contactId).confirmedAt).toBe(confirmedAt);
    unsubscribe(data.contactId, ["updates"]);
    expect(confirmSubscription(data.contactId, data.lists, undefined, { linkIssuedAt: data.issuedAt })).toEqual([]);
    expect(subscriptionOf(data.contactId).unsubscribedAt).not.toBeNull();
  });

  it("a link carries its issue time in the signature (it cannot be extended)", () => {
    const token = signEmailToken(
      "confirm",
      { contactId: 7, lists: ["updates"] },
      Date.now() - CONFIRM_LINK_TTL_MS - 60_000,
    );
    expect(verifyEmailToken("confirm", token)).toBeNull();
    const [body, mac] = token.split(".");
    const fresh = body.replace(/-[0-9a-z]+$/, `-${Math.floor(Date.now() / 1000).toString(36)}`);
    expect(verifyEmailToken("confirm", `${fresh}.${mac}`)).toBeNull();
  });
});

describe("staff accept submitted details", () => {
  it("applies what the form carried to the contact, with an audit row, only when staff ask", async () => {
    const { acceptVolunteerDetails } = await import("~/models/submitted-details.server");
    const { listVolunteers } = await import("~/models/volunteers.server");
    const { createStaffUser } = await import("~/models/staff-users.server");
    const { auditLog } = await import("#db/schema");
    const staff = await createStaffUser({
      email: "staff@example.org",
      password: "correct horse battery",
      role: "staff",
    });
    const maria = makeContact(db(), {
      firstName: "Maria",
      lastName: "Flores",
      email: "maria@example.org",
      phone: "575-555-0100",
    });
    const { volunteer } = signUpVolunteer({
      firstName: "Maria",
      lastName: "Flores-Ruiz",
      email: "maria@example.org",
      phone: "575-555-0199",
      area: "88001",
      interests: [],
      consentEmail: false,
    });
    expect(listVolunteers({} as never)[0].submittedDiffers).toEqual({ lastName: "Flores-Ruiz", phone: "575-555-0199" });
    expect(acceptVolunteerDetails(volunteer.id, staff.id)).toBe(true);
    expect(db().select().from(contacts).where(eq(contacts.id, maria.id)).get()).toMatchObject({
      lastName: "Flores-Ruiz",
      phone: "575-555-0199",
      phoneDigits: "5755550199",
    });
    expect(
      db()
        .select()
        .from(auditLog)
        .all()
        .some((a) => a.action === "accept_submitted_details"),
    ).toBe(true);
    expect(listVolunteers({} as never)[0].submittedDiffers).toEqual({});
    expect(acceptVolunteerDetails(volunteer.id, staff.id)).toBe(false);
  });
});
