import { db, type DbOrTx } from "#db/client";
import { auditLog } from "#db/schema";

export interface AuditEntry {
  staffUserId: number | null;
  entity: string;
  entityId: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Every staff write calls this inside the same transaction as the write. */
export function recordAudit(entry: AuditEntry, database: DbOrTx = db()): void {
  database
    .insert(auditLog)
    .values({
      staffUserId: entry.staffUserId,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}
