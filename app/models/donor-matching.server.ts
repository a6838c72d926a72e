/**
 * Who gave a gift. A contribution is matched to a person on normalised name and address (and
 * email when there is one), never on email alone: one person giving from two addresses of email
 * has one total, and two people sharing one email (spouses) have two, each with their own limit
 * (52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(b) and (i); NMSA 1978 § 1-19-34.7(A)).
 *
 * - certain: same name and address (any email), or same name and email when either side has no
 *   address. The gift goes on that contact; the contact only gains fields it lacks.
 * - likely: a near miss (same name at an address that differs slightly; same name and email at
 *   another address; same email, last name and address with a variant first name like "Bob" and
 *   "Robert"; same name and no address at all). The gift goes on a contact of its own and a staff
 *   review is opened. Until staff decide, the limit check counts both contacts' gifts together
 *   (`sameDonorContactIds`), so an uncertain match can never let a limit be passed; reports list
 *   the gift under the name it was given in. "Same person" merges the contacts, "different
 *   person" keeps them apart; totals follow at once, since every total is derived from the gifts.
 * - otherwise a new person, even at a shared email: a contact is never renamed, nor its
 *   employer or address overwritten, by somebody else's gift.
 */
import { and, count, eq, isNull, or } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { normalizeEmail } from "~/lib/email-address";
import type { Contact } from "./contacts.server";
import { contacts, donorIdentities, donorMatchReviews, type MatchReviewReason } from "#db/schema";
import {
  compareAddresses,
  firstNamesCompatible,
  identityKeys,
  type IdentityKeys,
  type PersonDetails,
} from "~/lib/donor-identity-keys";

export type DonorMatch =
  | { kind: "certain"; contactId: number }
  | { kind: "likely"; candidateContactId: number; reason: MatchReviewReason }
  | { kind: "new" };

type Known = IdentityKeys & { contactId: number };

const live = and(isNull(contacts.mergedIntoId), isNull(contacts.erasedAt));

function knownByNameAndAddress(keys: IdentityKeys, database: DbOrTx): Known | undefined {
  const row = database
    .select({ contactId: donorIdentities.contactId })
    .from(donorIdentities)
    .innerJoin(contacts, eq(contacts.id, donorIdentities.contactId))
    .where(and(eq(donorIdentities.nameKey, keys.nameKey), eq(donorIdentities.addressKey, keys.addressKey), live))
    .orderBy(donorIdentities.contactId)
    .get();
  return row ? { ...keys, contactId: row.contactId } : undefined;
}

function identitiesWhere(where: ReturnType<typeof eq>, database: DbOrTx): Known[] {
  return database
    .select({
      contactId: donorIdentities.contactId,
      firstKey: donorIdentities.firstKey,
      lastKey: donorIdentities.lastKey,
      nameKey: donorIdentities.nameKey,
      addressKey: donorIdentities.addressKey,
      emailNormalized: donorIdentities.emailNormalized,
      streetKey: donorIdentities.streetKey,
      zip5: donorIdentities.zip5,
      cityKey: donorIdentities.cityKey,
      stateKey: donorIdentities.stateKey,
    })
    .from(donorIdentities)
    .innerJoin(contacts, eq(contacts.id, donorIdentities.contactId))
    .where(and(where, live))
    .orderBy(donorIdentities.contactId)
    .limit(50)
    .all();
}

/** The contact holding an email, seen as an identity (people who signed up before they gave). */
function contactByEmail(email: string, database: DbOrTx): Known | undefined {
  const c = database
    .select()
    .from(contacts)
    .where(and(eq(contacts.emailNormalized, email), live))
    .get();
  return c ? { ...identityKeys(c), contactId: c.id } : undefined;
}

/** Matches a gift's submitted details to a person (see the module comment). Reads only. */
export function matchDonor(details: PersonDetails, database: DbOrTx = db()): DonorMatch {
  const keys = identityKeys(details);
  if (!keys.firstKey && !keys.lastKey) return { kind: "new" };
  if (keys.addressKey) {
    const exact = knownByNameAndAddress(keys, database);
    if (exact) return { kind: "certain", contactId: exact.contactId };
  }
  const byEmail: Known[] = [];
  if (keys.emailNormalized) {
    byEmail.push(...identitiesWhere(eq(donorIdentities.emailNormalized, keys.emailNormalized), database));
    const holder = contactByEmail(keys.emailNormalized, database);
    if (holder) byEmail.push(holder);
  }
  for (const known of byEmail) {
    if (known.nameKey !== keys.nameKey) continue;
    const place = compareAddresses(keys, known);
    if (place === "same" || place === "unknown") return { kind: "certain", contactId: known.contactId };
  }
  for (const known of byEmail) {
    const place = compareAddresses(keys, known);
    if (known.nameKey === keys.nameKey)
      return {
        kind: "likely",
        candidateContactId: known.contactId,
        reason: place === "close" ? "address_close" : "address_differs_same_email",
      };
    if (
      known.lastKey === keys.lastKey &&
      firstNamesCompatible(known.firstKey, keys.firstKey) &&
      (place === "same" || place === "close")
    )
      return { kind: "likely", candidateContactId: known.contactId, reason: "first_name_variant" };
  }
  for (const known of identitiesWhere(eq(donorIdentities.nameKey, keys.nameKey), database)) {
    const place = compareAddresses(keys, known);
    if (place === "close") return { kind: "likely", candidateContactId: known.contactId, reason: "address_close" };
    if (place === "unknown" && !keys.emailNormalized)
      return { kind: "likely", candidateContactId: known.contactId, reason: "no_address" };
  }
  return { kind: "new" };
}

