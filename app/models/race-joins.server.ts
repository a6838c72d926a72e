/**
 * The join chains from an endorsement or a contest to the race it is about, written once. Each
 * helper starts a select with the caller's fields; the caller adds its own joins, filters and
 * order. A field from a left-joined table is null where the row has no such link (an endorsement
 * not tied to a contest yet, a contest that is no runoff), and the result types say so.
 */
import type { RunResult } from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { alias, type SelectedFields, type SQLiteSelectBase } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client";
import { candidacies, contests, elections, endorsements, governingBodies, seats } from "#db/schema";

// A database or a transaction (models take DbOrTx): only `select` is used.
type Selecting = Pick<Db, "select">;

/**
 * A select over `table` with these joins. TypeScript cannot follow drizzle's join types through a
 * generic selection, so the helpers state the type the chain has; the call sites check the rest.
 */
type JoinedSelect<
  S extends SelectedFields,
  Table extends string,
  Nullability extends Record<string, "not-null" | "nullable">,
> = SQLiteSelectBase<Table, "sync", RunResult, S, "partial", Nullability>;

/** A runoff's first round and the election it was held in (contests.firstRoundContestId). */
export const firstRound = alias(contests, "first_round");
export const firstRoundElection = alias(elections, "first_round_election");

/**
 * Endorsements with their race: contest, election, seat, governing body, and the endorsed
 * candidate's own candidacy in that contest (where the result is).
 */
export function selectEndorsementRaces<S extends SelectedFields>(
  database: Selecting,
  fields: S,
): JoinedSelect<
  S,
  "endorsements",
  {
    endorsements: "not-null";
    contests: "nullable";
    elections: "nullable";
    seats: "nullable";
    governing_bodies: "nullable";
    candidacies: "nullable";
  }
> {
  const query = database
    .select(fields as SelectedFields)
    .from(endorsements)
    .leftJoin(contests, eq(contests.id, endorsements.contestId))
    .leftJoin(elections, eq(elections.id, contests.electionId))
    .leftJoin(seats, eq(seats.id, contests.seatId))
    .leftJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .leftJoin(
      candidacies,
      and(eq(candidacies.contestId, endorsements.contestId), eq(candidacies.candidateId, endorsements.candidateId)),
    );
  return query as unknown as ReturnType<typeof selectEndorsementRaces<S>>;
}

/** Contests with their election, seat and governing body, and for a runoff its first round. */
export function selectContestPlaces<S extends SelectedFields>(
  database: Selecting,
  fields: S,
): JoinedSelect<
  S,
  "contests",
  {
    contests: "not-null";
    elections: "not-null";
    seats: "not-null";
    governing_bodies: "not-null";
    first_round: "nullable";
    first_round_election: "nullable";
  }
> {
  const query = database
    .select(fields as SelectedFields)
    .from(contests)
    .innerJoin(elections, eq(elections.id, contests.electionId))
    .innerJoin(seats, eq(seats.id, contests.seatId))
    .innerJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .leftJoin(firstRound, eq(firstRound.id, contests.firstRoundContestId))
    .leftJoin(firstRoundElection, eq(firstRoundElection.id, firstRound.electionId));
  return query as unknown as ReturnType<typeof selectContestPlaces<S>>;
}
