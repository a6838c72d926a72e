/**
 * The PAC's win rate, counted so that it cannot be cleaned after the fact:
 * - a race counts only if the PAC had endorsed before election day (a backdated decision carries
 *   its source; an endorsement made on or after election day is listed but not counted);
 * - once the election is decided the race stays counted, even if the endorsement is later
 *   rescinded, hidden from the public pages or its candidate archived; the page discloses those;
 * - an endorsement rescinded before election day does not count (the PAC withdrew in time);
 * - unopposed races are counted apart from contested ones;
 * - one endorsement per contest, so a primary, a general and a runoff are each a race; a first
 *   round that went to a runoff resolves with the runoff, and counts once when both were endorsed.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db, type DbOrTx } from "#db/client";
import { candidacies, candidates, contests, elections, endorsements, governingBodies, seats } from "#db/schema";
import { startOfDayUtc } from "~/lib/time-zone";
import type { Outcome } from "./contest-results.server";
import { selectEndorsementRaces } from "./race-joins.server";

export interface DisclosedRace {
  endorsementId: number;
  candidateName: string;
  office: string;
  electionName: string;
  outcome: "won" | "lost";
  /** why it is not in the public slate although it counts */
  rescindedAt: string | null;
  rescinded: boolean;
  hidden: boolean;
  archived: boolean;
}

export interface CycleWinRate {
  cycle: string;
  /** contested races won */
  won: number;
  /** contested races decided (won + lost) */
  contested: number;
  /** unopposed races won, counted apart */
  unopposed: number;
  /** counted races not decided yet (pending, or a runoff not yet recorded) */
  undecided: number;
  /** endorsements made on or after election day: listed, never counted */
  afterElection: number;
  disclosed: DisclosedRace[];
}

export type RaceCount =
  | { counted: false; why: "no_contest" | "after_election" | "withdrawn_before" | "counted_in_runoff" }
  | { counted: true; outcome: Outcome; unopposed: boolean };

export interface RaceFacts {
  status: "endorsed" | "rescinded" | string;
  decidedAt: string | null;
  rescindedAt: string | null;
  electionDate: string | null;
  outcome: Outcome | null;
  /** the candidate's result in the runoff this contest went to, if recorded */
  runoffOutcome: Outcome | null;
  /** the PAC also endorsed the candidate in that runoff */
  runoffEndorsed: boolean;
  fieldSize: number;
  seatsToFill: number;
}

/**
 * When election day begins on the PAC's calendar, per election day; a page asks for a few days
 * many times, so each is worked out once.
 */
export function electionDayStarts(timeZone: string): (day: string) => string {
  const starts = new Map<string, string>();
  return (day) => {
    let start = starts.get(day);
    if (!start) {
      start = startOfDayUtc(day, timeZone);
      starts.set(day, start);
    }
    return start;
  };
}

/**
 * Whether one endorsement counts in the win rate, and as what. "Before election day" is on the
 * PAC's calendar: an instant before midnight of election day where the PAC is.
 */
export function countRace(f: RaceFacts, dayStart: (day: string) => string): RaceCount {
  if (!f.electionDate) return { counted: false, why: "no_contest" };
  const electionStarts = dayStart(f.electionDate);
  if (!f.decidedAt || f.decidedAt >= electionStarts) return { counted: false, why: "after_election" };
  if (f.status === "rescinded" && f.rescindedAt && f.rescindedAt < electionStarts) {
    return { counted: false, why: "withdrawn_before" };
  }
  let outcome: Outcome = f.outcome ?? "pending";
  if (outcome === "runoff") {
    if (f.runoffEndorsed) return { counted: false, why: "counted_in_runoff" };
    outcome = f.runoffOutcome === "won" || f.runoffOutcome === "lost" ? f.runoffOutcome : "pending";
  }
  return { counted: true, outcome, unopposed: f.fieldSize > 0 && f.fieldSize <= f.seatsToFill };
}

const runoffContest = alias(contests, "runoff_contest");
const runoffCandidacy = alias(candidacies, "runoff_candidacy");
const runoffEndorsement = alias(endorsements, "runoff_endorsement");

/**
 * The facts `countRace` needs, with what the public slate shows, for endorsements chosen by
 * `where`; one query (an endorsement without a contest yet has null contest fields).
 */
