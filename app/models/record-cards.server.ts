/**
 * Record cards: the track record an impact update cites, shaped for one card component on the
 * site (app/components/record-card.tsx) and in the impact update email (emails/components/record-card.tsx). A measure card carries each vote event's tally, the
 * PAC's preferred vote and the roll call with the PAC's endorsed members marked; a candidate card
 * carries the photo, office, endorsement outcome and the alignment score with its basis.
 */
import { and, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { candidates, endorsements } from "#db/schema";
import { getMeasurePage } from "./public-track-record.server";
import { getCandidateProfile } from "./candidate-profile.server";
import { getSettings } from "./settings.server";
import { getUpdateLinks, listPublishedUpdates } from "./updates.server";
import type { EmailMeasureRecord } from "#emails/components/record-card";
import { formatDay } from "~/lib/format";
import { formatTally } from "~/lib/tally";
import { publicUrl } from "~/lib/public-url.server";

/** Slugs of candidates the PAC has publicly endorsed at least once, among `slugs`. */
function endorsedSlugs(slugs: string[], database: DbOrTx): Set<string> {
  if (slugs.length === 0) return new Set();
  const rows = database
    .selectDistinct({ slug: candidates.slug })
    .from(endorsements)
    .innerJoin(candidates, eq(candidates.id, endorsements.candidateId))
    .where(and(inArray(candidates.slug, slugs), eq(endorsements.status, "endorsed"), eq(endorsements.isPublic, true)))
    .all();
  return new Set(rows.map((r) => r.slug));
}

export function getMeasureCards(measureIds: number[], database: DbOrTx = db()) {
  const { timeZone } = getSettings(database);
  const pages = measureIds.map((id) => getMeasurePage(id, timeZone, database)).filter((p) => p !== null);
  const endorsed = endorsedSlugs(
    [...new Set(pages.flatMap((p) => p.voteEvents.flatMap((e) => e.roll.map((r) => r.candidateSlug))))],
    database,
  );
  return pages.map(({ measure, voteEvents }) => ({
    measure,
    voteEvents: voteEvents.map((e) => ({
      ...e,
      roll: e.roll.map((r) => ({ ...r, endorsed: endorsed.has(r.candidateSlug) })),
    })),
  }));
}
export type MeasureCardData = ReturnType<typeof getMeasureCards>[number];

export function getCandidateCards(slugs: string[], database: DbOrTx = db()) {
  return slugs
    .map((slug) => getCandidateProfile(slug, database))
    .filter((p) => p !== null)
    .map((p) => {
      const endorsement = p.endorsements.find((e) => e.status === "endorsed") ?? null;
      const term = p.terms.at(-1) ?? null;
      return {
        slug: p.candidate.slug,
        displayName: p.candidate.displayName,
        photoPath: p.candidate.photoPath,
        office: term
          ? `${term.bodyName}, ${term.seatName}`
          : endorsement?.bodyName
            ? `${endorsement.bodyName}, ${endorsement.seatName}`
            : null,
        endorsedCycle: endorsement?.cycle ?? null,
        outcome: endorsement?.outcome ?? null,
        score: p.alignment,
      };
    });
}
export type CandidateCardData = ReturnType<typeof getCandidateCards>[number];

/** Photo paths of the given candidates (for slates, which list candidates without them). */
export function candidatePhotos(candidateIds: number[], database: DbOrTx = db()): Record<number, string | null> {
  if (candidateIds.length === 0) return {};
  const rows = database
    .select({ id: candidates.id, photoPath: candidates.photoPath })
    .from(candidates)
    .where(inArray(candidates.id, candidateIds))
    .all();
  return Object.fromEntries(rows.map((r) => [r.id, r.photoPath]));
}

/** The newest listed impact update with the record card of the first measure it cites. */
export function latestUpdateWithRecord(database: DbOrTx = db()) {
  const [latest] = listPublishedUpdates({ limit: 1 }, database);
  if (!latest) return null;
  const links = getUpdateLinks(latest.id, database);
  const [measure] = links.measures;
  return {
    slug: latest.slug,
    title: latest.title,
    summary: latest.summary,
    publishedAt: latest.publishedAt,
    record: measure ? (getMeasureCards([measure.id], database)[0] ?? null) : null,
  };
}

/** The measures an update cites as the email's record cards: one per roll call, newest first. */
export function emailMeasureRecords(updateId: number, database: DbOrTx = db()): EmailMeasureRecord[] {
  const { measures: cited } = getUpdateLinks(updateId, database);
  return getMeasureCards(
    cited.map((m) => m.id),
    database,
  ).flatMap(({ measure, voteEvents }) =>
    voteEvents.map((e) => ({
      title: measure.title,
      bodyName: measure.bodyName,
      kind: measure.kind,
      date: formatDay(e.date),
      preferredVote: e.preferredVote,
      result: e.result,
      tally: e.tally,
      tallyText: formatTally(e.tally),
      roll: e.roll.map((r) => ({ name: r.candidateName, option: r.option, endorsed: r.endorsed })),
      sourceUrl: measure.sourceUrl,
      url: publicUrl(`/measures/${measure.id}`),
    })),
  );
}
