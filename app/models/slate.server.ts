import { and, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  countRace,
  electionDayStarts,
  listRaceFacts,
  toFacts,
  winRateByCycle,
  winRateFromFacts,
  type CycleWinRate,
} from "./win-rate.server";
import { dayInZone } from "~/lib/time-zone";
import { getSettings } from "./settings.server";
import { candidacies, candidates, elections, endorsements, governingBodies, seats } from "#db/schema";
import { selectEndorsementRaces } from "./race-joins.server";

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
  /** the PAC endorsed on or after election day: listed, not counted in the win rate */
  afterElection: boolean;
  /** no more candidates than seats: counted apart from contested races */
  unopposed?: boolean;
}

/** Public endorsements with status `endorsed`, newest cycle first, in one query. */
export function listEndorsedSlate(
  options: { cycle?: string; timeZone?: string } = {},
  database: DbOrTx = db(),
): SlateEntry[] {
  const timeZone = options.timeZone ?? getSettings(database).timeZone;
  const rows = selectEndorsementRaces(database, {
    candidateId: candidates.id,
    slug: candidates.slug,
    displayName: candidates.displayName,
    cycle: endorsements.cycle,
    decidedAt: endorsements.decidedAt,
    seatName: seats.name,
    bodyName: governingBodies.name,
    bodySlug: governingBodies.slug,
    electionId: elections.id,
    electionName: elections.name,
    electionDate: elections.date,
    outcome: candidacies.outcome,
    incumbent: candidacies.incumbent,
  })
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .where(
      and(
        eq(endorsements.status, "endorsed"),
        eq(endorsements.isPublic, true),
        isNull(candidates.archivedAt),
        options.cycle ? eq(endorsements.cycle, options.cycle) : undefined,
      ),
    )
    .orderBy(desc(endorsements.cycle), candidates.displayName, elections.date)
    .all();
  const dayStart = electionDayStarts(timeZone);
  return rows.map((r) => {
    const race = countRace(
      {
        status: "endorsed",
        decidedAt: r.decidedAt,
        rescindedAt: null,
        electionDate: r.electionDate,
        outcome: r.outcome,
        runoffOutcome: null,
        runoffEndorsed: false,
        fieldSize: 0,
        seatsToFill: 1,
      },
      dayStart,
    );
    return {
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
      afterElection: !race.counted && race.why === "after_election",
    };
  });
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

/** The home page: the newest cycle's slate and its record. */
export function getHomeSlate(database: DbOrTx = db()) {
  const cycle = currentCycle(database);
  if (!cycle) return { cycle, slate: [] as SlateEntry[], winRate: null };
  const { timeZone } = getSettings(database);
  return {
    cycle,
    slate: listEndorsedSlate({ cycle, timeZone }, database),
    winRate: winRateByCycle(timeZone, database).find((r) => r.cycle === cycle) ?? null,
  };
}

/**
 * /endorsements: every public slate grouped by cycle, newest first, each with its win rate and
 * the counted races no longer listed; the slate and the rates come from one query.
 */
export function getEndorsementsPage(database: DbOrTx = db()) {
  const { timeZone } = getSettings(database);
  const dayStart = electionDayStarts(timeZone);
  const facts = listRaceFacts(database);
  const rates = new Map(
    winRateFromFacts(facts, dayStart).map((r) => [
      r.cycle,
      {
        ...r,
        disclosed: r.disclosed.map((d) => ({
          ...d,
          rescindedAt: d.rescindedAt ? dayInZone(d.rescindedAt, timeZone) : null,
        })),
      },
    ]),
  );
  const cycles: Array<{ cycle: string; entries: SlateEntry[]; winRate: CycleWinRate | null }> = [];
  for (const r of facts) {
    if (r.status !== "endorsed" || !r.isPublic || r.candidateArchived) continue;
    const race = countRace(toFacts(r), dayStart);
    const entry: SlateEntry = {
      candidateId: r.candidateId,
      slug: r.slug,
      displayName: r.candidateName,
      cycle: r.cycle,
      office: r.bodyName && r.seatName ? `${r.bodyName}, ${r.seatName}` : null,
      bodySlug: r.bodySlug,
      electionId: r.electionId,
      electionName: r.electionName,
      electionDate: r.electionDate,
      outcome: r.outcome,
      incumbent: Boolean(r.incumbent),
      afterElection: !race.counted && race.why === "after_election",
      unopposed: race.counted && race.unopposed,
    };
    let group = cycles[cycles.length - 1];
    if (!group || group.cycle !== entry.cycle) {
      group = { cycle: entry.cycle, entries: [], winRate: rates.get(entry.cycle) ?? null };
      cycles.push(group);
    }
    group.entries.push(entry);
  }
  // A cycle whose every endorsement was later rescinded or hidden still shows its record.
  for (const [cycle, winRate] of rates) {
    if (!cycles.some((c) => c.cycle === cycle) && winRate.contested + winRate.unopposed > 0) {
      cycles.push({ cycle, entries: [], winRate });
    }
  }
  cycles.sort((a, b) => b.cycle.localeCompare(a.cycle));
  return { current: cycles[0] ?? null, past: cycles.slice(1) };
}
