import { desc, eq } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import {
  governingBodies,
  measures,
  type PREFERRED_VOTES,
  voteEvents,
  votes,
  type VOTE_OPTIONS,
  type VOTE_RESULTS,
} from "#db/schema";
import { formatDay } from "~/lib/format";
import { derivedResult, type PassingRule } from "~/lib/tally";
import { PREFERRED_LABELS, type PreferredChoice } from "~/lib/preferred-vote";
import { auditedWrite } from "./audited-write.server";
import { addCorrection } from "./corrections.server";
import { membersOn } from "./terms.server";
import { RuleViolation } from "./rule-violation.server";
import { tallyOf } from "./vote-tally.server";

export type VoteOption = (typeof VOTE_OPTIONS)[number];
export type VoteEvent = typeof voteEvents.$inferSelect;
export type PreferredVote = (typeof PREFERRED_VOTES)[number];
export type { PreferredChoice };

export interface VoteEventInput {
  date: string;
  motion: string;
  /** "derive": the result the roll call gives under the body's passing rule. */
  result: (typeof VOTE_RESULTS)[number] | "derive";
  /** required when `result` is not the derived one */
  overrideReason?: string;
  /** not scored unless staff choose a side: procedural votes (to table, to adjourn) count only when chosen */
  preferredVote: PreferredChoice;
  preferredReason: string;
  roll: Array<{ termId: number; option: VoteOption }>;
}

export function listVoteEventsOfMeasure(measureId: number, database: DbOrTx = db()) {
  return database
    .select()
    .from(voteEvents)
    .where(eq(voteEvents.measureId, measureId))
    .orderBy(desc(voteEvents.date))
    .all();
}

/** A scored roll call says why, in one line, so a reader can judge the choice. */
function checkPreferred(
  choice: PreferredChoice,
  reason: string,
): { preferredVote: PreferredVote | null; preferredReason: string } {
  const line = reason.trim();
  if (/[\r\n]/.test(line)) throw new RuleViolation("Keep the reason to one line.", "preferredReason");
  if (line.length > 300) throw new RuleViolation("Keep the reason under 300 characters.", "preferredReason");
  if (choice !== "none" && !line) {
    throw new RuleViolation(
      'Say in one line why the PAC wants this vote, e.g. "A yes adopts the policy the PAC supports".',
      "preferredReason",
    );
  }
  return { preferredVote: choice === "none" ? null : choice, preferredReason: line };
}

/**
 * Records a vote event and its roll call in one transaction. Only members holding a term on the
 * measure's body on that day can vote, and every one of them gets a line (absent if they were
 * not there), so the derived tally always accounts for the whole body. The result follows from
 * the roll call and the body's passing rule; a different result is kept only with a reason
 * (a motion that needed a two-thirds vote, a ruling of the chair), shown wherever it appears.
 */
export function recordVoteEvent(
  measureId: number,
  input: VoteEventInput,
  actorId: number,
  database: DbOrTx = db(),
): VoteEvent {
  return auditedWrite(
    actorId,
    "vote_event",
    "create",
    (tx) => {
      const measure = tx
        .select({
          bodyId: measures.bodyId,
          passingRule: governingBodies.passingRule,
          seatCount: governingBodies.seatCount,
        })
        .from(measures)
        .innerJoin(governingBodies, eq(governingBodies.id, measures.bodyId))
        .where(eq(measures.id, measureId))
        .get();
      if (!measure) throw new RuleViolation("That measure no longer exists.");
      const members = membersOn(measure.bodyId, input.date, tx);
      const eligible = new Map(members.map((m) => [m.termId, m]));
      const seen = new Set<number>();
      for (const line of input.roll) {
        if (!eligible.has(line.termId)) {
          throw new RuleViolation(
            `Only members holding a seat on this body on ${formatDay(input.date)} can vote.`,
            "roll",
          );
        }
        if (seen.has(line.termId)) throw new RuleViolation("A member can vote only once in a vote event.", "roll");
        seen.add(line.termId);
      }
      const missing = members.filter((m) => !seen.has(m.termId));
      if (members.length === 0) {
        throw new RuleViolation(`No one held a seat on this body on ${formatDay(input.date)}.`, "date");
      }
      if (missing.length) {
        throw new RuleViolation(
          `Record how every member voted (absent if they were not there): ${missing.map((m) => m.displayName).join(", ")}.`,
          "roll",
        );
      }
      const preferred = checkPreferred(input.preferredVote, input.preferredReason);
      const { result, resultOverrideReason } = resolveResult(input, measure.passingRule, measure.seatCount);
      const event = tx
        .insert(voteEvents)
        .values({
          measureId,
          date: input.date,
          motion: input.motion.trim(),
          result,
          resultOverrideReason,
          ...preferred,
        })
        .returning()
        .get();
      for (const line of input.roll) {
        tx.insert(votes).values({ voteEventId: event.id, termId: line.termId, option: line.option }).run();
      }
      return { entityId: event.id, after: { event, roll: input.roll }, value: event };
    },
    database,
  );
}

