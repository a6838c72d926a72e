import { db, type DbOrTx, type Tx, writeTransaction } from "#db/client";
import { recordAudit } from "./audit.server";

export interface AuditedResult<T> {
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  value: T;
}

/**
 * Runs a staff write and its audit row in one transaction, so the log can never miss a change
 * nor record one that rolled back.
 */
export function auditedWrite<T>(
  actorId: number | null,
  entity: string,
  action: string,
  write: (tx: Tx) => AuditedResult<T>,
  database: DbOrTx = db(),
): T {
  return writeTransaction(database, (tx) => {
    const result = write(tx);
    recordAudit(
      { staffUserId: actorId, entity, entityId: result.entityId, action, before: result.before, after: result.after },
      tx,
    );
    return result.value;
  });
}
