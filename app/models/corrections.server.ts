/**
 * Public correction lines. When a figure the public has already seen changes (the PAC's
 * preferred vote on a roll call, a race's outcome), the change is written here in the same
 * transaction, dated, and every page that shows the figure shows the line under it.
 */
import { db, type DbOrTx } from "#db/client";
import { corrections } from "#db/schema";

export type Correction = typeof corrections.$inferSelect;

export function addCorrection(
  target: { voteEventId: number } | { candidacyId: number },
  text: string,
  database: DbOrTx = db(),
): Correction {
  return database
    .insert(corrections)
    .values({ ...target, text })
    .returning()
    .get();
}