/** Remembers the details a contact gave with, so their next gift with them is matched for certain. */
export function recordDonorIdentity(contactId: number, details: PersonDetails, database: DbOrTx = db()): void {
  const keys = identityKeys(details);
  if (!keys.firstKey && !keys.lastKey) return;
  const seen = database
    .select({ id: donorIdentities.id })
    .from(donorIdentities)
    .where(
      and(
        eq(donorIdentities.contactId, contactId),
        eq(donorIdentities.nameKey, keys.nameKey),
        eq(donorIdentities.addressKey, keys.addressKey),
        keys.emailNormalized
          ? eq(donorIdentities.emailNormalized, keys.emailNormalized)
          : isNull(donorIdentities.emailNormalized),
      ),
    )
    .get();
  if (seen) return;
  database
    .insert(donorIdentities)
    .values({
      contactId,
      nameKey: keys.nameKey,
      addressKey: keys.addressKey,
      emailNormalized: keys.emailNormalized,
      firstKey: keys.firstKey,
      lastKey: keys.lastKey,
      streetKey: keys.streetKey,
      zip5: keys.zip5,
      cityKey: keys.cityKey,
      stateKey: keys.stateKey,
    })
    .run();
}

/**
 * The contacts whose gifts count together for a limit: the contact itself and every contact an
 * open review says may be the same person. Two indexed lookups; with no open review, just the one.
 */
export function sameDonorContactIds(contactId: number, database: DbOrTx = db()): number[] {
  const rows = database
    .select({ a: donorMatchReviews.contactId, b: donorMatchReviews.candidateContactId })
    .from(donorMatchReviews)
    .where(
      and(
        eq(donorMatchReviews.status, "open"),
        or(eq(donorMatchReviews.contactId, contactId), eq(donorMatchReviews.candidateContactId, contactId)),
      ),
    )
    .all();
  return [...new Set([contactId, ...rows.flatMap((r) => [r.a, r.b])])];
}

/** Opens the review of a gift recorded on `contactId` that may be `candidateContactId`'s. */
export function openMatchReview(
  donationId: number,
  contactId: number,
  match: Extract<DonorMatch, { kind: "likely" }>,
  database: DbOrTx = db(),
): void {
  database
    .insert(donorMatchReviews)
    .values({ donationId, contactId, candidateContactId: match.candidateContactId, reason: match.reason })
    .run();
}

export function openReviewCount(database: DbOrTx = db()): number {
  return (
    database.select({ n: count() }).from(donorMatchReviews).where(eq(donorMatchReviews.status, "open")).get()?.n ?? 0
  );
}

export interface GiftDonorDetails extends PersonDetails {
  employer?: string | null;
  occupation?: string | null;
}

const FILLABLE = ["street", "city", "state", "zip", "employer", "occupation"] as const;

/**
 * The contact a gift is recorded on. A certain match keeps its contact and only fills the fields
 * it lacks (staff confirm anything else); a likely match or a new donor gets a contact of their
 * own. An email already held by another contact stays with that contact (one email, one
 * subscriber), and the gift keeps the email it was given with.
 */
export function contactForGift(match: DonorMatch, details: GiftDonorDetails, database: DbOrTx = db()): Contact {
  const clean = (v: string | null | undefined) => v?.trim() || null;
  const email = clean(details.email);
  const emailFree = email
    ? !database
        .select({ id: contacts.id })
        .from(contacts)
        .where(eq(contacts.emailNormalized, normalizeEmail(email)))
        .get()
    : false;
  let contact: Contact;
  if (match.kind === "certain") {
    const existing = database.select().from(contacts).where(eq(contacts.id, match.contactId)).get()!;
    const patch: Partial<typeof contacts.$inferInsert> = {};
    for (const key of FILLABLE) {
      const value = clean(details[key]);
      if (value && !existing[key]) patch[key] = value;
    }
    if (email && emailFree && !existing.emailNormalized) {
      patch.email = email;
      patch.emailNormalized = normalizeEmail(email);
    }
    contact = Object.keys(patch).length
      ? database
          .update(contacts)
          .set({ ...patch, updatedAt: new Date().toISOString() })
          .where(eq(contacts.id, existing.id))
          .returning()
          .get()
      : existing;
  } else {
    contact = database
      .insert(contacts)
      .values({
        firstName: clean(details.firstName) ?? "",
        lastName: clean(details.lastName) ?? "",
        email: emailFree ? email : null,
        emailNormalized: emailFree && email ? normalizeEmail(email) : null,
        street: clean(details.street),
        city: clean(details.city),
        state: clean(details.state),
        zip: clean(details.zip),
        employer: clean(details.employer),
        occupation: clean(details.occupation),
      })
      .returning()
      .get();
  }
  recordDonorIdentity(contact.id, details, database);
  return contact;
}
