/**
 * The staff queue of likely-but-uncertain donor matches (app/models/donor-matching.server.ts).
 * Each decision is audited. "Same person" merges the gift's contact into the candidate (every
 * gift, plan and identity moves, so totals, limits and reports count them together from then
 * on); "different person" keeps them apart and stops counting them together for the limit.
 */
import { aliasedTable, and, desc, eq, inArray, ne } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { contacts, donations, donorMatchReviews, jointContributionShares } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { mergeContacts } from "./contact-merge.server";
import { RuleViolation } from "./rule-violation.server";

const gift = aliasedTable(contacts, "gift_contact");
const candidate = aliasedTable(contacts, "candidate_contact");

function reviewQuery(database: DbOrTx) {
  return database
    .select({
      review: donorMatchReviews,
      donation: {
        id: donations.id,
        amountCents: donations.amountCents,
        status: donations.status,
        method: donations.method,
        receivedAt: donations.receivedAt,
        createdAt: donations.createdAt,
        firstName: donations.donorFirstName,
        lastName: donations.donorLastName,
        email: donations.donorEmail,
        street: donations.donorStreet,
        city: donations.donorCity,
        state: donations.donorState,
        zip: donations.donorZip,
        employer: donations.donorEmployer,
        occupation: donations.donorOccupation,
      },
      candidate: {
        id: candidate.id,
        firstName: candidate.firstName,
        lastName: candidate.lastName,
        email: candidate.email,
        street: candidate.street,
        city: candidate.city,
        state: candidate.state,
        zip: candidate.zip,
        employer: candidate.employer,
        occupation: candidate.occupation,
      },
      giftContactId: gift.id,
    })
    .from(donorMatchReviews)
    .innerJoin(donations, eq(donations.id, donorMatchReviews.donationId))
    .innerJoin(candidate, eq(candidate.id, donorMatchReviews.candidateContactId))
    .innerJoin(gift, eq(gift.id, donorMatchReviews.contactId));
}

export type MatchReview = ReturnType<typeof getMatchReview>;

/** Open reviews, oldest first; gifts that were never paid (failed checkouts) are left out. */
export function listOpenMatchReviews(database: DbOrTx = db()) {
  return reviewQuery(database)
    .where(
      and(
        eq(donorMatchReviews.status, "open"),
        inArray(donations.status, ["pending", "succeeded", "partially_refunded", "refunded", "disputed"]),
      ),
    )
    .orderBy(donorMatchReviews.id)
    .limit(200)
    .all();
}

export function listDecidedMatchReviews(database: DbOrTx = db()) {
  return reviewQuery(database)
    .where(inArray(donorMatchReviews.status, ["same_person", "different_person"]))
    .orderBy(desc(donorMatchReviews.decidedAt))
    .limit(20)
    .all();
}

export function getMatchReview(id: number, database: DbOrTx = db()) {
  return reviewQuery(database).where(eq(donorMatchReviews.id, id)).get();
}

export type MatchDecision = "same_person" | "different_person";

/**
 * Records staff's decision on a review, with the reviews of the same two contacts that are still
 * open (one decision is about two people, not one gift). Throws RuleViolation when it was decided.
 */
export function decideMatchReview(
  reviewId: number,
  decision: MatchDecision,
  staffUserId: number,
  database: DbOrTx = db(),
): void {
  auditedWrite(
    staffUserId,
    "donor_match_review",
    decision,
    (tx) => {
      const review = tx.select().from(donorMatchReviews).where(eq(donorMatchReviews.id, reviewId)).get();
      if (!review) throw new RuleViolation("That review does not exist.");
      if (review.status !== "open") throw new RuleViolation("This match was already decided.");
      const pair = and(
        eq(donorMatchReviews.status, "open"),
        eq(donorMatchReviews.contactId, review.contactId),
        eq(donorMatchReviews.candidateContactId, review.candidateContactId),
      );
      const decided = tx
        .update(donorMatchReviews)
        .set({ status: decision, decidedByStaffId: staffUserId, decidedAt: new Date().toISOString() })
        .where(pair)
        .returning({ id: donorMatchReviews.id })
        .all();
      let moved: Record<string, number> | undefined;
      if (decision === "same_person" && review.contactId !== review.candidateContactId) {
        moved = mergeContacts(review.candidateContactId, review.contactId, staffUserId, tx).moved;
      }
      return {
        entityId: review.id,
        before: { status: "open", contactId: review.contactId, candidateContactId: review.candidateContactId },
        after: { status: decision, reviews: decided.map((r) => r.id), moved },
        value: undefined,
      };
    },
    database,
  );
}

/** What a gift's page says about who gave it: its contact, its open or decided match review, and
 *  the other share of a joint check. */
export function donationIdentity(donationId: number, database: DbOrTx = db()) {
  const review = database
    .select({ id: donorMatchReviews.id, status: donorMatchReviews.status })
    .from(donorMatchReviews)
    .where(eq(donorMatchReviews.donationId, donationId))
    .get();
  const group = database
    .select({ first: jointContributionShares.firstDonationId })
    .from(jointContributionShares)
    .where(eq(jointContributionShares.donationId, donationId))
    .get();
  const jointShares = group
    ? database
        .select({
          id: donations.id,
          amountCents: donations.amountCents,
          firstName: donations.donorFirstName,
          lastName: donations.donorLastName,
        })
        .from(jointContributionShares)
        .innerJoin(donations, eq(donations.id, jointContributionShares.donationId))
        .where(and(eq(jointContributionShares.firstDonationId, group.first), ne(donations.id, donationId)))
        .all()
    : [];
  return { review: review ?? null, jointShares };
}
