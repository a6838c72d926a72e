/**
 * The health check behind /healthz and the server's start: the database must be the very file
 * we opened (not deleted or replaced under us) and must take a write. `select 1` stays green on a
 * read-only file, a full disk or a deleted file; a committed write does not.
 */
import { sql } from "drizzle-orm";
import { checkFileIdentity, db } from "#db/client";
import { healthProbe } from "#db/schema";

/** Throws (a StorageError or SQLite's own error) when the database cannot take writes. */
export function checkDatabase(): void {
  checkFileIdentity();
  const now = new Date().toISOString();
  db()
    .insert(healthProbe)
    .values({ id: 1, checkedAt: now })
    .onConflictDoUpdate({ target: healthProbe.id, set: { checkedAt: sql`excluded.checked_at` } })
    .run();
}

let last: { at: number; error: string | null } | null = null;

/**
 * The probe's verdict, written at most once per `intervalMs`: a load balancer polling often, or a
 * benchmark using /healthz as its baseline, must not turn it into a stream of writes.
 */
export function databaseHealth(intervalMs = 1000, now = Date.now()): { ok: true } | { ok: false; error: string } {
  if (!last || now - last.at >= intervalMs || now < last.at || last.error) {
    let error: string | null = null;
    try {
      checkDatabase();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    last = { at: now, error };
  }
  return last.error ? { ok: false, error: last.error } : { ok: true };
}
