/**
 * Record cards: the one way the site shows a piece of the track record inside a story (home page,
 * impact updates). A measure card shows each roll call's tally, the PAC's preferred vote and who
 * voted how, with the PAC's endorsed members marked; a candidate card shows the photo, office,
 * endorsement outcome and score with its basis.
 */
import { Link } from "@remix-run/react";
import type { AlignmentScore } from "~/models/alignment.server";
import type { Tally } from "~/lib/tally";
import { formatDay } from "~/lib/format";
import { OutcomeBadge } from "./outcome-badge";
import { CorrectionLines, OPTION_LABELS, POSITION_LABELS, PREFERRED_VOTE_LABELS, TallyText } from "./track-record";

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0])
    .filter((c) => /\p{L}/u.test(c))
    .slice(0, 2)
    .join("")
    .toUpperCase();
}

/** The candidate's photo, or their initials when the PAC has none (no invented likeness). */
export function Avatar({
  name,
  photoPath,
  large = false,
}: {
  name: string;
  photoPath: string | null;
  large?: boolean;
}) {
  const className = large ? "avatar avatar-large" : "avatar";
  if (photoPath)
    return (
      <img
        className={className}
        src={photoPath}
        alt={`Portrait of ${name}`}
        width={large ? 128 : 72}
        height={large ? 128 : 72}
      />
    );
  return (
    <span className={className} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function TallyBar({ tally }: { tally: Tally }) {
  const total = tally.yes + tally.no + tally.abstain + tally.absent;
  if (total === 0) return null;
  return (
    <div className="tally-bar" aria-hidden="true">
      {(["yes", "no", "abstain", "absent"] as const).map((k) =>
        tally[k] ? <span key={k} className={k} style={{ width: `${(tally[k] * 100) / total}%` }} /> : null,
      )}
    </div>
  );
}

interface MeasureCardProps {
  measure: {
    id: number;
    title: string;
    summary: string | null;
    kind: string;
    sourceUrl: string | null;
    pacPosition: "support" | "oppose" | "none";
    bodyName: string;
  };
  voteEvents: ReadonlyArray<{
    id: number;
    date: string;
    motion: string | null;
    result: "passed" | "failed";
    resultOverrideReason: string | null;
    preferredVote: "yes" | "no" | null;
    tally: Tally;
    corrections: ReadonlyArray<{ id: number; text: string; day: string }>;
    roll: ReadonlyArray<{
      candidateName: string;
      candidateSlug: string;
      archived: boolean;
      seatName: string;
      option: keyof typeof OPTION_LABELS;
      endorsed: boolean;
    }>;
  }>;
  headingLevel?: 2 | 3;
}

export function MeasureCard({ measure, voteEvents, headingLevel = 3 }: MeasureCardProps) {
  const H = `h${headingLevel}` as const;
  const titleId = `measure-card-${measure.id}`;
  return (
    <section className="card record-card" aria-labelledby={titleId}>
      <p className="eyebrow">
        {measure.bodyName}, {measure.kind}
      </p>
      <H id={titleId}>
        <Link to={`/measures/${measure.id}`}>{measure.title}</Link>
      </H>
      {measure.summary ? <p className="muted">{measure.summary}</p> : null}
      <p>
        PAC position: <strong>{POSITION_LABELS[measure.pacPosition]}</strong>
      </p>
      {voteEvents.map((e) => (
        <div key={e.id} className="record-card">
          <dl className="record-meta">
            <div>
              <dt>Voted</dt>
              <dd>
                <time dateTime={e.date}>{formatDay(e.date)}</time>
              </dd>
            </div>
            <div>
              <dt>PAC's preferred vote</dt>
              <dd>{e.preferredVote ? PREFERRED_VOTE_LABELS[e.preferredVote] : "Not scored"}</dd>
            </div>
            <div>
              <dt>Result</dt>
              <dd>
                <TallyText tally={e.tally} result={e.result} overrideReason={e.resultOverrideReason} />
              </dd>
            </div>
          </dl>
          {e.motion ? <p className="muted">{e.motion}</p> : null}
          <TallyBar tally={e.tally} />
          <ul className="roll" aria-label={`Roll call of ${formatDay(e.date)}`}>
            {e.roll.map((r) => (
              <li key={r.candidateSlug}>
                <span>
                  {r.archived ? r.candidateName : <Link to={`/candidates/${r.candidateSlug}`}>{r.candidateName}</Link>}
                  {r.endorsed ? (
                    <>
                      {" "}
                      <span className="badge badge-brand">Endorsed</span>
                    </>
                  ) : null}
                </span>
                <strong>{OPTION_LABELS[r.option]}</strong>
              </li>
            ))}
          </ul>
          <CorrectionLines corrections={e.corrections} />
        </div>
      ))}
      {measure.sourceUrl ? (
        <p>
          <a href={measure.sourceUrl} rel="noopener noreferrer">
            Source document
          </a>
        </p>
      ) : null}
    </section>
  );
}

interface CandidateCardProps {
  slug: string;
  displayName: string;
  photoPath: string | null;
  office: string | null;
  endorsedCycle: string | null;
  outcome: "won" | "lost" | "runoff" | "pending" | null;
  score?: AlignmentScore | null;
  incumbent?: boolean;
  headingLevel?: 2 | 3;
}

export function CandidateCard({
  slug,
  displayName,
  photoPath,
  office,
  endorsedCycle,
  outcome,
  score,
  incumbent,
  headingLevel = 3,
}: CandidateCardProps) {
  const H = `h${headingLevel}` as const;
  return (
    <div className="card candidate-card">
      <Avatar name={displayName} photoPath={photoPath} />
      <div>
        <H>
          <Link to={`/candidates/${slug}`}>{displayName}</Link>
        </H>
        <p className="muted">{office ?? "Office not recorded"}</p>
        <p>
          {endorsedCycle ? <span className="badge badge-endorsed">Endorsed {endorsedCycle}</span> : null}
          {outcome ? <OutcomeBadge outcome={outcome} /> : null}
          {incumbent ? <span className="badge">Incumbent</span> : null}
        </p>
        {score ? (
          score.counted === 0 ? (
            <p className="muted">No scored votes yet.</p>
          ) : (
            <p>
              <strong>{Math.round((score.aligned / score.counted) * 100)}% aligned</strong>{" "}
              <span className="muted">
                ({score.aligned} of {score.counted} scored {score.counted === 1 ? "vote" : "votes"}
                {score.missed ? `, ${score.missed} missed` : ""}
                {score.fewVotes ? "; too few votes to read much into" : ""}
                {score.onlyUnanimous ? "; every one unanimous" : ""})
              </span>
            </p>
          )
        ) : null}
      </div>
    </div>
  );
}
