/** An honest win rate: it cannot be cleaned after the election, and unopposed races are counted apart. */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { endorsements } from "#db/schema";
import { seedDemo } from "#db/seed";
import { makeBody, makeCandidacy, makeCandidate, makeContest, makeElection, makeEndorsement } from "../factories";
import { createStaffUser } from "~/models/staff-users.server";
import { winRateByCycle } from "~/models/win-rate.server";
import { changeEndorsementStatus, createEndorsement, setEndorsementPublic } from "~/models/endorsements.server";
import { setCandidateArchived } from "~/models/candidates.server";
import { createContest } from "~/models/contests.server";
import { getEndorsementsPage, getHomeSlate } from "~/models/slate.server";
import { winRateText } from "~/components/track-record";

const TZ = "America/Denver";
const BEFORE = "2025-10-01T18:00:00.000Z";

async function staff() {
  const user = await createStaffUser({
    email: `staff${Math.random()}@example.org`,
    password: "long enough password",
    role: "staff",
  });
  return user.id;
}

/** One contested race per outcome, each endorsed before the election of 2025-11-04. */
function races(outcomes: Array<"won" | "lost" | "runoff" | "pending">) {
  const d = db();
  const { seats } = makeBody(
    d,
    { name: `Win Board ${Math.random()}` },
    outcomes.map((_, i) => `Seat ${i + 1}`),
  );
  const election = makeElection(d, { date: "2025-11-04" });
  return outcomes.map((outcome, i) => {
    const c = makeCandidate(d, { displayName: `Candidate ${i} ${Math.random().toString(36).slice(2, 6)}` });
    const rival = makeCandidate(d, { displayName: `Rival ${i} ${Math.random().toString(36).slice(2, 6)}` });
    const contest = makeContest(d, { electionId: election.id, seatId: seats[i].id });
    makeCandidacy(d, { contestId: contest.id, candidateId: c.id, outcome });
    makeCandidacy(d, {
      contestId: contest.id,
      candidateId: rival.id,
      outcome: outcome === "won" ? "lost" : outcome === "lost" ? "won" : outcome,
    });
    const e = makeEndorsement(d, {
      candidateId: c.id,
      contestId: contest.id,
      cycle: "2025",
      status: "endorsed",
      decidedAt: BEFORE,
    });
    return { candidate: c, contest, endorsement: e, election };
  });
}

