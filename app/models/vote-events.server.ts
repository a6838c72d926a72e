import { desc, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { measures, voteEvents, votes, VOTE_OPTIONS, VOTE_RESULTS } from "#db/schema";
import { formatDay } from "~/lib/format";
import { auditedWrite } from "./audited-write.server";
import { membersOn } from "./terms.server";
import { RuleViolation } from "./rule-violation.server";
import { tallyOf } from "./vote-tally.server";

export type VoteOption = (typeof VOTE_OPTIONS)[number];
export type VoteEvent = typeof voteEvents.$inferSelect;

export interface VoteEventInput {
  date: string;
  motion: string;
  /** "derive": passed when more members voted yes than no. */
  result: (typeof VOTE_RESULTS)[number] | "derive";
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

/**
 * Records a vote event and its roll call in one transaction. Only members holding a term on the
 * measure's body on that day can vote, and every one of them gets a line (absent if they were
 * not there), so the derived tally always accounts for the whole body.
 */
export function recordVoteEvent(measureId: number, input: VoteEventInput, actorId: number, database: DbOrTx = db()): VoteEvent {
  return auditedWrite(
    actorId,
    "vote_event",
    "create",
    (tx) => {
      const measure = tx.select().from(measures).where(eq(measures.id, measureId)).get();
      if (!measure) throw new RuleViolation("That measure no longer exists.");
      const members = membersOn(measure.bodyId, input.date, tx);
      const eligible = new Map(members.map((m) => [m.termId, m]));
      const seen = new Set<number>();
      for (const line of input.roll) {
        if (!eligible.has(line.termId)) {
          throw new RuleViolation(`Only members holding a seat on this body on ${formatDay(input.date)} can vote.`, "roll");
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
      const yes = input.roll.filter((l) => l.option === "yes").length;
      const no = input.roll.filter((l) => l.option === "no").length;
      const result = input.result === "derive" ? (yes > no ? "passed" : "failed") : input.result;
      const event = tx
        .insert(voteEvents)
        .values({ measureId, date: input.date, motion: input.motion.trim(), result })
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

export function deleteVoteEvent(id: number, actorId: number, database: DbOrTx = db()): { measureId: number } {
  return auditedWrite(
    actorId,
    "vote_event",
    "delete",
    (tx) => {
      const event = tx.select().from(voteEvents).where(eq(voteEvents.id, id)).get();
      if (!event) throw new RuleViolation("That vote event no longer exists.");
      const roll = tx.select({ termId: votes.termId, option: votes.option }).from(votes).where(eq(votes.voteEventId, id)).all();
      const tally = tallyOf(id, tx);
      tx.delete(votes).where(eq(votes.voteEventId, id)).run();
      tx.delete(voteEvents).where(eq(voteEvents.id, id)).run();
      return { entityId: id, before: { event, roll, tally }, value: { measureId: event.measureId } };
    },
    database,
  );
}
