/**
 * The outbox sender: claims due rows, renders them (once: the first rendering is frozen, so a
 * retry sends the same bytes), sends them through Resend at a steady rate with the idempotency
 * key of their unit, and records the outcome. Resend's errors are told apart by name
 * (./resend-errors): account and setup errors stop the sender and put the emails back to wait,
 * quotas pause it, rate limits wait `retry-after`, none of which spends an email's attempts;
 * invalid emails fail alone (batches use permissive validation); transient errors are retried
 * with backoff up to a limit. Without an API key it sends nothing and holds due rows.
 *
 * Safe against a crash at any point: a row is claimed before it is sent, and a claim that is
 * never marked is taken over after the lease and resent with the same key and bytes, which the
 * provider deduplicates.
 */
import { Resend, type CreateBatchOptions, type CreateEmailOptions } from "resend";
import { db, type Db, writeTransaction } from "#db/client";
import { getSettings } from "~/models/settings.server";
import {
  claimDueEmails,
  freezeRendered,
  holdDueEmails,
  markEmailSkipped,
  markEmailsAcceptedEarlier,
  markEmailsFailed,
  markEmailsForRetry,
  markEmailsSent,
  markEmailsWaiting,
  type OutboxRow,
  type SendUnit,
} from "~/models/outbox-delivery.server";
import { loadRendered, storeRendered } from "~/models/email-rendered.server";
import { clearSenderHalt, getSenderHalt, haltSender, markHaltNotified } from "~/models/email-sender-halt.server";
import { listMailBlocks } from "~/models/subscriptions.server";
import { suppressionFor } from "~/models/email-suppressions.server";
import { backoffDelayMs, retryAfterMs, type BackoffPolicy } from "./backoff";
import { isSuppressionExempt } from "./email-policy";
import { fillRendered, renderForSending, type RenderedMessage } from "./outbox-render.server";
import { RateGate } from "./rate-gate";
import { classifyResendError, describeProviderError, type ProviderError } from "./resend-errors";

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
  /** After an account or setup error, when to try again by itself (staff may resume sooner). */
  accountRetryMs?: number;
  /** After a quota error without retry-after, when to try one request again. */
  quotaRetryMs?: number;
  /**
   * A second way to reach staff when the account itself is refused: another Resend API key (an
   * account of its own, with its own verified sender), used once per stop to tell the staff
   * notification address.
   */
  alert?: { apiKey: string; from: string; baseUrl?: string | null } | null;
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
  /** Put back to wait without spending an attempt (rate limit, quota, account error). */
  waiting: number;
  /** Marked sent because the provider had accepted their key before (409). */
  acceptedEarlier: number;
  /** Set when the run ended because the sender is stopped or paused. */
  halted: "account" | "quota" | null;
}

const DEFAULTS = {
  maxAttempts: 8,
  batchSize: 100,
  leaseMs: 5 * 60_000,
  backoff: { baseMs: 30_000, maxMs: 60 * 60_000 },
  concurrency: 4,
  accountRetryMs: 15 * 60_000,
  // Resend's daily quota counts the last 24 hours and its monthly one the billing month, and it
  // does not say when either frees up: one request an hour finds out at little cost.
  quotaRetryMs: 60 * 60_000,
};

/** How long to wait before the same request again when the provider asked for a pause. */
const IN_PROGRESS_WAIT_MS = 1000;
const RATE_LIMIT_DEFAULT_WAIT_MS = 1000;

interface Prepared {
  row: OutboxRow;
  message: RenderedMessage;
  token: string | null;
}

