import { and, desc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { candidacies, candidates, endorsements } from "#db/schema";

export interface CycleWinRate {
  cycle: string;
  won: number;
  /** won + lost; runoffs and pending races are not decided yet, so they do not count */
  decided: number;
  endorsed: number;
}

/** The PAC's win rate per cycle over its public endorsements, in one grouped query. */
export function winRateByCycle(database: DbOrTx = db()): CycleWinRate[] {
  return database
    .select({
      cycle: endorsements.cycle,
      won: sql<number>`coalesce(sum(${candidacies.outcome} = 'won'), 0)`,
      decided: sql<number>`coalesce(sum(${candidacies.outcome} in ('won', 'lost')), 0)`,
      endorsed: sql<number>`count(*)`,
    })
    .from(endorsements)
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .leftJoin(
      candidacies,
      and(eq(candidacies.contestId, endorsements.contestId), eq(candidacies.candidateId, endorsements.candidateId)),
    )
    .where(and(eq(endorsements.status, "endorsed"), eq(endorsements.isPublic, true), sql`${candidates.archivedAt} is null`))
    .groupBy(endorsements.cycle)
    .orderBy(desc(endorsements.cycle))
    .all();
}
