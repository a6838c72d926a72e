import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { candidacies, candidates, endorsements, terms } from "#db/schema";
import { slugify } from "~/lib/slug";
import { upsertContact } from "./contacts.server";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";

export type Candidate = typeof candidates.$inferSelect;

export interface CandidateInput {
  displayName: string;
  slug?: string | null;
  bio?: string | null;
  website?: string | null;
  email?: string | null;
}

export function listCandidates(options: { includeArchived?: boolean } = {}, database: DbOrTx = db()) {
  return database
    .select({
      id: candidates.id,
      slug: candidates.slug,
      displayName: candidates.displayName,
      archivedAt: candidates.archivedAt,
    })
    .from(candidates)
    .where(options.includeArchived ? undefined : isNull(candidates.archivedAt))
    .orderBy(asc(candidates.displayName))
    .all();
}

export function getCandidate(id: number, database: DbOrTx = db()): Candidate | undefined {
  return database.select().from(candidates).where(eq(candidates.id, id)).get();
}

function uniqueSlug(tx: Tx, wanted: string, exceptId?: number): string {
  const slug = slugify(wanted);
  if (!slug) throw new RuleViolation("Enter a name or web address with at least one letter or digit.", "slug");
  const taken = tx
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.slug, slug), exceptId ? ne(candidates.id, exceptId) : undefined))
    .get();
  if (taken) throw new RuleViolation(`Another candidate already uses the address /candidates/${slug}.`, "slug");
  return slug;
}

export function createCandidate(input: CandidateInput, actorId: number, database: DbOrTx = db()): Candidate {
  return auditedWrite(
    actorId,
    "candidate",
    "create",
    (tx) => {
      const slug = uniqueSlug(tx, input.slug || input.displayName);
      const [firstName, ...rest] = input.displayName.trim().split(/\s+/);
      const contact = upsertContact({ firstName, lastName: rest.join(" "), email: input.email || null }, tx);
      const row = tx
        .insert(candidates)
        .values({
          contactId: contact.id,
          slug,
          displayName: input.displayName.trim(),
          bio: input.bio?.trim() ?? "",
          website: input.website?.trim() || null,
        })
        .returning()
        .get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

function mustGet(tx: Tx, id: number): Candidate {
  const row = tx.select().from(candidates).where(eq(candidates.id, id)).get();
  if (!row) throw new RuleViolation("That candidate no longer exists.");
  return row;
}

export function updateCandidate(
  id: number,
  input: CandidateInput,
  actorId: number,
  database: DbOrTx = db(),
): Candidate {
  return auditedWrite(
    actorId,
    "candidate",
    "update",
    (tx) => {
      const before = mustGet(tx, id);
      const slug = uniqueSlug(tx, input.slug || input.displayName, id);
      const after = tx
        .update(candidates)
        .set({
          slug,
          displayName: input.displayName.trim(),
          bio: input.bio?.trim() ?? "",
          website: input.website?.trim() || null,
          updatedAt: new Date().toISOString(),
        })
        .where(eq(candidates.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function setCandidateArchived(
  id: number,
  archived: boolean,
  actorId: number,
  database: DbOrTx = db(),
): Candidate {
  return auditedWrite(
    actorId,
    "candidate",
    archived ? "archive" : "unarchive",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(candidates)
        .set({ archivedAt: archived ? new Date().toISOString() : null, updatedAt: new Date().toISOString() })
        .where(eq(candidates.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function setCandidatePhoto(
  id: number,
  photoPath: string | null,
  actorId: number,
  database: DbOrTx = db(),
): Candidate {
  return auditedWrite(
    actorId,
    "candidate",
    "photo",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(candidates)
        .set({ photoPath, updatedAt: new Date().toISOString() })
        .where(eq(candidates.id, id))
        .returning()
        .get();
      return { entityId: id, before: { photoPath: before.photoPath }, after: { photoPath }, value: after };
    },
    database,
  );
}

export function deleteCandidate(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "candidate",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      const n = (table: typeof candidacies | typeof endorsements | typeof terms) =>
        tx.select({ n: count() }).from(table).where(eq(table.candidateId, id)).get()?.n ?? 0;
      refuseIfReferenced(`${before.displayName}`, [
        [n(candidacies), "candidacies"],
        [n(endorsements), "endorsements"],
        [n(terms), "terms"],
      ]);
      tx.delete(candidates).where(eq(candidates.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}
