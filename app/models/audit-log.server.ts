import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { auditLog, staffUsers } from "#db/schema";
import { nextDay, startOfDayUtc } from "~/lib/time-zone";
import { getSettings } from "./settings.server";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  entity?: string;
  action?: string;
  staffUserId?: number;
  entityId?: number;
  /** first day included, YYYY-MM-DD in the PAC's time zone */
  from?: string;
  /** last day included, YYYY-MM-DD in the PAC's time zone */
  to?: string;
  page?: number;
}

/** One page of the audit log, newest first, with the total and the choices for the filters. */
export function listAuditLog(filters: AuditFilters, database: DbOrTx = db()) {
  const conditions: SQL[] = [];
  if (filters.entity) conditions.push(eq(auditLog.entity, filters.entity));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.staffUserId) conditions.push(eq(auditLog.staffUserId, filters.staffUserId));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  // Days are the PAC's calendar days, as the log shows its times.
  const { timeZone } = getSettings(database);
  if (filters.from) conditions.push(gte(auditLog.createdAt, startOfDayUtc(filters.from, timeZone)));
  if (filters.to) conditions.push(lt(auditLog.createdAt, startOfDayUtc(nextDay(filters.to), timeZone)));
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, filters.page ?? 1);

  const rows = database
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      beforeJson: auditLog.beforeJson,
      afterJson: auditLog.afterJson,
      staffEmail: staffUsers.emailNormalized,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffUserId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const total = database.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const entities = database
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .orderBy(auditLog.entity)
    .all()
    .map((r) => r.entity);
  const actions = database
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
  const staff = database
    .select({ id: staffUsers.id, email: staffUsers.emailNormalized })
    .from(staffUsers)
    .orderBy(staffUsers.emailNormalized)
    .all();
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), entities, actions, staff };
}
