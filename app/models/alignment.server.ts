import type { PAC_POSITIONS } from "#db/schema";
import { isUnanimous, type Tally } from "~/lib/tally";
import type { VoteOption } from "./vote-events.server";

type Position = (typeof PAC_POSITIONS)[number];

export interface AlignmentInput {
  pacPosition: Position;
  option: VoteOption;
  tally: Tally;
}

export interface AlignmentScore {
  aligned: number;
  counted: number;
  /** whether unanimous votes were counted (the `alignmentCountsUnanimous` setting) */
  countsUnanimous: boolean;
  /** yes/no votes on measures with a position that were left out for being unanimous */
  leftOutUnanimous: number;
}

/** Whether one vote matched the PAC: only yes/no votes on measures where the PAC took a side. */
export function voteAlignment(pacPosition: Position, option: VoteOption): "aligned" | "not_aligned" | null {
  if (pacPosition === "none" || (option !== "yes" && option !== "no")) return null;
  return (pacPosition === "support") === (option === "yes") ? "aligned" : "not_aligned";
}

/**
 * The alignment score: the share of a member's yes/no votes that match the PAC's position, over
 * measures that have one. Some scorecards leave unanimous votes out, since they say little about
 * a member; the setting chooses, and the result says which so the page can tell the reader.
 */
export function scoreAlignment(votes: AlignmentInput[], countsUnanimous: boolean): AlignmentScore {
  const score: AlignmentScore = { aligned: 0, counted: 0, countsUnanimous, leftOutUnanimous: 0 };
  for (const v of votes) {
    const a = voteAlignment(v.pacPosition, v.option);
    if (a === null) continue;
    if (!countsUnanimous && isUnanimous(v.tally)) {
      score.leftOutUnanimous += 1;
      continue;
    }
    score.counted += 1;
    if (a === "aligned") score.aligned += 1;
  }
  return score;
}
