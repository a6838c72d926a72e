/**
 * Who is the same donor, rule by rule, under both profiles: a gift is matched on normalised name
 * and address (and email when there is one), a near miss waits for staff, and a joint check
 * counts toward each signer's own limit. Each case names the law it protects.
 */
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { db, sqlite } from "#db/client";
import { migrationsFolder, runMigrations } from "#db/migrate";
import { auditLog, contacts, donations, donorMatchReviews, emailOutbox, jointContributionShares } from "#db/schema";
import { dayInZone } from "~/lib/time-zone";
import { aggregateCents, complianceProfile, periodFor } from "~/models/compliance.server";
import { createPendingDonation, type DonorInput } from "~/models/donation-checkout.server";
import { markReceived } from "~/models/donations.server";
import { itemizedReport, reportScope } from "~/models/filing-report.server";
import { decideMatchReview } from "~/models/donor-match-reviews.server";
import {
  recordOfflineContribution,
  type JointContributorInput,
  type OfflineContributionInput,
} from "~/models/offline-contributions.server";
import { updateSettings } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import { RuleViolation } from "~/models/rule-violation.server";

const PROFILES = ["us_federal", "new_mexico"] as const;
type ProfileKey = (typeof PROFILES)[number];

const today = () => dayInZone(new Date(), "America/Denver");
const period = () => periodFor(new Date().toISOString()).key;
const limit = () => complianceProfile().limitCents;

let staffId = 0;
async function setUp(profile: ProfileKey) {
  updateSettings({ complianceProfile: profile });
  staffId = (
    await createStaffUser({
      email: `treasurer-${profile}@example.org`,
      password: "correct horse battery",
      role: "admin",
    })
  ).id;
}

/** A check as staff enter it; no email unless given. */
type Attempt = { ok: true; donationId: number } | { ok: false; errors: Record<string, string> };

/** A model call as a form sees it: the gift, or the refusal's messages by field. */
function attempt(write: () => { donationId: number }): Attempt {
  try {
    return { ok: true, ...write() };
  } catch (error) {
    if (error instanceof RuleViolation) return { ok: false, errors: { ...error.errors } };
    throw error;
  }
}

function check(over: Partial<OfflineContributionInput> = {}, joint: JointContributorInput | null = null): Attempt {
  return attempt(() =>
    recordOfflineContribution(
      {
        method: "check",
        amountCents: 300_000,
        receivedOn: today(),
        isAnonymous: false,
        firstName: "Dolores",
        lastName: "Huerta",
        email: null,
        street: "2 Oak Street",
        city: "Las Cruces",
        state: "NM",
        zip: "88001",
        employer: "UFW",
        occupation: "Organizer",
        checkNumber: "1001",
        inKindDescription: null,
        refcode: null,
        notForeignNational: true,
        notContractor: true,
        ...over,
      },
      staffId,
      db(),
      joint,
    ),
  );
}

