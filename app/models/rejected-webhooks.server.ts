/**
 * Well-signed webhook deliveries we refused because their payload was malformed: kept so staff
 * (or whoever reads the database) can see what the provider sent and why it was turned away.
 */
import { desc } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { rejectedWebhooks } from "#db/schema";

export type RejectedWebhook = typeof rejectedWebhooks.$inferSelect;

export function recordRejectedWebhook(
  input: { provider: "stripe" | "resend"; eventId: string | null; eventType: string | null; reason: string },
  database: DbOrTx = db(),
): void {
  database.insert(rejectedWebhooks).values(input).run();
}

export function listRejectedWebhooks(limit = 100, database: DbOrTx = db()): RejectedWebhook[] {
  return database.select().from(rejectedWebhooks).orderBy(desc(rejectedWebhooks.id)).limit(limit).all();
}
