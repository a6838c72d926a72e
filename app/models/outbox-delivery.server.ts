/**
 * The outbox's delivery states (DESIGN §3): claim due rows, then mark them sent, due again or
 * failed. A claim is one write transaction, so two senders (threads, processes) never hold the
 * same row; every mark names the claim it finishes, so a sender whose claim was taken over
 * cannot overwrite the newer state.
 *
 * A claim groups rows into units, each sent in one request: a transactional email alone (its
 * provider key is the row's business key plus the random `send_id` it got when enqueued), or up
 * to 100 list emails of one list (the provider key is their `batch_key`, given at their first
 * claim). A batch is always claimed whole, whatever the claim's limits, and keeps its key and
 * members through retries and crash recovery, so the provider sees the same key and body again
 * and drops the duplicate.
 */
import crypto from "node:crypto";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { emailOutbox } from "#db/schema";

export type OutboxRow = typeof emailOutbox.$inferSelect;

export interface SendUnit {
  /** This claim's token: every mark of these rows names it. */
  token: string;
  rows: OutboxRow[];
  batch: boolean;
  /** The Idempotency-Key of the unit's request. */
  providerKey: string;
  /** False when these rows were sent (or tried) before under this key. */
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
/** Resend keeps keys of at most 256 characters. */
const MAX_KEY = 256;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The provider key of a transactional row: its business key made unique by its send id. */
export function transactionalKey(row: Pick<OutboxRow, "idempotencyKey" | "sendId">): string {
  // Rows enqueued before send ids existed keep the key they were first sent with.
  const key = row.sendId ? `${row.idempotencyKey}/${row.sendId}` : row.idempotencyKey;
  return key.length <= MAX_KEY ? key : `sha256/${crypto.createHash("sha256").update(key).digest("hex")}`;
}

export function batchProviderKey(batchKey: string): string {
  return `batch-${batchKey}`;
}

export function newSendId(): string {
  return crypto.randomBytes(16).toString("hex");
}

function setClaim(tx: DbOrTx, ids: number[], token: string, claimedAt: string, batchKey: string | null = null) {
  for (const part of chunks(ids, CHUNK)) {
    tx.update(emailOutbox)
      .set({
        status: "sending",
        claimToken: token,
        claimedAt,
        attempts: sql`${emailOutbox.attempts} + 1`,
        ...(batchKey ? { batchKey } : {}),
      })
      .where(inArray(emailOutbox.id, part))
      .run();
  }
}

/** The rows as the claim left them, without reading them again. */
function claimedCopies(rows: OutboxRow[], token: string, claimedAt: string, batchKey?: string): OutboxRow[] {
  return rows.map((r) => ({
    ...r,
    status: "sending",
    claimToken: token,
    claimedAt,
    attempts: r.attempts + 1,
    batchKey: batchKey ?? r.batchKey,
  }));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}

/** Claims what is due now, oldest first, transactional mail before list mail. */
export function claimDueEmails(options: ClaimOptions, database: DbOrTx = db()): SendUnit[] {
  const nowIso = options.now.toISOString();
  const staleBefore = new Date(options.now.getTime() - options.leaseMs).toISOString();
  const maxUnits = options.maxUnits ?? Infinity;
  return writeTransaction(database, (tx) => {
    const units: SendUnit[] = [];
    const room = (limit: number) => Math.max(0, Math.min(limit, maxUnits - units.length));

    const addTransactional = (row: OutboxRow, fresh: boolean) => {
      const token = crypto.randomUUID();
      setClaim(tx, [row.id], token, nowIso);
      if (!row.sendId && row.attempts === 0 && row.renderedId == null) {
        // Enqueued before send ids existed and never tried: it can take one now.
        row = { ...row, sendId: newSendId() };
        tx.update(emailOutbox).set({ sendId: row.sendId }).where(eq(emailOutbox.id, row.id)).run();
      }
      units.push({
        token,
        rows: claimedCopies([row], token, nowIso),
        batch: false,
        providerKey: transactionalKey(row),
        fresh,
      });
    };
    const addBatch = (batchKey: string, rows: OutboxRow[], fresh: boolean) => {
      const token = crypto.randomUUID();
      setClaim(
        tx,
        rows.map((r) => r.id),
        token,
        nowIso,
        batchKey,
      );
      units.push({
        token,
        rows: claimedCopies(rows, token, nowIso, batchKey),
        batch: true,
        providerKey: batchProviderKey(batchKey),
        fresh,
      });
    };
    /** Every waiting or abandoned member of these batches, whatever the limits. */
    const wholeBatches = (keys: string[]) =>
      keys.length
        ? tx
            .select()
            .from(emailOutbox)
            .where(
              and(
                inArray(emailOutbox.batchKey, keys),
                or(eq(emailOutbox.status, "queued"), eq(emailOutbox.status, "sending")),
              ),
            )
            .orderBy(asc(emailOutbox.id))
            .all()
        : [];

    // Rows of a sender that stopped between claim and mark: same units, same keys.
    const stale = tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "sending"), lt(emailOutbox.claimedAt, staleBefore)))
      .orderBy(asc(emailOutbox.id))
      .limit(room(options.transactionalLimit + options.batchLimit) * options.batchSize)
      .all();
    const staleBatchKeys = [
      ...new Set(stale.filter((r) => r.list != null && r.batchKey).map((r) => r.batchKey!)),
    ].slice(0, room(options.batchLimit));
    for (const row of stale.filter((r) => r.list == null).slice(0, room(options.transactionalLimit)))
      addTransactional(row, false);
    for (const [key, rows] of groupBy(wholeBatches(staleBatchKeys), (r) => r.batchKey!)) addBatch(key, rows, false);
    // Rows claimed before batch keys existed were sent under their claim token.
    for (const [key, rows] of groupBy(
      stale.filter((r) => r.list != null && !r.batchKey),
      (r) => r.claimToken!,
    ))
      addBatch(key, rows, false);

