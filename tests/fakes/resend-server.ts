/**
 * A local stand-in for Resend's sending API, for tests and benchmarks, built from what Resend
 * documents (https://resend.com/docs/api-reference/errors, the `resend` SDK's types and
 * resend/resend-openapi; tests/integration/resend-fake-conformance.test.ts checks it against both):
 *
 * - POST /emails and POST /emails/batch in Resend's wire format;
 * - the documented errors with their status and `name`: 401 missing_api_key, 403 invalid_api_key,
 *   422 invalid_from_address / validation_error / missing_required_field, 403 validation_error
 *   for an unverified sending domain, 400 invalid_idempotency_key, 409 invalid_idempotent_request
 *   and concurrent_idempotent_requests, 429 rate_limit_exceeded (with retry-after) and
 *   daily_quota_exceeded / monthly_quota_exceeded, 5xx; any documented error on demand;
 * - batches in strict mode (one bad email rejects all) or permissive mode
 *   (`x-batch-validation: permissive`: the valid ones are sent, `errors[]` names the others by
 *   index);
 * - Idempotency-Key: the same key and body answer the first response again without sending, for
 *   24 hours; another body is a 409; at most 256 characters;
 * - signed webhook events (Svix headers) it emits itself: email.sent, then email.delivered, or
 *   email.bounced + suppression.added, email.complained + suppression.added, email.suppressed for
 *   an address on its suppression list, email.failed; Resend's test addresses
 *   (`bounced@resend.dev`, `complained@resend.dev`, `suppressed@resend.dev`, with +labels) choose
 *   the outcome.
 *
 * What it accepted is kept in memory and, when `file` is given, written to a JSON file so that
 * another process can read it. A control API under /__fake lets such a process inject failures,
 * move the clock, reset quotas and read the state.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type {
  EmailBouncedEvent,
  EmailComplainedEvent,
  EmailDeliveredEvent,
  EmailDeliveryDelayedEvent,
  EmailFailedEvent,
  EmailSentEvent,
  EmailSuppressedEvent,
  ErrorResponse,
  SuppressionAddedEvent,
} from "resend";

export interface FakeEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  idempotencyKey: string | null;
  batch: boolean;
  receivedAt: string;
}

export interface FakeRequest {
  path: string;
  idempotencyKey: string | null;
  status: number;
  /** The error's `name` when the status is not 200. */
  error: string | null;
  emails: number;
  at: number;
}

export type ResendErrorName = ErrorResponse["name"];

/** Resend's documented errors: status and message (https://resend.com/docs/api-reference/errors). */
export const RESEND_ERRORS: Record<string, { status: number; name: ResendErrorName; message: string }> = {
  invalid_idempotency_key: {
    status: 400,
    name: "invalid_idempotency_key",
    message: "The key must be between 1-256 chars.",
  },
  validation_error: {
    status: 422,
    name: "validation_error",
    message: "We found an error with one or more fields in the request.",
  },
  missing_api_key: { status: 401, name: "missing_api_key", message: "Missing API key in the authorization header." },
  restricted_api_key: {
    status: 401,
    name: "restricted_api_key",
    message: "This API key is restricted to only send emails.",
  },
  invalid_api_key: { status: 403, name: "invalid_api_key", message: "API key is invalid." },
  unverified_domain: {
    status: 403,
    name: "validation_error",
    message: "The example.org domain is not verified. Please, add and verify your domain.",
  },
  not_found: { status: 404, name: "not_found", message: "The requested endpoint does not exist." },
  method_not_allowed: {
    status: 405,
    name: "method_not_allowed",
    message: "Method is not allowed for the requested path.",
  },
  invalid_idempotent_request: {
    status: 409,
    name: "invalid_idempotent_request",
    message: "Same idempotency key used with a different request payload.",
  },
  concurrent_idempotent_requests: {
    status: 409,
    name: "concurrent_idempotent_requests",
    message: "Same idempotency key used while original request is still in progress.",
  },
  invalid_attachment: {
    status: 422,
    name: "invalid_attachment",
    message: "Attachment must have either a `content` or `path`.",
  },
  invalid_from_address: { status: 422, name: "invalid_from_address", message: "Invalid `from` field." },
  invalid_access: { status: 422, name: "invalid_access", message: 'Access must be "full_access" | "sending_access".' },
  invalid_parameter: { status: 422, name: "invalid_parameter", message: "The `parameter` must be a valid UUID." },
  invalid_region: {
    status: 422,
    name: "invalid_region",
    message: 'Region must be "us-east-1" | "eu-west-1" | "sa-east-1".',
  },
  missing_required_field: {
    status: 422,
    name: "missing_required_field",
    message: "The request body is missing one or more required fields.",
  },
  monthly_quota_exceeded: {
    status: 429,
    name: "monthly_quota_exceeded",
    message: "You have reached your monthly email sending quota.",
  },
  daily_quota_exceeded: {
    status: 429,
    name: "daily_quota_exceeded",
    message: "You have reached your daily email sending quota.",
  },
  rate_limit_exceeded: {
    status: 429,
    name: "rate_limit_exceeded",
    message: "Too many requests. You can only make 2 requests per second.",
  },
  security_error: {
    status: 451,
    name: "security_error",
    message: "We may have found a security issue with the request.",
  },
  application_error: { status: 500, name: "application_error", message: "An unexpected error occurred." },
  internal_server_error: { status: 500, name: "internal_server_error", message: "An unexpected error occurred." },
};

