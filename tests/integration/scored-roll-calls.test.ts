/**
 * Scored roll calls, tallies that agree with their roll call, and public corrections.
 * Scoring follows published scorecard practice (e.g. the League of Conservation Voters'
 * National Environmental Scorecard): the PAC decides, per roll call, the preferred vote.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { corrections, voteEvents } from "#db/schema";
import {
  makeBody,
  makeCandidacy,
  makeCandidate,
  makeContest,
  makeElection,
  makeMeasure,
  makeTerm,
  makeVoteEvent,
} from "../factories";
import { createStaffUser } from "~/models/staff-users.server";
import { recordVoteEvent, setPreferredVote, setVoteEventArchived } from "~/models/vote-events.server";
import { getCandidateProfile } from "~/models/candidate-profile.server";
import { getBodyPage, getElectionPage, getMeasurePage } from "~/models/public-track-record.server";
import { setMeasureArchived } from "~/models/measures.server";
import { updateBody } from "~/models/bodies.server";
import { updateSettings } from "~/models/settings.server";
import { saveContestResults } from "~/models/contest-results.server";
import { derivedResult } from "~/lib/tally";
import { scoreAlignment } from "~/models/alignment.server";

const TZ = "America/Denver";

async function staff() {
  const user = await createStaffUser({
    email: `staff${Math.random()}@example.org`,
    password: "long enough password",
    role: "staff",
  });
  return user.id;
}

/** Five members sitting from 2025-01-01. */
function board() {
  const d = db();
  const { body, seats } = makeBody(d, { name: `Board ${Math.random()}` });
  const members = seats.map((seat, i) => {
    const c = makeCandidate(d, { displayName: `Member ${i + 1} ${Math.random().toString(36).slice(2, 6)}` });
    return { candidate: c, term: makeTerm(d, { candidateId: c.id, seatId: seat.id, startDate: "2025-01-01" }) };
  });
  return { body, seats, members };
}

type Option = "yes" | "no" | "abstain" | "absent";
const rollOf = (b: ReturnType<typeof board>, options: Option[]) =>
  b.members.map((m, i) => ({ termId: m.term.id, option: options[i] }));