export function raceFactsQuery(database: DbOrTx) {
  return selectEndorsementRaces(database, {
    endorsementId: endorsements.id,
    candidateId: endorsements.candidateId,
    candidateName: candidates.displayName,
    slug: candidates.slug,
    bodySlug: governingBodies.slug,
    electionId: elections.id,
    incumbent: candidacies.incumbent,
    candidateArchived: sql<number>`${candidates.archivedAt} is not null`,
    cycle: endorsements.cycle,
    status: endorsements.status,
    isPublic: endorsements.isPublic,
    decidedAt: endorsements.decidedAt,
    rescindedAt: endorsements.rescindedAt,
    electionName: elections.name,
    electionDate: elections.date,
    seatName: seats.name,
    bodyName: governingBodies.name,
    seatsToFill: contests.seatsToFill,
    outcome: candidacies.outcome,
    runoffOutcome: runoffCandidacy.outcome,
    runoffEndorsed: sql<number>`${runoffEndorsement.id} is not null`,
    fieldSize: sql<number>`(select count(*) from ${candidacies} as field where field.contest_id = ${contests.id})`,
  })
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .leftJoin(runoffContest, eq(runoffContest.firstRoundContestId, contests.id))
    .leftJoin(
      runoffCandidacy,
      and(eq(runoffCandidacy.contestId, runoffContest.id), eq(runoffCandidacy.candidateId, endorsements.candidateId)),
    )
    .leftJoin(
      runoffEndorsement,
      and(
        eq(runoffEndorsement.contestId, runoffContest.id),
        eq(runoffEndorsement.candidateId, endorsements.candidateId),
        inArray(runoffEndorsement.status, ["endorsed", "rescinded"]),
      ),
    );
}

export type FactsRow = Awaited<ReturnType<ReturnType<typeof raceFactsQuery>["all"]>>[number];

export function toFacts(r: FactsRow): RaceFacts {
  return { ...r, seatsToFill: r.seatsToFill ?? 1, runoffEndorsed: Boolean(r.runoffEndorsed) };
}

/** Every endorsement that is or was made, newest cycle first, with its race's facts; one query. */
export function listRaceFacts(database: DbOrTx = db()): FactsRow[] {
  return raceFactsQuery(database)
    .where(inArray(endorsements.status, ["endorsed", "rescinded"]))
    .orderBy(desc(endorsements.cycle), candidates.displayName, elections.date)
    .all();
}

/** The PAC's record per cycle, newest first: contested races won, unopposed apart, disclosures. */
export function winRateByCycle(timeZone: string, database: DbOrTx = db()): CycleWinRate[] {
  return winRateFromFacts(listRaceFacts(database), electionDayStarts(timeZone));
}

export function winRateFromFacts(rows: FactsRow[], dayStart: (day: string) => string): CycleWinRate[] {
  const byCycle = new Map<string, CycleWinRate>();
  for (const r of rows) {
    let rate = byCycle.get(r.cycle);
    if (!rate) {
      rate = { cycle: r.cycle, won: 0, contested: 0, unopposed: 0, undecided: 0, afterElection: 0, disclosed: [] };
      byCycle.set(r.cycle, rate);
    }
    const race = countRace(toFacts(r), dayStart);
    if (!race.counted) {
      if (race.why === "after_election" && r.status === "endorsed" && r.isPublic && !r.candidateArchived)
        rate.afterElection += 1;
      continue;
    }
    if (race.outcome !== "won" && race.outcome !== "lost") {
      rate.undecided += 1;
      continue;
    }
    if (race.unopposed && race.outcome === "won") rate.unopposed += 1;
    else {
      rate.contested += 1;
      if (race.outcome === "won") rate.won += 1;
    }
    const rescinded = r.status === "rescinded";
    if (rescinded || !r.isPublic || r.candidateArchived) {
      rate.disclosed.push({
        endorsementId: r.endorsementId,
        candidateName: r.candidateName,
        office: `${r.bodyName}, ${r.seatName}`,
        electionName: r.electionName ?? "",
        outcome: race.outcome,
        rescindedAt: r.rescindedAt,
        rescinded,
        hidden: !r.isPublic,
        archived: Boolean(r.candidateArchived),
      });
    }
  }
  return [...byCycle.values()];
}