/** One injected failure, used by the next request that reaches a send endpoint. */
export type FakeFailure =
  | { kind: "status"; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  /** A documented error by its key in RESEND_ERRORS (e.g. "invalid_api_key", "unverified_domain"). */
  | { kind: "error"; error: keyof typeof RESEND_ERRORS; retryAfterSeconds?: number }
  /** Accepts the email, then destroys the connection before answering (a lost response). */
  | { kind: "drop" };

export interface FakeWebhookTarget {
  url: string;
  /** Svix format: whsec_ + base64 */
  secret: string;
}

export interface FakeResendOptions {
  port?: number;
  /** Where to write the accepted emails as JSON after each change. */
  file?: string;
  /** Milliseconds each request waits before answering, to mimic network latency. */
  latencyMs?: number;
  /** Drop the bodies (html, text) of accepted emails, for long benchmark runs. */
  metadataOnly?: boolean;
  /** Sending domains verified on the account; null accepts any domain. */
  verifiedDomains?: string[] | null;
  /** API keys that were revoked or never existed: 403 invalid_api_key. */
  invalidKeys?: string[];
  /** Emails the account may send per 24 hours / per calendar month (UTC); unlimited by default. */
  dailyQuota?: number | null;
  monthlyQuota?: number | null;
  /** Requests per second per key (Resend's default is 2); unlimited by default. */
  rateLimitPerSecond?: number | null;
  /** Where to POST the signed events it emits; none by default. */
  webhook?: FakeWebhookTarget | null;
  /** The fake's clock (idempotency expiry, quotas, event times). */
  now?: () => number;
}

export interface FakeWebhookDelivery {
  type: string;
  emailId: string | null;
  status: number;
  body: string;
}

export interface FakeResend {
  url: string;
  port: number;
  emails: FakeEmail[];
  requests: FakeRequest[];
  webhookDeliveries: FakeWebhookDelivery[];
  fail(...failures: FakeFailure[]): void;
  /** Moves the fake's clock forward (idempotency keys expire after 24 h). */
  advance(ms: number): void;
  /** A new day and month: the quotas count from zero again. */
  resetQuotas(): void;
  configure(
    options: Partial<
      Pick<
        FakeResendOptions,
        "verifiedDomains" | "invalidKeys" | "dailyQuota" | "monthlyQuota" | "rateLimitPerSecond" | "webhook"
      >
    >,
  ): void;
  /** Emits one more event for an accepted email (e.g. a late delivery_delayed or failed). */
  emit(
    type: "email.delivered" | "email.delivery_delayed" | "email.failed" | "email.bounced" | "email.complained",
    emailId: string,
  ): Promise<void>;
  /** Resolves once every event emitted so far was delivered (or refused). */
  settled(): Promise<void>;
  /** How many emails each address received. */
  receivedBy(): Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

interface ApiEmail {
  from?: unknown;
  to?: unknown;
  subject?: unknown;
  html?: unknown;
  text?: unknown;
  headers?: unknown;
  attachments?: unknown;
  scheduled_at?: unknown;
  cc?: unknown;
  bcc?: unknown;
  reply_to?: unknown;
}

/** The webhook signing secret the e2e server is given (Svix format: whsec_ + base64). */
export const E2E_RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from("e2e-resend-webhook-secret-32bytes").toString("base64")}`;

const DAY_MS = 24 * 60 * 60_000;
const IDEMPOTENCY_TTL_MS = DAY_MS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Resend's documented address forms: `email@example.com` or `Name <email@example.com>`. The
// address itself: a dot-atom local part and a domain of dot-separated labels with a TLD.
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const NAMED = /^\s*("[^"]*"|[^<>"]*?)\s*<([^<>\s]+)>\s*$/;

/** The bare address of `email@x` or `Name <email@x>`, or null when it is neither. */
function parseAddress(value: string): string | null {
  const named = NAMED.exec(value);
  const address = named ? named[2] : value.trim();
  return ADDRESS.test(address) && address.length <= 254 ? address : null;
}

type Check = { error: keyof typeof RESEND_ERRORS; message: string } | null;

function checkEmail(e: ApiEmail, batch: boolean, verifiedDomains: string[] | null): Check {
  if (e === null || typeof e !== "object")
    return { error: "validation_error", message: "Each email must be an object." };
  if (e.from == null || e.from === "") return { error: "missing_required_field", message: "Missing `from` field." };
  if (e.to == null || e.to === "") return { error: "missing_required_field", message: "Missing `to` field." };
  if (e.subject == null) return { error: "missing_required_field", message: "Missing `subject` field." };
  if (typeof e.from !== "string") return { error: "validation_error", message: "The `from` field must be a `string`." };
  if (typeof e.subject !== "string")
    return { error: "validation_error", message: "The `subject` field must be a `string`." };
  const from = parseAddress(e.from);
  if (!from) {
    return {
      error: "invalid_from_address",
      message:
        "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
    };
  }
  const to = typeof e.to === "string" ? [e.to] : e.to;
  if (!Array.isArray(to) || to.some((t) => typeof t !== "string"))
    return { error: "validation_error", message: "The `to` field must be a `string` or an array of strings." };
  if (to.length === 0 || to.length > 50)
    return { error: "validation_error", message: "The `to` field must hold 1 to 50 addresses." };
  for (const field of ["to", "cc", "bcc", "reply_to"] as const) {
    const raw = field === "to" ? to : e[field];
    if (raw == null) continue;
    const values = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : [raw];
    if (values.some((v) => typeof v !== "string" || !parseAddress(v))) {
      return {
        error: "validation_error",
        message: `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
      };
    }
  }
  if (typeof e.html !== "string" && typeof e.text !== "string")
    return { error: "validation_error", message: "Either `html` or `text` must be provided." };
  if (
    e.headers != null &&
    (typeof e.headers !== "object" ||
      Array.isArray(e.headers) ||
      Object.values(e.headers).some((v) => typeof v !== "string"))
  ) {
    return { error: "validation_error", message: "The `headers` field must be an object of strings." };
  }
  if (batch && e.attachments != null)
    return { error: "validation_error", message: "Attachments are not supported in batch emails." };
  if (batch && e.scheduled_at != null)
    return { error: "validation_error", message: "`scheduled_at` is not supported in batch emails." };
  const domain = from.slice(from.lastIndexOf("@") + 1).toLowerCase();
  if (verifiedDomains && !verifiedDomains.map((d) => d.toLowerCase()).includes(domain)) {
    return {
      error: "unverified_domain",
      message: `The ${domain} domain is not verified. Please, add and verify your domain.`,
    };
  }
  return null;
}