export function createEmailSender(options: EmailSenderOptions) {
  const config = { ...DEFAULTS, ...options };
  const database = options.database ?? db;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const gate = new RateGate(config.ratePerSecond);
  const resend = options.apiKey
    ? new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)
    : null;
  let stopping = false;
  let running: Promise<SenderStats> | null = null;
  /** Set by a unit whose request was refused for the account or a quota: claim no more. */
  let haltedNow: "account" | "quota" | null = null;

  const alertClient = options.alert
    ? new Resend(options.alert.apiKey, options.alert.baseUrl ? { baseUrl: options.alert.baseUrl } : undefined)
    : null;

  /** Tells staff through the second path that sending stopped, once per stop. */
  async function alertStaff(): Promise<void> {
    const halt = getSenderHalt(database());
    if (!alertClient || !options.alert || !halt || halt.notifiedAt) return;
    const settings = getSettings(database());
    const result = await alertClient.emails.send(
      {
        from: options.alert.from,
        to: settings.staffNotifyEmail,
        subject: `${settings.pacName}: email sending is stopped`,
        text:
          `Resend refused the account or its setup, so no email goes out; they wait in the outbox.\n\n` +
          `Resend said: ${halt.reason}\nSince: ${halt.since}\n\n` +
          `Fix the API key, the sending domain or the From address, then choose "Try sending now" on any staff page.`,
      },
      { idempotencyKey: `sender-halt/${halt.since}` },
    );
    if (result.error) log(`could not alert staff: ${describeProviderError(result.error)}`);
    else markHaltNotified(clock(), database());
  }

  /** Why a row must not be sent now (list mail: subscription and suppression; other mail: suppression). */
  function blocksFor(unit: SendUnit): Array<string | null> {
    if (unit.batch) {
      return listMailBlocks(
        unit.rows.map((r) => ({ contactId: r.contactId, email: r.toEmail })),
        unit.rows[0].list!,
        database(),
      );
    }
    const row = unit.rows[0];
    if (isSuppressionExempt(row.template)) return [null];
    const suppression = suppressionFor(row.toEmail, database());
    return [suppression ? `address suppressed (${suppression})` : null];
  }

  /** The frozen message of each row, rendering (and freezing) the rows never rendered before. */
  async function prepare(unit: SendUnit, rows: OutboxRow[], stats: SenderStats): Promise<Prepared[] | null> {
    const frozen = loadRendered(
      rows.filter((r) => r.renderedId != null).map((r) => r.renderedId!),
      database(),
    );
    const settings = getSettings(database());
    const prepared: Prepared[] = [];
    const toFreeze: Array<{ index: number; message: RenderedMessage; token: string | null }> = [];
    for (const row of rows) {
      const message = row.renderedId != null ? frozen.get(row.renderedId) : undefined;
      if (message) {
        prepared.push({ row, message, token: row.renderedToken });
        continue;
      }
      try {
        const rendered = await renderForSending(row, settings);
        toFreeze.push({ index: prepared.length, ...rendered });
        prepared.push({ row, ...rendered });
      } catch (error) {
        // A template that cannot render will not render on a retry either.
        markEmailsFailed([row.id], unit.token, `Could not render: ${(error as Error).message}`, database());
        stats.failed += 1;
        if (!unit.fresh) {
          // A retried batch must go out exactly as before or not at all.
          const others = rows.filter((r) => r.id !== row.id).map((r) => r.id);
          if (others.length) markEmailsFailed(others, unit.token, "A member of its batch could not render", database());
          stats.failed += others.length;
          return null;
        }
      }
    }
    if (toFreeze.length) {
      writeTransaction(database(), (tx) => {
        const ids = storeRendered(
          toFreeze.map((f) => f.message),
          tx,
        );
        freezeRendered(
          unit.token,
          toFreeze.map((f, i) => ({ id: prepared[f.index].row.id, renderedId: ids[i], renderedToken: f.token })),
          tx,
        );
      });
    }
    return prepared;
  }

  type SendResult =
    | { ok: true; ids: Array<{ id: string } | { error: string }> }
    | { ok: false; error: ProviderError; headers: Record<string, string> | null };

  async function request(unit: SendUnit, prepared: Prepared[]): Promise<SendResult> {
    const payload = prepared.map(({ row, message, token }): CreateEmailOptions => {
      const m = fillRendered(message, token, row.toEmail);
      return {
        from: m.from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: Object.keys(m.headers).length ? m.headers : undefined,
      };
    });
    try {
      if (unit.batch) {
        // Permissive: an email the provider refuses fails alone, the others go out.
        const result = await resend!.batch.send(payload as CreateBatchOptions, {
          idempotencyKey: unit.providerKey,
          batchValidation: "permissive",
        });
        if (result.error) return { ok: false, error: result.error, headers: result.headers };
        const data = result.data?.data;
        const errors = new Map((result.data?.errors ?? []).map((e) => [e.index, e.message]));
        // `data` lists the accepted emails in order; `errors` names the others by index.
        if (!Array.isArray(data) || data.length + errors.size !== prepared.length) {
          return {
            ok: false,
            error: {
              statusCode: null,
              name: "application_error",
              message: "The provider answered without one id or error per email",
            },
            headers: result.headers,
          };
        }
        let next = 0;
        return {
          ok: true,
          ids: prepared.map((_, i) => (errors.has(i) ? { error: errors.get(i)! } : { id: data[next++].id })),
        };
      }
      const result = await resend!.emails.send(payload[0], { idempotencyKey: unit.providerKey });
      if (result.error) return { ok: false, error: result.error, headers: result.headers };
      if (!result.data?.id)
        return {
          ok: false,
          error: { statusCode: null, name: "application_error", message: "The provider answered without an id" },
          headers: result.headers,
        };
      return { ok: true, ids: [{ id: result.data.id }] };
    } catch (thrown) {
      return {
        ok: false,
        error: { statusCode: null, name: "application_error", message: (thrown as Error).message },
        headers: null,
      };
    }
  }

  /** Another unit found the account refused (or a quota used up) while this one waited. */
  function putBackWhileHalted(unit: SendUnit, rows: OutboxRow[], stats: SenderStats) {
    markEmailsWaiting(
      rows.map((r) => r.id),
      unit.token,
      clock(),
      "Waiting: the sender is stopped",
      { unfreeze: haltedNow === "account" },
      database(),
    );
    stats.waiting += rows.length;
  }

  async function deliver(unit: SendUnit, stats: SenderStats): Promise<void> {
    let rows = unit.rows;
    if (haltedNow) return putBackWhileHalted(unit, rows, stats);
    if (rows.every((r) => r.attempts === 1)) {
      // Checked before the first request (or the first after a refusal or a staff retry, when
      // the provider holds nothing under the key): a retry must resend the same request.
      const blocks = blocksFor(unit);
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

    const prepared = await prepare(unit, rows, stats);
    if (!prepared || prepared.length === 0) return;
    rows = prepared.map((p) => p.row);

    await gate.take();
    if (haltedNow) return putBackWhileHalted(unit, rows, stats);
    stats.requests += 1;
    const result = await request(unit, prepared);

    if (result.ok) {
      await options.afterSend?.(unit);
      const now = clock();
      const sent = rows.flatMap((row, i) =>
        "id" in result.ids[i] ? [{ id: row.id, providerMessageId: (result.ids[i] as { id: string }).id }] : [],
      );
      markEmailsSent(unit.token, sent, now, database());
      stats.sent += sent.length;
      rows.forEach((row, i) => {
        const r = result.ids[i];
        if ("error" in r) {
          markEmailsFailed([row.id], unit.token, `Refused by the provider: ${r.error}`, database());
          stats.failed += 1;
        }
      });
      if (getSenderHalt(database())) clearSenderHalt(database());
      return;
    }

    const err = result.error;
    const rowIds = rows.map((r) => r.id);
    const now = clock().getTime();
    const described = describeProviderError(err);
    const retryAfter = retryAfterMs(result.headers?.["retry-after"], Date.now());
    switch (classifyResendError(err)) {
      case "account": {
        haltedNow = "account";
        haltSender("account", described, new Date(now + config.accountRetryMs), clock(), database());
        markEmailsWaiting(
          rowIds,
          unit.token,
          new Date(now),
          `Waiting: the sender is stopped (${described})`,
          { unfreeze: true },
          database(),
        );
        stats.waiting += rows.length;
        log(`email sender stopped: ${described}`);
        await alertStaff().catch((error) => log(`could not alert staff: ${(error as Error).message}`));
        return;
      }
      case "quota": {
        haltedNow = "quota";
        haltSender("quota", described, new Date(now + (retryAfter ?? config.quotaRetryMs)), clock(), database());
        markEmailsWaiting(rowIds, unit.token, new Date(now), `Waiting: ${described}`, {}, database());
        stats.waiting += rows.length;
        log(`email sender paused: ${described}`);
        return;
      }
      case "rate":
      case "in_progress": {
        const wait =
          retryAfter ?? (err.name === "rate_limit_exceeded" ? RATE_LIMIT_DEFAULT_WAIT_MS : IN_PROGRESS_WAIT_MS);
        gate.pauseUntil(Date.now() + wait);
        markEmailsWaiting(rowIds, unit.token, new Date(now + wait), described, {}, database());
        stats.waiting += rows.length;
        return;
      }
      case "accepted_earlier": {
        markEmailsAcceptedEarlier(
          rowIds,
          unit.token,
          `Accepted earlier under the same key; not sent again (${described})`,
          clock(),
          database(),
        );
        stats.acceptedEarlier += rows.length;
        return;
      }
      case "invalid": {
        markEmailsFailed(rowIds, unit.token, `Refused by the provider: ${described}`, database());
        stats.failed += rows.length;
        log(`email unit ${unit.providerKey} refused: ${described}`);
        return;
      }
      case "transient": {
        const attempts = Math.max(...rows.map((r) => r.attempts));
        if (attempts >= config.maxAttempts) {
          markEmailsFailed(rowIds, unit.token, `After ${attempts} attempt(s): ${described}`, database());
          stats.failed += rows.length;
          log(`email unit ${unit.providerKey} failed: ${described}`);
          return;
        }
        const delay = Math.max(backoffDelayMs(attempts, config.backoff, random), retryAfter ?? 0);
        markEmailsForRetry(rowIds, unit.token, new Date(now + delay), described, database());
        stats.retried += rows.length;
      }
    }
  }

  async function drain(maxUnits: number): Promise<SenderStats> {
    const stats: SenderStats = {
      sent: 0,
      retried: 0,
      failed: 0,
      skipped: 0,
      held: 0,
      requests: 0,
      waiting: 0,
      acceptedEarlier: 0,
      halted: null,
    };
    if (!resend) {
      stats.held = holdDueEmails(clock(), database());
      return stats;
    }
    haltedNow = null;
    const halt = getSenderHalt(database());
    let probe = false;
    if (halt) {
      if (Date.parse(halt.until) > clock().getTime()) {
        stats.halted = halt.kind;
        return stats;
      }
      // Time to find out whether it is over: one request, and no more until it succeeds.
      probe = true;
    }
    const inFlight = new Set<Promise<void>>();
    // Claim a couple of seconds of work at a time, so that claimed rows never wait long.
    const perClaim = options.claimSize ?? Math.max(1, Math.ceil(config.ratePerSecond * 2));
    let claimedUnits = 0;
    while (!stopping && !haltedNow && claimedUnits < maxUnits) {
      const units = claimDueEmails(
        {
          now: clock(),
          transactionalLimit: probe ? 1 : perClaim,
          batchLimit: probe ? 1 : perClaim,
          batchSize: config.batchSize,
          leaseMs: config.leaseMs,
          maxUnits: probe ? 1 : maxUnits - claimedUnits,
        },
        database(),
      );
      if (units.length === 0) break;
      claimedUnits += units.length;
      for (const unit of units) {
        while (inFlight.size >= config.concurrency) await Promise.race(inFlight);
        const job = deliver(unit, stats)
          .catch((error) => log(`email unit ${unit.providerKey} stopped: ${(error as Error).message}`))
          .finally(() => inFlight.delete(job));
        inFlight.add(job);
      }
      if (probe) {
        await Promise.all(inFlight);
        probe = Boolean(getSenderHalt(database())) && !haltedNow && stats.requests === 0;
      }
    }
    await Promise.all(inFlight);
    stats.halted = haltedNow;
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
        if (!stopping) timer = setTimeout(() => void tick(), intervalMs);
      };
      timer = setTimeout(() => void tick(), 0);
      return async () => {
        stopping = true;
        if (timer) clearTimeout(timer);
        await running;
      };
    },
  };
}

export type EmailSender = ReturnType<typeof createEmailSender>;
