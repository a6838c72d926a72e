/**
 * Staff password reset. A request mails a link holding a random token, signed with the app's key;
 * only its sha-256 is stored, so the table cannot be read back into working links. A link works
 * once, for RESET_TTL_MINUTES. Setting a new password through it signs out every session of that
 * account and ends its other open links; requests and resets are audited.
 *
 * The request gives the same answer whether or not the address has an account (the route
 * shows one message); the mail goes through the outbox, so the answer takes the same time too.
 */
import crypto from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { passwordResets, sessions, staffUsers } from "#db/schema";
import { hashPassword } from "~/lib/password.server";
import { MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT, RESET_TTL_MINUTES } from "~/lib/password-rules";
import { publicUrl } from "~/lib/public-url.server";
import { sign, signatureMatches } from "~/lib/signing.server";
import { recordAudit } from "./audit.server";
import { RuleViolation } from "./rule-violation.server";
import { enqueueEmail } from "./outbox.server";
import { findStaffUserByEmail } from "./staff-users.server";

export { RESET_TTL_MINUTES };
/** At most this many links go to one account in RESET_CAP_WINDOW_MS, however often the form is sent. */
export const RESET_CAP = 3;
export const RESET_CAP_WINDOW_MS = 60 * 60 * 1000;

const tokenHash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
const mac = (secret: string) => sign("password-reset", secret, 22);

function newToken(): string {
  const secret = crypto.randomBytes(32).toString("base64url");
  return `${secret}.${mac(secret)}`;
}

/** Only tokens we signed reach the database. */
function wellFormed(token: string | null | undefined): token is string {
  const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(token ?? "");
  return Boolean(match && signatureMatches(mac(match[1]), match[2]));
}

/**
 * Mails a reset link when the address belongs to an active staff account and the account has not
 * had RESET_CAP links in the last hour; otherwise does nothing. Says nothing either way.
 */
export function requestPasswordReset(email: string, now = new Date(), database: DbOrTx = db()): void {
  writeTransaction(database, (tx) => {
    const user = findStaffUserByEmail(email, tx);
    if (!user || user.disabledAt) return;
    const recent = tx
      .select({ n: sql<number>`count(*)` })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.staffUserId, user.id),
          gt(passwordResets.createdAt, new Date(now.getTime() - RESET_CAP_WINDOW_MS).toISOString()),
        ),
      )
      .get()!.n;
    if (recent >= RESET_CAP) return;
    const token = newToken();
    const reset = tx
      .insert(passwordResets)
      .values({
        staffUserId: user.id,
        tokenHash: tokenHash(token),
        expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000).toISOString(),
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    enqueueEmail(
      {
        template: "staff-password-reset",
        to: user.emailNormalized,
        props: {
          resetUrl: publicUrl(`/reset-password?${new URLSearchParams({ token })}`),
          expiresInMinutes: RESET_TTL_MINUTES,
        },
        idempotencyKey: `staff-password-reset:${reset.id}`,
        contactId: user.contactId,
      },
      tx,
    );
    recordAudit({ staffUserId: null, entity: "staff_user", entityId: user.id, action: "password_reset_requested" }, tx);
  });
}

/** The account a link is for, while the link is unused and unexpired; null otherwise. */
export function openPasswordReset(token: string | null | undefined, now = new Date(), database: DbOrTx = db()) {
  if (!wellFormed(token)) return null;
  const row = database
    .select({ resetId: passwordResets.id, staffUserId: staffUsers.id, email: staffUsers.emailNormalized })
    .from(passwordResets)
    .innerJoin(staffUsers, eq(staffUsers.id, passwordResets.staffUserId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now.toISOString()),
        isNull(staffUsers.disabledAt),
      ),
    )
    .get();
  return row ?? null;
}

export const LINK_REFUSED = "This link has expired or was already used. Ask for a new one.";

/**
 * Sets the new password if the link still works, in one transaction that also uses up the link,
 * ends the account's other links and signs out all its sessions. A password too short, or a link
 * that no longer works, is a RuleViolation and changes nothing.
 */
export async function completePasswordReset(
  token: string,
  password: string,
  now = new Date(),
  database: DbOrTx = db(),
): Promise<{ staffUserId: number }> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new RuleViolation(PASSWORD_TOO_SHORT, "password");
  if (!openPasswordReset(token, now, database)) throw new RuleViolation(LINK_REFUSED);
  // Hashed before the transaction: argon2 is slow and a write transaction holds the database.
  const passwordHash = await hashPassword(password);
  return writeTransaction(database, (tx) => {
    const at = now.toISOString();
    // Claimed by the update itself, so two posts of one link cannot both succeed.
    const claimed = tx
      .update(passwordResets)
      .set({ usedAt: at })
      .where(
        and(
          eq(passwordResets.tokenHash, tokenHash(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, at),
        ),
      )
      .returning({ staffUserId: passwordResets.staffUserId })
      .get();
    const user = claimed && tx.select().from(staffUsers).where(eq(staffUsers.id, claimed.staffUserId)).get();
    // The link was open a moment ago; another post of it won, or the account was disabled since.
    if (!user || user.disabledAt) throw new RuleViolation(LINK_REFUSED);
    tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id)).run();
    tx.update(passwordResets)
      .set({ usedAt: at })
      .where(and(eq(passwordResets.staffUserId, user.id), isNull(passwordResets.usedAt)))
      .run();
    const signedOut = tx.delete(sessions).where(eq(sessions.staffUserId, user.id)).run().changes;
    recordAudit(
      {
        staffUserId: user.id,
        entity: "staff_user",
        entityId: user.id,
        action: "password_reset",
        after: { sessionsRevoked: signedOut },
      },
      tx,
    );
    return { staffUserId: user.id };
  });
}