/** A card gift from the donate page, received the way the webhook records it. */
function card(over: Partial<DonorInput> = {}): Attempt {
  return attempt(() => {
    const { donation } = createPendingDonation({
      amountCents: 100_000,
      monthly: false,
      refcode: null,
      firstName: "Dolores",
      lastName: "Huerta",
      email: "dolores@example.org",
      street: "2 Oak St",
      city: "Las Cruces",
      state: "NM",
      zip: "88001",
      employer: "UFW",
      occupation: "Organizer",
      notContractor: true,
      ...over,
    });
    db().transaction((tx) => markReceived(donation, { receivedAt: new Date().toISOString() }, tx));
    return { donationId: donation.id };
  });
}

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify((result as { errors?: unknown }).errors)}`);
  return result as Extract<T, { ok: true }>;
}

const contactOf = (donationId: number) =>
  db().select().from(donations).where(eq(donations.id, donationId)).get()!.contactId;
const contact = (id: number) => db().select().from(contacts).where(eq(contacts.id, id)).get()!;
const openReviews = () => db().select().from(donorMatchReviews).where(eq(donorMatchReviews.status, "open")).all();

interface Case {
  name: string;
  run: () => void | Promise<void>;
}

const cases: Case[] = [
  {
    // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d); NMSA 1978 § 1-19-34.7(A)(1): the limit is per person,
    // so one person giving from two email addresses has one total.
    name: "the two-email donor: same name and address (written differently, ZIP+4) is one person with one total",
    run: () => {
      const first = ok(card({ amountCents: 300_000, email: "dolores@example.org" }));
      const refused = card({
        amountCents: 300_000,
        email: "DHuerta@work.example.org",
        firstName: " dolores ",
        lastName: "HUERTA",
        street: "2 Oak Street.",
        zip: "88001-1234",
      });
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.errors.amount).toMatch(/limit/);
      const second = ok(card({ amountCents: 100_000, email: "dhuerta@work.example.org", street: "2 oak st" }));
      expect(contactOf(second.donationId)).toBe(contactOf(first.donationId));
      expect(aggregateCents(contactOf(first.donationId), period())).toBe(400_000);
      // The contact keeps its first email; the receipt goes where the gift was given from.
      expect(contact(contactOf(first.donationId)).email).toBe("dolores@example.org");
      const receipt = db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.idempotencyKey, `donation-receipt:${second.donationId}`))
        .get();
      expect(receipt?.toEmail).toBe("dhuerta@work.example.org");
      // The itemized report aggregates both gifts under one contributor.
      const rows = itemizedReport(reportScope({ from: today(), to: today() })).rows.filter(
        (r) => r.lastName === "Huerta",
      );
      expect(rows.map((r) => r.aggregateCents)).toEqual([300_000, 400_000]);
      expect(new Set(rows.map((r) => r.contactId)).size).toBe(1);
    },
  },
  {
    // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(i)(1) (each spouse has their own limit); NMSA 1978
    // § 1-19-34.7(A): two people sharing one email are two contributors.
    name: "spouses on one email: the second spouse's lawful gift is taken, nobody is renamed or overwritten",
    run: () => {
      const his = ok(
        card({
          amountCents: limit(),
          firstName: "John",
          lastName: "Smith",
          email: "smiths@example.org",
          employer: "City of Las Cruces",
          occupation: "Engineer",
          street: "9 Pine Ave",
        }),
      );
      const hers = ok(
        card({
          amountCents: 200_000,
          firstName: "Jane",
          lastName: "Smith",
          email: "smiths@example.org",
          employer: "NMSU",
          occupation: "Professor",
          street: "9 Pine Avenue",
        }),
      );
      const john = contact(contactOf(his.donationId));
      expect(contactOf(hers.donationId)).not.toBe(john.id);
      expect(john).toMatchObject({ firstName: "John", employer: "City of Las Cruces", occupation: "Engineer" });
      expect(contact(contactOf(hers.donationId))).toMatchObject({ firstName: "Jane", employer: "NMSU" });
      expect(aggregateCents(john.id, period())).toBe(limit());
      expect(aggregateCents(contactOf(hers.donationId), period())).toBe(200_000);
      expect(openReviews()).toHaveLength(0);
      // Her gift records what she gave, and her receipt reaches the shared inbox.
      const gift = db().select().from(donations).where(eq(donations.id, hers.donationId)).get()!;
      expect(gift).toMatchObject({ donorFirstName: "Jane", donorEmployer: "NMSU", donorEmail: "smiths@example.org" });
      // Her next gift is hers for certain, by name and address.
      const again = ok(
        card({
          amountCents: 100,
          firstName: "Jane",
          lastName: "Smith",
          email: "smiths@example.org",
          street: "9 Pine Ave",
        }),
      );
      expect(contactOf(again.donationId)).toBe(contactOf(hers.donationId));
    },
  },
  {
    // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d) ($5,000 a year); NMSA 1978 § 1-19-34.7(A)(1):
    // checks without an email are matched by name and address.
    name: "two $3,000 checks from one person with no email count together: the second is refused",
    run: () => {
      const first = ok(check({ amountCents: 300_000 }));
      const second = check({ amountCents: 300_000, checkNumber: "1002", street: "2 Oak St.", firstName: "DOLORES" });
      expect(second.ok).toBe(false);
      expect(!second.ok && second.errors.amount).toMatch(/limit/);
      const within = ok(check({ amountCents: limit() - 300_000, checkNumber: "1003" }));
      expect(contactOf(within.donationId)).toBe(contactOf(first.donationId));
      expect(aggregateCents(contactOf(first.donationId), period())).toBe(limit());
    },
  },
  {
    // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(b)(6); NMSA 1978 § 1-19-34.7(A): a near miss may be the
    // same person, so until staff decide it counts toward the likely person for the limit.
    name: "likely matches are queued, and count toward the likely person's limit until reviewed",
    run: () => {
      const base = ok(check({ amountCents: 300_000, email: "robert@example.org", firstName: "Robert" }));
      const robert = contactOf(base.donationId);
      const nearMisses: Array<[Partial<OfflineContributionInput>, string]> = [
        [{ firstName: "Robert", email: null, street: "2 Oak St Apt 3" }, "address_close"],
        [{ firstName: "Bob", email: "robert@example.org" }, "first_name_variant"],
        [
          { firstName: "Robert", email: "robert@example.org", street: "77 Elm Rd", zip: "88005" },
          "address_differs_same_email",
        ],
      ];
      for (const [details, reason] of nearMisses) {
        // Counted with Robert's $3,000, $3,000 more would pass the limit: refused, nothing queued.
        expect(check({ ...details, amountCents: 300_000 }).ok, reason).toBe(false);
        const queued = ok(check({ ...details, amountCents: 10_000 }));
        expect(contactOf(queued.donationId), reason).not.toBe(robert);
        const review = openReviews().find((r) => r.donationId === queued.donationId);
        expect(review, reason).toMatchObject({ candidateContactId: robert, reason });
      }
      // Robert himself now has the queued gifts counted against his room.
      const room = limit() - 300_000 - 3 * 10_000;
      expect(check({ firstName: "Robert", email: "robert@example.org", amountCents: room + 1 }).ok).toBe(false);
      expect(check({ firstName: "Robert", email: "robert@example.org", amountCents: room }).ok).toBe(true);
    },
  },
  {
    // 11 CFR 110.1(b)(6) and (d), NMSA 1978 § 1-19-34.7(A): the review decision recomputes totals.
    name: "review decisions: 'same person' merges the gift into the contact; 'different person' keeps them apart",
    run: () => {
      const base = ok(check({ amountCents: 300_000 }));
      const dolores = contactOf(base.donationId);
      const moved = ok(check({ amountCents: 50_000, street: "2 Oak St # 4", checkNumber: "2001" }));
      const stranger = ok(
        check({ amountCents: 50_000, street: "2 Oak St Unit 9", checkNumber: "2002", employer: "Other" }),
      );
      const [same, different] = openReviews();
      expect(same.donationId).toBe(moved.donationId);

      decideMatchReview(same.id, "same_person", staffId);
      expect(contactOf(moved.donationId)).toBe(dolores);
      expect(contact(same.contactId).mergedIntoId).toBe(dolores);
      expect(aggregateCents(dolores, period())).toBe(350_000);
      // Staff confirmed it: the same person at "2 Oak St Apt 4" is now matched for certain.
      const later = ok(check({ amountCents: 100, street: "2 Oak Street Apartment 4", checkNumber: "2003" }));
      expect(contactOf(later.donationId)).toBe(dolores);

      decideMatchReview(different.id, "different_person", staffId);
      expect(contactOf(stranger.donationId)).not.toBe(dolores);
      expect(aggregateCents(dolores, period())).toBe(350_100);
      // No longer counted together: Dolores has exactly her own room left.
      const room = limit() - 350_100;
      expect(check({ amountCents: room + 1, checkNumber: "2004" }).ok).toBe(false);
      expect(check({ amountCents: room, checkNumber: "2005" }).ok).toBe(true);
      // Audited, and a decision is final.
      const audited = db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "donor_match_review"), eq(auditLog.staffUserId, staffId)))
        .all();
      expect(audited.map((a) => a.action).sort()).toEqual(["different_person", "same_person"]);
      expect(() => decideMatchReview(same.id, "different_person", staffId)).toThrow(RuleViolation);
      expect(contact(dolores).firstName).toBe("Dolores");
    },
  },
  {
    // 11 CFR 110.1(k)(1) and (2): a check signed by two people is each signer's contribution, in
    // the shares they wrote or equally; each share counts toward its own contributor's limit.
    // NMSA 1978 § 1-19-34.7(A) limits each person likewise.
    name: "a joint check is split between its two signers, each share counted toward its own limit",
    run: () => {
      const spouse = (over: Partial<JointContributorInput> = {}): JointContributorInput => ({
        firstName: "Richard",
        lastName: "Chavez",
        email: null,
        street: "2 Oak Street",
        city: "Las Cruces",
        state: "NM",
        zip: "88001",
        employer: "UFW",
        occupation: "Organizer",
        shareCents: null,
        bothSigned: true,
        ...over,
      });
      const total = limit() + 300_000; // too much for one person, fine for two
      expect(check({ amountCents: total }).ok).toBe(false);
      const unsigned = check({ amountCents: total }, spouse({ bothSigned: false }));
      expect(!unsigned.ok && unsigned.errors.jointSigned).toMatch(/110\.1\(k\)\(1\)/);
      const tooMuch = check({ amountCents: total }, spouse({ shareCents: 100_000 }));
      expect(!tooMuch.ok && tooMuch.errors.amount).toMatch(/limit/);

      const joint = ok(check({ amountCents: total }, spouse()));
      const shares = db()
        .select()
        .from(jointContributionShares)
        .where(eq(jointContributionShares.firstDonationId, joint.donationId))
        .all();
      expect(shares).toHaveLength(2);
      const [dolores, richard] = shares.map((s) => contactOf(s.donationId));
      expect(dolores).not.toBe(richard);
      expect(aggregateCents(dolores, period())).toBe(total / 2);
      expect(aggregateCents(richard, period())).toBe(total / 2);
      const roomEach = limit() - total / 2;
      expect(check({ amountCents: roomEach + 1 }).ok).toBe(false);
      expect(check({ amountCents: roomEach, firstName: "Richard", lastName: "Chavez" }).ok).toBe(true);
    },
  },
];

for (const profile of PROFILES) {
  describe(`donor identity under ${profile}`, () => {
    beforeEach(() => setUp(profile));
    for (const c of cases) it(c.name, c.run);
  });
}

describe("donors from before the upgrade", () => {
  // 52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d); NMSA 1978 § 1-19-34.7(A)(1): a check donor recorded
  // before donor identities existed is still one person with one total.
  it("the migration that adds donor identities learns every earlier named gift's details", async () => {
    await setUp("us_federal");
    const first = ok(check({ amountCents: 300_000 }));
    // Back to the database as it was before migration 0012, with the gift already in it.
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: Array<{ tag: string; when: number }>;
    };
    const since = journal.entries.find((e) => e.tag.endsWith("donor_identity"))!.when;
    sqlite().exec(`drop table donor_match_reviews; drop table joint_contribution_shares; drop table donor_identities;
      delete from __drizzle_migrations where created_at >= ${since}`);
    runMigrations(db());
    const second = check({ amountCents: 300_000, street: "2 Oak St", zip: "88001-0001", checkNumber: "9" });
    expect(second.ok).toBe(false);
    expect(contactOf(ok(check({ amountCents: 100, checkNumber: "10" })).donationId)).toBe(contactOf(first.donationId));
  });
});
