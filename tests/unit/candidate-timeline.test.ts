import { describe, expect, it } from "vitest";
import { candidateTimeline, TIMELINE_VOTES_SHOWN, type TimelineInput } from "~/lib/candidate-timeline";

const base: TimelineInput = {
  endorsements: [
    {
      id: 1,
      cycle: "2017",
      status: "endorsed",
      decidedOn: "2017-02-01",
      bodyName: "LCPS Board",
      seatName: "District 3",
      note: "the exact day shown is illustrative",
      sourceUrl: null,
    },
    {
      id: 2,
      cycle: "2013",
      status: "declined",
      decidedOn: "2013-01-10",
      bodyName: null,
      seatName: null,
      note: null,
      sourceUrl: null,
    },
  ],
  candidacies: [
    {
      id: 7,
      electionName: "LCPS Board election",
      electionDate: "2017-02-07",
      outcome: "won",
      note: null,
      electionSourceUrl: "https://ballotpedia.org/x",
    },
  ],
  terms: [
    {
      id: 3,
      startDate: "2017-03-01",
      endDate: null,
      bodyName: "LCPS Board",
      seatName: "District 3",
      role: "chair",
      note: null,
      sourceUrl: null,
    },
  ],
  votes: [
    {
      voteEventId: 11,
      date: "2017-04-18",
      measureId: 1,
      measureTitle: "Policy",
      preferredVote: "yes",
      alignment: "aligned",
    },
    {
      voteEventId: 10,
      date: "2017-04-18",
      measureId: 2,
      measureTitle: "Resolution",
      preferredVote: "yes",
      alignment: "aligned",
    },
    {
      voteEventId: 12,
      date: "2017-05-01",
      measureId: 3,
      measureTitle: "Unscored",
      preferredVote: null,
      alignment: null,
    },
  ],
};

describe("candidateTimeline", () => {
  it("tells endorsed → elected → took office → scored votes in date order, leaving out other statuses and unscored votes", () => {
    const items = candidateTimeline(base);
    expect(items.map((i) => `${i.date} ${i.kind}`)).toEqual([
      "2017-02-01 endorsed",
      "2017-02-07 election",
      "2017-03-01 took_office",
      "2017-04-18 vote",
      "2017-04-18 vote",
    ]);
    expect(items[0]).toMatchObject({ note: "the exact day shown is illustrative" });
    expect(items[1]).toMatchObject({ outcome: "won", sourceUrl: "https://ballotpedia.org/x" });
    expect(items.filter((i) => i.kind === "vote").map((i) => (i.kind === "vote" ? i.measureId : 0))).toEqual([2, 1]);
  });

  it("names the first scored votes and counts the rest", () => {
    const many = Array.from({ length: 10 }, (_, n) => ({
      voteEventId: n + 1,
      date: `2018-01-${String(n + 1).padStart(2, "0")}`,
      measureId: n + 1,
      measureTitle: `Measure ${n + 1}`,
      preferredVote: "no" as const,
      alignment: "not_aligned" as const,
    }));
    const items = candidateTimeline({ ...base, votes: many });
    expect(items.filter((i) => i.kind === "vote")).toHaveLength(TIMELINE_VOTES_SHOWN);
    expect(items.at(-1)).toEqual({
      kind: "more_votes",
      key: "more",
      date: "2018-01-10",
      count: 10 - TIMELINE_VOTES_SHOWN,
    });
  });

  it("orders same-day events as the story goes", () => {
    const sameDay = candidateTimeline({
      ...base,
      endorsements: [{ ...base.endorsements[0], decidedOn: "2017-02-07" }],
      votes: [],
    });
    expect(sameDay.map((i) => i.kind)).toEqual(["endorsed", "election", "took_office"]);
  });
});
