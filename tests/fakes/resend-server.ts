/**
 * A local stand-in for Resend's sending API, for tests and benchmarks: POST /emails and
 * POST /emails/batch in Resend's wire format, with its Idempotency-Key semantics (the same key
 * and body answer the first response again without sending; the same key with another body is a
 * 409), and failures on demand (429 with retry-after, 500, or a dropped connection after the
 * email was accepted).
 *
 * What it accepted is kept in memory and, when `file` is given, written to a JSON file so that
 * another process (the Playwright test beside the server) can read it. A control API under
 * /__fake lets such a process inject failures and reset the state.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

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
  emails: number;
  at: number;
}

/** One injected failure, used by the next request that reaches a send endpoint. */
export type FakeFailure =
  | { kind: "status"; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  /** Accepts the email, then destroys the connection before answering (a lost response). */
  | { kind: "drop" };

export interface FakeResendOptions {
  port?: number;
  /** Where to write the accepted emails as JSON after each change. */
  file?: string;
  /** Milliseconds each request waits before answering, to mimic network latency. */
  latencyMs?: number;
  /** Drop the bodies (html, text) of accepted emails, for long benchmark runs. */
  metadataOnly?: boolean;
}

export interface FakeResend {
  url: string;
  port: number;
  emails: FakeEmail[];
  requests: FakeRequest[];
  fail(...failures: FakeFailure[]): void;
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
}

/** The webhook signing secret the e2e server is given (Svix format: whsec_ + base64). */
export const E2E_RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from("e2e-resend-webhook-secret-32bytes").toString("base64")}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function validationError(message: string) {
  return { status: 422, body: { statusCode: 422, name: "validation_error", message } };
}

function checkEmail(e: ApiEmail): string | null {
  if (typeof e.from !== "string" || !e.from) return "The `from` field is required.";
  const to = typeof e.to === "string" ? [e.to] : e.to;
  if (!Array.isArray(to) || to.length === 0 || to.length > 50) return "The `to` field must hold 1 to 50 addresses.";
  if (typeof e.subject !== "string" || !e.subject) return "The `subject` field is required.";
  if (typeof e.html !== "string" && typeof e.text !== "string") return "Either `html` or `text` is required.";
  return null;
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const emails: FakeEmail[] = [];
  const requests: FakeRequest[] = [];
  const failures: FakeFailure[] = [];
  const idempotent = new Map<string, { hash: string; status: number; body: unknown }>();
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
      receivedAt: new Date().toISOString(),
    };
    emails.push(email);
    return email;
  }

  function handleSend(path: string, payload: unknown, key: string | null): { status: number; body: unknown } {
    if (path === "/emails") {
      const error = checkEmail((payload ?? {}) as ApiEmail);
      if (error) return validationError(error);
      return { status: 200, body: { id: accept(payload as ApiEmail, key, false).id } };
    }
    if (!Array.isArray(payload) || payload.length === 0) return validationError("The batch must be a non-empty array.");
    if (payload.length > 100) return validationError("A batch holds at most 100 emails.");
    for (const e of payload) {
      const error = checkEmail(e as ApiEmail);
      if (error) return validationError(error);
    }
    return { status: 200, body: { data: payload.map((e) => ({ id: accept(e as ApiEmail, key, true).id })) } };
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://fake");
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__fake/")) {
        if (req.method === "GET" && url.pathname === "/__fake/emails") return reply(res, 200, { emails, requests });
        if (req.method === "GET" && url.pathname === "/__fake/requests") return reply(res, 200, { requests });
        if (req.method === "POST" && url.pathname === "/__fake/fail") {
          failures.push(...(JSON.parse(raw || "[]") as FakeFailure[]));
          return reply(res, 200, { queued: failures.length });
        }
        if (req.method === "POST" && url.pathname === "/__fake/reset") {
          fake.reset();
          return reply(res, 200, { ok: true });
        }
        return reply(res, 404, { message: "Not found" });
      }
      if (req.method !== "POST" || (url.pathname !== "/emails" && url.pathname !== "/emails/batch")) {
        return reply(res, 404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
      }
      if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
        return reply(res, 401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." });
      }
      if (options.latencyMs) await sleep(options.latencyMs);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        return reply(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid JSON body." });
      }
      const record = (status: number, count: number) =>
        requests.push({ path: url.pathname, idempotencyKey: key, status, emails: count, at: Date.now() });
      const count = Array.isArray(payload) ? payload.length : 1;

      const failure = failures.shift();
      if (failure?.kind === "status") {
        record(failure.status, count);
        const headers: Record<string, string> = {};
        if (failure.status === 429) {
          headers["retry-after"] = String(failure.retryAfterSeconds ?? 1);
          headers["ratelimit-limit"] = "2";
          headers["ratelimit-remaining"] = "0";
          headers["ratelimit-reset"] = String(failure.retryAfterSeconds ?? 1);
          return reply(res, 429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." }, headers);
        }
        return reply(res, failure.status, { statusCode: failure.status, name: "internal_server_error", message: "Injected failure." });
      }

      const scope = `${url.pathname}:${key}`;
      const hash = crypto.createHash("sha256").update(raw).digest("hex");
      const previous = key ? idempotent.get(scope) : undefined;
      let result: { status: number; body: unknown };
      if (previous) {
        result =
          previous.hash === hash
            ? { status: previous.status, body: previous.body }
            : {
                status: 409,
                body: { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." },
              };
      } else {
        result = handleSend(url.pathname, payload, key);
        if (key && result.status === 200) idempotent.set(scope, { hash, ...result });
        persist();
      }
      record(result.status, count);
      if (failure?.kind === "drop") {
        req.socket.destroy();
        return;
      }
      return reply(res, result.status, result.body);
    } catch (error) {
      reply(res, 500, { statusCode: 500, name: "application_error", message: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    port,
    emails,
    requests,
    fail: (...f) => failures.push(...f),
    reset() {
      emails.length = 0;
      requests.length = 0;
      failures.length = 0;
      idempotent.clear();
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
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
}
