import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  candidacies,
  candidates,
  contests,
  elections,
  endorsements,
  governingBodies,
  seats,
  terms,
} from "#db/schema";

/** A candidate's public page: bio, endorsements, candidacies and terms, a fixed number of queries. */
export function getCandidateProfile(slug: string, database: DbOrTx = db()) {
  const candidate = database
    .select()
    .from(candidates)
    .where(and(eq(candidates.slug, slug), isNull(candidates.archivedAt)))
    .get();
  if (!candidate) return null;

  const endorsementRows = database
    .select({
      id: endorsements.id,
      cycle: endorsements.cycle,
      status: endorsements.status,
      rationale: endorsements.rationale,
      decidedAt: endorsements.decidedAt,
    })
    .from(endorsements)
    .where(and(eq(endorsements.candidateId, candidate.id), eq(endorsements.isPublic, true)))
    .orderBy(desc(endorsements.cycle))
    .all();

  const candidacyRows = database
    .select({
      id: candidacies.id,
      electionId: elections.id,
      electionName: elections.name,
      electionDate: elections.date,
      seatName: seats.name,
      bodyName: governingBodies.name,
      bodySlug: governingBodies.slug,
      votes: candidacies.votes,
      voteShareBp: candidacies.voteShareBp,
      outcome: candidacies.outcome,
      incumbent: candidacies.incumbent,
    })
    .from(candidacies)
    .innerJoin(contests, eq(contests.id, candidacies.contestId))
    .innerJoin(elections, eq(elections.id, contests.electionId))
    .innerJoin(seats, eq(seats.id, contests.seatId))
    .innerJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .where(eq(candidacies.candidateId, candidate.id))
    .orderBy(desc(elections.date))
    .all();

  const termRows = database
    .select({
      id: terms.id,
      startDate: terms.startDate,
      endDate: terms.endDate,
      role: terms.role,
      seatName: seats.name,
      bodyName: governingBodies.name,
      bodySlug: governingBodies.slug,
    })
    .from(terms)
    .innerJoin(seats, eq(seats.id, terms.seatId))
    .innerJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .where(eq(terms.candidateId, candidate.id))
    .orderBy(asc(terms.startDate))
    .all();

  return {
    candidate: {
      id: candidate.id,
      slug: candidate.slug,
      displayName: candidate.displayName,
      bio: candidate.bio,
      photoPath: candidate.photoPath,
      website: candidate.website,
    },
    endorsements: endorsementRows,
    candidacies: candidacyRows,
    terms: termRows,
  };
}

export type CandidateProfile = NonNullable<ReturnType<typeof getCandidateProfile>>;
