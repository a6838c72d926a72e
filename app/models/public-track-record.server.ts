/**
 * The public track-record pages other than the candidate's: a body, a measure, an election.
 * Each is a fixed number of queries whatever the number of rows shown.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  candidacies,
  candidates,
  contests,
  corrections,
  elections,
  endorsements,
  governingBodies,
  measures,
  seats,
  terms,
  voteEvents,
  votes,
} from "#db/schema";
import { EMPTY_TALLY, type Tally } from "~/lib/tally";
import { dayInZone } from "~/lib/time-zone";
import { heldOn } from "./terms.server";
import { talliesFor } from "./vote-tally.server";
import { firstRoundElection, selectContestPlaces } from "./race-joins.server";

/** Today's calendar day where the PAC is, which decides who sits on a board "now". */
export function todayIn(timeZone: string, now = new Date()): string {
  return dayInZone(now, timeZone);
}

const endorsedEver = sql<number>`exists (select 1 from ${endorsements} where ${endorsements.candidateId} = ${candidates.id} and ${endorsements.status} = 'endorsed' and ${endorsements.isPublic} = 1)`;

export function getBodyPage(slug: string, today: string, database: DbOrTx = db()) {
  const body = database
    .select()
    .from(governingBodies)
    .where(and(eq(governingBodies.slug, slug), isNull(governingBodies.archivedAt)))
    .get();
  if (!body) return null;

  const composition = database
    .select({
      termId: terms.id,
      startDate: terms.startDate,
      endDate: terms.endDate,
      role: terms.role,
      seatName: seats.name,
      candidateName: candidates.displayName,
      candidateSlug: candidates.slug,
      archived: sql<boolean>`${candidates.archivedAt} is not null`,
      endorsed: endorsedEver,
      current: sql<number>`(${heldOn(today)})`,
    })
    .from(terms)
    .innerJoin(seats, eq(seats.id, terms.seatId))
    .innerJoin(candidates, eq(candidates.id, terms.candidateId))
    .where(eq(seats.bodyId, body.id))
    .orderBy(desc(terms.startDate), asc(seats.name))
    .all()
    .map((t) => ({ ...t, endorsed: Boolean(t.endorsed), current: Boolean(t.current), archived: Boolean(t.archived) }));

  const measureRows = database
    .select({
      id: measures.id,
      title: measures.title,
      pacPosition: measures.pacPosition,
      introducedOn: measures.introducedOn,
    })
    .from(measures)
    .where(and(eq(measures.bodyId, body.id), isNull(measures.archivedAt)))
    .orderBy(desc(sql`coalesce(${measures.introducedOn}, substr(${measures.createdAt}, 1, 10))`), desc(measures.id))
    .all();

  const eventRows = database
    .select({
      id: voteEvents.id,
      measureId: voteEvents.measureId,
      date: voteEvents.date,
      motion: voteEvents.motion,
      result: voteEvents.result,
      resultOverrideReason: voteEvents.resultOverrideReason,
    })
    .from(voteEvents)
    .innerJoin(measures, eq(measures.id, voteEvents.measureId))
    .where(and(eq(measures.bodyId, body.id), isNull(measures.archivedAt), isNull(voteEvents.archivedAt)))
    .orderBy(desc(voteEvents.date))
    .all();

  const tallies = talliesFor(
    database
      .select({ id: voteEvents.id })
      .from(voteEvents)
      .innerJoin(measures, eq(measures.id, voteEvents.measureId))
      .where(eq(measures.bodyId, body.id)),
    database,
  );

  const eventsByMeasure = new Map<number, Array<(typeof eventRows)[number] & { tally: Tally }>>();
  for (const e of eventRows) {
    const list = eventsByMeasure.get(e.measureId) ?? [];
    list.push({ ...e, tally: tallies.get(e.id) ?? EMPTY_TALLY });
    eventsByMeasure.set(e.measureId, list);
  }

  return {
    body: { id: body.id, slug: body.slug, name: body.name, jurisdiction: body.jurisdiction, seatCount: body.seatCount },
    today,
    members: composition
      .filter((t) => t.current && !t.archived)
      .sort((a, b) => a.seatName.localeCompare(b.seatName, "en", { numeric: true })),
    composition: composition.filter((t) => !t.archived),
    measures: measureRows.map((m) => ({ ...m, voteEvents: eventsByMeasure.get(m.id) ?? [] })),
  };
}

