/** Small presentational pieces shared by the public track-record pages. */
import type { Tally } from "~/lib/tally";
import { formatTally } from "~/lib/tally";
import { formatDay } from "~/lib/format";

export const POSITION_LABELS = { support: "Supports", oppose: "Opposes", none: "No position" } as const;
export const OPTION_LABELS = { yes: "Yes", no: "No", abstain: "Abstained", absent: "Absent" } as const;
export const STATUS_LABELS = {
  considering: "Considering",
  endorsed: "Endorsed",
  declined: "Declined",
  rescinded: "Rescinded",
} as const;

export function TallyText({
  tally,
  result,
  overrideReason,
}: {
  tally: Tally;
  result: "passed" | "failed";
  overrideReason?: string | null;
}) {
  return (
    <span>
      <span className={`badge badge-${result}`}>{result === "passed" ? "Passed" : "Failed"}</span>{" "}
      <span className="nowrap">{formatTally(tally)}</span>
      {overrideReason ? <span className="muted"> (result recorded by staff: {overrideReason})</span> : null}
    </span>
  );
}

/** Dated public correction lines under a figure that changed after it was published. */
export function CorrectionLines({
  corrections,
}: {
  corrections: ReadonlyArray<{ id: number; text: string; day: string }>;
}) {
  if (corrections.length === 0) return null;
  return (
    <ul className="corrections">
      {corrections.map((c) => (
        <li key={c.id}>
          <strong>Correction, {formatDay(c.day)}:</strong> {c.text}
        </li>
      ))}
    </ul>
  );
}

/** A source link and note beside a fact (e.g. a backdated decision, a date the sources do not give). */
export function SourceNote({ sourceUrl, note }: { sourceUrl?: string | null; note?: string | null }) {
  if (!sourceUrl && !note) return null;
  return (
    <span className="source-note">
      {note ? <> {note}</> : null}
      {sourceUrl ? (
        <>
          {" "}
          <a href={sourceUrl} rel="noopener noreferrer">
            Source
          </a>
        </>
      ) : null}
    </span>
  );
}

export const PREFERRED_VOTE_LABELS = { yes: "Yes", no: "No" } as const;

export function AlignmentBadge({ alignment }: { alignment: "aligned" | "not_aligned" | "missed" | null }) {
  if (!alignment) return <span className="muted">Not scored</span>;
  if (alignment === "missed") return <span className="badge badge-missed">Missed</span>;
  return alignment === "aligned" ? (
    <span className="badge badge-aligned">Aligned</span>
  ) : (
    <span className="badge badge-not-aligned">Not aligned</span>
  );
}

export interface WinRateSummary {
  won: number;
  contested: number;
  unopposed: number;
  undecided: number;
  afterElection: number;
}

/** "2 of 3 contested races won (1 unopposed)": unopposed races are never folded into the rate. */
export function winRateText(rate: WinRateSummary): string | null {
  if (rate.contested === 0 && rate.unopposed === 0) return null;
  const unopposed = rate.unopposed ? ` (${rate.unopposed} unopposed)` : "";
  return `${rate.won} of ${rate.contested} contested ${rate.contested === 1 ? "race" : "races"} won${unopposed}`;
}

export function WinRateLine({ rate }: { rate: WinRateSummary | null }) {
  const text = rate ? winRateText(rate) : null;
  const notes = rate
    ? [
        rate.undecided ? `${rate.undecided} not decided yet` : null,
        rate.afterElection ? `${rate.afterElection} endorsed on or after election day, not counted` : null,
      ].filter(Boolean)
    : [];
  if (!text)
    return <p className="muted win-rate">No race decided yet{notes.length ? ` (${notes.join("; ")})` : ""}.</p>;
  return (
    <p className="win-rate">
      <strong>{text}</strong>
      {notes.length ? <span className="muted"> ({notes.join("; ")})</span> : null}
    </p>
  );
}
