import { and, asc, eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contactTags, tags } from "#db/schema";
import { recordAudit } from "./audit.server";

export function normalizeTagName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, "-").slice(0, 40);
}

export function listAllTags(database: DbOrTx = db()) {
  return database.select().from(tags).orderBy(asc(tags.name)).all();
}

export function tagsOf(contactId: number, database: DbOrTx = db()) {
  return database
    .select({ id: tags.id, name: tags.name })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(eq(contactTags.contactId, contactId))
    .orderBy(asc(tags.name))
    .all();
}

/** The tag's id, creating it on first use. */
export function ensureTag(name: string, database: DbOrTx = db()): number {
  const normalized = normalizeTagName(name);
  database.insert(tags).values({ name: normalized }).onConflictDoNothing().run();
  return database.select({ id: tags.id }).from(tags).where(eq(tags.name, normalized)).get()!.id;
}

export function addTag(contactId: number, name: string, staffUserId: number | null, database: DbOrTx = db()): void {
  writeTransaction(database, (tx) => {
    const tagId = ensureTag(name, tx);
    const added = tx.insert(contactTags).values({ contactId, tagId }).onConflictDoNothing().returning().get();
    if (added && staffUserId !== null) {
      recordAudit(
        {
          staffUserId,
          entity: "contact",
          entityId: contactId,
          action: "tag_add",
          after: { tag: normalizeTagName(name) },
        },
        tx,
      );
    }
  });
}

export function removeTag(contactId: number, tagId: number, staffUserId: number, database: DbOrTx = db()): void {
  writeTransaction(database, (tx) => {
    const removed = tx
      .delete(contactTags)
      .where(and(eq(contactTags.contactId, contactId), eq(contactTags.tagId, tagId)))
      .returning()
      .get();
    if (removed)
      recordAudit({ staffUserId, entity: "contact", entityId: contactId, action: "tag_remove", before: { tagId } }, tx);
  });
}
