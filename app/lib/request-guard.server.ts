/**
 * The gate every request passes before any route sees it (app/cli/serve.ts runs it ahead of
 * Remix). A state-changing request must come from this site (Origin / Sec-Fetch-Site), unless it
 * is a signed endpoint; a client that posts too often is refused before its body is read; the
 * body must be a well-formed form of a sensible size and shape. Everything refused here gets a
 * 4xx with a plain message, and no route ever runs for it, so nothing is written.
 *
 * Routes then parse a body that is known to be readable: `request.formData()` cannot throw, a
 * field name cannot ask Conform for an array of 200,000 entries, and no value carries NUL or
 * other control characters.
 */
import { RateLimiter } from "./rate-limit.server";

/** Endpoints whose callers prove themselves with a signature instead of an Origin (a webhook's
 *  sender or a mail provider's one-click unsubscribe, RFC 8058), and read their own raw body. */
const SIGNED_PATHS = /^\/(?:webhooks\/(?:stripe|resend)|unsubscribe\/one-click)\/?$/;
/** The health check answers a POST too (load balancers, and the benchmarks' trivial POST beside
 *  the webhook): it writes nothing a visitor could aim at, so it takes the signed endpoints' path. */
const RAW_BODY_PATHS = /^\/healthz\/?$/;
const ADMIN_PATHS = /^\/admin(?:\/|$)/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const LIMITS = {
  /** Public forms are a few short fields; 64 KiB leaves room for a long tip. */
  publicBytes: 64 * 1024,
  /** Staff forms include an update's whole Markdown body. */
  adminFormBytes: 1024 * 1024,
  /** Staff uploads: a contact CSV (app/routes/admin.contacts.import.tsx) or a photo. */
  adminMultipartBytes: 51 * 1024 * 1024,
  /** A Stripe or Resend event is a few kilobytes. */
  signedBytes: 512 * 1024,
  publicFields: 100,
  adminFields: 2000,
  /** Conform reads `name[n]` as an array index, so one short field could ask for a huge array. */
  maxArrayIndex: 999,
  nameLength: 200,
} as const;

// Counted before the body is read, per address, so invalid and oversized posts are throttled too.
// Well above what a person filling forms does; the per-form limit after validation stays tighter.
const publicPosts = new RateLimiter(60, 60 * 1000);

// C0 controls except tab, line feed and carriage return (text areas send those), and DEL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const INDEX = /\[(\d+)\]/g;
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/;

export type GuardOutcome = Request | Response;

export interface GuardOptions {
  clientIp: string;
  /** The site's public origin (PUBLIC_URL) when a proxy in front changes the Host or scheme. */
  publicOrigin?: string | null;
}

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** True when a browser tells us the request was made by a page of another site (or an opaque one). */
export function isCrossOrigin(request: Request, publicOrigin?: string | null): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  // "none" is a navigation the user started (typed or bookmarked), never another site's page.
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false; // not sent by a browser's form or fetch: no ambient-credential risk
  const allowed = new Set([new URL(request.url).origin]);
  if (publicOrigin) allowed.add(new URL(publicOrigin).origin);
  return !allowed.has(origin);
}

/** The body, read up to `limit` bytes; null when it is longer. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Percent-decodes one name or value of an urlencoded body, refusing invalid UTF-8. */
function decodeComponent(raw: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2b) bytes.push(0x20);
    else if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else return null; // raw non-ASCII is not valid in this encoding
  }
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

interface Shape {
  maxFields: number;
}

/** The first problem with a form's fields, as a message for the sender, or null. */
function fieldProblem(fields: Iterable<[string, string | null]>, shape: Shape): string | null {
  let count = 0;
  for (const [name, value] of fields) {
    count += 1;
    if (count > shape.maxFields) return "The form has too many fields.";
    if (name.length > LIMITS.nameLength) return "A field name is too long.";
    for (const match of name.matchAll(INDEX)) {
      if (Number(match[1]) > LIMITS.maxArrayIndex) return `The field "${name.slice(0, 40)}" asks for too many entries.`;
    }
    if (CONTROL.test(name) || (value !== null && CONTROL.test(value))) {
      return "The form contains control characters (such as NUL) that no field accepts.";
    }
  }
  return null;
}

function urlencodedFields(text: string): Array<[string, string]> | null {
  const fields: Array<[string, string]> = [];
  if (text === "") return fields;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    const value = decodeComponent(eq === -1 ? "" : part.slice(eq + 1));
    if (name === null || value === null) return null;
    fields.push([name, value]);
  }
  return fields;
}

function rebuilt(request: Request, body: Uint8Array<ArrayBuffer>): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  });
}

/**
 * Lets a request through (returning it, with its body buffered when it had one) or answers it.
 */
export async function guardRequest(request: Request, options: GuardOptions): Promise<GuardOutcome> {
  if (SAFE_METHODS.has(request.method)) return request;
  const path = new URL(request.url).pathname;

  if (SIGNED_PATHS.test(path) || RAW_BODY_PATHS.test(path)) {
    const body = await readLimited(request, LIMITS.signedBytes);
    if (!body) return refuse(413, "The payload is too large.");
    return rebuilt(request, body);
  }

  if (isCrossOrigin(request, options.publicOrigin)) {
    return refuse(403, "This form can only be sent from this site's own pages.");
  }

  const admin = ADMIN_PATHS.test(path);
  if (!admin && !publicPosts.hit(options.clientIp)) {
    return refuse(429, "Too many requests from your connection. Please wait a minute and try again.", {
      "Retry-After": "60",
    });
  }

  const contentType = request.headers.get("content-type") ?? "";
  const [mediaType, ...params] = contentType.split(";").map((p) => p.trim());
  const type = mediaType.toLowerCase();
  const multipart = type === "multipart/form-data";
  if (type !== "application/x-www-form-urlencoded" && !multipart) {
    return refuse(415, "Send this form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  if (multipart) {
    const boundary = params
      .find((p) => p.toLowerCase().startsWith("boundary="))
      ?.slice(9)
      .replace(/^"(.*)"$/, "$1");
    if (!boundary || !BOUNDARY.test(boundary)) return refuse(400, "The multipart form has no valid boundary.");
  }

  const limit = !admin ? LIMITS.publicBytes : multipart ? LIMITS.adminMultipartBytes : LIMITS.adminFormBytes;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return refuse(413, "The form is too large.");
  const body = await readLimited(request, limit);
  if (!body) return refuse(413, "The form is too large.");

  const shape: Shape = { maxFields: admin ? LIMITS.adminFields : LIMITS.publicFields };
  let problem: string | null;
  if (multipart) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      return refuse(400, "The multipart form could not be read.");
    }
    problem = fieldProblem(
      [...form.entries()].map(
        ([name, value]) => [name, typeof value === "string" ? value : null] as [string, string | null],
      ),
      shape,
    );
  } else {
    const fields = urlencodedFields(Buffer.from(body).toString("latin1"));
    if (!fields) return refuse(400, "The form is not valid UTF-8 text.");
    problem = fieldProblem(fields, shape);
  }
  if (problem) return refuse(400, problem);
  return rebuilt(request, body);
}
