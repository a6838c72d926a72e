/**
 * The staff view of the outbox: what was sent, what waits, what failed and why; a failed email
 * can be tried again, and held emails (kept while no provider key was set) can be released.
 */
import { and, count, desc, eq, like, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { type EMAIL_LISTS, emailOutbox, OUTBOX_STATUSES } from "#db/schema";
import { EMAILS, isTemplateName, TEMPLATE_NAMES, type TemplateName } from "#emails/index";
import { renderEmail } from "#emails/render";
import { renderOutboxMessage, brandFrom, unsubscribeLinks, type OutboxMessage } from "~/lib/outbox-render.server";
import { recordAudit } from "./audit.server";
import { newSendId } from "./outbox-delivery.server";
import { getSettings } from "./settings.server";

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxFilters {
  status?: OutboxStatus | null;
  template?: string | null;
  list?: (typeof EMAIL_LISTS)[number] | "none" | null;
  /** Part of the recipient's address. */
  q?: string | null;
  page?: number;
}

export function listOutbox(filters: OutboxFilters, database: DbOrTx = db()) {
  const where: SQL[] = [];
  if (filters.status) where.push(eq(emailOutbox.status, filters.status));
  if (filters.template) where.push(eq(emailOutbox.template, filters.template));
  if (filters.list === "none") where.push(sql`${emailOutbox.list} is null`);
  else if (filters.list) where.push(eq(emailOutbox.list, filters.list));
  if (filters.q) where.push(like(emailOutbox.toEmail, `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const condition = where.length ? and(...where) : undefined;
  const page = Math.max(1, filters.page ?? 1);
  const rows = database
    .select({
      id: emailOutbox.id,
      template: emailOutbox.template,
      toEmail: emailOutbox.toEmail,
      list: emailOutbox.list,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      lastEvent: emailOutbox.lastEvent,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(condition)
    .orderBy(desc(emailOutbox.id))
    .limit(OUTBOX_PAGE_SIZE + 1)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const row of database
    .select({ status: emailOutbox.status, n: count() })
    .from(emailOutbox)
    .groupBy(emailOutbox.status)
    .all()) {
    counts[row.status] = row.n;
  }
  return { rows: rows.slice(0, OUTBOX_PAGE_SIZE), page, hasMore: rows.length > OUTBOX_PAGE_SIZE, counts };
}

export type OutboxEmailView = {
  row: typeof emailOutbox.$inferSelect;
  message: OutboxMessage | null;
  renderError: string | null;
};

/** One email as its recipient gets it (or would get it, while held). */
export async function getOutboxEmail(id: number, database: DbOrTx = db()): Promise<OutboxEmailView | null> {
  const row = database.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();
  if (!row) return null;
  try {
    return { row, message: await renderOutboxMessage(row, getSettings(database)), renderError: null };
  } catch (error) {
    return { row, message: null, renderError: (error as Error).message };
  }
}

type OutboxRow = typeof emailOutbox.$inferSelect;

/** The row's state for a new try: due now, as a new request (list mail joins a new batch). */
function retryValues(row: OutboxRow) {
  return {
    status: "queued" as const,
    attempts: 0,
    nextAttemptAt: new Date().toISOString(),
    claimToken: null,
    claimedAt: null,
    batchKey: null,
    // The message and the send id stay, so that an email the provider did accept is recognised
    // by its key, except after `email.failed`: Resend accepted it and then gave up, and only a
    // new key makes it try again.
    ...(row.lastEvent === "failed" ? { sendId: newSendId() } : {}),
    lastEvent: row.lastEvent === "skipped" ? null : row.lastEvent,
  };
}

/** Puts a failed email back in the queue as a new request (a fresh key group for list mail). */
export function retryOutboxEmail(id: number, staffUserId: number, database: DbOrTx = db()): boolean {
  return writeTransaction(database, (tx) => {
    const row = tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get();
    if (!row || row.status !== "failed") return false;
    tx.update(emailOutbox).set(retryValues(row)).where(eq(emailOutbox.id, id)).run();
    recordAudit(
      {
        staffUserId,
        entity: "email_outbox",
        entityId: id,
        action: "retry",
        before: { status: row.status, lastError: row.lastError },
        after: { status: "queued" },
      },
      tx,
    );
    return true;
  });
}

/**
 * Every failed email back in the queue at once (after fixing what failed them), in one audited
 * staff action. Emails not sent on purpose (unsubscribed, suppressed) are left alone: they would
 * only be skipped again.
 */
export function retryAllFailed(staffUserId: number, database: DbOrTx = db()): number {
  return writeTransaction(database, (tx) => {
    const failed = tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "failed"), sql`coalesce(${emailOutbox.lastEvent}, '') <> 'skipped'`))
      .all();
    for (const row of failed) tx.update(emailOutbox).set(retryValues(row)).where(eq(emailOutbox.id, row.id)).run();
    if (failed.length > 0) {
      recordAudit(
        {
          staffUserId,
          entity: "email_outbox",
          entityId: null,
          action: "retry_all_failed",
          after: { retried: failed.length, ids: failed.map((r) => r.id) },
        },
        tx,
      );
    }
    return failed.length;
  });
}

/** Once a provider key is configured, staff decide when the emails kept meanwhile go out. */
export function releaseHeldEmails(staffUserId: number, database: DbOrTx = db()): number {
  return writeTransaction(database, (tx) => {
    const changes = tx
      .update(emailOutbox)
      .set({ status: "queued", nextAttemptAt: new Date().toISOString() })
      .where(eq(emailOutbox.status, "held"))
      .run().changes;
    if (changes > 0) {
      recordAudit(
        { staffUserId, entity: "email_outbox", entityId: null, action: "release_held", after: { released: changes } },
        tx,
      );
    }
    return changes;
  });
}

export const isTemplate = isTemplateName;

/** Every template name, for the outbox filter and the list of previews. */
export function templateNames(): TemplateName[] {
  return [...TEMPLATE_NAMES];
}

/** A template rendered with its demo props; list mail gets a sample unsubscribe link. */
export async function previewTemplate(name: TemplateName, database: DbOrTx = db()) {
  const settings = getSettings(database);
  const links = unsubscribeLinks("preview");
  const definition = EMAILS[name];
  const list = "listMail" in definition && definition.listMail === true;
  const rendered = await renderEmail(name, definition.previewProps, {
    brand: brandFrom(settings),
    timeZone: settings.timeZone,
    unsubscribeUrl: list ? links.unsubscribeUrl : null,
    preferencesUrl: list ? links.preferencesUrl : null,
  });
  return { name, from: settings.fromEmail, ...rendered };
}
