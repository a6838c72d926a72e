import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { auditLog, votes } from "#db/schema";
import {
  makeBody,
  makeCandidacy,
  makeCandidate,
  makeContest,
  makeElection,
  makeEndorsement,
  makeMeasure,
  makeTerm,
  makeVoteEvent,
} from "../factories";
import { createStaffUser } from "~/models/staff-users.server";
import { recordVoteEvent } from "~/models/vote-events.server";
import { talliesFor, tallyOf } from "~/models/vote-tally.server";
import { computeResults, saveContestResults } from "~/models/contest-results.server";
import { createTermFromCandidacy, membersOn } from "~/models/terms.server";
import { changeEndorsementStatus } from "~/models/endorsements.server";
import { deleteCandidate, setCandidateArchived } from "~/models/candidates.server";
import { deleteBody } from "~/models/bodies.server";
import { deleteSeat } from "~/models/seats.server";
import { deleteElection } from "~/models/elections.server";
import { deleteMeasure } from "~/models/measures.server";
import { deleteContest } from "~/models/contests.server";
import { RuleViolation } from "~/models/rule-violation.server";

async function staff() {
  const user = await createStaffUser({
    email: `staff${Math.random()}@example.org`,
    password: "long enough password",
    role: "staff",
  });
  return user.id;
}

/** A five-seat board; member 5's term ended on 2025-05-31 and a successor started 2025-06-01. */
function board() {
  const d = db();
  const { body, seats } = makeBody(d, { name: "Test Board" });
  const members = seats.slice(0, 4).map((seat, i) => {
    const c = makeCandidate(d, { displayName: `Member ${i + 1}` });
    return { candidate: c, term: makeTerm(d, { candidateId: c.id, seatId: seat.id, startDate: "2025-01-01" }) };
  });
  const leaver = makeCandidate(d, { displayName: "Leaving Member" });
  const leaverTerm = makeTerm(d, {
    candidateId: leaver.id,
    seatId: seats[4].id,
    startDate: "2023-01-01",
    endDate: "2025-05-31",
  });
  const successor = makeCandidate(d, { displayName: "New Member" });
  const successorTerm = makeTerm(d, { candidateId: successor.id, seatId: seats[4].id, startDate: "2025-06-01" });
  return { body, seats, members, leaver, leaverTerm, successor, successorTerm };
}

describe("who can vote", () => {
  it("counts a term's end date as its inclusive last day", () => {
    const b = board();
    expect(membersOn(b.body.id, "2025-05-31").map((m) => m.termId)).toContain(b.leaverTerm.id);
    const onFirstJune = membersOn(b.body.id, "2025-06-01").map((m) => m.termId);
    expect(onFirstJune).not.toContain(b.leaverTerm.id);
    expect(onFirstJune).toContain(b.successorTerm.id);
    expect(onFirstJune).toHaveLength(5);
  });

  it("refuses a vote from a member whose term ended the day before, and stores nothing", async () => {
    const actor = await staff();
    const b = board();
    const measure = makeMeasure(db(), { bodyId: b.body.id, title: "A measure", pacPosition: "support" });
    const roll = [
      ...b.members.map((m) => ({ termId: m.term.id, option: "yes" as const })),
      { termId: b.leaverTerm.id, option: "no" as const },
    ];
    expect(() =>
      recordVoteEvent(
        measure.id,
        { date: "2025-06-01", motion: "Adopt", result: "derive", preferredVote: "none", preferredReason: "", roll },
        actor,
      ),
    ).toThrow(/Only members holding a seat on this body/);
    expect(db().select().from(votes).all()).toHaveLength(0);
    expect(db().select().from(auditLog).where(eq(auditLog.entity, "vote_event")).all()).toHaveLength(0);
  });

  it("refuses a member of another body and an incomplete roll call", async () => {
    const actor = await staff();
    const b = board();
    const other = makeBody(db(), { name: "Other Board" }, ["Seat A"]);
    const outsider = makeCandidate(db(), { displayName: "Outsider" });
    const outsiderTerm = makeTerm(db(), {
      candidateId: outsider.id,
      seatId: other.seats[0].id,
      startDate: "2020-01-01",
    });
    const measure = makeMeasure(db(), { bodyId: b.body.id, title: "A measure", pacPosition: "support" });
    const roll = b.members.map((m) => ({ termId: m.term.id, option: "yes" as const }));
    expect(() =>
      recordVoteEvent(
        measure.id,
        {
          date: "2025-06-10",
          motion: "",
          result: "derive",
          preferredVote: "none",
          preferredReason: "",
          roll: [...roll, { termId: outsiderTerm.id, option: "yes" }],
        },
        actor,
      ),
    ).toThrow(RuleViolation);
    expect(() =>
      recordVoteEvent(
        measure.id,
        { date: "2025-06-10", motion: "", result: "derive", preferredVote: "none", preferredReason: "", roll },
        actor,
      ),
    ).toThrow(/every member.*New Member/);
  });

  it("accepts the members on the day, derives the result and audits the write", async () => {
    const actor = await staff();
    const b = board();
    const measure = makeMeasure(db(), { bodyId: b.body.id, title: "A measure", pacPosition: "support" });
    const roll = [
      ...b.members.map((m) => ({ termId: m.term.id, option: "yes" as const })),
      { termId: b.successorTerm.id, option: "no" as const },
    ];
    const event = recordVoteEvent(
      measure.id,
      { date: "2025-06-01", motion: "Adopt", result: "derive", preferredVote: "none", preferredReason: "", roll },
      actor,
    );
    expect(event.result).toBe("passed");
    expect(tallyOf(event.id)).toEqual({ yes: 4, no: 1, abstain: 0, absent: 0 });
    const audit = db().select().from(auditLog).where(eq(auditLog.entity, "vote_event")).get();
    expect(audit).toMatchObject({ staffUserId: actor, entityId: event.id, action: "create" });
    expect(JSON.parse(audit!.afterJson!).roll).toHaveLength(5);
  });
});

