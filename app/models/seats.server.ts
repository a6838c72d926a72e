import { and, asc, count, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { contests, governingBodies, seats, terms } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";

export type Seat = typeof seats.$inferSelect;

export function listSeats(
  bodyId: number,
  options: { includeArchived?: boolean } = {},
  database: DbOrTx = db(),
): Seat[] {
  return database
    .select()
    .from(seats)
    .where(and(eq(seats.bodyId, bodyId), options.includeArchived ? undefined : isNull(seats.archivedAt)))
    .orderBy(asc(seats.name))
    .all();
}

/** Every open seat with its body's name, for the pickers on contest and term forms. */
export function listSeatChoices(database: DbOrTx = db()) {
  return database
    .select({ id: seats.id, name: seats.name, bodyName: governingBodies.name })
    .from(seats)
    .innerJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .where(and(isNull(seats.archivedAt), isNull(governingBodies.archivedAt)))
    .orderBy(asc(governingBodies.name), asc(seats.name))
    .all()
    .map((s) => ({ id: s.id, label: `${s.bodyName}, ${s.name}` }));
}

function mustGet(tx: Tx, id: number): Seat {
  const row = tx.select().from(seats).where(eq(seats.id, id)).get();
  if (!row) throw new RuleViolation("That seat no longer exists.");
  return row;
}

function refuseDuplicateName(tx: Tx, bodyId: number, name: string, exceptId?: number) {
  const same = tx
    .select({ id: seats.id })
    .from(seats)
    .where(and(eq(seats.bodyId, bodyId), eq(seats.name, name)))
    .get();
  if (same && same.id !== exceptId) throw new RuleViolation(`This body already has a seat named "${name}".`, "name");
}

export function addSeat(bodyId: number, name: string, actorId: number, database: DbOrTx = db()): Seat {
  return auditedWrite(
    actorId,
    "seat",
    "create",
    (tx) => {
      if (!tx.select({ id: governingBodies.id }).from(governingBodies).where(eq(governingBodies.id, bodyId)).get()) {
        throw new RuleViolation("That body no longer exists.");
      }
      refuseDuplicateName(tx, bodyId, name.trim());
      const row = tx.insert(seats).values({ bodyId, name: name.trim() }).returning().get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

export function renameSeat(id: number, name: string, actorId: number, database: DbOrTx = db()): Seat {
  return auditedWrite(
    actorId,
    "seat",
    "update",
    (tx) => {
      const before = mustGet(tx, id);
      refuseDuplicateName(tx, before.bodyId, name.trim(), id);
      const after = tx.update(seats).set({ name: name.trim() }).where(eq(seats.id, id)).returning().get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function setSeatArchived(id: number, archived: boolean, actorId: number, database: DbOrTx = db()): Seat {
  return auditedWrite(
    actorId,
    "seat",
    archived ? "archive" : "unarchive",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(seats)
        .set({ archivedAt: archived ? new Date().toISOString() : null })
        .where(eq(seats.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function deleteSeat(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "seat",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      refuseIfReferenced(`The seat "${before.name}"`, [
        [tx.select({ n: count() }).from(contests).where(eq(contests.seatId, id)).get()?.n ?? 0, "contests"],
        [tx.select({ n: count() }).from(terms).where(eq(terms.seatId, id)).get()?.n ?? 0, "terms"],
      ]);
      tx.delete(seats).where(eq(seats.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}
