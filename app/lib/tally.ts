/** A vote event's tally, always counted from its votes (never stored). Shared with the browser for display. */
export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  absent: number;
}

export const EMPTY_TALLY: Tally = { yes: 0, no: 0, abstain: 0, absent: 0 };

export type PassingRule = "majority_of_voting" | "majority_of_body";

export const PASSING_RULE_LABELS: Record<PassingRule, string> = {
  majority_of_voting: "A majority of the members voting yes or no",
  majority_of_body: "A majority of all seats on the body",
};

/** "5-0", or "4-1, 1 abstaining" when someone abstained. */
export function formatTally(t: Tally): string {
  const extra = [t.abstain ? `${t.abstain} abstaining` : null, t.absent ? `${t.absent} absent` : null].filter(Boolean);
  return `${t.yes}-${t.no}${extra.length ? `, ${extra.join(", ")}` : ""}`;
}

/** Unanimous: at least one yes or no, and no one on the other side. Abstentions and absences do not break it. */
export function isUnanimous(t: Tally): boolean {
  return t.yes + t.no > 0 && (t.yes === 0 || t.no === 0);
}

/**
 * The result a roll call gives under the body's rule: more yes than no among those voting, or
 * more yes than half of all seats (vacant and absent seats then count against the motion).
 * A tie fails under either rule.
 */
export function derivedResult(t: Tally, rule: PassingRule, seatCount: number): "passed" | "failed" {
  if (rule === "majority_of_body") return t.yes * 2 > seatCount ? "passed" : "failed";
  return t.yes > t.no ? "passed" : "failed";
}
