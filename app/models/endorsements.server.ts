import { and, desc, eq } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import { candidates, contests, elections, endorsements, ENDORSEMENT_STATUSES, governingBodies, seats } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation } from "./rule-violation.server";
import { listCandidates } from "./candidates.server";
import { listContestChoices } from "./contests.server";

export type EndorsementStatus = (typeof ENDORSEMENT_STATUSES)[number];
export type Endorsement = typeof endorsements.$inferSelect;

/**
 * The workflow: a candidate is considered, then endorsed or declined; an endorsement can later
 * be rescinded; a declined or rescinded candidate can be considered again.
 */
export const ENDORSEMENT_TRANSITIONS: Record<EndorsementStatus, readonly EndorsementStatus[]> = {
  considering: ["endorsed", "declined"],
  endorsed: ["rescinded"],
  declined: ["considering"],
  rescinded: ["considering"],
};

/** Decisions the public sees are explained: each one needs a rationale. */
const NEEDS_RATIONALE: readonly EndorsementStatus[] = ["endorsed", "declined", "rescinded"];

export function listEndorsementsForAdmin(database: DbOrTx = db()) {
  return database
    .select({
      id: endorsements.id,
      cycle: endorsements.cycle,
      status: endorsements.status,
      isPublic: endorsements.isPublic,
      candidateName: candidates.displayName,
      candidateId: candidates.id,
      seatName: seats.name,
      bodyName: governingBodies.name,
      electionName: elections.name,
    })
    .from(endorsements)
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .leftJoin(contests, eq(contests.id, endorsements.contestId))
    .leftJoin(seats, eq(seats.id, contests.seatId))
    .leftJoin(governingBodies, eq(governingBodies.id, seats.bodyId))
    .leftJoin(elections, eq(elections.id, contests.electionId))
    .orderBy(desc(endorsements.cycle), candidates.displayName)
    .all();
}

export function getEndorsement(id: number, database: DbOrTx = db()) {
  return database
    .select({
      endorsement: endorsements,
      candidateName: candidates.displayName,
      candidateSlug: candidates.slug,
    })
    .from(endorsements)
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .where(eq(endorsements.id, id))
    .get();
}

function checkRationale(status: EndorsementStatus, rationale: string) {
  if (NEEDS_RATIONALE.includes(status) && !rationale.trim()) {
    throw new RuleViolation("Explain the decision: a rationale is required.", "rationale");
  }
}

export function createEndorsement(
  input: {
    candidateId: number;
    contestId?: number | null;
    cycle: string;
    status: "considering" | "endorsed";
    rationale?: string;
    isPublic: boolean;
  },
  actorId: number,
  database: DbOrTx = db(),
): Endorsement {
  return auditedWrite(
    actorId,
    "endorsement",
    "create",
    (tx) => {
      if (!tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, input.candidateId)).get()) {
        throw new RuleViolation("Choose a candidate.", "candidateId");
      }
      if (input.contestId && !tx.select({ id: contests.id }).from(contests).where(eq(contests.id, input.contestId)).get()) {
        throw new RuleViolation("Choose a contest.", "contestId");
      }
      const open = tx
        .select({ id: endorsements.id })
        .from(endorsements)
        .where(and(eq(endorsements.candidateId, input.candidateId), eq(endorsements.cycle, input.cycle.trim())))
        .get();
      if (open) throw new RuleViolation("This candidate already has an endorsement record for that cycle; change its status instead.", "cycle");
      const rationale = input.rationale?.trim() ?? "";
      checkRationale(input.status, rationale);
      const now = new Date().toISOString();
      const row = tx
        .insert(endorsements)
        .values({
          candidateId: input.candidateId,
          contestId: input.contestId ?? null,
          cycle: input.cycle.trim(),
          status: input.status,
          rationale,
          isPublic: input.isPublic,
          decidedAt: input.status === "considering" ? null : now,
        })
        .returning()
        .get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

function mustGet(tx: Tx, id: number): Endorsement {
  const row = tx.select().from(endorsements).where(eq(endorsements.id, id)).get();
  if (!row) throw new RuleViolation("That endorsement no longer exists.");
  return row;
}

/** Moves an endorsement along the workflow; the rationale shown to the public is updated with it. */
export function changeEndorsementStatus(
  id: number,
  input: { status: EndorsementStatus; rationale: string },
  actorId: number,
  database: DbOrTx = db(),
): Endorsement {
  return auditedWrite(
    actorId,
    "endorsement",
    "status",
    (tx) => {
      const before = mustGet(tx, id);
      if (!ENDORSEMENT_TRANSITIONS[before.status].includes(input.status)) {
        throw new RuleViolation(`An endorsement that is "${before.status}" cannot become "${input.status}".`, "status");
      }
      checkRationale(input.status, input.rationale);
      const now = new Date().toISOString();
      const after = tx
        .update(endorsements)
        .set({
          status: input.status,
          rationale: input.rationale.trim(),
          decidedAt: input.status === "considering" ? null : now,
          updatedAt: now,
        })
        .where(eq(endorsements.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

/** Hiding an endorsement from the public pages is the archive of the workflow; the record stays. */
export function setEndorsementPublic(id: number, isPublic: boolean, actorId: number, database: DbOrTx = db()): Endorsement {
  return auditedWrite(
    actorId,
    "endorsement",
    isPublic ? "publish" : "unpublish",
    (tx) => {
      const before = mustGet(tx, id);
      const after = tx
        .update(endorsements)
        .set({ isPublic, updatedAt: new Date().toISOString() })
        .where(eq(endorsements.id, id))
        .returning()
        .get();
      return { entityId: id, before, after, value: after };
    },
    database,
  );
}

/** The choices of the endorsement form: open candidates and contests. */
export function getEndorsementFormChoices(database: DbOrTx = db()) {
  return { candidates: listCandidates({}, database), contests: listContestChoices(database) };
}
