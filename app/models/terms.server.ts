import { and, asc, count, desc, eq, gt, gte, isNull, lt, lte, or } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import {
  candidacies,
  candidates,
  contests,
  governingBodies,
  seats,
  terms,
  type TERM_ROLES,
  voteEvents,
  votes,
} from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";
import { listCandidates } from "./candidates.server";
import { listSeatChoices } from "./seats.server";

export type Term = typeof terms.$inferSelect;
export type TermRole = (typeof TERM_ROLES)[number];

/** The day before a YYYY-MM-DD day: the last day of a term that another starts on `day`. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Terms in force on `day` (start ≤ day ≤ end, the end being the inclusive last day). */
export function heldOn(day: string) {
  return and(lte(terms.startDate, day), or(isNull(terms.endDate), gte(terms.endDate, day)));
}

/** The members of a body on a day, by seat: the roll-call grid and the eligibility rule use this. */
export function membersOn(bodyId: number, day: string, database: DbOrTx = db()) {
  return database
    .select({
      termId: terms.id,
      candidateId: candidates.id,
      displayName: candidates.displayName,
      seatName: seats.name,
      role: terms.role,
    })
    .from(terms)
    .innerJoin(seats, eq(seats.id, terms.seatId))
    .innerJoin(candidates, eq(candidates.id, terms.candidateId))
    .where(and(eq(seats.bodyId, bodyId), heldOn(day)))
    .orderBy(asc(seats.name), asc(candidates.displayName))
    .all();
}

export function listTerms(database: DbOrTx = db()) {
  return database
    .select({
      id: terms.id,
      startDate: terms.startDate,
      endDate: terms.endDate,
      role: terms.role,
      candidateName: candidates.displayName,
      seatName: seats.name,
      bodyName: governingBodies.name,
      fromCandidacy: terms.candidacyId,
    })
    .from(terms)
    .innerJoin(candidates, eq(candidates.id, terms.candidateId))
    .innerJoin(seats, eq(seats.id, terms.seatId))
    .innerJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .orderBy(asc(governingBodies.name), desc(terms.startDate), asc(seats.name))
    .all();
}

/** Ending a term before votes cast under it would leave those votes without a member. */
function refuseVotesAfter(tx: Tx, termId: number, lastDay: string) {
  const later =
    tx
      .select({ n: count() })
      .from(votes)
      .innerJoin(voteEvents, eq(voteEvents.id, votes.voteEventId))
      .where(and(eq(votes.termId, termId), gt(voteEvents.date, lastDay)))
      .get()?.n ?? 0;
  if (later > 0) {
    throw new RuleViolation(
      `${later} votes were cast under the sitting member's term after ${lastDay}; fix the dates first.`,
      "endDate",
    );
  }
}

function checkDates(startDate: string, endDate: string | null | undefined) {
  if (endDate && endDate < startDate)
    throw new RuleViolation("The last day cannot come before the first day.", "endDate");
}

export function createTerm(
  input: { candidateId: number; seatId: number; startDate: string; endDate?: string | null; role: TermRole },
  actorId: number,
  database: DbOrTx = db(),
): Term {
  return auditedWrite(
    actorId,
    "term",
    "create",
    (tx) => {
      checkDates(input.startDate, input.endDate);
      if (!tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, input.candidateId)).get()) {
        throw new RuleViolation("Choose a candidate.", "candidateId");
      }
      if (!tx.select({ id: seats.id }).from(seats).where(eq(seats.id, input.seatId)).get()) {
        throw new RuleViolation("Choose a seat.", "seatId");
      }
      const row = tx
        .insert(terms)
        .values({ ...input, endDate: input.endDate || null })
        .returning()
        .get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

/**
 * Turns a won candidacy into a term on the contest's seat. For a single-seat contest the seat
 * passes to the winner: whoever still holds it is recorded as leaving the day before.
 */
export function createTermFromCandidacy(
  candidacyId: number,
  input: { startDate: string; role: TermRole },
  actorId: number,
  database: DbOrTx = db(),
): Term {
  return auditedWrite(
    actorId,
    "term",
    "create_from_candidacy",
    (tx) => {
      const c = tx
        .select({ candidacy: candidacies, seatId: contests.seatId, seatsToFill: contests.seatsToFill })
        .from(candidacies)
        .innerJoin(contests, eq(contests.id, candidacies.contestId))
        .where(eq(candidacies.id, candidacyId))
        .get();
      if (!c) throw new RuleViolation("That candidacy no longer exists.");
      if (c.candidacy.outcome !== "won") throw new RuleViolation("Only a won candidacy becomes a term.");
      if (tx.select({ id: terms.id }).from(terms).where(eq(terms.candidacyId, candidacyId)).get()) {
        throw new RuleViolation("A term was already created from this candidacy.");
      }
      const ended: Array<{ id: number; endDate: string }> = [];
      if (c.seatsToFill === 1) {
        const sitting = tx
          .select({ id: terms.id, startDate: terms.startDate })
          .from(terms)
          .where(and(eq(terms.seatId, c.seatId), isNull(terms.endDate), lt(terms.startDate, input.startDate)))
          .all();
        for (const t of sitting) {
          const endDate = dayBefore(input.startDate);
          refuseVotesAfter(tx, t.id, endDate);
          tx.update(terms).set({ endDate }).where(eq(terms.id, t.id)).run();
          ended.push({ id: t.id, endDate });
        }
      }
      const row = tx
        .insert(terms)
        .values({
          candidateId: c.candidacy.candidateId,
          seatId: c.seatId,
          startDate: input.startDate,
          role: input.role,
          candidacyId,
        })
        .returning()
        .get();
      return { entityId: row.id, after: { term: row, endedTerms: ended }, value: row };
    },
    database,
  );
}

function mustGet(tx: Tx, id: number): Term {
  const row = tx.select().from(terms).where(eq(terms.id, id)).get();
  if (!row) throw new RuleViolation("That term no longer exists.");
  return row;
}

export function endTerm(id: number, endDate: string | null, actorId: number, database: DbOrTx = db()): Term {
  return auditedWrite(
    actorId,
    "term",
    "end",
    (tx) => {
      const before = mustGet(tx, id);
      checkDates(before.startDate, endDate);
      if (endDate) refuseVotesAfter(tx, id, endDate);
      const after = tx.update(terms).set({ endDate }).where(eq(terms.id, id)).returning().get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

export function deleteTerm(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "term",
    "delete",
    (tx) => {
      const before = mustGet(tx, id);
      refuseIfReferenced("This term", [
        [tx.select({ n: count() }).from(votes).where(eq(votes.termId, id)).get()?.n ?? 0, "votes"],
      ]);
      tx.delete(terms).where(eq(terms.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}

/** The terms admin page: every term, and the candidates and seats to add one by hand. */
export function getTermsAdminPage(database: DbOrTx = db()) {
  return { terms: listTerms(database), candidates: listCandidates({}, database), seats: listSeatChoices(database) };
}