describe("win rate", () => {
  it("counts decided contested races, with runoffs and pending races not decided yet", () => {
    races(["won", "won", "lost", "runoff", "pending"]);
    const [rate] = winRateByCycle(TZ);
    expect(rate).toMatchObject({ cycle: "2025", won: 2, contested: 3, unopposed: 0, undecided: 2, disclosed: [] });
    expect(winRateText(rate)).toBe("2 of 3 contested races won");
  });

  it("keeps a rescinded, hidden or archived loss counted once the election is decided, and discloses it", async () => {
    const actor = await staff();
    const [, , lost, hiddenWin, archivedWin] = races(["won", "won", "lost", "won", "won"]);
    changeEndorsementStatus(
      lost.endorsement.id,
      { status: "rescinded", rationale: "Changed our mind after the loss." },
      actor,
    );
    setEndorsementPublic(hiddenWin.endorsement.id, false, actor);
    setCandidateArchived(archivedWin.candidate.id, true, actor);

    const [rate] = winRateByCycle(TZ);
    expect(rate).toMatchObject({ won: 4, contested: 5 });
    expect(winRateText(rate)).toBe("4 of 5 contested races won");
    expect(rate.disclosed.map((x) => [x.candidateName, x.outcome, x.rescinded, x.hidden, x.archived])).toEqual(
      expect.arrayContaining([
        [lost.candidate.displayName, "lost", true, false, false],
        [hiddenWin.candidate.displayName, "won", false, true, false],
        [archivedWin.candidate.displayName, "won", false, false, true],
      ]),
    );
    // The public page carries the disclosure even though the slate no longer lists them.
    const page = getEndorsementsPage();
    expect(page.current!.entries.map((e) => e.displayName)).not.toContain(lost.candidate.displayName);
    expect(page.current!.winRate!.disclosed).toHaveLength(3);
  });

  it("does not count an endorsement rescinded before election day", async () => {
    const [, withdrawn] = races(["won", "lost"]);
    db().update(endorsements).set({ status: "rescinded", rescindedAt: "2025-10-20T18:00:00.000Z" }).run();
    expect(winRateByCycle(TZ)[0]).toMatchObject({ won: 0, contested: 0, disclosed: [] });
    expect(withdrawn).toBeDefined();
  });

  it("lists but does not count an endorsement entered after the election, and refuses to reopen a counted race", async () => {
    const actor = await staff();
    const [race] = races(["won"]);
    const d = db();
    const late = makeCandidate(d, { displayName: "Late Endorsee" });
    const contest = makeContest(d, {
      electionId: race.election.id,
      seatId: makeBody(d, { name: "Late Board" }).seats[0].id,
    });
    makeCandidacy(d, { contestId: contest.id, candidateId: late.id, outcome: "won" });
    makeCandidacy(d, {
      contestId: contest.id,
      candidateId: makeCandidate(d, { displayName: "Late Rival" }).id,
      outcome: "lost",
    });
    createEndorsement(
      {
        candidateId: late.id,
        contestId: contest.id,
        cycle: "2025",
        status: "endorsed",
        rationale: "After the fact.",
        isPublic: true,
      },
      actor,
    );

    const [rate] = winRateByCycle(TZ);
    expect(rate).toMatchObject({ won: 1, contested: 1, afterElection: 1 });
    const entry = getEndorsementsPage().current!.entries.find((e) => e.displayName === "Late Endorsee")!;
    expect(entry.afterElection).toBe(true);

    changeEndorsementStatus(race.endorsement.id, { status: "rescinded", rationale: "Later disagreement." }, actor);
    expect(() => changeEndorsementStatus(race.endorsement.id, { status: "considering", rationale: "" }, actor)).toThrow(
      /stays as it is/,
    );
  });

  it("lets a real earlier decision carry its date only with a source link and a note", async () => {
    const actor = await staff();
    const d = db();
    const { seats } = makeBody(d, { name: "Backdate Board" });
    const election = makeElection(d, { date: "2025-11-04" });
    const contest = makeContest(d, { electionId: election.id, seatId: seats[0].id });
    const c = makeCandidate(d, { displayName: "Backdated Person" });
    makeCandidacy(d, { contestId: contest.id, candidateId: c.id, outcome: "won" });
    makeCandidacy(d, {
      contestId: contest.id,
      candidateId: makeCandidate(d, { displayName: "Backdated Rival" }).id,
      outcome: "lost",
    });
    const input = {
      candidateId: c.id,
      contestId: contest.id,
      cycle: "2025",
      status: "endorsed" as const,
      rationale: "Strong record.",
      isPublic: true,
      decidedOn: "2025-10-01",
    };
    expect(() => createEndorsement(input, actor)).toThrow(/link to where it was announced/);
    expect(() => createEndorsement({ ...input, sourceUrl: "https://example.org/our-slate" }, actor)).toThrow(
      /public note/,
    );
    expect(() => createEndorsement({ ...input, decidedOn: "2999-01-01" }, actor)).toThrow(/future/);
    const e = createEndorsement(
      { ...input, sourceUrl: "https://example.org/our-slate", note: "Announced at our October meeting." },
      actor,
    );
    expect(e).toMatchObject({
      decidedAt: "2025-10-01T12:00:00.000Z",
      sourceUrl: "https://example.org/our-slate",
      note: "Announced at our October meeting.",
    });
    expect(winRateByCycle(TZ)[0]).toMatchObject({ won: 1, contested: 1, afterElection: 0 });
  });

  it("allows one endorsement per contest, so a primary and a general each count", async () => {
    const actor = await staff();
    const d = db();
    const { seats } = makeBody(d, { name: "Primary Board" });
    const c = makeCandidate(d, { displayName: "Two Races" });
    const rival = makeCandidate(d, { displayName: "Two Races Rival" });
    const primary = makeElection(d, { date: "2026-06-02", kind: "primary" });
    const general = makeElection(d, { date: "2026-11-03", kind: "general" });
    for (const [election, outcome] of [
      [primary, "won"],
      [general, "lost"],
    ] as const) {
      const contest = makeContest(d, { electionId: election.id, seatId: seats[0].id });
      makeCandidacy(d, { contestId: contest.id, candidateId: c.id, outcome });
      makeCandidacy(d, { contestId: contest.id, candidateId: rival.id, outcome: outcome === "won" ? "lost" : "won" });
      const e = createEndorsement(
        { candidateId: c.id, contestId: contest.id, cycle: "2026", status: "considering", isPublic: true },
        actor,
      );
      d.update(endorsements)
        .set({ status: "endorsed", decidedAt: "2026-05-01T18:00:00.000Z" })
        .where(eq(endorsements.id, e.id))
        .run();
      expect(() =>
        createEndorsement(
          { candidateId: c.id, contestId: contest.id, cycle: "2026", status: "considering", isPublic: true },
          actor,
        ),
      ).toThrow(/already has an endorsement record for that contest/);
    }
    expect(winRateByCycle(TZ)[0]).toMatchObject({ won: 1, contested: 2 });
  });

  it("resolves a first round that went to a runoff with the runoff, and counts the race once", async () => {
    const actor = await staff();
    const d = db();
    const { seats } = makeBody(d, { name: "Runoff Board" });
    const first = makeElection(d, { date: "2025-11-04", name: "First round" });
    const second = makeElection(d, { date: "2025-12-09", name: "Runoff", kind: "runoff" });
    const a = makeCandidate(d, { displayName: "Runoff A" });
    const b = makeCandidate(d, { displayName: "Runoff B" });
    const c = makeCandidate(d, { displayName: "Runoff C" });
    const round1 = makeContest(d, { electionId: first.id, seatId: seats[0].id });
    makeCandidacy(d, { contestId: round1.id, candidateId: a.id, outcome: "runoff" });
    makeCandidacy(d, { contestId: round1.id, candidateId: b.id, outcome: "runoff" });
    makeCandidacy(d, { contestId: round1.id, candidateId: c.id, outcome: "lost" });
    makeEndorsement(d, {
      candidateId: a.id,
      contestId: round1.id,
      cycle: "2025",
      status: "endorsed",
      decidedAt: BEFORE,
    });
    expect(winRateByCycle(TZ)[0]).toMatchObject({ contested: 0, undecided: 1 });

    expect(() =>
      createContest(
        { electionId: second.id, seatId: seats[1].id, seatsToFill: 1, firstRoundContestId: round1.id },
        actor,
      ),
    ).toThrow(/same seat/);
    const round2 = createContest(
      { electionId: second.id, seatId: seats[0].id, seatsToFill: 1, firstRoundContestId: round1.id },
      actor,
    );
    makeCandidacy(d, { contestId: round2.id, candidateId: a.id, outcome: "won" });
    makeCandidacy(d, { contestId: round2.id, candidateId: b.id, outcome: "lost" });
    expect(winRateByCycle(TZ)[0]).toMatchObject({ won: 1, contested: 1, undecided: 0 });

    // Endorsed again for the runoff: still one race.
    makeEndorsement(d, {
      candidateId: a.id,
      contestId: round2.id,
      cycle: "2025",
      status: "endorsed",
      decidedAt: "2025-11-10T18:00:00.000Z",
    });
    expect(winRateByCycle(TZ)[0]).toMatchObject({ won: 1, contested: 1, undecided: 0 });
  });

  it("counts the demo's unopposed race (Jaramillo's) apart: 2 of 2 contested races won (1 unopposed)", () => {
    seedDemo(db());
    const [rate] = winRateByCycle(TZ);
    expect(rate).toMatchObject({ cycle: "2017", won: 2, contested: 2, unopposed: 1, undecided: 0, afterElection: 0 });
    expect(winRateText(rate)).toBe("2 of 2 contested races won (1 unopposed)");
    expect(winRateText(getHomeSlate().winRate!)).toBe("2 of 2 contested races won (1 unopposed)");
    const entries = getEndorsementsPage().current!.entries;
    expect(entries.filter((e) => e.unopposed).map((e) => e.displayName)).toEqual(["Ray Jaramillo"]);
  });
});

