/**
 * The sender's stop sign (emailSenderHalt in db/schema.ts). When Resend refuses the account or
 * its setup, or a quota runs out, sending any further email is pointless until that changes:
 * the sender stops, the emails wait without spending attempts, and staff see why in a banner.
 * The sender tries once more by itself at `until`; staff may resume at once after fixing it.
 */
import { eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { emailSenderHalt, type SENDER_HALT_KINDS } from "#db/schema";
import { recordAudit } from "./audit.server";

export type SenderHaltKind = (typeof SENDER_HALT_KINDS)[number];
export type SenderHalt = typeof emailSenderHalt.$inferSelect;

const ID = 1;

export function getSenderHalt(database: DbOrTx = db()): SenderHalt | null {
  return database.select().from(emailSenderHalt).where(eq(emailSenderHalt.id, ID)).get() ?? null;
}

/** Stops (or keeps stopping) the sender until `until`; the first stop's time is kept. */
export function haltSender(
  kind: SenderHaltKind,
  reason: string,
  until: Date,
  now: Date,
  database: DbOrTx = db(),
): void {
  database
    .insert(emailSenderHalt)
    .values({ id: ID, kind, reason, until: until.toISOString(), since: now.toISOString() })
    .onConflictDoUpdate({ target: emailSenderHalt.id, set: { kind, reason, until: until.toISOString() } })
    .run();
}

/** The provider accepted a request again: the stop is over. */
export function clearSenderHalt(database: DbOrTx = db()): void {
  database.delete(emailSenderHalt).where(eq(emailSenderHalt.id, ID)).run();
}

export function markHaltNotified(now: Date, database: DbOrTx = db()): void {
  database.update(emailSenderHalt).set({ notifiedAt: now.toISOString() }).where(eq(emailSenderHalt.id, ID)).run();
}

/** Staff fixed the cause (a new key, a verified domain): try again now. */
export function resumeSender(staffUserId: number, database: DbOrTx = db()): boolean {
  return writeTransaction(database, (tx) => {
    const halt = getSenderHalt(tx);
    if (!halt) return false;
    // Due at once: the sender's next run makes one request and clears the stop if it succeeds.
    tx.update(emailSenderHalt)
      .set({ until: new Date(0).toISOString() })
      .where(eq(emailSenderHalt.id, ID))
      .run();
    recordAudit(
      {
        staffUserId,
        entity: "email_sender",
        entityId: null,
        action: "resume",
        before: { kind: halt.kind, reason: halt.reason, until: halt.until },
      },
      tx,
    );
    return true;
  });
}
