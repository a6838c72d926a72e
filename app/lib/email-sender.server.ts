/**
 * The outbox sender: claims due rows, renders them, sends them through Resend at a steady rate
 * with the idempotency key of their unit, and records the outcome. 429, 5xx and network errors
 * are retried with exponential backoff and jitter up to a limit, then the rows are `failed` with
 * the error for staff to read and retry. Without an API key it sends nothing and holds due rows.
 *
 * Safe against a crash at any point: a row is claimed before it is sent, and a claim that is
 * never marked is taken over after the lease and resent with the same key, which the provider
 * deduplicates.
 */
import { Resend, type CreateEmailOptions } from "resend";
import { db, type Db } from "#db/client";
import { getSettings } from "~/models/settings.server";
import {
  claimDueEmails,
  holdDueEmails,
  markEmailSkipped,
  markEmailsFailed,
  markEmailsForRetry,
  markEmailsSent,
  type SendUnit,
} from "~/models/outbox-delivery.server";
import { listMailBlocks } from "~/models/subscriptions.server";
import { backoffDelayMs, retryAfterMs, type BackoffPolicy } from "./backoff";
import { renderOutboxMessage, type OutboxMessage } from "./outbox-render.server";
import { RateGate } from "./rate-gate";

export interface EmailSenderOptions {
  /** Without it the sender only holds due rows. */
  apiKey?: string | null;
  /** Another Resend host (the test fake); the SDK's default otherwise. */
  baseUrl?: string | null;
  /** Requests per second to the provider (a batch of up to 100 is one request). */
  ratePerSecond: number;
  maxAttempts?: number;
  batchSize?: number;
  leaseMs?: number;
  backoff?: BackoffPolicy;
  /** Requests in flight at once; the rate still bounds how many start per second. */
  concurrency?: number;
  /** Units claimed at a time; by default about two seconds of work at the configured rate. */
  claimSize?: number;
  database?: () => Db;
  clock?: () => Date;
  random?: () => number;
  /** Called after the provider accepted a unit and before it is marked (tests stop here). */
  afterSend?: (unit: SendUnit) => void | Promise<void>;
  log?: (message: string) => void;
}

export interface SenderStats {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  held: number;
  requests: number;
}

interface ProviderError {
  message: string;
  statusCode: number | null;
  name: string;
}

const DEFAULTS = {
  maxAttempts: 8,
  batchSize: 100,
  leaseMs: 5 * 60_000,
  backoff: { baseMs: 30_000, maxMs: 60 * 60_000 },
  concurrency: 4,
};

function isRetryable(error: ProviderError): boolean {
  if (error.statusCode == null) return true; // network error or no response
  if (error.statusCode === 429 || error.statusCode >= 500) return true;
  return error.name === "concurrent_idempotent_requests";
}

function describe(error: ProviderError): string {
  return `${error.statusCode ?? "network"} ${error.name}: ${error.message}`;
}