describe("tallies", () => {
  it("are counted from the votes, so changing a vote changes the tally", () => {
    const b = board();
    const measure = makeMeasure(db(), { bodyId: b.body.id, title: "M", pacPosition: "none" });
    const event = makeVoteEvent(
      db(),
      { measureId: measure.id, date: "2025-03-01", result: "passed" },
      b.members.map((m, i) => [m.term.id, i === 0 ? "abstain" : "yes"]),
    );
    expect(talliesFor([event.id]).get(event.id)).toEqual({ yes: 3, no: 0, abstain: 1, absent: 0 });
    db().update(votes).set({ option: "no" }).where(eq(votes.termId, b.members[1].term.id)).run();
    expect(talliesFor([event.id]).get(event.id)).toEqual({ yes: 2, no: 1, abstain: 1, absent: 0 });
  });
});

describe("results", () => {
  it("computes shares in basis points that add up to 100%", () => {
    const r = computeResults(
      1,
      [
        { candidacyId: 1, votes: 1 },
        { candidacyId: 2, votes: 1 },
        { candidacyId: 3, votes: 1 },
      ],
      true,
    );
    expect(r.reduce((sum, x) => sum + (x.voteShareBp ?? 0), 0)).toBe(10000);
    expect(r.every((x) => x.outcome === "pending")).toBe(true); // a three-way tie for one seat
  });

  it("elects the top N of a multi-seat contest, and everyone when fewer ran than there are seats", () => {
    const three = computeResults(
      2,
      [
        { candidacyId: 1, votes: 500 },
        { candidacyId: 2, votes: 300 },
        { candidacyId: 3, votes: 200 },
      ],
      true,
    );
    expect(three.map((r) => r.outcome)).toEqual(["won", "won", "lost"]);
    expect(computeResults(2, [{ candidacyId: 1, votes: 10 }], true).map((r) => [r.outcome, r.voteShareBp])).toEqual([
      ["won", 10000],
    ]);
    expect(
      computeResults(
        1,
        [
          { candidacyId: 1, votes: 0 },
          { candidacyId: 2, votes: 0 },
        ],
        true,
      ).map((r) => r.voteShareBp),
    ).toEqual([null, null]);
  });

  it("derives outcomes once final, keeps them pending before, and lets staff set a runoff", async () => {
    const actor = await staff();
    const d = db();
    const { seats } = makeBody(d, { name: "Results Board" });
    const election = makeElection(d);
    const contest = makeContest(d, { electionId: election.id, seatId: seats[0].id });
    const [a, b, c] = ["Ana", "Ben", "Cy"].map((n) => makeCandidate(d, { displayName: `${n} Test` }));
    const ca = makeCandidacy(d, { contestId: contest.id, candidateId: a.id });
    const cb = makeCandidacy(d, { contestId: contest.id, candidateId: b.id });
    const cc = makeCandidacy(d, { contestId: contest.id, candidateId: c.id });
    const entries = [
      { candidacyId: ca.id, votes: 450 },
      { candidacyId: cb.id, votes: 350 },
      { candidacyId: cc.id, votes: 200 },
    ];
    expect(saveContestResults(contest.id, { entries, final: false }, actor).map((r) => r.outcome)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    const final = saveContestResults(contest.id, { entries, final: true }, actor);
    expect(final.map((r) => [r.voteShareBp, r.outcome])).toEqual([
      [4500, "won"],
      [3500, "lost"],
      [2000, "lost"],
    ]);
    const runoff = saveContestResults(
      contest.id,
      {
        entries: [{ ...entries[0], outcome: "runoff" }, { ...entries[1], outcome: "runoff" }, entries[2]],
        final: true,
      },
      actor,
    );
    expect(runoff.map((r) => r.outcome)).toEqual(["runoff", "runoff", "lost"]);
    expect(() => saveContestResults(contest.id, { entries: entries.slice(0, 2), final: true }, actor)).toThrow(
      /every candidate/,
    );
  });
});

describe("terms from won candidacies", () => {
  it("creates the term once, only from a win, and ends the sitting member's term the day before", async () => {
    const actor = await staff();
    const b = board();
    const d = db();
    const election = makeElection(d, { date: "2025-11-04" });
    const contest = makeContest(d, { electionId: election.id, seatId: b.seats[0].id });
    const winner = makeCandidate(d, { displayName: "Winner Person" });
    const loser = makeCandidate(d, { displayName: "Loser Person" });
    const won = makeCandidacy(d, { contestId: contest.id, candidateId: winner.id, outcome: "won" });
    const lost = makeCandidacy(d, { contestId: contest.id, candidateId: loser.id, outcome: "lost" });
    expect(() => createTermFromCandidacy(lost.id, { startDate: "2026-01-01", role: "member" }, actor)).toThrow(
      /Only a won/,
    );
    const term = createTermFromCandidacy(won.id, { startDate: "2026-01-01", role: "member" }, actor);
    expect(term).toMatchObject({ candidateId: winner.id, seatId: b.seats[0].id, candidacyId: won.id });
    const members = membersOn(b.body.id, "2026-01-01");
    expect(members.map((m) => m.displayName)).toContain("Winner Person");
    expect(members.map((m) => m.displayName)).not.toContain("Member 1");
    expect(membersOn(b.body.id, "2025-12-31").map((m) => m.displayName)).toContain("Member 1");
    expect(() => createTermFromCandidacy(won.id, { startDate: "2026-01-01", role: "member" }, actor)).toThrow(
      /already/,
    );
  });
});

describe("endorsement workflow", () => {
  it("allows only the defined transitions and requires a rationale for a decision", async () => {
    const actor = await staff();
    const c = makeCandidate(db(), { displayName: "Flow Person" });
    const e = makeEndorsement(db(), { candidateId: c.id, cycle: "2026", status: "considering" });
    expect(() => changeEndorsementStatus(e.id, { status: "rescinded", rationale: "x" }, actor)).toThrow(
      /cannot become/,
    );
    expect(() => changeEndorsementStatus(e.id, { status: "endorsed", rationale: "  " }, actor)).toThrow(/rationale/);
    const endorsed = changeEndorsementStatus(e.id, { status: "endorsed", rationale: "Strong record." }, actor);
    expect(endorsed.status).toBe("endorsed");
    expect(endorsed.decidedAt).not.toBeNull();
    const audit = db().select().from(auditLog).where(eq(auditLog.entity, "endorsement")).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].beforeJson!).status).toBe("considering");
    expect(JSON.parse(audit[0].afterJson!).status).toBe("endorsed");
  });
});

