/**
 * The demo data set's presence (for the site-wide banner) and its removal by an admin, in one
 * audited transaction. Removal deletes exactly the rows the seed recorded, plus whatever staff
 * hung on them (a measure of the demo board, a contest for one of its seats, links from updates),
 * and leaves a marker so that a restart does not load the demo again.
 */
import { eq, inArray, or } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "#db/client";
import {
  candidacies,
  candidates,
  contacts,
  contests,
  elections,
  endorsements,
  governingBodies,
  issueTags,
  measures,
  referrals,
  seats,
  settings,
  terms,
  updateCandidates,
  updateMeasures,
  updates,
  updateTags,
  updateVoteEvents,
  voteEvents,
  votes,
} from "#db/schema";
import {
  DEMO_DISCLAIMER,
  DEMO_MARKER_KEY,
  DEMO_PAC_NAME,
  DEMO_REMOVED_KEY,
  DEMO_SOURCES,
  type DemoMarker,
} from "#db/seed";
import { auditedWrite } from "./audited-write.server";
import { RuleViolation } from "./rule-violation.server";

/** Whether the demo data set is loaded: one small keyed read, for the banner on every page. */
export function isDemoLoaded(database: DbOrTx = db()): boolean {
  return Boolean(database.select({ key: settings.key }).from(settings).where(eq(settings.key, DEMO_MARKER_KEY)).get());
}

/** Where each fact of the demo comes from, for the public sources page. */
export function demoSources(): Array<{ url: string; title: string }> {
  return Object.values(DEMO_SOURCES);
}

function readMarker(tx: Tx): DemoMarker {
  const row = tx.select().from(settings).where(eq(settings.key, DEMO_MARKER_KEY)).get();
  if (!row) throw new RuleViolation("No demo data is loaded.");
  const marker = JSON.parse(row.value) as Partial<DemoMarker> | string;
  if (typeof marker !== "object" || !marker.rows) {
    throw new RuleViolation(
      "This demo data was loaded by an older version that did not record its rows; remove it by hand.",
    );
  }
  return marker as DemoMarker;
}

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

export interface DemoRemoval {
  removed: Record<string, number>;
}

export function removeDemoData(actorId: number, database: DbOrTx = db()): DemoRemoval {
  return auditedWrite(
    actorId,
    "demo_data",
    "remove",
    (tx) => {
      const { rows } = readMarker(tx);
      const removed: Record<string, number> = {};
      const count = (table: string, n: number) => {
        removed[table] = (removed[table] ?? 0) + n;
      };

      const bodyIds = rows.governing_bodies;
      const seatIds = ids(tx.select({ id: seats.id }).from(seats).where(inArray(seats.bodyId, bodyIds)).all());
      const measureIds = ids(
        tx.select({ id: measures.id }).from(measures).where(inArray(measures.bodyId, bodyIds)).all(),
      );
      const eventIds = ids(
        tx.select({ id: voteEvents.id }).from(voteEvents).where(inArray(voteEvents.measureId, measureIds)).all(),
      );
      const contestIds = ids(
        tx
          .select({ id: contests.id })
          .from(contests)
          .where(
            or(
              inArray(contests.seatId, seatIds),
              inArray(contests.electionId, rows.elections),
              inArray(contests.id, rows.contests),
            ),
          )
          .all(),
      );
      const candidacyIds = ids(
        tx
          .select({ id: candidacies.id })
          .from(candidacies)
          .where(or(inArray(candidacies.contestId, contestIds), inArray(candidacies.candidateId, rows.candidates)))
          .all(),
      );
      const termIds = ids(
        tx
          .select({ id: terms.id })
          .from(terms)
          .where(
            or(
              inArray(terms.seatId, seatIds),
              inArray(terms.candidateId, rows.candidates),
              inArray(terms.candidacyId, candidacyIds),
            ),
          )
          .all(),
      );

      // Roll calls of the demo board, then its measures.
      tx.delete(updateVoteEvents).where(inArray(updateVoteEvents.voteEventId, eventIds)).run();
      count(
        "votes",
        tx
          .delete(votes)
          .where(or(inArray(votes.voteEventId, eventIds), inArray(votes.termId, termIds)))
          .run().changes,
      );
      count("vote_events", tx.delete(voteEvents).where(inArray(voteEvents.id, eventIds)).run().changes);
      tx.delete(updateMeasures).where(inArray(updateMeasures.measureId, measureIds)).run();
      count("measures", tx.delete(measures).where(inArray(measures.id, measureIds)).run().changes);

      // Races, endorsements and terms.
      tx.update(contests)
        .set({ firstRoundContestId: null })
        .where(inArray(contests.firstRoundContestId, contestIds))
        .run();
      count("terms", tx.delete(terms).where(inArray(terms.id, termIds)).run().changes);
      count(
        "endorsements",
        tx
          .delete(endorsements)
          .where(or(inArray(endorsements.candidateId, rows.candidates), inArray(endorsements.contestId, contestIds)))
          .run().changes,
      );
      count("candidacies", tx.delete(candidacies).where(inArray(candidacies.id, candidacyIds)).run().changes);
      count("contests", tx.delete(contests).where(inArray(contests.id, contestIds)).run().changes);
      count("elections", tx.delete(elections).where(inArray(elections.id, rows.elections)).run().changes);
      tx.update(referrals).set({ bodyId: null }).where(inArray(referrals.bodyId, bodyIds)).run();
      count("seats", tx.delete(seats).where(inArray(seats.id, seatIds)).run().changes);
      count("governing_bodies", tx.delete(governingBodies).where(inArray(governingBodies.id, bodyIds)).run().changes);

      // People: the demo's candidates, and their contact rows unless something else uses them.
      tx.update(referrals).set({ candidateId: null }).where(inArray(referrals.candidateId, rows.candidates)).run();
      tx.delete(updateCandidates).where(inArray(updateCandidates.candidateId, rows.candidates)).run();
      count("candidates", tx.delete(candidates).where(inArray(candidates.id, rows.candidates)).run().changes);
      for (const contactId of rows.contacts) {
        try {
          count("contacts", tx.delete(contacts).where(eq(contacts.id, contactId)).run().changes);
        } catch {
          // Still referenced (a donation, a volunteer sign-up): the person stays, only the demo role goes.
        }
      }

      count("updates", tx.delete(updates).where(inArray(updates.id, rows.updates)).run().changes);
      tx.delete(updateTags).where(inArray(updateTags.issueTagId, rows.issue_tags)).run();
      count("issue_tags", tx.delete(issueTags).where(inArray(issueTags.id, rows.issue_tags)).run().changes);

      // The PAC's name and disclaimer go back to the defaults unless staff changed them since.
      for (const [key, value] of [
        ["pacName", DEMO_PAC_NAME],
        ["disclaimer", DEMO_DISCLAIMER],
      ] as const) {
        const row = tx.select().from(settings).where(eq(settings.key, key)).get();
        if (row && row.value === JSON.stringify(value)) tx.delete(settings).where(eq(settings.key, key)).run();
      }
      tx.delete(settings).where(eq(settings.key, DEMO_MARKER_KEY)).run();
      tx.insert(settings)
        .values({ key: DEMO_REMOVED_KEY, value: JSON.stringify(new Date().toISOString()) })
        .onConflictDoNothing()
        .run();
      return { entityId: null, before: { rows }, after: { removed }, value: { removed } };
    },
    database,
  );
}
