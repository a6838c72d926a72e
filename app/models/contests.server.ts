import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { candidacies, candidates, contests, elections, endorsements, governingBodies, seats, terms } from "#db/schema";
import { listCandidates } from "./candidates.server";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";
import { selectContestPlaces } from "./race-joins.server";

export type Contest = typeof contests.$inferSelect;

/** The contest with its election, seat and every candidacy: the results-entry screen. */
export function getContestForResults(id: number, database: DbOrTx = db()) {
  const contest = selectContestPlaces(database, {
    id: contests.id,
    seatsToFill: contests.seatsToFill,
    electionId: elections.id,
    electionName: elections.name,
    electionDate: elections.date,
    seatName: seats.name,
    bodyName: governingBodies.name,
  })
    .where(eq(contests.id, id))
    .get();
  if (!contest) return null;
  const rows = database
    .select({
      id: candidacies.id,
      candidateId: candidates.id,
      displayName: candidates.displayName,
      incumbent: candidacies.incumbent,
      votes: candidacies.votes,
      voteShareBp: candidacies.voteShareBp,
      outcome: candidacies.outcome,
      termId: sql<number | null>`(select ${terms.id} from ${terms} where ${terms.candidacyId} = ${candidacies.id})`,
      endorsementStatus: sql<
        string | null
      >`(select ${endorsements.status} from ${endorsements} where ${endorsements.contestId} = ${candidacies.contestId} and ${endorsements.candidateId} = ${candidacies.candidateId} order by ${endorsements.id} desc limit 1)`,
    })
    .from(candidacies)
    .innerJoin(candidates, eq(candidates.id, candidacies.candidateId))
    .where(eq(candidacies.contestId, id))
    .orderBy(asc(candidates.displayName))
    .all();
  return { contest, candidacies: rows, candidateChoices: listCandidates({}, database) };
}

export function createContest(
  input: { electionId: number; seatId: number; seatsToFill: number; firstRoundContestId?: number | null },
  actorId: number,
  database: DbOrTx = db(),
): Contest {
  return auditedWrite(
    actorId,
    "contest",
    "create",
    (tx) => {
      if (!tx.select({ id: elections.id }).from(elections).where(eq(elections.id, input.electionId)).get()) {
        throw new RuleViolation("That election no longer exists.");
      }
      if (!tx.select({ id: seats.id }).from(seats).where(eq(seats.id, input.seatId)).get()) {
        throw new RuleViolation("Choose a seat.", "seatId");
      }
      const dup = tx
        .select({ id: contests.id })
        .from(contests)
        .where(and(eq(contests.electionId, input.electionId), eq(contests.seatId, input.seatId)))
        .get();
      if (dup) throw new RuleViolation("This election already has a contest for that seat.", "seatId");
      if (input.firstRoundContestId) {
        // A runoff decides the same seat after an earlier round; its result resolves that round.
        const first = tx
          .select({ seatId: contests.seatId, date: elections.date })
          .from(contests)
          .innerJoin(elections, eq(elections.id, contests.electionId))
          .where(eq(contests.id, input.firstRoundContestId))
          .get();
        const thisElection = tx
          .select({ date: elections.date })
          .from(elections)
          .where(eq(elections.id, input.electionId))
          .get()!;
        if (!first || first.seatId !== input.seatId || first.date >= thisElection.date) {
          throw new RuleViolation("A runoff follows an earlier contest for the same seat.", "firstRoundContestId");
        }
      }
      const row = tx
        .insert(contests)
        .values({ ...input, firstRoundContestId: input.firstRoundContestId ?? null })
        .returning()
        .get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

function mustGet(tx: Tx, id: number): Contest {
  const row = tx.select().from(contests).where(eq(contests.id, id)).get();
  if (!row) throw new RuleViolation("That contest no longer exists.");
  return row;
}

export function deleteContest(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "contest",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      refuseIfReferenced("This contest", [
        [tx.select({ n: count() }).from(candidacies).where(eq(candidacies.contestId, id)).get()?.n ?? 0, "candidacies"],
        [
          tx.select({ n: count() }).from(endorsements).where(eq(endorsements.contestId, id)).get()?.n ?? 0,
          "endorsements",
        ],
      ]);
      tx.delete(contests).where(eq(contests.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}

/** Every contest of an open election, newest first, for the endorsement form's picker. */
export function listContestChoices(database: DbOrTx = db()) {
  return selectContestPlaces(database, {
    id: contests.id,
    electionName: elections.name,
    electionDate: elections.date,
    seatName: seats.name,
    bodyName: governingBodies.name,
  })
    .where(isNull(elections.archivedAt))
    .orderBy(desc(elections.date), asc(governingBodies.name), asc(seats.name))
    .all()
    .map((c) => ({
      id: c.id,
      electionDate: c.electionDate,
      label: `${c.electionName} (${c.electionDate}): ${c.bodyName}, ${c.seatName}`,
    }));
}
