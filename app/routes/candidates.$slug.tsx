import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { getCandidateProfile } from "~/models/candidate-profile.server";
import { OutcomeBadge } from "~/components/outcome-badge";
import {
  AlignmentBadge,
  CorrectionLines,
  OPTION_LABELS,
  PREFERRED_VOTE_LABELS,
  SourceNote,
  STATUS_LABELS,
  TallyText,
} from "~/components/track-record";
import { AlignmentSection } from "~/components/alignment-section";
import { formatDay, formatShare } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pacTitle(matches, data ? data.candidate.displayName : "Candidate not found") },
];

export function loader({ params }: LoaderFunctionArgs) {
  const profile = getCandidateProfile(params.slug ?? "");
  if (!profile) throw new Response("Candidate not found", { status: 404 });
  return profile;
}

export default function CandidatePage() {
  const { candidate, endorsements, candidacies, terms, votes, voteCorrections, alignment } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="candidate-name">
      <h1 id="candidate-name">{candidate.displayName}</h1>
      {candidate.photoPath ? <img src={candidate.photoPath} alt={`Portrait of ${candidate.displayName}`} width={240} /> : null}
      <p className="lede">{candidate.bio}</p>
      {candidate.website ? (
        <p>
          <a href={candidate.website} rel="noopener noreferrer">
            Campaign website
          </a>
        </p>
      ) : null}

      <AlignmentSection alignment={alignment} />

      <section aria-labelledby="endorsements-title">
        <h2 id="endorsements-title">Endorsements</h2>
        {endorsements.length === 0 ? (
          <p>No public endorsement.</p>
        ) : (
          <ul>
            {endorsements.map((e) => (
              <li key={e.id}>
                <strong>{e.cycle}</strong>: <span className={`badge badge-${e.status}`}>{STATUS_LABELS[e.status]}</span>
                {e.electionName ? (
                  <>
                    {" "}
                    for {e.bodyName}, {e.seatName} in the <Link to={`/elections/${e.electionId}`}>{e.electionName}</Link>
                    {e.outcome ? (
                      <>
                        {" "}
                        <OutcomeBadge outcome={e.outcome} />
                      </>
                    ) : null}
                  </>
                ) : null}
                {e.decidedOn ? <span className="muted"> (decided {formatDay(e.decidedOn)})</span> : null}
                {e.rescindedOn ? <span className="muted"> (rescinded {formatDay(e.rescindedOn)})</span> : null}
                {e.afterElection && e.status === "endorsed" ? (
                  <span className="muted"> Endorsed on or after election day, so not counted in our win rate.</span>
                ) : null}
                <SourceNote sourceUrl={e.sourceUrl} note={e.note} />
                {e.rationale ? <p>{e.rationale}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="elections-title">
        <h2 id="elections-title">Elections</h2>
        {candidacies.length === 0 ? (
          <p>No candidacies recorded.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Election</th>
                  <th scope="col">Office</th>
                  <th scope="col" className="num">
                    Votes
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {candidacies.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/elections/${c.electionId}`}>{c.electionName}</Link>
                      <br />
                      <span className="muted">{formatDay(c.electionDate)}</span>
                      {c.firstRoundElectionId ? (
                        <>
                          <br />
                          <span className="muted">
                            Runoff of the <Link to={`/elections/${c.firstRoundElectionId}`}>{c.firstRoundElectionName}</Link>
                          </span>
                        </>
                      ) : null}
                      {c.electionSourceUrl ? (
                        <>
                          {" "}
                          <a href={c.electionSourceUrl} rel="noopener noreferrer">
                            Results source
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {c.bodyName}, {c.seatName}
                      {c.incumbent ? " (incumbent)" : ""}
                      <SourceNote note={c.note} />
                    </td>
                    <td className="num">{c.votes?.toLocaleString("en-US") ?? "—"}</td>
                    <td className="num">{formatShare(c.voteShareBp)}</td>
                    <td>
                      <OutcomeBadge outcome={c.outcome} />
                      <CorrectionLines corrections={c.corrections} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="terms-title">
        <h2 id="terms-title">Terms served</h2>
        {terms.length === 0 ? (
          <p>No terms recorded.</p>
        ) : (
          <ul>
            {terms.map((t) => (
              <li key={t.id}>
                <Link to={`/bodies/${t.bodySlug}`}>{t.bodyName}</Link>, {t.seatName}
                {t.role !== "member" ? ` (${t.role.replace("_", " ")})` : ""}: {formatDay(t.startDate)} to{" "}
                {t.endDate ? formatDay(t.endDate) : "present"}
                <SourceNote sourceUrl={t.sourceUrl} note={t.note} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="votes-title">
        <h2 id="votes-title">Votes</h2>
        {votes.length === 0 ? (
          <p>No votes recorded.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Measure</th>
                  <th scope="col">PAC's preferred vote</th>
                  <th scope="col">Vote</th>
                  <th scope="col">Result</th>
                  <th scope="col">Aligned</th>
                </tr>
              </thead>
              <tbody>
                {votes.map((v) => (
                  <tr key={v.voteEventId}>
                    <td>{formatDay(v.date)}</td>
                    <td>
                      <Link to={`/measures/${v.measureId}`}>{v.measureTitle}</Link>
                      {v.motion ? <span className="muted"> ({v.motion})</span> : null}
                    </td>
                    <td>
                      {v.preferredVote ? PREFERRED_VOTE_LABELS[v.preferredVote] : <span className="muted">Not scored</span>}
                      {voteCorrections[v.voteEventId] ? <CorrectionLines corrections={voteCorrections[v.voteEventId]} /> : null}
                    </td>
                    <td>{OPTION_LABELS[v.option]}</td>
                    <td>
                      <TallyText tally={v.tally} result={v.result} overrideReason={"resultOverrideReason" in v ? v.resultOverrideReason : null} />
                    </td>
                    <td>
                      <AlignmentBadge alignment={v.alignment} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        <Link to="/endorsements">All endorsements</Link>
      </p>
    </article>
  );
}