    const transactional = tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, nowIso), isNull(emailOutbox.list)))
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
      .limit(room(options.transactionalLimit))
      .all();
    for (const row of transactional) addTransactional(row, row.attempts === 0 && row.renderedId == null);

    // List batches tried before go whole: their keys first, then all their rows. (`> ''` rather
    // than `is not null` lets SQLite walk the (status, batch_key) index instead of every due row
    // of a large mailing.)
    const retriedKeys = tx
      .selectDistinct({ key: emailOutbox.batchKey })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "queued"),
          gt(emailOutbox.batchKey, ""),
          lte(emailOutbox.nextAttemptAt, nowIso),
          isNotNull(emailOutbox.list),
        ),
      )
      .limit(room(options.batchLimit))
      .all()
      .map((r) => r.key!);
    for (const [key, rows] of groupBy(wholeBatches(retriedKeys), (r) => r.batchKey!)) addBatch(key, rows, false);

    const fresh = tx
      .select()
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "queued"),
          lte(emailOutbox.nextAttemptAt, nowIso),
          isNotNull(emailOutbox.list),
          isNull(emailOutbox.batchKey),
        ),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
      .limit(room(options.batchLimit) * options.batchSize)
      .all();
    for (const [key, rows] of groupBy(
      fresh.filter((r) => r.claimToken),
      (r) => r.claimToken!,
    ))
      addBatch(key, rows, false);
    const untried = fresh.filter((r) => !r.claimToken);
    for (const part of [...groupBy(untried, (r) => r.list!).values()].flatMap((rows) =>
      chunks(rows, options.batchSize),
    )) {
      addBatch(crypto.randomUUID(), part, true);
    }
    return units;
  });
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
  writeTransaction(database, (tx) => {
    // One prepared statement for the whole batch: list mail marks 100 rows per request.
    const mark = tx
      .update(emailOutbox)
      .set({
        status: "sent",
        providerMessageId: sql`${sql.placeholder("providerMessageId")}`,
        sentAt,
        lastError: null,
        claimedAt: null,
      })
      .where(
        and(
          eq(emailOutbox.id, sql.placeholder("id")),
          eq(emailOutbox.status, "sending"),
          eq(emailOutbox.claimToken, token),
        ),
      )
      .prepare();
    for (const { id, providerMessageId } of sent) mark.run({ id, providerMessageId });
  });
}