describe("scored roll calls", () => {
  it("score a yes to table a supported policy as a vote against it (the tabling case)", async () => {
    const actor = await staff();
    const b = board();
    const policy = makeMeasure(db(), { bodyId: b.body.id, title: "Welcoming schools policy", pacPosition: "support" });
    // Member 1 votes to table the policy, then against it; member 2 the other way round.
    recordVoteEvent(
      policy.id,
      {
        date: "2025-03-01",
        motion: "Table the policy",
        result: "derive",
        preferredVote: "no",
        preferredReason: "Tabling would shelve a policy the PAC supports.",
        roll: rollOf(b, ["yes", "no", "no", "no", "no"]),
      },
      actor,
    );
    recordVoteEvent(
      policy.id,
      {
        date: "2025-03-01",
        motion: "Adopt the policy",
        result: "derive",
        preferredVote: "yes",
        preferredReason: "A yes adopts the policy the PAC supports.",
        roll: rollOf(b, ["no", "yes", "yes", "yes", "yes"]),
      },
      actor,
    );
    // A procedural vote the PAC did not choose to score.
    recordVoteEvent(
      policy.id,
      {
        date: "2025-03-01",
        motion: "Approve the agenda",
        result: "derive",
        preferredVote: "none",
        preferredReason: "",
        roll: rollOf(b, ["yes", "yes", "yes", "yes", "yes"]),
      },
      actor,
    );

    const tabler = getCandidateProfile(b.members[0].candidate.slug)!;
    expect(tabler.alignment).toMatchObject({ aligned: 0, counted: 2, missed: 0 });
    const supporter = getCandidateProfile(b.members[1].candidate.slug)!;
    expect(supporter.alignment).toMatchObject({ aligned: 2, counted: 2 });
    expect(supporter.votes.find((v) => v.motion === "Table the policy")).toMatchObject({
      preferredVote: "no",
      alignment: "aligned",
    });
    expect(supporter.votes.find((v) => v.motion === "Approve the agenda")).toMatchObject({
      preferredVote: null,
      alignment: null,
    });
  });

  it("refuses a scored roll call without a one-line reason", async () => {
    const actor = await staff();
    const b = board();
    const m = makeMeasure(db(), { bodyId: b.body.id, title: "M", pacPosition: "support" });
    const input = {
      date: "2025-03-01",
      motion: "Adopt",
      result: "derive" as const,
      roll: rollOf(b, ["yes", "yes", "yes", "yes", "yes"]),
    };
    expect(() => recordVoteEvent(m.id, { ...input, preferredVote: "yes", preferredReason: " " }, actor)).toThrow(
      /why the PAC wants this vote/,
    );
    expect(() => recordVoteEvent(m.id, { ...input, preferredVote: "yes", preferredReason: "one\ntwo" }, actor)).toThrow(
      /one line/,
    );
    expect(db().select().from(voteEvents).all()).toHaveLength(0);
  });

  it("show missed votes apart, the board's average on the same roll calls, and notes on thin or unanimous bases", () => {
    const d = db();
    const b = board();
    const me = b.members[0];
    const m = makeMeasure(d, { bodyId: b.body.id, title: "M", pacPosition: "support" });
    const event = (date: string, options: Option[], preferredVote: "yes" | "no" | null = "yes") =>
      makeVoteEvent(
        d,
        { measureId: m.id, date, result: "passed", preferredVote },
        b.members.map((x, i) => [x.term.id, options[i]]),
      );
    event("2025-02-01", ["yes", "yes", "yes", "yes", "yes"]); // unanimous, aligned
    event("2025-02-02", ["absent", "yes", "no", "yes", "yes"]); // missed
    event("2025-02-03", ["abstain", "no", "no", "yes", "yes"]); // missed

    let a = getCandidateProfile(me.candidate.slug)!.alignment;
    expect(a).toMatchObject({
      aligned: 1,
      counted: 1,
      missed: 2,
      fewVotes: true,
      onlyUnanimous: true,
      board: { aligned: 5, counted: 5 },
    });

    event("2025-02-04", ["no", "yes", "yes", "no", "no"]); // split, not aligned; board 2 of 5
    event("2025-02-05", ["yes", "yes", "no", "no", "yes"]); // split, aligned; board 3 of 5
    a = getCandidateProfile(me.candidate.slug)!.alignment;
    expect(a).toMatchObject({ aligned: 2, counted: 3, missed: 2, fewVotes: false, onlyUnanimous: false });
    expect(a.board).toEqual({ aligned: 10, counted: 15 });

    updateSettings({ alignmentCountsUnanimous: false });
    a = getCandidateProfile(me.candidate.slug)!.alignment;
    expect(a).toMatchObject({
      aligned: 1,
      counted: 2,
      leftOutUnanimous: 1,
      fewVotes: true,
      board: { aligned: 5, counted: 10 },
    });
  });

  it("count no unscored or missed vote in the score (unit)", () => {
    const tally = { yes: 3, no: 2, abstain: 0, absent: 0 };
    const s = scoreAlignment(
      [
        { preferredVote: null, option: "yes", tally },
        { preferredVote: "no", option: "absent", tally },
      ],
      true,
    );
    expect(s).toMatchObject({ counted: 0, missed: 1, fewVotes: false, onlyUnanimous: false });
  });

  it("drop archived roll calls and archived measures from every score and page", async () => {
    const actor = await staff();
    const d = db();
    const b = board();
    const me = b.members[0];
    const kept = makeMeasure(d, { bodyId: b.body.id, title: "Kept measure", pacPosition: "support" });
    const gone = makeMeasure(d, { bodyId: b.body.id, title: "Archived measure", pacPosition: "support" });
    const yes = b.members.map((x) => [x.term.id, "yes"] as [number, Option]);
    const no = b.members.map((x) => [x.term.id, "no"] as [number, Option]);
    const keptEvent = makeVoteEvent(
      d,
      { measureId: kept.id, date: "2025-02-01", result: "passed", preferredVote: "yes" },
      yes,
    );
    const archivedEvent = makeVoteEvent(
      d,
      { measureId: kept.id, date: "2025-02-02", result: "failed", preferredVote: "yes" },
      no,
    );
    makeVoteEvent(d, { measureId: gone.id, date: "2025-02-03", result: "failed", preferredVote: "yes" }, no);
    expect(getCandidateProfile(me.candidate.slug)!.alignment).toMatchObject({ aligned: 1, counted: 3 });

    setVoteEventArchived(archivedEvent.id, true, actor);
    setMeasureArchived(gone.id, true, actor);

    const profile = getCandidateProfile(me.candidate.slug)!;
    expect(profile.alignment).toMatchObject({ aligned: 1, counted: 1 });
    expect(profile.votes.map((v) => v.voteEventId)).toEqual([keptEvent.id]);
    expect(getMeasurePage(gone.id, TZ)).toBeNull();
    expect(getMeasurePage(kept.id, TZ)!.voteEvents.map((e) => e.id)).toEqual([keptEvent.id]);
    const body = getBodyPage(b.body.slug, "2025-03-01")!;
    expect(body.measures.map((m) => m.title)).toEqual(["Kept measure"]);
    expect(body.measures[0].voteEvents.map((e) => e.id)).toEqual([keptEvent.id]);
  });
});

