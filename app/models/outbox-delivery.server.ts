/**
 * The outbox's delivery states (DESIGN §3): claim due rows, then mark them sent, due again or
 * failed. A claim is one write transaction, so two senders (threads, processes) never hold the
 * same row; every mark names the claim it finishes, so a sender whose claim was taken over
 * cannot overwrite the newer state.
 *
 * A claim groups rows into units, each sent in one request: a transactional email alone (sent
 * with its row's idempotency key), list mail in batches of up to 100 (sent with the batch's claim
 * token as key). A unit keeps its token and its members across retries and crash recovery, so a
 * resent request carries the same key and the provider drops the duplicate.
 */
import crypto from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { emailOutbox } from "#db/schema";

export type OutboxRow = typeof emailOutbox.$inferSelect;

export interface SendUnit {
  token: string;
  rows: OutboxRow[];
  batch: boolean;
  /** False when these rows were sent (or tried) before under this token. */
  fresh: boolean;
}

export interface ClaimOptions {
  now: Date;
  /** Most transactional rows in this claim. */
  transactionalLimit: number;
  /** Most list batches in this claim. */
  batchLimit: number;
  batchSize: number;
  /** A `sending` row older than this belongs to a sender that died; it is claimed again. */
  leaseMs: number;
  /** Most units in all. */
  maxUnits?: number;
}

const CHUNK = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function setClaim(tx: DbOrTx, ids: number[], token: string, claimedAt: string) {
  for (const part of chunks(ids, CHUNK)) {
    tx.update(emailOutbox)
      .set({ status: "sending", claimToken: token, claimedAt, attempts: sql`${emailOutbox.attempts} + 1` })
      .where(inArray(emailOutbox.id, part))
      .run();
  }
}

/** The rows as the claim left them, without reading them again. */
function claimedCopies(rows: OutboxRow[], token: string, claimedAt: string): OutboxRow[] {
  return rows.map((r) => ({ ...r, status: "sending", claimToken: token, claimedAt, attempts: r.attempts + 1 }));
}

function groupByToken(rows: OutboxRow[]): Map<string, OutboxRow[]> {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const list = groups.get(row.claimToken!) ?? [];
    list.push(row);
    groups.set(row.claimToken!, list);
  }
  return groups;
}

/** Claims what is due now, oldest first, transactional mail before list mail. */
export function claimDueEmails(options: ClaimOptions, database: DbOrTx = db()): SendUnit[] {
  const nowIso = options.now.toISOString();
  const staleBefore = new Date(options.now.getTime() - options.leaseMs).toISOString();
  return database.transaction(
    (tx) => {
      const units: SendUnit[] = [];

      // Rows of a sender that stopped between claim and mark: same units, same keys.
      const staleTokens = tx
        .selectDistinct({ token: emailOutbox.claimToken })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, "sending"), lt(emailOutbox.claimedAt, staleBefore)))
        .limit(Math.min(options.transactionalLimit + options.batchLimit, options.maxUnits ?? Infinity))
        .all()
        .map((r) => r.token!);
      const stale = staleTokens.length
        ? tx
            .select()
            .from(emailOutbox)
            .where(and(eq(emailOutbox.status, "sending"), inArray(emailOutbox.claimToken, staleTokens)))
            .orderBy(asc(emailOutbox.id))
            .all()
        : [];
      for (const [token, rows] of groupByToken(stale)) {
        setClaim(tx, rows.map((r) => r.id), token, nowIso);
        units.push({ token, rows: claimedCopies(rows, token, nowIso), batch: rows[0].list != null, fresh: false });
      }

      const transactional = tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, nowIso), isNull(emailOutbox.list)))
        .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
        .limit(Math.max(0, Math.min(options.transactionalLimit, (options.maxUnits ?? Infinity) - units.length)))
        .all();
      for (const row of transactional) {
        const token = row.claimToken ?? crypto.randomUUID();
        setClaim(tx, [row.id], token, nowIso);
        units.push({ token, rows: claimedCopies([row], token, nowIso), batch: false, fresh: row.claimToken == null });
      }

      const listRows = tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, nowIso), isNotNull(emailOutbox.list)))
        .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
        .limit(Math.max(0, Math.min(options.batchLimit, (options.maxUnits ?? Infinity) - units.length)) * options.batchSize)
        .all();
      const retried = listRows.filter((r) => r.claimToken != null);
      const fresh = listRows.filter((r) => r.claimToken == null);
      for (const [token, rows] of groupByToken(retried)) {
        setClaim(tx, rows.map((r) => r.id), token, nowIso);
        units.push({ token, rows: claimedCopies(rows, token, nowIso), batch: true, fresh: false });
      }
      const byList = new Map<string, OutboxRow[]>();
      for (const row of fresh) {
        const rows = byList.get(row.list!) ?? [];
        rows.push(row);
        byList.set(row.list!, rows);
      }
      for (const part of [...byList.values()].flatMap((rows) => chunks(rows, options.batchSize))) {
        const token = crypto.randomUUID();
        setClaim(tx, part.map((r) => r.id), token, nowIso);
        units.push({ token, rows: claimedCopies(part, token, nowIso), batch: true, fresh: true });
      }
      return units;
    },
    { behavior: "immediate" },
  );
}

function claimed(ids: number[], token: string) {
  return and(inArray(emailOutbox.id, ids), eq(emailOutbox.status, "sending"), eq(emailOutbox.claimToken, token));
}

export function markEmailsSent(
  token: string,
  sent: Array<{ id: number; providerMessageId: string }>,
  now: Date,
  database: DbOrTx = db(),
): void {
  const sentAt = now.toISOString();
  database.transaction((tx) => {
    // One prepared statement for the whole batch: list mail marks 100 rows per request.
    const mark = tx
      .update(emailOutbox)
      .set({ status: "sent", providerMessageId: sql`${sql.placeholder("providerMessageId")}`, sentAt, lastError: null, claimedAt: null })
      .where(and(eq(emailOutbox.id, sql.placeholder("id")), eq(emailOutbox.status, "sending"), eq(emailOutbox.claimToken, token)))
      .prepare();
    for (const { id, providerMessageId } of sent) mark.run({ id, providerMessageId });
  });
}

/** Due again later; the token stays so that the retry is the same request to the provider. */
export function markEmailsForRetry(ids: number[], token: string, nextAttemptAt: Date, error: string, database: DbOrTx = db()): void {
  database
    .update(emailOutbox)
    .set({ status: "queued", nextAttemptAt: nextAttemptAt.toISOString(), lastError: error, claimedAt: null })
    .where(claimed(ids, token))
    .run();
}

export function markEmailsFailed(ids: number[], token: string, error: string, database: DbOrTx = db()): void {
  database
    .update(emailOutbox)
    .set({ status: "failed", lastError: error, claimedAt: null })
    .where(claimed(ids, token))
    .run();
}

/** List mail whose recipient unsubscribed or was suppressed after it was enqueued. */
export function markEmailSkipped(id: number, token: string, reason: string, now: Date, database: DbOrTx = db()): void {
  database
    .update(emailOutbox)
    .set({ status: "failed", lastError: `Not sent: ${reason}`, lastEvent: "skipped", lastEventAt: now.toISOString(), claimedAt: null })
    .where(claimed([id], token))
    .run();
}

/** Without a provider key nothing can be sent: due rows wait as `held` for staff to read. */
export function holdDueEmails(now: Date, database: DbOrTx = db()): number {
  return database
    .update(emailOutbox)
    .set({ status: "held" })
    .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, now.toISOString())))
    .run().changes;
}
