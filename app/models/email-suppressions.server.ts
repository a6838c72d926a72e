/**
 * Addresses that get no list mail after a bounce or a complaint (receipts and other
 * transactional mail still go out: a donor who marked an appeal as spam is still owed a receipt).
 */
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { emailSuppressions, type SUPPRESSION_REASONS } from "#db/schema";
import { normalizeEmail } from "~/lib/email-address";

export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export function suppressEmail(email: string, reason: SuppressionReason, database: DbOrTx = db()): void {
  database
    .insert(emailSuppressions)
    .values({ emailNormalized: normalizeEmail(email), reason })
    .onConflictDoNothing({ target: emailSuppressions.emailNormalized })
    .run();
}

export function suppressionFor(email: string, database: DbOrTx = db()): SuppressionReason | null {
  const row = database
    .select({ reason: emailSuppressions.reason })
    .from(emailSuppressions)
    .where(eq(emailSuppressions.emailNormalized, normalizeEmail(email)))
    .get();
  return row?.reason ?? null;
}