describe("a vote event's result agrees with its tally", () => {
  it("follows the body's rule: a majority of those voting, or of the full body", () => {
    const t = { yes: 2, no: 1, abstain: 0, absent: 2 };
    expect(derivedResult(t, "majority_of_voting", 5)).toBe("passed");
    expect(derivedResult(t, "majority_of_body", 5)).toBe("failed");
    expect(derivedResult({ yes: 3, no: 0, abstain: 0, absent: 2 }, "majority_of_body", 5)).toBe("passed");
    expect(derivedResult({ yes: 2, no: 2, abstain: 1, absent: 0 }, "majority_of_voting", 5)).toBe("failed");
  });

  it('refuses "passed" on a 1-2 roll call unless staff give a reason, and shows the reason', async () => {
    const actor = await staff();
    const b = board();
    const m = makeMeasure(db(), { bodyId: b.body.id, title: "M", pacPosition: "support" });
    const roll = rollOf(b, ["yes", "no", "no", "absent", "absent"]);
    const base = { date: "2025-04-01", motion: "Adopt", preferredVote: "none" as const, preferredReason: "", roll };
    expect(() => recordVoteEvent(m.id, { ...base, result: "passed" }, actor)).toThrow(/gives "failed".*reason/);
    expect(db().select().from(voteEvents).all()).toHaveLength(0);

    expect(recordVoteEvent(m.id, { ...base, result: "derive" }, actor)).toMatchObject({
      result: "failed",
      resultOverrideReason: null,
    });
    const overridden = recordVoteEvent(
      m.id,
      { ...base, result: "passed", overrideReason: "Ruling of the chair, recorded in the minutes." },
      actor,
    );
    expect(overridden).toMatchObject({
      result: "passed",
      resultOverrideReason: "Ruling of the chair, recorded in the minutes.",
    });
    expect(getMeasurePage(m.id, TZ)!.voteEvents.find((e) => e.id === overridden.id)!.resultOverrideReason).toMatch(
      /Ruling of the chair/,
    );
  });

  it("uses the majority of the full body where the body says so", async () => {
    const actor = await staff();
    const b = board();
    updateBody(
      b.body.id,
      { name: b.body.name, jurisdiction: b.body.jurisdiction, seatCount: 5, passingRule: "majority_of_body" },
      actor,
    );
    const m = makeMeasure(db(), { bodyId: b.body.id, title: "M", pacPosition: "support" });
    const event = recordVoteEvent(
      m.id,
      {
        date: "2025-04-01",
        motion: "Adopt",
        result: "derive",
        preferredVote: "none",
        preferredReason: "",
        roll: rollOf(b, ["yes", "yes", "no", "absent", "absent"]),
      },
      actor,
    );
    expect(event.result).toBe("failed");
  });
});