/**
 * The provider already accepted a request under this key (409 invalid_idempotent_request): the
 * email went out before, so it is done and is never sent again.
 */
export function markEmailsAcceptedEarlier(
  ids: number[],
  token: string,
  note: string,
  now: Date,
  database: DbOrTx = db(),
): void {
  database
    .update(emailOutbox)
    .set({
      status: "sent",
      sentAt: now.toISOString(),
      lastError: note,
      lastEvent: "accepted_earlier",
      lastEventAt: now.toISOString(),
      claimedAt: null,
    })
    .where(claimed(ids, token))
    .run();
}

/** Due again later; the keys stay so that the retry is the same request to the provider. */
export function markEmailsForRetry(
  ids: number[],
  token: string,
  nextAttemptAt: Date,
  error: string,
  database: DbOrTx = db(),
): void {
  database
    .update(emailOutbox)
    .set({ status: "queued", nextAttemptAt: nextAttemptAt.toISOString(), lastError: error, claimedAt: null })
    .where(claimed(ids, token))
    .run();
}

/**
 * Back to waiting without spending an attempt: the provider refused the account, a quota or the
 * rate, not these emails.
 */
export function markEmailsWaiting(
  ids: number[],
  token: string,
  nextAttemptAt: Date,
  note: string,
  options: { unfreeze?: boolean } = {},
  database: DbOrTx = db(),
): void {
  database
    .update(emailOutbox)
    .set({
      status: "queued",
      nextAttemptAt: nextAttemptAt.toISOString(),
      lastError: note,
      claimedAt: null,
      attempts: sql`max(0, ${emailOutbox.attempts} - 1)`,
      // The provider refused the request, so it accepted nothing under the key: the message may
      // be rendered again once the setup is fixed (a new From address). Should an earlier
      // attempt have been accepted after all, the new body gets a 409 and counts as sent.
      ...(options.unfreeze ? { renderedId: null, renderedToken: null } : {}),
    })
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
    .set({
      status: "failed",
      lastError: `Not sent: ${reason}`,
      lastEvent: "skipped",
      lastEventAt: now.toISOString(),
      claimedAt: null,
    })
    .where(claimed([id], token))
    .run();
}

/** Records the message a row was first rendered to, so that every retry sends the same bytes. */
export function freezeRendered(
  token: string,
  frozen: Array<{ id: number; renderedId: number; renderedToken: string | null }>,
  database: DbOrTx = db(),
): void {
  writeTransaction(database, (tx) => {
    const mark = tx
      .update(emailOutbox)
      .set({
        renderedId: sql`${sql.placeholder("renderedId")}`,
        renderedToken: sql`${sql.placeholder("renderedToken")}`,
      })
      .where(
        and(
          eq(emailOutbox.id, sql.placeholder("id")),
          eq(emailOutbox.status, "sending"),
          eq(emailOutbox.claimToken, token),
          isNull(emailOutbox.renderedId),
        ),
      )
      .prepare();
    for (const f of frozen) mark.run(f);
  });
}

/** Without a provider key nothing can be sent: due rows wait as `held` for staff to read. */
export function holdDueEmails(now: Date, database: DbOrTx = db()): number {
  return database
    .update(emailOutbox)
    .set({ status: "held" })
    .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, now.toISOString())))
    .run().changes;
}
