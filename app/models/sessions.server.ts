import crypto from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { sessions, staffUsers } from "#db/schema";

export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;

export function createSession(
  staffUserId: number,
  meta: { ip?: string | null; userAgent?: string | null } = {},
  database: DbOrTx = db(),
) {
  const id = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
  return database
    .insert(sessions)
    .values({ id, staffUserId, expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null })
    .returning()
    .get();
}

/** The staff user behind a live session, or undefined when it expired, was revoked or the user is disabled. */
export function findSessionUser(sessionId: string, database: DbOrTx = db()) {
  const row = database
    .select({ session: sessions, user: staffUsers })
    .from(sessions)
    .innerJoin(staffUsers, eq(staffUsers.id, sessions.staffUserId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date().toISOString())))
    .get();
  if (!row || row.user.disabledAt) return undefined;
  return row;
}

export function deleteSession(sessionId: string, database: DbOrTx = db()) {
  database.delete(sessions).where(eq(sessions.id, sessionId)).run();
}
