import { and, asc, count, eq, inArray, isNull, ne } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { contests, governingBodies, measures, seats, terms } from "#db/schema";
import { slugify } from "~/lib/slug";
import type { PassingRule } from "~/lib/tally";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";

export type Body = typeof governingBodies.$inferSelect;

export interface BodyInput {
  name: string;
  slug?: string | null;
  jurisdiction: string;
  seatCount: number;
  /** how a motion passes; a majority of those voting unless set */
  passingRule?: PassingRule;
}

export function listBodies(options: { includeArchived?: boolean } = {}, database: DbOrTx = db()) {
  return database
    .select()
    .from(governingBodies)
    .where(options.includeArchived ? undefined : isNull(governingBodies.archivedAt))
    .orderBy(asc(governingBodies.name))
    .all();
}

export function getBody(id: number, database: DbOrTx = db()): Body | undefined {
  return database.select().from(governingBodies).where(eq(governingBodies.id, id)).get();
}

function uniqueSlug(tx: Tx, wanted: string, exceptId?: number): string {
  const slug = slugify(wanted);
  if (!slug) throw new RuleViolation("Enter a name with at least one letter or digit.", "slug");
  const taken = tx
    .select({ id: governingBodies.id })
    .from(governingBodies)
    .where(and(eq(governingBodies.slug, slug), exceptId ? ne(governingBodies.id, exceptId) : undefined))
    .get();
  if (taken) throw new RuleViolation(`Another body already uses the address /bodies/${slug}.`, "slug");
  return slug;
}

function mustGet(tx: Tx, id: number): Body {
  const row = tx.select().from(governingBodies).where(eq(governingBodies.id, id)).get();
  if (!row) throw new RuleViolation("That body no longer exists.");
  return row;
}

/** Creates the body with its seats; seats are named "District 1…N" unless names are given. */
export function createBody(
  input: BodyInput & { seatNames?: string[] },
  actorId: number,
  database: DbOrTx = db(),
): Body {
  return auditedWrite(
    actorId,
    "body",
    "create",
    (tx) => {
      const row = tx
        .insert(governingBodies)
        .values({
          slug: uniqueSlug(tx, input.slug || input.name),
          name: input.name.trim(),
          jurisdiction: input.jurisdiction.trim(),
          seatCount: input.seatCount,
          passingRule: input.passingRule ?? "majority_of_voting",
        })
        .returning()
        .get();
      const names = input.seatNames?.length
        ? input.seatNames
        : Array.from({ length: input.seatCount }, (_, i) => `District ${i + 1}`);
      const created = names.map((name) => tx.insert(seats).values({ bodyId: row.id, name }).returning().get());
      return { entityId: row.id, after: { ...row, seats: created.map((s) => s.name) }, value: row };
    },
    database,
  );
}

export function updateBody(id: number, input: BodyInput, actorId: number, database: DbOrTx = db()): Body {
  return auditedWrite(
    actorId,
    "body",
    "update",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(governingBodies)
        .set({
          slug: uniqueSlug(tx, input.slug || input.name, id),
          name: input.name.trim(),
          jurisdiction: input.jurisdiction.trim(),
          seatCount: input.seatCount,
          passingRule: input.passingRule ?? before.passingRule,
        })
        .where(eq(governingBodies.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function setBodyArchived(id: number, archived: boolean, actorId: number, database: DbOrTx = db()): Body {
  return auditedWrite(
    actorId,
    "body",
    archived ? "archive" : "unarchive",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(governingBodies)
        .set({ archivedAt: archived ? new Date().toISOString() : null })
        .where(eq(governingBodies.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function deleteBody(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "body",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      const seatIds = tx
        .select({ id: seats.id })
        .from(seats)
        .where(eq(seats.bodyId, id))
        .all()
        .map((s) => s.id);
      const onSeats = (table: typeof contests | typeof terms) =>
        seatIds.length
          ? (tx.select({ n: count() }).from(table).where(inArray(table.seatId, seatIds)).get()?.n ?? 0)
          : 0;
      refuseIfReferenced(before.name, [
        [onSeats(contests), "contests"],
        [onSeats(terms), "terms"],
        [tx.select({ n: count() }).from(measures).where(eq(measures.bodyId, id)).get()?.n ?? 0, "measures"],
      ]);
      tx.delete(seats).where(eq(seats.bodyId, id)).run();
      tx.delete(governingBodies).where(eq(governingBodies.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}

/** The admin page of a body: the body and all its seats, archived ones included. */
export function getBodyForAdmin(id: number, database: DbOrTx = db()) {
  const body = getBody(id, database);
  if (!body) return null;
  const bodySeats = database.select().from(seats).where(eq(seats.bodyId, id)).orderBy(asc(seats.name)).all();
  return { body, seats: bodySeats };
}
