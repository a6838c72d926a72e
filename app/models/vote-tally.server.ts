import { eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { votes } from "#db/schema";
import { EMPTY_TALLY, type Tally } from "~/lib/tally";

/**
 * Tallies of the vote events chosen by `eventIds` (a subquery or a list), counted from the votes
 * in one grouped query whatever the number of events.
 */
export function talliesFor(eventIds: SQLWrapper | number[], database: DbOrTx = db()): Map<number, Tally> {
  const rows = database
    .select({
      voteEventId: votes.voteEventId,
      yes: sql<number>`sum(${votes.option} = 'yes')`,
      no: sql<number>`sum(${votes.option} = 'no')`,
      abstain: sql<number>`sum(${votes.option} = 'abstain')`,
      absent: sql<number>`sum(${votes.option} = 'absent')`,
    })
    .from(votes)
    .where(Array.isArray(eventIds) ? inArray(votes.voteEventId, eventIds) : inArray(votes.voteEventId, eventIds))
    .groupBy(votes.voteEventId)
    .all();
  return new Map(rows.map((r) => [r.voteEventId, { yes: r.yes, no: r.no, abstain: r.abstain, absent: r.absent }]));
}

export function tallyOf(voteEventId: number, database: DbOrTx = db()): Tally {
  const rows = database.select({ option: votes.option }).from(votes).where(eq(votes.voteEventId, voteEventId)).all();
  const t = { ...EMPTY_TALLY };
  for (const r of rows) t[r.option] += 1;
  return t;
}
