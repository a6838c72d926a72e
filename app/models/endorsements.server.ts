import { and, desc, eq, isNull } from "drizzle-orm";
import { dayInZone } from "~/lib/time-zone";
import { getSettings } from "./settings.server";
import { db, type DbOrTx, type Tx } from "#db/client";
import {
  candidates,
  contests,
  elections,
  endorsements,
  type ENDORSEMENT_STATUSES,
  governingBodies,
  seats,
} from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation } from "./rule-violation.server";
import { listCandidates } from "./candidates.server";
import { listContestChoices } from "./contests.server";
import { selectEndorsementRaces } from "./race-joins.server";

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
  return selectEndorsementRaces(database, {
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
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
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
    /** the day the PAC decided, when it was not today: needs a source link and a note */
    decidedOn?: string | null;
    sourceUrl?: string | null;
    note?: string | null;
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
      if (
        input.contestId &&
        !tx.select({ id: contests.id }).from(contests).where(eq(contests.id, input.contestId)).get()
      ) {
        throw new RuleViolation("Choose a contest.", "contestId");
      }
      // One endorsement per contest: a primary, a general and a runoff are each their own race.
      const open = tx
        .select({ id: endorsements.id })
        .from(endorsements)
        .where(
          and(
            eq(endorsements.candidateId, input.candidateId),
            input.contestId
              ? eq(endorsements.contestId, input.contestId)
              : and(isNull(endorsements.contestId), eq(endorsements.cycle, input.cycle.trim())),
          ),
        )
        .get();
      if (open) {
        throw new RuleViolation(
          input.contestId
            ? "This candidate already has an endorsement record for that contest; change its status instead."
            : "This candidate already has an endorsement record for that cycle without a contest; change its status instead.",
          input.contestId ? "contestId" : "cycle",
        );
      }
      const rationale = input.rationale?.trim() ?? "";
      checkRationale(input.status, rationale);
      const evidence = decisionEvidence(tx, input);
      const row = tx
        .insert(endorsements)
        .values({
          candidateId: input.candidateId,
          contestId: input.contestId ?? null,
          cycle: input.cycle.trim(),
          status: input.status,
          rationale,
          isPublic: input.isPublic,
          decidedAt: input.status === "considering" ? null : evidence.decidedAt,
          sourceUrl: evidence.sourceUrl,
          note: evidence.note,
        })
        .returning()
        .get();
      return { entityId: row.id, after: row, value: row };
    },
    database,
  );
}

/**
 * When the PAC decided. By default the moment of entry; a real decision entered later carries its
 * own day, but only with a source link and a note, both shown publicly, since the day decides
 * whether the race counts in the win rate.
 */
function decisionEvidence(
  tx: Tx,
  input: { decidedOn?: string | null; sourceUrl?: string | null; note?: string | null },
): { decidedAt: string; sourceUrl: string | null; note: string } {
  const now = new Date();
  const sourceUrl = input.sourceUrl?.trim() || null;
  const note = input.note?.trim() ?? "";
  if (!input.decidedOn) return { decidedAt: now.toISOString(), sourceUrl, note };
  const today = dayInZone(now, getSettings(tx).timeZone);
  if (input.decidedOn > today) throw new RuleViolation("The decision date cannot be in the future.", "decidedOn");
  if (input.decidedOn === today) return { decidedAt: now.toISOString(), sourceUrl, note };
  if (!sourceUrl)
    throw new RuleViolation("A decision dated in the past needs a link to where it was announced.", "sourceUrl");
  if (!note) throw new RuleViolation("Add a public note explaining the earlier date.", "note");
  // Midday UTC falls on the same calendar day in every time zone of the Americas.
  return { decidedAt: `${input.decidedOn}T12:00:00.000Z`, sourceUrl, note };
}

function mustGet(tx: Tx, id: number): Endorsement {
  const row = tx.select().from(endorsements).where(eq(endorsements.id, id)).get();
  if (!row) throw new RuleViolation("That endorsement no longer exists.");
  return row;
}

/** Moves an endorsement along the workflow; the rationale shown to the public is updated with it. */
export function changeEndorsementStatus(
  id: number,
  input: {
    status: EndorsementStatus;
    rationale: string;
    /** for "endorsed": the day it was decided, when not today, with its source and a note */
    decidedOn?: string | null;
    sourceUrl?: string | null;
    note?: string | null;
  },
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
      if (before.status === "rescinded" && input.status === "considering") refuseReopeningACountedRace(tx, before);
      const now = new Date().toISOString();
      // Rescinding keeps the endorsement's own date: whether it counts depends on both.
      const evidence = input.status === "endorsed" ? decisionEvidence(tx, input) : null;
      const dates =
        input.status === "rescinded"
          ? { rescindedAt: now }
          : input.status === "considering"
            ? { decidedAt: null, rescindedAt: null }
            : evidence
              ? { decidedAt: evidence.decidedAt, sourceUrl: evidence.sourceUrl, note: evidence.note, rescindedAt: null }
              : { decidedAt: now, rescindedAt: null };
      const after = tx
        .update(endorsements)
        .set({
          status: input.status,
          rationale: input.rationale.trim(),
          ...dates,
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

/** A race that counted in the win rate stays counted: its endorsement cannot be reopened after election day. */
function refuseReopeningACountedRace(tx: Tx, e: Endorsement) {
  if (!e.contestId || !e.decidedAt) return;
  const election = tx
    .select({ date: elections.date })
    .from(contests)
    .innerJoin(elections, eq(elections.id, contests.electionId))
    .where(eq(contests.id, e.contestId))
    .get();
  if (!election) return;
  const tz = getSettings(tx).timeZone;
  if (dayInZone(e.decidedAt, tz) < election.date && dayInZone(new Date(), tz) >= election.date) {
    throw new RuleViolation(
      "This race has been decided and counts in the PAC's record, so this endorsement stays as it is. Endorse the candidate in another contest instead.",
      "status",
    );
  }
}

/** Hiding an endorsement from the public pages is the archive of the workflow; the record stays. */
export function setEndorsementPublic(
  id: number,
  isPublic: boolean,
  actorId: number,
  database: DbOrTx = db(),
): Endorsement {
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
