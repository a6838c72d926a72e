/**
 * A micro-cache for the public track-record pages (candidate, endorsements, body, measure,
 * election). They are the same for every anonymous visitor and change only when the database
 * does, yet a candidate with hundreds of votes costs a full server render. An anonymous GET is
 * served from memory while the database is unchanged; any commit, by this process or another,
 * changes SQLite's `PRAGMA data_version` on our own connection and drops every entry, and entries
 * also expire after a minute (pages such as "current members" depend on the day).
 * Requests with any cookie (signed-in staff) always go to the app.
 */
import Database from "better-sqlite3";
import type { NextFunction, Request, Response } from "express";

const CACHEABLE = /^\/(?:endorsements|candidates\/[a-z0-9-]+|bodies\/[a-z0-9-]+|measures\/\d+|elections\/\d+)$/;
// The CSP goes with the page: its nonce is written into the cached HTML.
const KEPT_HEADERS = [
  "content-type",
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "cache-control",
];

interface Entry {
  version: number;
  storedAt: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

export function publicPageCache(databaseFile: string, options: { ttlMs?: number; maxEntries?: number } = {}) {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();
  let versionStatement: Database.Statement | null = null;
  const dataVersion = (): number | null => {
    try {
      versionStatement ??= new Database(databaseFile, { fileMustExist: true }).prepare("pragma data_version").pluck();
      return versionStatement.get() as number;
    } catch {
      return null; // no database yet: serve everything from the app
    }
  };

  return function cache(req: Request, res: Response, next: NextFunction) {
    if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.cookie || !CACHEABLE.test(req.path))
      return next();
    const key = req.originalUrl;
    const version = dataVersion();
    if (version === null) return next();
    const hit = entries.get(key);
    if (hit && hit.version === version && Date.now() - hit.storedAt < ttlMs) {
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      res.status(200).end(hit.body);
      return;
    }
    if (hit) entries.delete(key);

    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk == null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : undefined),
      );
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      const contentType = String(res.getHeader("content-type") ?? "");
      if (res.statusCode === 200 && contentType.startsWith("text/html") && !res.getHeader("set-cookie")) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        const headers = KEPT_HEADERS.flatMap((name) => {
          const value = res.getHeader(name);
          return value === undefined ? [] : [[name, String(value)] as [string, string]];
        });
        // Stored under the version read before rendering: a write during the render leaves a stale
        // version on the entry, so the next request misses and renders afresh.
        entries.set(key, { version, storedAt: Date.now(), headers, body: Buffer.concat(chunks) });
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.setHeader("X-Page-Cache", "miss");
    next();
  };
}
