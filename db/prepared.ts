/**
 * Statements prepared once per SQLite connection, for the hot paths (webhooks, the ledger, the
 * outbox): building drizzle's SQL on every call costs more than running it. A transaction shares
 * its database's session (one connection), so the session keys the cache for both.
 */
import type { DbOrTx } from "./client";

export function preparedOnce<T>(cache: WeakMap<object, T>, database: DbOrTx, build: (database: DbOrTx) => T): T {
  const session = (database as unknown as { session: object }).session;
  let prepared = cache.get(session);
  if (!prepared) {
    prepared = build(database);
    cache.set(session, prepared);
  }
  return prepared;
}
