/**
 * The alignment score, the way published scorecards build theirs: the PAC picks the roll calls
 * it scores and its preferred vote on each (a yes to table a policy it supports is a vote against
 * it), and a member's score is the share of their yes/no votes on those roll calls that match.
 * Absences and abstentions are missed votes, shown apart rather than counted either way.
 */
import { isUnanimous, type Tally } from "~/lib/tally";
import type { PreferredVote, VoteOption } from "./vote-events.server";

export interface AlignmentInput {
  /** null: the roll call is not scored */
  preferredVote: PreferredVote | null;
  option: VoteOption;
  tally: Tally;
}

export interface AlignmentScore {
  aligned: number;
  /** scored roll calls on which the member voted yes or no */
  counted: number;
  /** scored roll calls on which the member abstained or was absent */
  missed: number;
  /** whether unanimous votes were counted (the `alignmentCountsUnanimous` setting) */
  countsUnanimous: boolean;
  /** yes/no votes on scored roll calls that were left out for being unanimous */
  leftOutUnanimous: number;
  /** every member's yes/no votes on the same roll calls, and how many matched the PAC */
  board: { aligned: number; counted: number };
  /** every counted roll call was unanimous, so the score says little about the member */
  onlyUnanimous: boolean;
  /** fewer than MIN_SCORED_VOTES counted: too few to read much into */
  fewVotes: boolean;
}

export const MIN_SCORED_VOTES = 3;

export type VoteAlignment = "aligned" | "not_aligned" | "missed" | null;

/** How one vote compares with the PAC's preferred vote; null when the roll call is not scored. */
export function voteAlignment(preferredVote: PreferredVote | null, option: VoteOption): VoteAlignment {
  if (preferredVote === null) return null;
  if (option !== "yes" && option !== "no") return "missed";
  return option === preferredVote ? "aligned" : "not_aligned";
}

/**
 * A member's score over their recorded votes. Some scorecards leave unanimous votes out, since
 * they say little about a member; the setting chooses, and the result says which so the page can
 * tell the reader. The board average is taken over exactly the roll calls the member's score counts.
 */
export function scoreAlignment(votes: AlignmentInput[], countsUnanimous: boolean): AlignmentScore {
  const score: AlignmentScore = {
    aligned: 0,
    counted: 0,
    missed: 0,
    countsUnanimous,
    leftOutUnanimous: 0,
    board: { aligned: 0, counted: 0 },
    onlyUnanimous: false,
    fewVotes: false,
  };
  let unanimousCounted = 0;
  for (const v of votes) {
    const a = voteAlignment(v.preferredVote, v.option);
    if (a === null) continue;
    if (a === "missed") {
      score.missed += 1;
      continue;
    }
    const unanimous = isUnanimous(v.tally);
    if (!countsUnanimous && unanimous) {
      score.leftOutUnanimous += 1;
      continue;
    }
    score.counted += 1;
    if (unanimous) unanimousCounted += 1;
    if (a === "aligned") score.aligned += 1;
    score.board.counted += v.tally.yes + v.tally.no;
    score.board.aligned += v.preferredVote === "yes" ? v.tally.yes : v.tally.no;
  }
  score.onlyUnanimous = score.counted > 0 && unanimousCounted === score.counted;
  score.fewVotes = score.counted > 0 && score.counted < MIN_SCORED_VOTES;
  return score;
}
