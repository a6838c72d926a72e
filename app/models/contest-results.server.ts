import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { candidacies, contests, type CANDIDACY_OUTCOMES } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation } from "./rule-violation.server";
import { addCorrection } from "./corrections.server";
import { OUTCOME_LABELS } from "~/lib/format";

export type Outcome = (typeof CANDIDACY_OUTCOMES)[number];

export interface ResultEntry {
  candidacyId: number;
  votes: number;
  /** Set by staff where the count alone does not decide (a runoff, a tie settled by lot). */
  outcome?: Outcome | null;
}

export interface ComputedResult {
  candidacyId: number;
  votes: number;
  voteShareBp: number | null;
  outcome: Outcome;
}

/**
 * Shares in basis points by the largest-remainder method, so a contest's shares always add up to
 * exactly 100.00%. Outcomes: once the count is final, the `seatsToFill` highest win and the rest
 * lose; a tie across that line stays `pending` for staff to settle. Before the count is final every
 * derived outcome is `pending`. A staff-set outcome always wins over the derived one.
 */
export function computeResults(seatsToFill: number, entries: ResultEntry[], final: boolean): ComputedResult[] {
  const total = entries.reduce((sum, e) => sum + e.votes, 0);
  const shares = new Map<number, number | null>();
  if (total === 0) {
    for (const e of entries) shares.set(e.candidacyId, null);
  } else {
    const raw = entries.map((e) => ({ id: e.candidacyId, exact: (e.votes * 10000) / total }));
    const floors = raw.map((r) => ({ ...r, bp: Math.floor(r.exact) }));
    let left = 10000 - floors.reduce((s, r) => s + r.bp, 0);
    const byRemainder = [...floors].sort((a, b) => b.exact - b.bp - (a.exact - a.bp) || a.id - b.id);
    for (const r of byRemainder) {
      if (left <= 0) break;
      r.bp += 1;
      left -= 1;
    }
    for (const r of floors) shares.set(r.id, r.bp);
  }

  const ranked = [...entries].sort((a, b) => b.votes - a.votes);
  // Fewer candidates than seats: everyone who ran is elected.
  const lastIn = ranked.length > seatsToFill ? ranked[seatsToFill - 1].votes : -1;
  const firstOut = ranked.length > seatsToFill ? ranked[seatsToFill].votes : -2;

  return entries.map((e) => {
    let derived: Outcome = "pending";
    if (final && total > 0) {
      if (e.votes === lastIn && lastIn === firstOut) derived = "pending";
      else derived = e.votes >= lastIn ? "won" : "lost";
    }
    return {
      candidacyId: e.candidacyId,
      votes: e.votes,
      voteShareBp: shares.get(e.candidacyId) ?? null,
      outcome: e.outcome ?? derived,
    };
  });
}

/** Saves one contest's results: every candidacy's votes, the computed shares and outcomes. */
export function saveContestResults(
  contestId: number,
  input: { entries: ResultEntry[]; final: boolean },
  actorId: number,
  database: DbOrTx = db(),
): ComputedResult[] {
  return auditedWrite(
    actorId,
    "contest",
    "results",
    (tx) => {
      const contest = tx.select().from(contests).where(eq(contests.id, contestId)).get();
      if (!contest) throw new RuleViolation("That contest no longer exists.");
      const before = tx
        .select({
          id: candidacies.id,
          votes: candidacies.votes,
          voteShareBp: candidacies.voteShareBp,
          outcome: candidacies.outcome,
        })
        .from(candidacies)
        .where(eq(candidacies.contestId, contestId))
        .all();
      const known = new Set(before.map((c) => c.id));
      if (input.entries.length !== known.size || input.entries.some((e) => !known.has(e.candidacyId))) {
        throw new RuleViolation("Enter the votes of every candidate in this contest.");
      }
      const results = computeResults(contest.seatsToFill, input.entries, input.final);
      const previous = new Map(before.map((c) => [c.id, c.outcome]));
      for (const r of results) {
        tx.update(candidacies)
          .set({ votes: r.votes, voteShareBp: r.voteShareBp, outcome: r.outcome })
          .where(eq(candidacies.id, r.candidacyId))
          .run();
        // A published result (won, lost, runoff) that changes is corrected in public, not silently.
        const was = previous.get(r.candidacyId);
        if (was && was !== "pending" && was !== r.outcome) {
          addCorrection(
            { candidacyId: r.candidacyId },
            `The result was corrected from "${OUTCOME_LABELS[was]}" to "${OUTCOME_LABELS[r.outcome]}".`,
            tx,
          );
        }
      }
      return { entityId: contestId, before, after: results, value: results };
    },
    database,
  );
}
