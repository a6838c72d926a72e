/**
 * DEMO DATA. Mirrors the PAC's own story (DESIGN.md §4): the LCPS Board of Education, the
 * February board election in which the PAC endorsed Ray Jaramillo, Terrie Dallman and board chair
 * Maria Flores, and the board's two later 5-0 votes protecting immigrant students.
 * Vote counts, dates, opponents and the two other board members are illustrative and say so.
 *
 * `seedDemo` is idempotent: it loads the data set once and changes nothing when run again.
 */
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "./client";
import { settings, updateCandidates, updateMeasures, updates, updateTags, updateVoteEvents } from "./schema";
import {
  makeBody,
  makeCandidacy,
  makeCandidate,
  makeContest,
  makeElection,
  makeEndorsement,
  makeIssueTag,
  makeMeasure,
  makeTerm,
  makeVoteEvent,
} from "../tests/factories";

export const DEMO_MARKER_KEY = "demo.seededAt";
export const DEMO_ADMIN = { email: "admin@example.org", password: "champions-demo-admin" };

const ILLUSTRATIVE = "(Illustrative demo data.)";

export function isSeeded(database: Db): boolean {
  return Boolean(database.select().from(settings).where(eq(settings.key, DEMO_MARKER_KEY)).get());
}

/** Loads the demo data set once; returns false when it was already there. */
export function seedDemo(database: Db): boolean {
  return writeTransaction(database, (tx) => {
    if (tx.select().from(settings).where(eq(settings.key, DEMO_MARKER_KEY)).get()) return false;

    const { body, seats } = makeBody(tx, {
      name: "Las Cruces Public Schools Board of Education",
      slug: "lcps-board",
      jurisdiction: "Las Cruces Public Schools, NM",
      seatCount: 5,
    });
    const [d1, d2, d3, d4, d5] = seats;

    const ray = makeCandidate(tx, {
      displayName: "Ray Jaramillo",
      bio: "Parent and longtime Las Cruces educator, first elected to the LCPS board in the February election the PAC endorsed him in.",
    });
    const terrie = makeCandidate(tx, {
      displayName: "Terrie Dallman",
      bio: "Retired LCPS teacher and union leader, elected to the board with the PAC's endorsement.",
    });
    const maria = makeCandidate(tx, {
      displayName: "Maria Flores",
      bio: "Board chair, re-elected with the PAC's endorsement; has led the board's work on welcoming schools.",
    });
    const member4 = makeCandidate(tx, {
      displayName: "Pat Sandoval",
      bio: `A fellow board member. ${ILLUSTRATIVE}`,
    });
    const member5 = makeCandidate(tx, {
      displayName: "Chris Montoya",
      bio: `A fellow board member. ${ILLUSTRATIVE}`,
    });
    const opponent1 = makeCandidate(tx, { displayName: "Dana Whitfield", bio: `Opponent in District 1. ${ILLUSTRATIVE}` });
    const opponent2 = makeCandidate(tx, { displayName: "Lee Harmon", bio: `Opponent in District 2. ${ILLUSTRATIVE}` });

    const election = makeElection(tx, {
      name: "LCPS Board regular election",
      date: "2025-02-04",
      jurisdiction: "Las Cruces Public Schools, NM",
      kind: "regular",
    });

    // Vote counts are illustrative; shares are in basis points of each contest's total.
    const c1 = makeContest(tx, { electionId: election.id, seatId: d1.id, seatsToFill: 1 });
    const rayCandidacy = makeCandidacy(tx, { contestId: c1.id, candidateId: ray.id, votes: 2140, voteShareBp: 5812, outcome: "won" });
    makeCandidacy(tx, { contestId: c1.id, candidateId: opponent1.id, votes: 1542, voteShareBp: 4188, outcome: "lost" });

    const c2 = makeContest(tx, { electionId: election.id, seatId: d2.id, seatsToFill: 1 });
    const terrieCandidacy = makeCandidacy(tx, { contestId: c2.id, candidateId: terrie.id, votes: 1987, voteShareBp: 5530, outcome: "won" });
    makeCandidacy(tx, { contestId: c2.id, candidateId: opponent2.id, votes: 1606, voteShareBp: 4470, outcome: "lost" });

    const c3 = makeContest(tx, { electionId: election.id, seatId: d3.id, seatsToFill: 1 });
    const mariaCandidacy = makeCandidacy(tx, {
      contestId: c3.id,
      candidateId: maria.id,
      incumbent: true,
      votes: 2410,
      voteShareBp: 10000,
      outcome: "won",
    });

    const decidedAt = "2024-12-10T19:00:00.000Z";
    makeEndorsement(tx, {
      candidateId: ray.id,
      contestId: c1.id,
      cycle: "2025",
      status: "endorsed",
      decidedAt,
      rationale: "A parent and educator who will put students and families first, including immigrant families.",
    });
    makeEndorsement(tx, {
      candidateId: terrie.id,
      contestId: c2.id,
      cycle: "2025",
      status: "endorsed",
      decidedAt,
      rationale: "Decades in LCPS classrooms and a record of standing up for students and staff.",
    });
    makeEndorsement(tx, {
      candidateId: maria.id,
      contestId: c3.id,
      cycle: "2025",
      status: "endorsed",
      decidedAt,
      rationale: "As chair she has kept the board focused on safe, welcoming schools for every child.",
    });

    const start = "2025-03-01";
    const tRay = makeTerm(tx, { candidateId: ray.id, seatId: d1.id, startDate: start, candidacyId: rayCandidacy.id });
    const tTerrie = makeTerm(tx, { candidateId: terrie.id, seatId: d2.id, startDate: start, candidacyId: terrieCandidacy.id });
    const tMaria = makeTerm(tx, {
      candidateId: maria.id,
      seatId: d3.id,
      startDate: start,
      role: "chair",
      candidacyId: mariaCandidacy.id,
    });
    const t4 = makeTerm(tx, { candidateId: member4.id, seatId: d4.id, startDate: "2023-03-01" });
    const t5 = makeTerm(tx, { candidateId: member5.id, seatId: d5.id, startDate: "2023-03-01" });
    const board = [tRay, tTerrie, tMaria, t4, t5];

    const immigrantStudents = makeIssueTag(tx, "Immigrant students");
    makeIssueTag(tx, "Police-free schools");

    const resolution = makeMeasure(
      tx,
      {
        bodyId: body.id,
        title: "Resolution affirming LCPS schools as safe and welcoming for immigrant students",
        summary:
          "Affirms every student's right to a public education regardless of immigration status and directs the superintendent to keep schools safe and welcoming for immigrant families.",
        kind: "resolution",
        pacPosition: "support",
        sourceUrl: "https://www.lcps.net/",
        introducedOn: "2025-04-15",
      },
      [immigrantStudents.id],
    );
    const resolutionVote = makeVoteEvent(
      tx,
      { measureId: resolution.id, date: "2025-04-15", motion: "Adopt the resolution", result: "passed" },
      board.map((t) => [t.id, "yes"]),
    );

    const policy = makeMeasure(
      tx,
      {
        bodyId: body.id,
        title: "Policy protecting students' immigration privacy and school grounds",
        summary:
          "School staff do not ask about, collect or store students' immigration status; immigration agents need a judicial warrant to enter school grounds.",
        kind: "policy",
        pacPosition: "support",
        sourceUrl: "https://www.lcps.net/",
        introducedOn: "2025-06-10",
      },
      [immigrantStudents.id],
    );
    const policyVote = makeVoteEvent(
      tx,
      { measureId: policy.id, date: "2025-06-24", motion: "Adopt the policy on second reading", result: "passed" },
      board.map((t) => [t.id, "yes"]),
    );

    const update = tx
      .insert(updates)
      .values({
        slug: "board-votes-to-protect-immigrant-students",
        title: "The board we helped elect voted 5-0, twice, to protect immigrant students",
        summary:
          "Ray Jaramillo, Terrie Dallman and chair Maria Flores won in February. Since then the LCPS board has adopted a welcoming-schools resolution and a policy that keeps immigration agents out without a judicial warrant.",
        bodyMarkdown: [
          "In February we endorsed **Ray Jaramillo**, **Terrie Dallman** and board chair **Maria Flores** for the Las Cruces Public Schools Board of Education. All three won.",
          "",
          "Since then the board has voted 5-0, twice:",
          "",
          "1. to adopt a resolution affirming LCPS schools as safe and welcoming for immigrant students;",
          "2. to adopt a policy under which school staff do not ask about, collect or store students' immigration status, and immigration agents need a judicial warrant to enter school grounds.",
          "",
          "This is what endorsing, and winning, makes possible. Thank you to every volunteer and donor who helped.",
          "",
          `_${ILLUSTRATIVE.slice(1, -1)} Dates and vote counts are illustrative._`,
        ].join("\n"),
        visibility: "public",
        publishedAt: "2025-07-01T16:00:00.000Z",
      })
      .returning()
      .get();
    for (const c of [ray, terrie, maria]) tx.insert(updateCandidates).values({ updateId: update.id, candidateId: c.id }).run();
    for (const m of [resolution, policy]) tx.insert(updateMeasures).values({ updateId: update.id, measureId: m.id }).run();
    for (const v of [resolutionVote, policyVote]) tx.insert(updateVoteEvents).values({ updateId: update.id, voteEventId: v.id }).run();
    tx.insert(updateTags).values({ updateId: update.id, issueTagId: immigrantStudents.id }).run();

    tx.insert(settings).values({ key: DEMO_MARKER_KEY, value: JSON.stringify(new Date().toISOString()) }).run();
    return true;
  });
}
