import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  candidacies,
  candidates,
  contests,
  elections,
  endorsements,
  governingBodies,
  measures,
  seats,
  terms,
  voteEvents,
  votes,
} from "#db/schema";
import { EMPTY_TALLY } from "~/lib/tally";
import { getSettings } from "./settings.server";
import { scoreAlignment, voteAlignment } from "./alignment.server";
import { talliesFor } from "./vote-tally.server";

/**
 * A candidate's public page: bio, endorsements, candidacies, terms, every recorded vote and the
 * alignment score. A fixed number of queries however long the record is (a test counts them).
 */
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
      electionId: elections.id,
      electionName: elections.name,
      seatName: seats.name,
      bodyName: governingBodies.name,
      outcome: candidacies.outcome,
    })
    .from(endorsements)
    .leftJoin(contests, eq(contests.id, endorsements.contestId))
    .leftJoin(elections, eq(elections.id, contests.electionId))
    .leftJoin(seats, eq(seats.id, contests.seatId))
    .leftJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .leftJoin(
      candidacies,
      and(eq(candidacies.contestId, endorsements.contestId), eq(candidacies.candidateId, endorsements.candidateId)),
    )
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

  const voteRows = database
    .select({
      voteEventId: voteEvents.id,
      date: voteEvents.date,
      motion: voteEvents.motion,
      result: voteEvents.result,
      measureId: measures.id,
      measureTitle: measures.title,
      pacPosition: measures.pacPosition,
      option: votes.option,
    })
    .from(votes)
    .innerJoin(terms, eq(terms.id, votes.termId))
    .innerJoin(voteEvents, eq(voteEvents.id, votes.voteEventId))
    .innerJoin(measures, eq(measures.id, voteEvents.measureId))
    .where(eq(terms.candidateId, candidate.id))
    .orderBy(desc(voteEvents.date), desc(voteEvents.id))
    .all();

  const tallies = talliesFor(
    database
      .select({ id: votes.voteEventId })
      .from(votes)
      .innerJoin(terms, eq(terms.id, votes.termId))
      .where(eq(terms.candidateId, candidate.id)),
    database,
  );

  const recorded = voteRows.map((v) => {
    const tally = tallies.get(v.voteEventId) ?? EMPTY_TALLY;
    return { ...v, tally, alignment: voteAlignment(v.pacPosition, v.option) };
  });
  const { alignmentCountsUnanimous } = getSettings(database);

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
    votes: recorded,
    alignment: scoreAlignment(recorded, alignmentCountsUnanimous),
  };
}

export type CandidateProfile = NonNullable<ReturnType<typeof getCandidateProfile>>;
