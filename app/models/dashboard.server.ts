import { count, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { candidates, contacts, donations, emailOutbox, endorsements, voteEvents } from "#db/schema";

export function getOverviewCounts(database: DbOrTx = db()) {
  const n = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
  return {
    contacts: n(database.select({ n: count() }).from(contacts)),
    candidates: n(database.select({ n: count() }).from(candidates)),
    endorsed: n(database.select({ n: count() }).from(endorsements).where(eq(endorsements.status, "endorsed"))),
    voteEvents: n(database.select({ n: count() }).from(voteEvents)),
    donations: n(database.select({ n: count() }).from(donations).where(eq(donations.status, "succeeded"))),
    outboxHeld: n(database.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, "held"))),
  };
}