export function getMeasurePage(id: number, timeZone: string, database: DbOrTx = db()) {
  const measure = database
    .select({
      id: measures.id,
      title: measures.title,
      summary: measures.summary,
      kind: measures.kind,
      sourceUrl: measures.sourceUrl,
      pacPosition: measures.pacPosition,
      introducedOn: measures.introducedOn,
      bodyName: governingBodies.name,
      bodySlug: governingBodies.slug,
    })
    .from(measures)
    .innerJoin(governingBodies, eq(governingBodies.id, measures.bodyId))
    .where(and(eq(measures.id, id), isNull(measures.archivedAt)))
    .get();
  if (!measure) return null;

  const events = database
    .select()
    .from(voteEvents)
    .where(and(eq(voteEvents.measureId, id), isNull(voteEvents.archivedAt)))
    .orderBy(desc(voteEvents.date), desc(voteEvents.id))
    .all();
  const eventIds = database
    .select({ id: voteEvents.id })
    .from(voteEvents)
    .where(and(eq(voteEvents.measureId, id), isNull(voteEvents.archivedAt)));

  const correctionRows = database
    .select()
    .from(corrections)
    .where(inArray(corrections.voteEventId, eventIds))
    .orderBy(asc(corrections.createdAt), asc(corrections.id))
    .all();

  const roll = database
    .select({
      voteEventId: votes.voteEventId,
      option: votes.option,
      candidateName: candidates.displayName,
      candidateSlug: candidates.slug,
      archived: sql<boolean>`${candidates.archivedAt} is not null`,
      seatName: seats.name,
    })
    .from(votes)
    .innerJoin(terms, eq(terms.id, votes.termId))
    .innerJoin(seats, eq(seats.id, terms.seatId))
    .innerJoin(candidates, eq(candidates.id, terms.candidateId))
    .where(inArray(votes.voteEventId, eventIds))
    .orderBy(asc(seats.name))
    .all();

  return {
    measure,
    voteEvents: events.map((e) => {
      const lines = roll.filter((r) => r.voteEventId === e.id).map((r) => ({ ...r, archived: Boolean(r.archived) }));
      const tally = { ...EMPTY_TALLY };
      for (const l of lines) tally[l.option] += 1;
      return {
        id: e.id,
        date: e.date,
        motion: e.motion,
        result: e.result,
        resultOverrideReason: e.resultOverrideReason,
        preferredVote: e.preferredVote,
        preferredReason: e.preferredReason,
        tally,
        roll: lines,
        corrections: correctionRows
          .filter((c) => c.voteEventId === e.id)
          .map((c) => ({ id: c.id, text: c.text, day: dayInZone(c.createdAt, timeZone) })),
      };
    }),
  };
}

export function getElectionPage(id: number, timeZone: string, database: DbOrTx = db()) {
  const election = database
    .select()
    .from(elections)
    .where(and(eq(elections.id, id), isNull(elections.archivedAt)))
    .get();
  if (!election) return null;

  const contestRows = selectContestPlaces(database, {
    id: contests.id,
    seatsToFill: contests.seatsToFill,
    seatName: seats.name,
    bodyName: governingBodies.name,
    bodySlug: governingBodies.slug,
    firstRoundElectionId: firstRoundElection.id,
    firstRoundElectionName: firstRoundElection.name,
  })
    .where(eq(contests.electionId, id))
    .orderBy(asc(governingBodies.name), asc(seats.name))
    .all();

  const candidacyRows = database
    .select({
      id: candidacies.id,
      contestId: candidacies.contestId,
      candidateName: candidates.displayName,
      candidateSlug: candidates.slug,
      archived: sql<boolean>`${candidates.archivedAt} is not null`,
      incumbent: candidacies.incumbent,
      votes: candidacies.votes,
      voteShareBp: candidacies.voteShareBp,
      outcome: candidacies.outcome,
      note: candidacies.note,
      endorsed: sql<number>`exists (select 1 from ${endorsements} where ${endorsements.candidateId} = ${candidacies.candidateId} and ${endorsements.contestId} = ${candidacies.contestId} and ${endorsements.status} = 'endorsed' and ${endorsements.isPublic} = 1)`,
    })
    .from(candidacies)
    .innerJoin(contests, eq(contests.id, candidacies.contestId))
    .innerJoin(candidates, eq(candidates.id, candidacies.candidateId))
    .where(eq(contests.electionId, id))
    .orderBy(desc(sql`coalesce(${candidacies.votes}, -1)`), asc(candidates.displayName))
    .all();

  const correctionRows = database
    .select({
      id: corrections.id,
      candidacyId: corrections.candidacyId,
      text: corrections.text,
      createdAt: corrections.createdAt,
    })
    .from(corrections)
    .innerJoin(candidacies, eq(candidacies.id, corrections.candidacyId))
    .innerJoin(contests, eq(contests.id, candidacies.contestId))
    .where(eq(contests.electionId, id))
    .orderBy(asc(corrections.createdAt), asc(corrections.id))
    .all();

  return {
    election: {
      id: election.id,
      name: election.name,
      date: election.date,
      jurisdiction: election.jurisdiction,
      kind: election.kind,
      sourceUrl: election.sourceUrl,
    },
    contests: contestRows.map((c) => ({
      ...c,
      candidacies: candidacyRows
        .filter((r) => r.contestId === c.id)
        .map((r) => ({
          ...r,
          endorsed: Boolean(r.endorsed),
          archived: Boolean(r.archived),
          corrections: correctionRows
            .filter((x) => x.candidacyId === r.id)
            .map((x) => ({ id: x.id, text: x.text, day: dayInZone(x.createdAt, timeZone) })),
        })),
    })),
  };
}
