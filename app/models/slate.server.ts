import { and, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { winRateByCycle, type CycleWinRate } from "./win-rate.server";
import {
  candidacies,
  candidates,
  contests,
  elections,
  endorsements,
  governingBodies,
  seats,
} from "#db/schema";

export interface SlateEntry {
  candidateId: number;
  slug: string;
  displayName: string;
  cycle: string;
  office: string | null;
  bodySlug: string | null;
  electionId: number | null;
  electionName: string | null;
  electionDate: string | null;
  outcome: "won" | "lost" | "runoff" | "pending" | null;
  incumbent: boolean;
}

/** Public endorsements with status `endorsed`, newest cycle first, in one query. */
export function listEndorsedSlate(options: { cycle?: string } = {}, database: DbOrTx = db()): SlateEntry[] {
  const rows = database
    .select({
      candidateId: candidates.id,
      slug: candidates.slug,
      displayName: candidates.displayName,
      cycle: endorsements.cycle,
      seatName: seats.name,
      bodyName: governingBodies.name,
      bodySlug: governingBodies.slug,
      electionId: elections.id,
      electionName: elections.name,
      electionDate: elections.date,
      outcome: candidacies.outcome,
      incumbent: candidacies.incumbent,
    })
    .from(endorsements)
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .leftJoin(contests, eq(contests.id, endorsements.contestId))
    .leftJoin(seats, eq(seats.id, contests.seatId))
    .leftJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .leftJoin(elections, eq(elections.id, contests.electionId))
    .leftJoin(
      candidacies,
      and(eq(candidacies.contestId, endorsements.contestId), eq(candidacies.candidateId, endorsements.candidateId)),
    )
    .where(
      and(
        eq(endorsements.status, "endorsed"),
        eq(endorsements.isPublic, true),
        isNull(candidates.archivedAt),
        options.cycle ? eq(endorsements.cycle, options.cycle) : undefined,
      ),
    )
    .orderBy(desc(endorsements.cycle), candidates.displayName)
    .all();
  return rows.map((r) => ({
    candidateId: r.candidateId,
    slug: r.slug,
    displayName: r.displayName,
    cycle: r.cycle,
    office: r.bodyName && r.seatName ? `${r.bodyName}, ${r.seatName}` : null,
    bodySlug: r.bodySlug,
    electionId: r.electionId,
    electionName: r.electionName,
    electionDate: r.electionDate,
    outcome: r.outcome,
    incumbent: Boolean(r.incumbent),
  }));
}

/** The newest cycle that has a public endorsement. */
export function currentCycle(database: DbOrTx = db()): string | null {
  const row = database
    .select({ cycle: endorsements.cycle })
    .from(endorsements)
    .where(and(eq(endorsements.status, "endorsed"), eq(endorsements.isPublic, true)))
    .orderBy(desc(endorsements.cycle))
    .limit(1)
    .get();
  return row?.cycle ?? null;
}

/** /endorsements: every public slate grouped by cycle, newest first, each with its win rate; two queries. */
export function getEndorsementsPage(database: DbOrTx = db()) {
  const entries = listEndorsedSlate({}, database);
  const rates = new Map(winRateByCycle(database).map((r) => [r.cycle, r]));
  const cycles: Array<{ cycle: string; entries: SlateEntry[]; winRate: CycleWinRate | null }> = [];
  for (const entry of entries) {
    let group = cycles[cycles.length - 1];
    if (!group || group.cycle !== entry.cycle) {
      group = { cycle: entry.cycle, entries: [], winRate: rates.get(entry.cycle) ?? null };
      cycles.push(group);
    }
    group.entries.push(entry);
  }
  return { current: cycles[0] ?? null, past: cycles.slice(1) };
}