describe("deleting what is still referenced", () => {
  it("is refused with a clear message, and archiving works instead", async () => {
    const actor = await staff();
    const b = board();
    const d = db();
    const election = makeElection(d);
    const contest = makeContest(d, { electionId: election.id, seatId: b.seats[0].id });
    makeCandidacy(d, { contestId: contest.id, candidateId: b.members[0].candidate.id });
    const measure = makeMeasure(d, { bodyId: b.body.id, title: "Referenced measure", pacPosition: "support" });
    makeVoteEvent(d, { measureId: measure.id, date: "2025-03-01", result: "passed" }, [[b.members[0].term.id, "yes"]]);

    expect(() => deleteCandidate(b.members[0].candidate.id, actor)).toThrow(
      "Member 1 cannot be deleted: 1 candidacies, 1 terms still refer to it. Archive it instead.",
    );
    expect(() => deleteBody(b.body.id, actor)).toThrow(/cannot be deleted: 1 contests, 6 terms, 1 measures/);
    expect(() => deleteSeat(b.seats[0].id, actor)).toThrow(/1 contests, 1 terms/);
    expect(() => deleteElection(election.id, actor)).toThrow(/1 contests/);
    expect(() => deleteContest(contest.id, actor)).toThrow(/1 candidacies/);
    expect(() => deleteMeasure(measure.id, actor)).toThrow(/1 vote events/);

    expect(setCandidateArchived(b.members[0].candidate.id, true, actor).archivedAt).not.toBeNull();
    const unused = makeCandidate(d, { displayName: "Unused Person" });
    deleteCandidate(unused.id, actor);
    const deletes = d.select().from(auditLog).where(eq(auditLog.action, "delete")).all();
    expect(deletes.map((a) => a.entityId)).toEqual([unused.id]);
  });
});

describe("links shown on public pages", () => {
  it("accept only http(s) addresses", async () => {
    const { candidateSchema, measureSchema } = await import("~/lib/track-record-forms");
    expect(candidateSchema.safeParse({ displayName: "Link Person", website: "javascript:alert(1)" }).success).toBe(
      false,
    );
    expect(candidateSchema.safeParse({ displayName: "Link Person", website: "https://example.org" }).success).toBe(
      true,
    );
    expect(
      measureSchema.safeParse({
        bodyId: "1",
        title: "A measure",
        pacPosition: "none",
        sourceUrl: "data:text/html,<script>",
      }).success,
    ).toBe(false);
  });
});