function resolveResult(input: VoteEventInput, rule: PassingRule, seatCount: number) {
  const tally = { yes: 0, no: 0, abstain: 0, absent: 0 };
  for (const line of input.roll) tally[line.option] += 1;
  const derived = derivedResult(tally, rule, seatCount);
  if (input.result === "derive" || input.result === derived) return { result: derived, resultOverrideReason: null };
  const reason = input.overrideReason?.trim() ?? "";
  if (!reason) {
    throw new RuleViolation(
      `The roll call (${tally.yes}-${tally.no}) gives "${derived}" under this body's rule. To record "${input.result}", give the reason (e.g. the motion needed a two-thirds vote).`,
      "overrideReason",
    );
  }
  return { result: input.result, resultOverrideReason: reason };
}

function mustGet(tx: Tx, id: number): VoteEvent {
  const event = tx.select().from(voteEvents).where(eq(voteEvents.id, id)).get();
  if (!event) throw new RuleViolation("That vote event no longer exists.");
  return event;
}

/**
 * Changes the PAC's preferred vote on a recorded roll call. Scores are already public, so a
 * change rescores members openly: a dated correction line goes on every page showing the vote.
 */
export function setPreferredVote(
  id: number,
  input: { preferredVote: PreferredChoice; preferredReason: string },
  actorId: number,
  database: DbOrTx = db(),
): VoteEvent {
  return auditedWrite(
    actorId,
    "vote_event",
    "preferred_vote",
    (tx) => {
      const before = mustGet(tx, id);
      const next = checkPreferred(input.preferredVote, input.preferredReason);
      const after = tx.update(voteEvents).set(next).where(eq(voteEvents.id, id)).returning().get();
      if (before.preferredVote !== after.preferredVote) {
        const from = PREFERRED_LABELS[before.preferredVote ?? "none"];
        const to = PREFERRED_LABELS[after.preferredVote ?? "none"];
        addCorrection(
          { voteEventId: id },
          `The PAC's preferred vote on this roll call changed from "${from}" to "${to}"${next.preferredReason ? `: ${next.preferredReason}` : "."}`,
          tx,
        );
      }
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

/** An archived roll call leaves every public page and every score; the record stays. */
export function setVoteEventArchived(
  id: number,
  archived: boolean,
  actorId: number,
  database: DbOrTx = db(),
): VoteEvent {
  return auditedWrite(
    actorId,
    "vote_event",
    archived ? "archive" : "unarchive",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(voteEvents)
        .set({ archivedAt: archived ? new Date().toISOString() : null })
        .where(eq(voteEvents.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function deleteVoteEvent(id: number, actorId: number, database: DbOrTx = db()): { measureId: number } {
  return auditedWrite(
    actorId,
    "vote_event",
    "delete",
    (tx) => {
      const event = mustGet(tx, id);
      const roll = tx
        .select({ termId: votes.termId, option: votes.option })
        .from(votes)
        .where(eq(votes.voteEventId, id))
        .all();
      const tally = tallyOf(id, tx);
      tx.delete(votes).where(eq(votes.voteEventId, id)).run();
      tx.delete(voteEvents).where(eq(voteEvents.id, id)).run();
      return { entityId: id, before: { event, roll, tally }, value: { measureId: event.measureId } };
    },
    database,
  );
}
