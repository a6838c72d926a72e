import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  candidacies,
  candidates,
  corrections,
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
import { dayInZone } from "~/lib/time-zone";
import { getSettings } from "./settings.server";
import { scoreAlignment, voteAlignment } from "./alignment.server";
import { talliesFor } from "./vote-tally.server";
import { countRace, electionDayStarts } from "./win-rate.server";
import { firstRoundElection, selectContestPlaces, selectEndorsementRaces } from "./race-joins.server";

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

  const endorsementRows = selectEndorsementRaces(database, {
    id: endorsements.id,
    cycle: endorsements.cycle,
    status: endorsements.status,
    rationale: endorsements.rationale,
    decidedAt: endorsements.decidedAt,
    rescindedAt: endorsements.rescindedAt,
    sourceUrl: endorsements.sourceUrl,
    note: endorsements.note,
    electionId: elections.id,
    electionName: elections.name,
    electionDate: elections.date,
    seatName: seats.name,
    bodyName: governingBodies.name,
    outcome: candidacies.outcome,
  })
    .where(and(eq(endorsements.candidateId, candidate.id), eq(endorsements.isPublic, true)))
    .orderBy(desc(endorsements.cycle))
    .all();

  const candidacyRows = selectContestPlaces(database, {
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
    note: candidacies.note,
    electionSourceUrl: elections.sourceUrl,
    firstRoundElectionId: firstRoundElection.id,
    firstRoundElectionName: firstRoundElection.name,
  })
    .innerJoin(candidacies, eq(candidacies.contestId, contests.id))
    .where(eq(candidacies.candidateId, candidate.id))
    .orderBy(desc(elections.date))
    .all();

  const termRows = database
    .select({
      id: terms.id,
      startDate: terms.startDate,
      endDate: terms.endDate,
      role: terms.role,
      sourceUrl: terms.sourceUrl,
      note: terms.note,
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
      resultOverrideReason: voteEvents.resultOverrideReason,
      preferredVote: voteEvents.preferredVote,
      measureId: measures.id,
      measureTitle: measures.title,
      option: votes.option,
    })
    .from(votes)
    .innerJoin(terms, eq(terms.id, votes.termId))
    .innerJoin(voteEvents, eq(voteEvents.id, votes.voteEventId))
    .innerJoin(measures, eq(measures.id, voteEvents.measureId))
    .where(and(eq(terms.candidateId, candidate.id), isNull(voteEvents.archivedAt), isNull(measures.archivedAt)))
    .orderBy(desc(voteEvents.date), desc(voteEvents.id))
    .all();

  // Every roll call the member took part in; archived ones are simply not looked up below.
  const votedEvents = database
    .select({ id: votes.voteEventId })
    .from(votes)
    .innerJoin(terms, eq(terms.id, votes.termId))
    .where(eq(terms.candidateId, candidate.id));
  const tallies = talliesFor(votedEvents, database);

  const correctionRows = database
    .select({
      id: corrections.id,
      voteEventId: corrections.voteEventId,
      candidacyId: corrections.candidacyId,
      text: corrections.text,
      createdAt: corrections.createdAt,
    })
    .from(corrections)
    .where(
      or(
        inArray(corrections.voteEventId, votedEvents),
        inArray(
          corrections.candidacyId,
          database.select({ id: candidacies.id }).from(candidacies).where(eq(candidacies.candidateId, candidate.id)),
        ),
      ),
    )
    .orderBy(asc(corrections.createdAt), asc(corrections.id))
    .all();
  const { alignmentCountsUnanimous, timeZone } = getSettings(database);
  const correctionsOf = (key: "voteEventId" | "candidacyId", id: number) =>
    correctionRows
      .filter((c) => c[key] === id)
      .map((c) => ({ id: c.id, text: c.text, day: dayInZone(c.createdAt, timeZone) }));

  // Hundreds of rows: fields that are nearly always empty are left out of each row, and the rare
  // correction lines travel apart, keyed by vote event, to keep the page's payload small.
  const recorded = voteRows.map(({ resultOverrideReason, ...v }) => ({
    ...v,
    ...(resultOverrideReason ? { resultOverrideReason } : {}),
    tally: tallies.get(v.voteEventId) ?? EMPTY_TALLY,
    alignment: voteAlignment(v.preferredVote, v.option),
  }));
  const voteCorrections: Record<number, ReturnType<typeof correctionsOf>> = {};
  for (const c of correctionRows)
    if (c.voteEventId) voteCorrections[c.voteEventId] = correctionsOf("voteEventId", c.voteEventId);

  const dayStart = electionDayStarts(timeZone);
  return {
    candidate: {
      id: candidate.id,
      slug: candidate.slug,
      displayName: candidate.displayName,
      bio: candidate.bio,
      photoPath: candidate.photoPath,
      website: candidate.website,
    },
    endorsements: endorsementRows.map((e) => {
      const race = countRace(
        { ...e, runoffOutcome: null, runoffEndorsed: false, fieldSize: 0, seatsToFill: 1 },
        dayStart,
      );
      return {
        ...e,
        decidedOn: e.decidedAt ? dayInZone(e.decidedAt, timeZone) : null,
        rescindedOn: e.rescindedAt ? dayInZone(e.rescindedAt, timeZone) : null,
        afterElection: !race.counted && race.why === "after_election",
      };
    }),
    candidacies: candidacyRows.map((c) => ({ ...c, corrections: correctionsOf("candidacyId", c.id) })),
    terms: termRows,
    votes: recorded,
    voteCorrections,
    alignment: scoreAlignment(recorded, alignmentCountsUnanimous),
  };
}

export type CandidateProfile = NonNullable<ReturnType<typeof getCandidateProfile>>;