describe("endorsing later with the true date", () => {
  it("accepts an earlier decision day on the status change, with its source and note", async () => {
    const actor = await staff();
    const d = db();
    const { seats } = makeBody(d, { name: "Later Board" });
    const election = makeElection(d, { date: "2025-11-04" });
    const contest = makeContest(d, { electionId: election.id, seatId: seats[0].id });
    const c = makeCandidate(d, { displayName: "Later Person" });
    makeCandidacy(d, { contestId: contest.id, candidateId: c.id, outcome: "lost" });
    makeCandidacy(d, {
      contestId: contest.id,
      candidateId: makeCandidate(d, { displayName: "Later Rival" }).id,
      outcome: "won",
    });
    const e = createEndorsement(
      { candidateId: c.id, contestId: contest.id, cycle: "2025", status: "considering", isPublic: true },
      actor,
    );
    expect(() =>
      changeEndorsementStatus(e.id, { status: "endorsed", rationale: "Good.", decidedOn: "2025-10-01" }, actor),
    ).toThrow(/link/);
    const endorsed = changeEndorsementStatus(
      e.id,
      {
        status: "endorsed",
        rationale: "Good.",
        decidedOn: "2025-10-01",
        sourceUrl: "https://example.org/slate",
        note: "Voted at our October meeting.",
      },
      actor,
    );
    expect(endorsed).toMatchObject({ decidedAt: "2025-10-01T12:00:00.000Z", sourceUrl: "https://example.org/slate" });
    expect(winRateByCycle(TZ)[0]).toMatchObject({ won: 0, contested: 1 });
  });
});

describe("before election day, on the PAC's calendar", () => {
  it("counts a decision at 10:30 pm the night before in Denver, though it is already election day in UTC", async () => {
    const { countRace, electionDayStarts } = await import("~/models/win-rate.server");
    const facts = {
      status: "endorsed",
      rescindedAt: null,
      electionDate: "2025-11-04",
      outcome: "won" as const,
      runoffOutcome: null,
      runoffEndorsed: false,
      fieldSize: 2,
      seatsToFill: 1,
    };
    const denver = electionDayStarts("America/Denver");
    expect(countRace({ ...facts, decidedAt: "2025-11-04T05:30:00.000Z" }, denver)).toMatchObject({ counted: true });
    expect(countRace({ ...facts, decidedAt: "2025-11-04T07:30:00.000Z" }, denver)).toEqual({
      counted: false,
      why: "after_election",
    });
    // Rescinded at 11 pm the night before: withdrawn in time, not counted.
    expect(
      countRace(
        {
          ...facts,
          status: "rescinded",
          decidedAt: "2025-10-01T18:00:00.000Z",
          rescindedAt: "2025-11-04T06:00:00.000Z",
        },
        denver,
      ),
    ).toEqual({ counted: false, why: "withdrawn_before" });
  });
});
