import { Link } from "@remix-run/react";
import type { TimelineItem } from "~/lib/candidate-timeline";
import { formatDay, OUTCOME_LABELS } from "~/lib/format";
import { AlignmentBadge, SourceNote } from "./track-record";

/** Endorsed → elected → took office → scored votes, one dated line each. */
export function CandidateTimeline({ items }: { items: TimelineItem[] }) {
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.key}>
          <time dateTime={item.date.slice(0, 10)}>
            {item.kind === "more_votes" ? `through ${formatDay(item.date)}` : formatDay(item.date)}
          </time>
          {item.kind === "endorsed" ? (
            <span>
              <strong>Endorsed</strong> by the PAC ({item.cycle}){item.office ? ` for ${item.office}` : ""}
              <SourceNote note={item.note} sourceUrl={item.sourceUrl} />
            </span>
          ) : item.kind === "election" ? (
            <span>
              <strong>{item.outcome ? OUTCOME_LABELS[item.outcome] : "On the ballot"}</strong> in the{" "}
              {item.electionName}
              <SourceNote note={item.note} sourceUrl={item.sourceUrl} />
            </span>
          ) : item.kind === "took_office" ? (
            <span>
              <strong>Took office</strong>: {item.office}
              {item.role !== "member" ? ` (${item.role.replace("_", " ")})` : ""}
              <SourceNote note={item.note} sourceUrl={item.sourceUrl} />
            </span>
          ) : item.kind === "vote" ? (
            <span>
              <strong>Scored vote</strong>: <Link to={`/measures/${item.measureId}`}>{item.measureTitle}</Link>{" "}
              <AlignmentBadge alignment={item.alignment} />
            </span>
          ) : (
            <span>
              <strong>{item.count} more scored votes</strong>, listed in the votes table below
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