export function createEmailSender(options: EmailSenderOptions) {
  const config = { ...DEFAULTS, ...options };
  const database = options.database ?? db;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const gate = new RateGate(config.ratePerSecond);
  const resend = options.apiKey ? new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined) : null;
  let stopping = false;
  let running: Promise<SenderStats> | null = null;

  async function deliver(unit: SendUnit, stats: SenderStats): Promise<void> {
    let rows = unit.rows;
    const settings = getSettings(database());
    if (unit.fresh && unit.batch) {
      // Checked once, before the first request: a retry must resend the same request.
      const blocks = listMailBlocks(rows.map((r) => ({ contactId: r.contactId, email: r.toEmail })), rows[0].list!, database());
      rows = rows.filter((row, i) => {
        const block = blocks[i];
        if (block) {
          markEmailSkipped(row.id, unit.token, block, clock(), database());
          stats.skipped += 1;
        }
        return !block;
      });
      if (rows.length === 0) return;
    }

    const rendered: Array<{ row: (typeof rows)[number]; message: OutboxMessage }> = [];
    for (const row of rows) {
      try {
        rendered.push({ row, message: await renderOutboxMessage(row, settings) });
      } catch (error) {
        // A template that cannot render will not render on a retry either.
        markEmailsFailed([row.id], unit.token, `Could not render: ${(error as Error).message}`, database());
        stats.failed += 1;
      }
    }
    // A retried unit must go out exactly as before or not at all; a fresh one drops what failed.
    if (rendered.length === 0 || (!unit.fresh && rendered.length !== rows.length)) {
      if (rendered.length) markEmailsFailed(rendered.map((r) => r.row.id), unit.token, "A member of its batch could not render", database());
      return;
    }
    rows = rendered.map((r) => r.row);
    const messages = rendered.map((r) => r.message);
    const payload = messages.map((m): CreateEmailOptions => ({
      from: m.from,
      to: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      headers: Object.keys(m.headers).length ? m.headers : undefined,
    }));

    await gate.take();
    stats.requests += 1;
    let ids: string[] | null = null;
    let error: ProviderError | null = null;
    let headers: Record<string, string> | null = null;
    try {
      if (unit.batch) {
        const result = await resend!.batch.send(payload, { idempotencyKey: `batch-${unit.token}` });
        headers = result.headers;
        if (result.error) error = result.error;
        else if (!Array.isArray(result.data?.data) || result.data.data.length !== rows.length) {
          error = { statusCode: null, name: "application_error", message: "The provider answered without one id per email" };
        } else ids = result.data.data.map((d) => d.id);
      } else {
        const result = await resend!.emails.send(payload[0], { idempotencyKey: rows[0].idempotencyKey });
        headers = result.headers;
        if (result.error) error = result.error;
        else if (!result.data?.id) error = { statusCode: null, name: "application_error", message: "The provider answered without an id" };
        else ids = [result.data.id];
      }
    } catch (thrown) {
      error = { statusCode: null, name: "application_error", message: (thrown as Error).message };
    }

    if (ids) {
      await options.afterSend?.(unit);
      markEmailsSent(unit.token, rows.map((row, i) => ({ id: row.id, providerMessageId: ids![i] })), clock(), database());
      stats.sent += rows.length;
      return;
    }

    const err = error!;
    const rowIds = rows.map((r) => r.id);
    const attempts = Math.max(...rows.map((r) => r.attempts));
    if (!isRetryable(err) || attempts >= config.maxAttempts) {
      markEmailsFailed(rowIds, unit.token, `After ${attempts} attempt(s): ${describe(err)}`, database());
      stats.failed += rows.length;
      log(`email unit ${unit.token} failed: ${describe(err)}`);
      return;
    }
    const now = clock().getTime();
    const wait = err.statusCode === 429 ? retryAfterMs(headers?.["retry-after"], now) : null;
    if (wait != null) gate.pauseUntil(Date.now() + wait);
    const delay = Math.max(backoffDelayMs(attempts, config.backoff, random), wait ?? 0);
    markEmailsForRetry(rowIds, unit.token, new Date(now + delay), describe(err), database());
    stats.retried += rows.length;
  }

  async function drain(maxUnits: number): Promise<SenderStats> {
    const stats: SenderStats = { sent: 0, retried: 0, failed: 0, skipped: 0, held: 0, requests: 0 };
    if (!resend) {
      stats.held = holdDueEmails(clock(), database());
      return stats;
    }
    const inFlight = new Set<Promise<void>>();
    // Claim a couple of seconds of work at a time, so that claimed rows never wait long.
    const perClaim = options.claimSize ?? Math.max(1, Math.ceil(config.ratePerSecond * 2));
    let claimedUnits = 0;
    while (!stopping && claimedUnits < maxUnits) {
      const units = claimDueEmails(
        {
          now: clock(),
          transactionalLimit: perClaim,
          batchLimit: perClaim,
          batchSize: config.batchSize,
          leaseMs: config.leaseMs,
          maxUnits: maxUnits - claimedUnits,
        },
        database(),
      );
      if (units.length === 0) break;
      claimedUnits += units.length;
      for (const unit of units) {
        while (inFlight.size >= config.concurrency) await Promise.race(inFlight);
        const job = deliver(unit, stats)
          .catch((error) => log(`email unit ${unit.token} stopped: ${(error as Error).message}`))
          .finally(() => inFlight.delete(job));
        inFlight.add(job);
      }
    }
    await Promise.all(inFlight);
    return stats;
  }

  return {
    /** Sends everything due now (or up to `maxUnits` requests); concurrent calls share one run. */
    runOnce(limits: { maxUnits?: number } = {}): Promise<SenderStats> {
      running ??= drain(limits.maxUnits ?? Infinity).finally(() => {
        running = null;
      });
      return running;
    },
    /** Polls every `intervalMs` until the returned function is called. */
    start(intervalMs = 1000): () => Promise<void> {
      stopping = false;
      let timer: NodeJS.Timeout | null = null;
      const tick = async () => {
        try {
          await this.runOnce();
        } catch (error) {
          log(`email sender: ${(error as Error).message}`);
        }
        if (!stopping) timer = setTimeout(tick, intervalMs);
      };
      timer = setTimeout(tick, 0);
      return async () => {
        stopping = true;
        if (timer) clearTimeout(timer);
        await running;
      };
    },
  };
}

export type EmailSender = ReturnType<typeof createEmailSender>;
