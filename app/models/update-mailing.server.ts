import { db, writeTransaction } from "#db/client";
import { recordAudit } from "./audit.server";
import { enqueueImpactUpdate } from "./impact-mailing.server";
import { getUpdate } from "./updates.server";

/**
 * Staff's "email to subscribers": only published updates go out (the email links to the page);
 * returns how many were queued, 0 when everyone already had it.
 */
export function emailUpdateToSubscribers(
  updateId: number,
  staffUserId: number,
  database = db(),
): number | "draft" | "not-found" {
  return writeTransaction(database, (tx) => {
    const update = getUpdate(updateId, tx);
    if (!update) return "not-found";
    if (update.visibility === "draft" || !update.publishedAt) return "draft";
    const queued = enqueueImpactUpdate(updateId, tx);
    recordAudit({ staffUserId, entity: "update", entityId: updateId, action: "email", after: { queued } }, tx);
    return queued;
  });
}
