/**
 * Structured logs: one JSON line per request and per server error, each with the request's id,
 * so an error a visitor reports (the id is in the X-Request-Id header and on the error page of
 * the HTTP server) can be found. Stack traces go to the log only, never to the visitor.
 */
import crypto from "node:crypto";
import type { HandleErrorFunction } from "@remix-run/node";

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A proxy's X-Request-Id when it is well-formed (and a proxy is trusted), else a fresh id. */
export function requestIdFor(incoming: string | undefined, trustProxy: boolean): string {
  if (trustProxy && incoming && INCOMING_ID.test(incoming)) return incoming;
  return crypto.randomBytes(9).toString("base64url");
}

export type LogWriter = (line: string) => void;
let writer: LogWriter = (line) => process.stdout.write(line + "\n");

/** Tests capture the lines. */
export function setLogWriter(next: LogWriter): LogWriter {
  const previous = writer;
  writer = next;
  return previous;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;
// LOG_LEVEL=warn keeps only errors and warnings (benchmarks and test servers, where a line per
// request would drown the output).
const threshold = LEVELS[(process.env.LOG_LEVEL as Level) in LEVELS ? (process.env.LOG_LEVEL as Level) : "info"];

export function logEvent(event: Record<string, unknown> & { level: Level }): void {
  if (LEVELS[event.level] < threshold) return;
  writer(JSON.stringify({ time: new Date().toISOString(), ...event }));
}

export function logRequest(entry: {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  ip: string;
}): void {
  logEvent({
    level: entry.status >= 500 ? "error" : "info",
    msg: "request",
    ...entry,
    durationMs: Math.round(entry.durationMs * 10) / 10,
  });
}

export function logError(error: unknown, context: { requestId?: string; method?: string; path?: string }): void {
  const err = error instanceof Error ? error : new Error(String(error));
  logEvent({ level: "error", msg: err.message, ...context, name: err.name, stack: err.stack });
}

/** Remix calls this for errors thrown in loaders, actions and rendering (app/entry.server.tsx). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A visitor who navigated away aborts the request; that is not a server fault.
  if (request.signal.aborted) return;
  const url = new URL(request.url);
  logError(error, { requestId: context?.requestId as string | undefined, method: request.method, path: url.pathname });
};