describe("changes leave a public trace", () => {
  it("adds a dated correction line when the preferred vote changes after publication", async () => {
    const actor = await staff();
    const b = board();
    const m = makeMeasure(db(), { bodyId: b.body.id, title: "M", pacPosition: "support" });
    const event = recordVoteEvent(
      m.id,
      {
        date: "2025-04-01",
        motion: "Adopt",
        result: "derive",
        preferredVote: "yes",
        preferredReason: "Adopts the policy.",
        roll: rollOf(b, ["yes", "yes", "no", "yes", "yes"]),
      },
      actor,
    );
    // A reworded reason alone changes no score: no correction.
    setPreferredVote(event.id, { preferredVote: "yes", preferredReason: "A yes adopts the policy." }, actor);
    expect(db().select().from(corrections).all()).toHaveLength(0);

    setPreferredVote(
      event.id,
      { preferredVote: "none", preferredReason: "The motion was amended before the vote." },
      actor,
    );
    const lines = db().select().from(corrections).where(eq(corrections.voteEventId, event.id)).all();
    expect(lines).toHaveLength(1);
    expect(lines[0].text).toBe(
      'The PAC\'s preferred vote on this roll call changed from "Yes" to "Not scored": The motion was amended before the vote.',
    );

    const profile = getCandidateProfile(b.members[0].candidate.slug)!;
    expect(profile.alignment.counted).toBe(0);
    expect(profile.voteCorrections[event.id]).toEqual([
      { id: lines[0].id, text: lines[0].text, day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    expect(getMeasurePage(m.id, TZ)!.voteEvents[0].corrections.map((c) => c.text)).toEqual([lines[0].text]);
  });

  it("adds a correction line when a published outcome changes, but not when a pending one is decided", async () => {
    const actor = await staff();
    const d = db();
    const { seats } = makeBody(d, { name: "Outcome Board" });
    const election = makeElection(d, { date: "2025-11-04" });
    const contest = makeContest(d, { electionId: election.id, seatId: seats[0].id });
    const a = makeCandidate(d, { displayName: "Outcome A" });
    const b = makeCandidate(d, { displayName: "Outcome B" });
    const ca = makeCandidacy(d, { contestId: contest.id, candidateId: a.id });
    const cb = makeCandidacy(d, { contestId: contest.id, candidateId: b.id });
    saveContestResults(
      contest.id,
      {
        entries: [
          { candidacyId: ca.id, votes: 100 },
          { candidacyId: cb.id, votes: 90 },
        ],
        final: true,
      },
      actor,
    );
    expect(d.select().from(corrections).all()).toHaveLength(0);

    saveContestResults(
      contest.id,
      {
        entries: [
          { candidacyId: ca.id, votes: 100 },
          { candidacyId: cb.id, votes: 120 },
        ],
        final: true,
      },
      actor,
    );
    const lines = d.select().from(corrections).all();
    expect(lines.map((l) => [l.candidacyId, l.text])).toEqual([
      [ca.id, 'The result was corrected from "Won" to "Lost".'],
      [cb.id, 'The result was corrected from "Lost" to "Won".'],
    ]);
    expect(getCandidateProfile(a.slug)!.candidacies[0].corrections.map((c) => c.text)).toEqual([lines[0].text]);
    const page = getElectionPage(election.id, TZ)!;
    expect(page.contests[0].candidacies.find((c) => c.id === cb.id)!.corrections.map((c) => c.text)).toEqual([
      lines[1].text,
    ]);
  });
});
