import { and, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import {
  candidates,
  issueTags,
  measures,
  updateCandidates,
  updateMeasures,
  updates,
  updateTags,
  type UPDATE_VISIBILITIES,
} from "#db/schema";
import { slugify } from "~/lib/slug";
import { recordAudit } from "./audit.server";

export type Update = typeof updates.$inferSelect;
export type UpdateVisibility = (typeof UPDATE_VISIBILITIES)[number];

/** Listed on /updates and in the RSS feed: public and already published. */
function listedCondition(now: string) {
  return and(eq(updates.visibility, "public"), isNotNull(updates.publishedAt), lte(updates.publishedAt, now));
}

export function listPublishedUpdates(options: { limit?: number; offset?: number } = {}, database: DbOrTx = db()) {
  const now = new Date().toISOString();
  return database
    .select({
      id: updates.id,
      slug: updates.slug,
      title: updates.title,
      summary: updates.summary,
      bodyMarkdown: updates.bodyMarkdown,
      publishedAt: updates.publishedAt,
      updatedAt: updates.updatedAt,
    })
    .from(updates)
    .where(listedCondition(now))
    .orderBy(desc(updates.publishedAt))
    .limit(options.limit ?? 20)
    .offset(options.offset ?? 0)
    .all();
}

/**
 * One update with what it cites. Drafts are never shown; "members" updates are reachable by
 * their link (the email sends it) but not listed.
 */
export function getPublishedUpdate(slug: string, database: DbOrTx = db()) {
  const now = new Date().toISOString();
  const update = database
    .select()
    .from(updates)
    .where(
      and(
        eq(updates.slug, slug),
        inArray(updates.visibility, ["public", "members"]),
        isNotNull(updates.publishedAt),
        lte(updates.publishedAt, now),
      ),
    )
    .get();
  if (!update) return null;
  return { update, ...getUpdateLinks(update.id, database) };
}

export function getUpdateLinks(updateId: number, database: DbOrTx = db()) {
  const linkedCandidates = database
    .select({ id: candidates.id, slug: candidates.slug, displayName: candidates.displayName })
    .from(updateCandidates)
    .innerJoin(candidates, eq(candidates.id, updateCandidates.candidateId))
    .where(eq(updateCandidates.updateId, updateId))
    .orderBy(candidates.displayName)
    .all();
  const linkedMeasures = database
    .select({ id: measures.id, title: measures.title })
    .from(updateMeasures)
    .innerJoin(measures, eq(measures.id, updateMeasures.measureId))
    .where(eq(updateMeasures.updateId, updateId))
    .orderBy(measures.id)
    .all();
  const tags = database
    .select({ id: issueTags.id, slug: issueTags.slug, name: issueTags.name })
    .from(updateTags)
    .innerJoin(issueTags, eq(issueTags.id, updateTags.issueTagId))
    .where(eq(updateTags.updateId, updateId))
    .orderBy(issueTags.name)
    .all();
  return { candidates: linkedCandidates, measures: linkedMeasures, tags };
}

export function listAllUpdates(database: DbOrTx = db()) {
  return database
    .select({
      id: updates.id,
      slug: updates.slug,
      title: updates.title,
      visibility: updates.visibility,
      publishedAt: updates.publishedAt,
      updatedAt: updates.updatedAt,
    })
    .from(updates)
    .orderBy(sql`${updates.publishedAt} is null desc`, desc(updates.publishedAt), desc(updates.id))
    .all();
}

export function getUpdate(id: number, database: DbOrTx = db()) {
  return database.select().from(updates).where(eq(updates.id, id)).get() ?? null;
}

export interface UpdateInput {
  title: string;
  summary: string;
  bodyMarkdown: string;
  candidateIds: number[];
  measureIds: number[];
  tagIds: number[];
}

function uniqueSlug(title: string, database: DbOrTx, exceptId?: number): string {
  const base = slugify(title) || "update";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = database.select({ id: updates.id }).from(updates).where(eq(updates.slug, slug)).get();
    if (!taken || taken.id === exceptId) return slug;
  }
}

function replaceLinks(updateId: number, input: UpdateInput, tx: DbOrTx) {
  tx.delete(updateCandidates).where(eq(updateCandidates.updateId, updateId)).run();
  tx.delete(updateMeasures).where(eq(updateMeasures.updateId, updateId)).run();
  tx.delete(updateTags).where(eq(updateTags.updateId, updateId)).run();
  for (const candidateId of new Set(input.candidateIds))
    tx.insert(updateCandidates).values({ updateId, candidateId }).run();
  for (const measureId of new Set(input.measureIds)) tx.insert(updateMeasures).values({ updateId, measureId }).run();
  for (const issueTagId of new Set(input.tagIds)) tx.insert(updateTags).values({ updateId, issueTagId }).run();
}

export function createUpdate(input: UpdateInput, staffUserId: number, database = db()): Update {
  return writeTransaction(database, (tx) => {
    const row = tx
      .insert(updates)
      .values({
        slug: uniqueSlug(input.title, tx),
        title: input.title,
        summary: input.summary,
        bodyMarkdown: input.bodyMarkdown,
        visibility: "draft",
      })
      .returning()
      .get();
    replaceLinks(row.id, input, tx);
    recordAudit(
      { staffUserId, entity: "update", entityId: row.id, action: "create", after: { ...row, links: input } },
      tx,
    );
    return row;
  });
}

export function editUpdate(id: number, input: UpdateInput, staffUserId: number, database = db()): Update | null {
  return writeTransaction(database, (tx) => {
    const before = getUpdate(id, tx);
    if (!before) return null;
    const row = tx
      .update(updates)
      .set({
        title: input.title,
        summary: input.summary,
        bodyMarkdown: input.bodyMarkdown,
        // The URL of a published update is in people's inboxes and feeds: it never changes.
        slug: before.publishedAt ? before.slug : uniqueSlug(input.title, tx, id),
        updatedAt: new Date().toISOString(),
      })
      .where(eq(updates.id, id))
      .returning()
      .get();
    replaceLinks(id, input, tx);
    recordAudit(
      { staffUserId, entity: "update", entityId: id, action: "edit", before, after: { ...row, links: input } },
      tx,
    );
    return row;
  });
}

/** Publishes (public or members-only) or takes back to draft; the first publication date is kept. */
export function setUpdateVisibility(id: number, visibility: UpdateVisibility, staffUserId: number, database = db()) {
  return writeTransaction(database, (tx) => {
    const before = getUpdate(id, tx);
    if (!before) return null;
    const now = new Date().toISOString();
    const row = tx
      .update(updates)
      .set({
        visibility,
        publishedAt: visibility === "draft" ? before.publishedAt : (before.publishedAt ?? now),
        updatedAt: now,
      })
      .where(eq(updates.id, id))
      .returning()
      .get();
    recordAudit(
      { staffUserId, entity: "update", entityId: id, action: `visibility:${visibility}`, before, after: row },
      tx,
    );
    return row;
  });
}

export function listLinkOptions(database: DbOrTx = db()) {
  return {
    candidates: database
      .select({ id: candidates.id, label: candidates.displayName })
      .from(candidates)
      .where(sql`${candidates.archivedAt} is null`)
      .orderBy(candidates.displayName)
      .limit(500)
      .all(),
    measures: database
      .select({ id: measures.id, label: measures.title })
      .from(measures)
      .where(sql`${measures.archivedAt} is null`)
      .orderBy(desc(measures.id))
      .limit(500)
      .all(),
    tags: database.select({ id: issueTags.id, label: issueTags.name }).from(issueTags).orderBy(issueTags.name).all(),
  };
}
