/**
 * A candidate's story in date order: endorsed → elected → took office → scored votes. Built from
 * the public profile's rows (nothing is stored for it); a date's source and note (e.g. "the exact
 * day shown is illustrative") travel with it, so the timeline labels what the sources do not give. Scored votes are many for a long-serving
 * member, so the timeline names the first few and counts the rest; the votes table lists them all.
 */
export interface TimelineInput {
  endorsements: ReadonlyArray<{
    id: number;
    cycle: string;
    status: string;
    decidedOn: string | null;
    bodyName: string | null;
    seatName: string | null;
    note: string | null;
    sourceUrl: string | null;
  }>;
  candidacies: ReadonlyArray<{
    id: number;
    electionName: string;
    electionDate: string;
    outcome: "won" | "lost" | "runoff" | "pending" | null;
    note: string | null;
    electionSourceUrl: string | null;
  }>;
  terms: ReadonlyArray<{
    id: number;
    startDate: string;
    endDate: string | null;
    bodyName: string;
    seatName: string;
    role: string;
    note: string | null;
    sourceUrl: string | null;
  }>;
  votes: ReadonlyArray<{
    voteEventId: number;
    date: string;
    measureId: number;
    measureTitle: string;
    preferredVote: "yes" | "no" | null;
    alignment: "aligned" | "not_aligned" | "missed" | null;
  }>;
}

export type TimelineItem =
  | {
      kind: "endorsed";
      key: string;
      date: string;
      cycle: string;
      office: string | null;
      note: string | null;
      sourceUrl: string | null;
    }
  | {
      kind: "election";
      key: string;
      date: string;
      electionName: string;
      outcome: "won" | "lost" | "runoff" | "pending" | null;
      note: string | null;
      sourceUrl: string | null;
    }
  | {
      kind: "took_office";
      key: string;
      date: string;
      office: string;
      role: string;
      note: string | null;
      sourceUrl: string | null;
    }
  | {
      kind: "vote";
      key: string;
      date: string;
      measureId: number;
      measureTitle: string;
      alignment: "aligned" | "not_aligned" | "missed" | null;
    }
  | { kind: "more_votes"; key: string; date: string; count: number };

export const TIMELINE_VOTES_SHOWN = 4;

export function candidateTimeline(input: TimelineInput): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of input.endorsements) {
    if (e.status !== "endorsed" || !e.decidedOn) continue;
    items.push({
      kind: "endorsed",
      key: `e${e.id}`,
      date: e.decidedOn,
      cycle: e.cycle,
      office: e.bodyName ? `${e.bodyName}, ${e.seatName}` : null,
      note: e.note,
      sourceUrl: e.sourceUrl,
    });
  }
  for (const c of input.candidacies) {
    items.push({
      kind: "election",
      key: `c${c.id}`,
      date: c.electionDate,
      electionName: c.electionName,
      outcome: c.outcome,
      note: c.note,
      sourceUrl: c.electionSourceUrl,
    });
  }
  for (const t of input.terms) {
    items.push({
      kind: "took_office",
      key: `t${t.id}`,
      date: t.startDate,
      office: `${t.bodyName}, ${t.seatName}`,
      role: t.role,
      note: t.note,
      sourceUrl: t.sourceUrl,
    });
  }
  const scored = [...input.votes.filter((v) => v.preferredVote !== null)].sort(
    (a, b) => a.date.localeCompare(b.date) || a.voteEventId - b.voteEventId,
  );
  for (const v of scored.slice(0, TIMELINE_VOTES_SHOWN)) {
    items.push({
      kind: "vote",
      key: `v${v.voteEventId}`,
      date: v.date,
      measureId: v.measureId,
      measureTitle: v.measureTitle,
      alignment: v.alignment,
    });
  }
  const rest = scored.length - TIMELINE_VOTES_SHOWN;
  if (rest > 0) items.push({ kind: "more_votes", key: "more", date: scored[scored.length - 1].date, count: rest });
  // Same day: endorsement before election before taking office before votes (the story's order).
  const order = { endorsed: 0, election: 1, took_office: 2, vote: 3, more_votes: 4 } as const;
  return items.sort((a, b) => a.date.slice(0, 10).localeCompare(b.date.slice(0, 10)) || order[a.kind] - order[b.kind]);
}
