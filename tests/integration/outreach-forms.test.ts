import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { candidates, contacts, emailOutbox, referrals, volunteers } from "#db/schema";
import { signUpVolunteer, setVolunteerStatus, listVolunteers } from "~/models/volunteers.server";
import {
  createCandidateFromReferral as createCandidateFromReferralOrRefuse,
  findReferralByFollowToken,
  recordReferralOptIn,
  referralsMadeBy,
  setReferralStatus as setReferralStatusOrRefuse,
  submitReferral,
} from "~/models/referrals.server";
import { submitTip } from "~/models/tips.server";
import { updateSettings } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import { makeCandidate, makeContact } from "../factories";
import { attempt } from "../support/attempt";
const setReferralStatus = (...args: Parameters<typeof setReferralStatusOrRefuse>) =>
  attempt(() => setReferralStatusOrRefuse(...args));
const createCandidateFromReferral = (...args: Parameters<typeof createCandidateFromReferralOrRefuse>) =>
  attempt(() => createCandidateFromReferralOrRefuse(...args));

const staffUser = () =>
  createStaffUser({ email: `staff${Math.random()}@example.org`, password: "correct horse battery", role: "staff" });

const outbox = () => db().select().from(emailOutbox).all();

describe("public outreach submissions", () => {
  it("a volunteer sign-up dedupes the contact by normalised email and enqueues the welcome and the staff notice", () => {
    updateSettings({ staffNotifyEmail: "team@pac.example" });
    const existing = makeContact(db(), { firstName: "Ana", lastName: "", email: "Ana@Example.org" });
    const { contact, volunteer } = signUpVolunteer({
      firstName: "Ana",
      lastName: "López",
      email: "  ANA@example.ORG ",
      phone: "(575) 555-0101",
      area: "88001",
      interests: ["canvassing", "events"],
      availability: "weekends",
      consentEmail: true,
    });
    expect(contact.id).toBe(existing.id);
    expect(contact.lastName).toBe("López");
    expect(contact.phoneDigits).toBe("5755550101");
    expect(db().select().from(contacts).all()).toHaveLength(1);
    expect(volunteer.consentEmailAt).not.toBeNull();
    const mail = outbox();
    expect(mail.map((m) => [m.template, m.toEmail])).toEqual([
      ["volunteer-welcome", "Ana@Example.org"],
      ["volunteer-staff-notice", "team@pac.example"],
    ]);
    expect(JSON.parse(mail[1].propsJson)).toMatchObject({
      volunteerName: "Ana López",
      interests: ["canvassing", "events"],
      area: "88001",
    });
  });

  it("filters volunteers by exact interest and moves them in bulk with an audit row each", async () => {
    const staff = await staffUser();
    const a = signUpVolunteer({
      firstName: "A",
      email: "a@example.org",
      area: "Mesilla",
      interests: ["events"],
      consentEmail: false,
    }).volunteer;
    const b = signUpVolunteer({
      firstName: "B",
      email: "b@example.org",
      area: "Las Cruces",
      interests: ["canvassing"],
      consentEmail: false,
    }).volunteer;
    expect(listVolunteers({ interest: "events" }).map((v) => v.id)).toEqual([a.id]);
    expect(listVolunteers({ area: "cruces" }).map((v) => v.id)).toEqual([b.id]);
    expect(setVolunteerStatus([a.id, b.id], "active", staff.id)).toBe(2);
    expect(
      db()
        .select()
        .from(volunteers)
        .all()
        .every((v) => v.status === "active"),
    ).toBe(true);
    expect(listVolunteers({ status: "new" })).toHaveLength(0);
  });

  it("a referral invites the suggested person, gives the referrer a follow link, and needs opt-in before contact", async () => {
    const staff = await staffUser();
    const { referral } = submitReferral({
      referrer: { firstName: "Rosa", lastName: "Diaz", email: "rosa@example.org" },
      suggestedName: "Luis Ortega",
      suggestedEmail: "luis@example.org",
      office: "LCPS Board, District 2",
      reason: "Organised parents",
      suggestedKnows: false,
    });
    const templates = outbox().map((m) => m.template);
    expect(templates).toEqual(["referral-thank-you", "referral-staff-notice", "referral-invite"]);
    const invite = JSON.parse(outbox()[2].propsJson);
    expect(invite.referrerName).toBeNull();
    expect(findReferralByFollowToken(referral.followToken!)?.status).toBe("new");
    const refused = setReferralStatus(referral.id, "contacted", staff.id);
    expect(refused.ok).toBe(false);
    recordReferralOptIn(referral.id, null);
    expect(setReferralStatus(referral.id, "contacted", staff.id)).toEqual({ ok: true });
  });

  it("creates a candidate from a referral with a unique slug and credits the referrer once endorsed", async () => {
    const staff = await staffUser();
    makeCandidate(db(), { displayName: "Luis Ortega" });
    const { referral, referrer } = submitReferral({
      referrer: { firstName: "Rosa", email: "rosa@example.org" },
      suggestedName: "Luis Ortega",
      suggestedPhone: "575-555-0199",
      office: "City council",
      reason: "",
      suggestedKnows: true,
    });
    const result = createCandidateFromReferral(referral.id, staff.id);
    expect(result).toMatchObject({ ok: true, slug: "luis-ortega-2" });
    const linked = db().select().from(referrals).where(eq(referrals.id, referral.id)).get()!;
    const candidate = db().select().from(candidates).where(eq(candidates.slug, "luis-ortega-2")).get()!;
    expect(linked.candidateId).toBe(candidate.id);
    const contact = db().select().from(contacts).where(eq(contacts.id, candidate.contactId)).get()!;
    expect([contact.firstName, contact.lastName, contact.phone]).toEqual(["Luis", "Ortega", "575-555-0199"]);
    expect(createCandidateFromReferral(referral.id, staff.id).ok).toBe(false);
    expect(referralsMadeBy(referrer.id)[0]).toMatchObject({ candidateId: candidate.id, endorsed: false });
  });

  it("a tip notifies staff in the same transaction as the row", () => {
    submitTip({
      firstName: "Pat",
      email: "pat@example.org",
      area: "Anthony",
      body: "School board meeting moved to Tuesday",
    });
    expect(outbox().map((m) => m.template)).toEqual(["tip-staff-notice"]);
  });
});
