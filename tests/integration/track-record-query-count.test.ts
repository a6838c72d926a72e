/**
 * The public track-record pages run a fixed number of SQL statements whatever the number of rows
 * they show: counted on the better-sqlite3 connection itself (drizzle prepares every statement it runs).
 */
import { db, sqlite } from "#db/client";
import { seedDemo } from "#db/seed";
import { makeCandidacy, makeContest, makeElection, makeEndorsement, makeMeasure, makeVoteEvent } from "../factories";
import { getCandidateProfile } from "~/models/candidate-profile.server";
import { getBodyPage, getElectionPage, getMeasurePage } from "~/models/public-track-record.server";
import { getEndorsementsPage } from "~/models/slate.server";
import { eq } from "drizzle-orm";
import { addCorrection } from "~/models/corrections.server";
import { candidates, governingBodies, terms } from "#db/schema";

function countStatements<T>(fn: () => T): { result: T; statements: number } {
  const connection = sqlite();
  const prepare = connection.prepare;
  let statements = 0;
  connection.prepare = function (this: typeof connection, ...args: Parameters<typeof prepare>) {
    statements += 1;
    return prepare.apply(this, args);
  } as typeof prepare;
  try {
    return { result: fn(), statements };
  } finally {
    connection.prepare = prepare;
  }
}

/** Adds `n` more recorded votes of the whole board, on new measures, plus another election and endorsement. */
function growRecord(n: number, offset: number) {
  const d = db();
  const body = d.select().from(governingBodies).get()!;
  const board = d.select().from(terms).all();
  let lastEvent: { id: number } | undefined;
  for (let i = 0; i < n; i++) {
    const measure = makeMeasure(d, {
      bodyId: body.id,
      title: `Grown measure ${offset + i}`,
      pacPosition: i % 2 ? "support" : "oppose",
    });
    lastEvent = makeVoteEvent(
      d,
      {
        measureId: measure.id,
        date: `2017-09-${String((i % 28) + 1).padStart(2, "0")}`,
        result: "passed",
        preferredVote: i % 3 ? "yes" : null,
      },
      board.map((t, j) => [t.id, j === 0 ? "no" : "yes"]),
    );
  }
  const election = makeElection(d, { date: `20${30 + offset}-11-04`, name: `Grown election ${offset}` });
  const maria = d.select().from(candidates).where(eq(candidates.slug, "maria-flores")).get()!;
  const seatId = board.find((t) => t.candidateId === maria.id)!.seatId;
  const contest = makeContest(d, { electionId: election.id, seatId });
  const won = makeCandidacy(d, {
    contestId: contest.id,
    candidateId: maria.id,
    outcome: "won",
    votes: 10,
    voteShareBp: 10000,
  });
  makeEndorsement(d, {
    candidateId: maria.id,
    contestId: contest.id,
    cycle: `20${30 + offset}`,
    status: "endorsed",
    decidedAt: "2029-01-01T00:00:00.000Z",
  });
  // Corrections on a vote and on a result, so the page shows them too.
  addCorrection({ candidacyId: won.id }, "A corrected result.", d);
  addCorrection({ voteEventId: lastEvent!.id }, "A corrected preferred vote.", d);
}

function pages() {
  return {
    candidate: countStatements(() => getCandidateProfile("maria-flores")).statements,
    endorsements: countStatements(() => getEndorsementsPage()).statements,
    body: countStatements(() => getBodyPage("lcps-board", "2017-10-01")).statements,
    measure: countStatements(() => getMeasurePage(1, "America/Denver")).statements,
    election: countStatements(() => getElectionPage(1, "America/Denver")).statements,
  };
}

describe("public track-record pages", () => {
  it("run the same small number of statements however many rows they show", () => {
    seedDemo(db());
    const small = pages();
    const before = getCandidateProfile("maria-flores")!;
    growRecord(40, 1);
    growRecord(5, 2);
    const large = pages();
    const after = getCandidateProfile("maria-flores")!;

    expect(after.votes.length).toBeGreaterThan(before.votes.length + 40);
    expect(after.candidacies.length).toBe(before.candidacies.length + 2);
    expect(large).toEqual(small);
    expect(Object.keys(after.voteCorrections)).toHaveLength(2);
    expect(after.candidacies.some((c) => c.corrections.length > 0)).toBe(true);
    expect(small.candidate).toBeLessThanOrEqual(8);
    expect(Math.max(...Object.values(small))).toBeLessThanOrEqual(8);
  });
});
