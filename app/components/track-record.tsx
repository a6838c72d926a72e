/** Small presentational pieces shared by the public track-record pages. */
import type { Tally } from "~/lib/tally";
import { formatTally } from "~/lib/tally";

export const POSITION_LABELS = { support: "Supports", oppose: "Opposes", none: "No position" } as const;
export const OPTION_LABELS = { yes: "Yes", no: "No", abstain: "Abstained", absent: "Absent" } as const;
export const STATUS_LABELS = { considering: "Considering", endorsed: "Endorsed", declined: "Declined", rescinded: "Rescinded" } as const;

export function TallyText({ tally, result }: { tally: Tally; result: "passed" | "failed" }) {
  return (
    <span>
      <span className={`badge badge-${result}`}>{result === "passed" ? "Passed" : "Failed"}</span> {formatTally(tally)}
    </span>
  );
}

export function AlignmentBadge({ alignment }: { alignment: "aligned" | "not_aligned" | null }) {
  if (!alignment) return <span className="muted">Not scored</span>;
  return alignment === "aligned" ? (
    <span className="badge badge-aligned">Aligned</span>
  ) : (
    <span className="badge badge-not-aligned">Not aligned</span>
  );
}
