import { asc, count, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { governingBodies, measures, type MEASURE_KINDS, type PAC_POSITIONS, voteEvents } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";
import { EMPTY_TALLY } from "~/lib/tally";
import { listBodies } from "./bodies.server";
import { membersOn } from "./terms.server";
import { talliesFor } from "./vote-tally.server";

export type Measure = typeof measures.$inferSelect;

export interface MeasureInput {
  bodyId: number;
  title: string;
  summary?: string;
  kind: (typeof MEASURE_KINDS)[number];
  sourceUrl?: string | null;
  pacPosition: (typeof PAC_POSITIONS)[number];
  introducedOn?: string | null;
}

export function listMeasures(options: { includeArchived?: boolean } = {}, database: DbOrTx = db()) {
  return database
    .select({
      id: measures.id,
      title: measures.title,
      pacPosition: measures.pacPosition,
      introducedOn: measures.introducedOn,
      archivedAt: measures.archivedAt,
      bodyName: governingBodies.name,
    })
    .from(measures)
    .innerJoin(governingBodies, eq(governingBodies.id, measures.bodyId))
    .where(options.includeArchived ? undefined : isNull(measures.archivedAt))
    .orderBy(desc(measures.introducedOn), asc(measures.title))
    .all();
}

export function getMeasure(id: number, database: DbOrTx = db()): Measure | undefined {
  return database.select().from(measures).where(eq(measures.id, id)).get();
}

function checkBody(tx: Tx, bodyId: number) {
  if (!tx.select({ id: governingBodies.id }).from(governingBodies).where(eq(governingBodies.id, bodyId)).get()) {
    throw new RuleViolation("Choose a body.", "bodyId");
  }
}

function values(input: MeasureInput) {
  return {
    bodyId: input.bodyId,
    title: input.title.trim(),
    summary: input.summary?.trim() ?? "",
    kind: input.kind,
    sourceUrl: input.sourceUrl?.trim() || null,
    pacPosition: input.pacPosition,
    introducedOn: input.introducedOn || null,
  };
}

export function createMeasure(input: MeasureInput, actorId: number, database: DbOrTx = db()): Measure {
  return auditedWrite(
    actorId,
    "measure",
    "create",
    (tx) => {
      checkBody(tx, input.bodyId);
      const row = tx.insert(measures).values(values(input)).returning().get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

function mustGet(tx: Tx, id: number): Measure {
  const row = tx.select().from(measures).where(eq(measures.id, id)).get();
  if (!row) throw new RuleViolation("That measure no longer exists.");
  return row;
}

function eventCount(tx: Tx, id: number): number {
  return tx.select({ n: count() }).from(voteEvents).where(eq(voteEvents.measureId, id)).get()?.n ?? 0;
}

export function updateMeasure(id: number, input: MeasureInput, actorId: number, database: DbOrTx = db()): Measure {
  return auditedWrite(
    actorId,
    "measure",
    "update",
    (tx) => {
      const before = mustGet(tx, id);
      checkBody(tx, input.bodyId);
      // Votes were checked against the members of the original body.
      if (before.bodyId !== input.bodyId && eventCount(tx, id) > 0) {
        throw new RuleViolation("Votes were recorded on this measure, so its body cannot change.", "bodyId");
      }
      const after = tx.update(measures).set(values(input)).where(eq(measures.id, id)).returning().get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function setMeasureArchived(id: number, archived: boolean, actorId: number, database: DbOrTx = db()): Measure {
  return auditedWrite(
    actorId,
    "measure",
    archived ? "archive" : "unarchive",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(measures)
        .set({ archivedAt: archived ? new Date().toISOString() : null })
        .where(eq(measures.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function deleteMeasure(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "measure",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      refuseIfReferenced(`"${before.title}"`, [[eventCount(tx, id), "vote events"]]);
      tx.delete(measures).where(eq(measures.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}

/** The admin page of a measure: the measure, its vote events with their tallies, and the bodies. */
export function getMeasureAdminPage(id: number, database: DbOrTx = db()) {
  const measure = getMeasure(id, database);
  if (!measure) return null;
  const events = database
    .select()
    .from(voteEvents)
    .where(eq(voteEvents.measureId, id))
    .orderBy(desc(voteEvents.date))
    .all();
  const tallies = talliesFor(
    events.map((e) => e.id),
    database,
  );
  return {
    measure,
    voteEvents: events.map((e) => ({ ...e, tally: tallies.get(e.id) ?? EMPTY_TALLY })),
    bodies: listBodies({}, database),
  };
}

/** The roll-call screen: the measure and the members holding a seat on its body on `day`. */
export function getRollCallSheet(id: number, day: string | null, database: DbOrTx = db()) {
  const measure = database
    .select({ id: measures.id, title: measures.title, bodyId: measures.bodyId, bodyName: governingBodies.name })
    .from(measures)
    .innerJoin(governingBodies, eq(governingBodies.id, measures.bodyId))
    .where(eq(measures.id, id))
    .get();
  if (!measure) return null;
  return { measure, day, members: day ? membersOn(measure.bodyId, day, database) : [] };
}
