import { and, count, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { candidacies, candidates, contests, terms } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation, refuseIfReferenced } from "./rule-violation.server";

export type Candidacy = typeof candidacies.$inferSelect;

export function addCandidacy(
  input: { contestId: number; candidateId: number; incumbent: boolean },
  actorId: number,
  database: DbOrTx = db(),
): Candidacy {
  return auditedWrite(
    actorId,
    "candidacy",
    "create",
    (tx) => {
      if (!tx.select({ id: contests.id }).from(contests).where(eq(contests.id, input.contestId)).get()) {
        throw new RuleViolation("That contest no longer exists.");
      }
      if (!tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, input.candidateId)).get()) {
        throw new RuleViolation("Choose a candidate.", "candidateId");
      }
      const dup = tx
        .select({ id: candidacies.id })
        .from(candidacies)
        .where(and(eq(candidacies.contestId, input.contestId), eq(candidacies.candidateId, input.candidateId)))
        .get();
      if (dup) throw new RuleViolation("This candidate is already running in this contest.", "candidateId");
      const row = tx.insert(candidacies).values(input).returning().get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

export function removeCandidacy(id: number, actorId: number, database: DbOrTx = db()): void {
  auditedWrite(
    actorId,
    "candidacy",
    "delete",
    (tx) => {
      const before = tx.select().from(candidacies).where(eq(candidacies.id, id)).get();
      if (!before) throw new RuleViolation("That candidacy no longer exists.");
      refuseIfReferenced("This candidacy", [
        [tx.select({ n: count() }).from(terms).where(eq(terms.candidacyId, id)).get()?.n ?? 0, "terms"],
      ]);
      tx.delete(candidacies).where(eq(candidacies.id, id)).run();
      return { entityId: id, before, value: undefined };
    },
    database,
  );
}
