import { count, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { candidacies, contests, elections, type ELECTION_KINDS, governingBodies, seats } from "#db/schema";
import { listSeatChoices } from "./seats.server";
import { listContestChoices } from "./contests.server";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";
import { selectContestPlaces } from "./race-joins.server";

export type Election = typeof elections.$inferSelect;

export interface ElectionInput {
  name: string;
  date: string;
  jurisdiction: string;
  kind: (typeof ELECTION_KINDS)[number];
}

export function listElections(options: { includeArchived?: boolean } = {}, database: DbOrTx = db()) {
  return database
    .select()
    .from(elections)
    .where(options.includeArchived ? undefined : isNull(elections.archivedAt))
    .orderBy(desc(elections.date), elections.name)
    .all();
}

export function getElection(id: number, database: DbOrTx = db()): Election | undefined {
  return database.select().from(elections).where(eq(elections.id, id)).get();
}

function mustGet(tx: Tx, id: number): Election {
  const row = tx.select().from(elections).where(eq(elections.id, id)).get();
  if (!row) throw new RuleViolation("That election no longer exists.");
  return row;
}

export function createElection(input: ElectionInput, actorId: number, database: DbOrTx = db()): Election {
  return auditedWrite(
    actorId,
    "election",
    "create",
    (tx) => {
      const row = tx
        .insert(elections)
        .values({
          name: input.name.trim(),
          date: input.date,
          jurisdiction: input.jurisdiction.trim(),
          kind: input.kind,
        })
        .returning()
        .get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

export function updateElection(id: number, input: ElectionInput, actorId: number, database: DbOrTx = db()): Election {
  return auditedWrite(
    actorId,
    "election",
    "update",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(elections)
        .set({ name: input.name.trim(), date: input.date, jurisdiction: input.jurisdiction.trim(), kind: input.kind })
        .where(eq(elections.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function setElectionArchived(id: number, archived: boolean, actorId: number, database: DbOrTx = db()): Election {
  return auditedWrite(
    actorId,
    "election",
    archived ? "archive" : "unarchive",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(elections)
        .set({ archivedAt: archived ? new Date().toISOString() : null })
        .where(eq(elections.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function deleteElection(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "election",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      refuseIfReferenced(before.name, [
        [tx.select({ n: count() }).from(contests).where(eq(contests.electionId, id)).get()?.n ?? 0, "contests"],
      ]);
      tx.delete(elections).where(eq(elections.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}

/** The admin page of an election: its contests (with their candidate counts) and the seats to add one for. */
export function getElectionForAdmin(id: number, database: DbOrTx = db()) {
  const election = getElection(id, database);
  if (!election) return null;
  const contestRows = selectContestPlaces(database, {
    id: contests.id,
    seatsToFill: contests.seatsToFill,
    seatName: seats.name,
    bodyName: governingBodies.name,
    candidacyCount: sql<number>`(select count(*) from ${candidacies} where ${candidacies.contestId} = ${contests.id})`,
  })
    .where(eq(contests.electionId, id))
    .orderBy(governingBodies.name, seats.name)
    .all();
  return {
    election,
    contests: contestRows,
    seatChoices: listSeatChoices(database),
    firstRoundChoices: listContestChoices(database).filter((c) => c.electionDate < election.date),
  };
}
