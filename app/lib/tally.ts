/** A vote event's tally, always counted from its votes (never stored). Shared with the browser for display. */
export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  absent: number;
}

export const EMPTY_TALLY: Tally = { yes: 0, no: 0, abstain: 0, absent: 0 };

/** "5-0", or "4-1, 1 abstaining" when someone abstained. */
export function formatTally(t: Tally): string {
  const extra = [t.abstain ? `${t.abstain} abstaining` : null, t.absent ? `${t.absent} absent` : null].filter(Boolean);
  return `${t.yes}-${t.no}${extra.length ? `, ${extra.join(", ")}` : ""}`;
}

/** Unanimous: at least one yes or no, and no one on the other side. Abstentions and absences do not break it. */
export function isUnanimous(t: Tally): boolean {
  return t.yes + t.no > 0 && (t.yes === 0 || t.no === 0);
}