type Outcome = "delivered" | "bounced" | "complained" | "suppressed" | "failed" | "delivery_delayed";

/** Resend's test addresses choose what happens to an email (https://resend.com/docs/dashboard/emails/send-test-emails). */
function testOutcome(address: string): Outcome | null {
  const match = /^([a-z_]+)(\+[^@]*)?@resend\.dev$/i.exec(address);
  if (!match) return null;
  const local = match[1].toLowerCase();
  return (
    (["delivered", "bounced", "complained", "suppressed", "failed", "delivery_delayed"] as const).find(
      (o) => o === local,
    ) ?? null
  );
}

/** Svix's signature: base64 HMAC-SHA256 of `id.timestamp.body` under the secret's bytes. */
export function signSvix(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

type Json = { status: number; body: unknown; headers?: Record<string, string> };

function errorReply(key: keyof typeof RESEND_ERRORS, message?: string, headers?: Record<string, string>): Json {
  const e = RESEND_ERRORS[key];
  const body: ErrorResponse = { statusCode: e.status, name: e.name, message: message ?? e.message };
  return { status: e.status, body, headers };
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const emails: FakeEmail[] = [];
  const requests: FakeRequest[] = [];
  const failures: FakeFailure[] = [];
  const webhookDeliveries: FakeWebhookDelivery[] = [];
  const idempotent = new Map<string, { hash: string; at: number; result: Json | null }>();
  const suppressedAddresses = new Set<string>();
  const pendingWebhooks = new Set<Promise<void>>();
  const config = {
    verifiedDomains: options.verifiedDomains ?? null,
    invalidKeys: options.invalidKeys ?? [],
    dailyQuota: options.dailyQuota ?? null,
    monthlyQuota: options.monthlyQuota ?? null,
    rateLimitPerSecond: options.rateLimitPerSecond ?? null,
    webhook: options.webhook ?? null,
  };
  let offset = 0;
  const now = () => (options.now ?? Date.now)() + offset;
  let quotaFrom = 0;
  const sentTimes: number[] = [];
  const requestTimes = new Map<string, number[]>();
  let writeTimer: NodeJS.Timeout | null = null;

  function persist() {
    if (!options.file || writeTimer) return;
    // Coalesce bursts of writes; readers poll, so a few milliseconds of delay are harmless.
    writeTimer = setTimeout(() => {
      writeTimer = null;
      const tmp = `${options.file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ emails }, null, 1));
      fs.renameSync(tmp, options.file!);
    }, 5);
  }

  // ── webhooks ──
  function baseData(email: FakeEmail) {
    return {
      email_id: email.id,
      message_id: `<${email.id}@resend.dev>`,
      created_at: email.receivedAt,
      from: email.from,
      to: email.to,
      subject: email.subject,
    };
  }

  type Event =
    | EmailSentEvent
    | EmailDeliveredEvent
    | EmailDeliveryDelayedEvent
    | EmailBouncedEvent
    | EmailComplainedEvent
    | EmailSuppressedEvent
    | EmailFailedEvent
    | SuppressionAddedEvent;

  /** An event as Resend sends it; the types come from the SDK, so a wrong field fails `tsc`. */
  function eventFor(type: Event["type"], email: FakeEmail | null, address?: string): Event {
    const created_at = new Date(now()).toISOString();
    if (type === "suppression.added") {
      return {
        type,
        created_at,
        data: { id: crypto.randomUUID(), email: address!, origin: "bounce", source_id: email?.id ?? null, created_at },
      };
    }
    const data = baseData(email!);
    switch (type) {
      case "email.bounced":
        return {
          type,
          created_at,
          data: Object.assign(data, {
            bounce: {
              type: "Permanent",
              subType: "General",
              message:
                "The recipient's email address is on a suppression list because it has a history of producing hard bounces.",
              diagnosticCode: ["smtp; 550 5.1.1 user unknown"],
            },
          }),
        };
      case "email.suppressed":
        return {
          type,
          created_at,
          data: Object.assign(data, {
            suppressed: {
              type: "OnAccountSuppressionList",
              reason: "previous_bounce",
              message: "The address is on the account's suppression list.",
              diagnosticCode: [] as string[],
            },
          }),
        };
      case "email.failed":
        return { type, created_at, data: Object.assign(data, { failed: { reason: "reached_daily_quota" } }) };
      default:
        return { type, created_at, data } as Event;
    }
  }

  function post(event: Event) {
    const target = config.webhook;
    if (!target) return;
    const body = JSON.stringify(event);
    const id = `msg_${crypto.randomBytes(12).toString("hex")}`;
    const timestamp = Math.floor(now() / 1000);
    const emailId = "email_id" in event.data ? event.data.email_id : null;
    const job = fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(timestamp),
        "svix-signature": signSvix(target.secret, id, timestamp, body),
      },
      body,
    })
      .then(async (res) => {
        await res.text();
        webhookDeliveries.push({ type: event.type, emailId, status: res.status, body });
      })
      .catch(() => {
        webhookDeliveries.push({ type: event.type, emailId, status: 0, body });
      })
      .finally(() => pendingWebhooks.delete(job));
    pendingWebhooks.add(job);
  }

  function emitFor(email: FakeEmail) {
    if (!config.webhook) return;
    const address = email.to[0] ?? "";
    const bare = parseAddress(address)?.toLowerCase() ?? address;
    let outcome: Outcome = testOutcome(bare) ?? "delivered";
    if (suppressedAddresses.has(bare)) outcome = "suppressed";
    if (outcome !== "suppressed") post(eventFor("email.sent", email));
    if (outcome === "bounced" || outcome === "complained") suppressedAddresses.add(bare);
    post(eventFor(`email.${outcome}`, email));
    if (outcome === "bounced" || outcome === "complained") post(eventFor("suppression.added", email, bare));
  }

  function accept(e: ApiEmail, key: string | null, batch: boolean): FakeEmail {
    const email: FakeEmail = {
      id: crypto.randomUUID(),
      from: e.from as string,
      to: typeof e.to === "string" ? [e.to] : (e.to as string[]),
      subject: e.subject as string,
      html: typeof e.html === "string" && !options.metadataOnly ? e.html : null,
      text: typeof e.text === "string" && !options.metadataOnly ? e.text : null,
      headers: (e.headers && typeof e.headers === "object" ? e.headers : {}) as Record<string, string>,
      idempotencyKey: key,
      batch,
      receivedAt: new Date(now()).toISOString(),
    };
    emails.push(email);
    sentTimes.push(now());
    emitFor(email);
    return email;
  }

  function quotaError(count: number): Json | null {
    const t = now();
    const recent = (from: number) => sentTimes.filter((s) => s >= Math.max(from, quotaFrom)).length;
    if (config.dailyQuota != null && recent(t - DAY_MS) + count > config.dailyQuota)
      return errorReply("daily_quota_exceeded");
    const d = new Date(t);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (config.monthlyQuota != null && recent(monthStart) + count > config.monthlyQuota)
      return errorReply("monthly_quota_exceeded");
    return null;
  }

  function handleSend(path: string, payload: unknown, key: string | null, permissive: boolean): Json {
    if (path === "/emails") {
      const problem = checkEmail((payload ?? {}) as ApiEmail, false, config.verifiedDomains);
      if (problem) return errorReply(problem.error, problem.message);
      const quota = quotaError(1);
      if (quota) return quota;
      return { status: 200, body: { id: accept(payload as ApiEmail, key, false).id } };
    }
    if (!Array.isArray(payload) || payload.length === 0)
      return errorReply("validation_error", "The batch must be a non-empty array.");
    if (payload.length > 100) return errorReply("validation_error", "Too many emails in the batch: at most 100.");
    const problems = payload.map((e) => checkEmail(e as ApiEmail, true, config.verifiedDomains));
    // An unverified domain is the account's problem, in either mode.
    const domain = problems.find((p) => p?.error === "unverified_domain");
    if (domain) return errorReply(domain.error, domain.message);
    if (!permissive) {
      const index = problems.findIndex(Boolean);
      if (index >= 0) return errorReply(problems[index]!.error, `emails[${index}]: ${problems[index]!.message}`);
    }
    const valid = payload.filter((_, i) => !problems[i]);
    const quota = quotaError(valid.length);
    if (quota) return quota;
    const data = valid.map((e) => ({ id: accept(e as ApiEmail, key, true).id }));
    const body: { data: Array<{ id: string }>; errors?: Array<{ index: number; message: string }> } = { data };
    if (permissive) body.errors = problems.flatMap((p, index) => (p ? [{ index, message: p.message }] : []));
    return { status: 200, body };
  }

  function rateLimited(apiKey: string): Json | null {
    if (!config.rateLimitPerSecond) return null;
    const t = now();
    const times = (requestTimes.get(apiKey) ?? []).filter((s) => s > t - 1000);
    requestTimes.set(apiKey, times);
    const limitHeaders = {
      "ratelimit-limit": String(config.rateLimitPerSecond),
      "ratelimit-policy": `${config.rateLimitPerSecond};w=1`,
    };
    if (times.length >= config.rateLimitPerSecond) {
      const reset = Math.max(1, Math.ceil((times[0] + 1000 - t) / 1000));
      return errorReply("rate_limit_exceeded", undefined, {
        ...limitHeaders,
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(reset),
        "retry-after": String(reset),
      });
    }
    times.push(t);
    return null;
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function reply(res: http.ServerResponse, r: Json) {
    res.writeHead(r.status, { "content-type": "application/json", ...(r.headers ?? {}) });
    res.end(JSON.stringify(r.body));
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: string) {
    const ok = (body: unknown) => reply(res, { status: 200, body });
    if (req.method === "GET" && path === "/__fake/emails") return ok({ emails, requests });
    if (req.method === "GET" && path === "/__fake/requests") return ok({ requests });
    if (req.method === "GET" && path === "/__fake/received")
      return ok({ received: Object.fromEntries(fake.receivedBy()) });
    if (req.method === "POST" && path === "/__fake/fail") {
      failures.push(...(JSON.parse(raw || "[]") as FakeFailure[]));
      return ok({ queued: failures.length });
    }
    if (req.method === "POST" && path === "/__fake/configure") {
      fake.configure(JSON.parse(raw || "{}"));
      return ok({ ok: true });
    }
    if (req.method === "POST" && path === "/__fake/reset-quotas") {
      fake.resetQuotas();
      return ok({ ok: true });
    }
    if (req.method === "POST" && path === "/__fake/reset") {
      fake.reset();
      return ok({ ok: true });
    }
    return reply(res, { status: 404, body: { message: "Not found" } });
  }

  const server = http.createServer((req, res) => void serve(req, res));
  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      const url = new URL(req.url ?? "/", "http://fake");
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__fake/")) return await control(req, res, url.pathname, raw);
      if (url.pathname !== "/emails" && url.pathname !== "/emails/batch") return reply(res, errorReply("not_found"));
      if (req.method !== "POST") return reply(res, errorReply("method_not_allowed"));
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      let payload: unknown;
      let count = 1;
      const record = (r: Json) => {
        const error = r.status === 200 ? null : ((r.body as ErrorResponse).name ?? null);
        requests.push({
          path: url.pathname,
          idempotencyKey: key,
          status: r.status,
          error,
          emails: count,
          at: Date.now(),
        });
      };
      const answer = (r: Json) => {
        record(r);
        reply(res, r);
      };

      const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
      if (!auth) return answer(errorReply("missing_api_key"));
      if (config.invalidKeys.includes(auth[1])) return answer(errorReply("invalid_api_key"));
      try {
        payload = JSON.parse(raw);
      } catch {
        return answer(errorReply("validation_error", "Invalid JSON body."));
      }
      count = Array.isArray(payload) ? payload.length : 1;
      if (key !== null && (key.length < 1 || key.length > 256)) return answer(errorReply("invalid_idempotency_key"));
      const limited = rateLimited(auth[1]);
      if (limited) return answer(limited);

      const failure = failures.shift();
      if (failure?.kind === "status") {
        if (failure.status === 429) {
          const after = String(failure.retryAfterSeconds ?? 1);
          return answer(
            errorReply("rate_limit_exceeded", undefined, {
              "retry-after": after,
              "ratelimit-limit": "2",
              "ratelimit-remaining": "0",
              "ratelimit-reset": after,
            }),
          );
        }
        return answer({
          status: failure.status,
          body: {
            statusCode: failure.status,
            name: "internal_server_error",
            message: "Injected failure.",
          } satisfies ErrorResponse,
        });
      }
      if (failure?.kind === "error") {
        const headers =
          failure.retryAfterSeconds != null ? { "retry-after": String(failure.retryAfterSeconds) } : undefined;
        return answer(errorReply(failure.error, undefined, headers));
      }

      const permissive =
        url.pathname === "/emails/batch" &&
        String(req.headers["x-batch-validation"] ?? "strict").toLowerCase() === "permissive";
      // The key covers the endpoint, the body and the validation mode.
      const hash = crypto.createHash("sha256").update(`${url.pathname}\n${permissive}\n${raw}`).digest("hex");
      let previous = key ? idempotent.get(key) : undefined;
      if (previous && previous.at + IDEMPOTENCY_TTL_MS <= now()) {
        idempotent.delete(key!);
        previous = undefined;
      }
      let result: Json;
      if (previous && previous.hash !== hash) {
        result = errorReply("invalid_idempotent_request");
      } else if (previous && previous.result === null) {
        result = errorReply("concurrent_idempotent_requests");
      } else if (previous) {
        result = previous.result!;
      } else {
        const entry = { hash, at: now(), result: null as Json | null };
        if (key) idempotent.set(key, entry);
        // The key is held while the request is in progress (a concurrent one gets a 409).
        if (options.latencyMs) await sleep(options.latencyMs);
        result = handleSend(url.pathname, payload, key, permissive);
        if (key && result.status === 200) entry.result = result;
        else if (key) idempotent.delete(key);
        persist();
      }
      if (failure?.kind === "drop") {
        record(result);
        req.socket.destroy();
        return;
      }
      return answer(result);
    } catch (error) {
      reply(res, { status: 500, body: { statusCode: 500, name: "application_error", message: String(error) } });
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    port,
    emails,
    requests,
    webhookDeliveries,
    fail: (...f) => failures.push(...f),
    advance(ms) {
      offset += ms;
    },
    resetQuotas() {
      quotaFrom = now();
    },
    configure(next) {
      Object.assign(config, next);
    },
    async emit(type, emailId) {
      const email = emails.find((e) => e.id === emailId);
      if (!email) throw new Error(`No email ${emailId}`);
      post(eventFor(type, email));
      await fake.settled();
    },
    async settled() {
      while (pendingWebhooks.size) await Promise.all([...pendingWebhooks]);
    },
    receivedBy() {
      const counts = new Map<string, number>();
      for (const e of emails)
        for (const to of e.to) counts.set(to.toLowerCase(), (counts.get(to.toLowerCase()) ?? 0) + 1);
      return counts;
    },
    reset() {
      emails.length = 0;
      requests.length = 0;
      failures.length = 0;
      webhookDeliveries.length = 0;
      sentTimes.length = 0;
      idempotent.clear();
      suppressedAddresses.clear();
      requestTimes.clear();
      offset = 0;
      quotaFrom = 0;
      Object.assign(config, {
        verifiedDomains: options.verifiedDomains ?? null,
        invalidKeys: options.invalidKeys ?? [],
        dailyQuota: options.dailyQuota ?? null,
        monthlyQuota: options.monthlyQuota ?? null,
        rateLimitPerSecond: options.rateLimitPerSecond ?? null,
        webhook: options.webhook ?? null,
      });
      persist();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (writeTimer) clearTimeout(writeTimer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  persist();
  return fake;
}

/** Reads what a fake in another process accepted (through its control API). */
export async function fetchFakeEmails(url: string): Promise<{ emails: FakeEmail[]; requests: FakeRequest[] }> {
  const res = await fetch(`${url}/__fake/emails`);
  return (await res.json()) as { emails: FakeEmail[]; requests: FakeRequest[] };
}

// Run alone (`tsx tests/fakes/resend-server.ts [port]`), e.g. so that a benchmark keeps the
// provider's work off the sender's CPU. Prints its URL on the first line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeResend({
    port: Number(process.argv[2] ?? 0),
    latencyMs: Number(process.env.FAKE_RESEND_LATENCY_MS ?? 0),
    metadataOnly: process.env.FAKE_RESEND_METADATA_ONLY === "1",
  });
  console.log(fake.url);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void fake.close().then(() => process.exit(0)));
}
