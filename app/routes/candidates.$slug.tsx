import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { publicUrl } from "~/lib/public-url.server";
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
import { shareMeta } from "~/lib/share-meta";
import { candidateTimeline } from "~/lib/candidate-timeline";
import { Avatar } from "~/components/record-card";
import { CandidateTimeline } from "~/components/candidate-timeline";
import { ShareLinks } from "~/components/share-links";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? shareMeta(matches, {
        title: pacTitle(matches, data.candidate.displayName),
        description: data.alignment.counted
          ? `${data.candidate.displayName}: ${data.alignment.aligned} of ${data.alignment.counted} scored votes matched our preferred vote. Endorsements, elections and every recorded vote.`
          : `${data.candidate.displayName}: endorsements, elections and every recorded vote.`,
        path: `/candidates/${data.candidate.slug}`,
        type: "profile",
        image: `/share/candidates/${data.candidate.slug}/image.png`,
        imageAlt: `${data.candidate.displayName}'s record${data.alignment.counted ? `: ${data.alignment.aligned} of ${data.alignment.counted} scored votes aligned` : ""}`,
      })
    : [{ title: pacTitle(matches, "Candidate not found") }];

export function loader({ params }: LoaderFunctionArgs) {
  const profile = getCandidateProfile(params.slug ?? "");
  if (!profile) throw new Response("Candidate not found", { status: 404 });
  return { ...profile, siteUrl: publicUrl("/") };
}

export default function CandidatePage() {
  const { candidate, endorsements, candidacies, terms, votes, voteCorrections, alignment, siteUrl } =
    useLoaderData<typeof loader>();
  const timeline = candidateTimeline({ endorsements, candidacies, terms, votes });
  return (
    <article aria-labelledby="candidate-name">
      <div className="profile-head">
        <Avatar name={candidate.displayName} photoPath={candidate.photoPath} large />
        <div>
          <h1 id="candidate-name">{candidate.displayName}</h1>
          {candidate.website ? (
            <p>
              <a href={candidate.website} rel="noopener noreferrer">
                Campaign website
              </a>
            </p>
          ) : null}
          <ShareLinks
            url={`${siteUrl.replace(/\/$/, "")}/candidates/${candidate.slug}`}
            text={`${candidate.displayName}'s record`}
          />
        </div>
      </div>
      {candidate.bio ? <p className="lede">{candidate.bio}</p> : null}

      <AlignmentSection alignment={alignment} />

      {timeline.length ? (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <CandidateTimeline items={timeline} />
        </section>
      ) : null}

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
                    for {e.bodyName}, {e.seatName} in the{" "}
                    <Link to={`/elections/${e.electionId}`}>{e.electionName}</Link>
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
            <table className="table-stack">
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
                    <td data-label="Election">
                      <Link to={`/elections/${c.electionId}`}>{c.electionName}</Link>
                      <br />
                      <span className="muted">{formatDay(c.electionDate)}</span>
                      {c.firstRoundElectionId ? (
                        <>
                          <br />
                          <span className="muted">
                            Runoff of the{" "}
                            <Link to={`/elections/${c.firstRoundElectionId}`}>{c.firstRoundElectionName}</Link>
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
                    <td data-label="Office">
                      {c.bodyName}, {c.seatName}
                      {c.incumbent ? " (incumbent)" : ""}
                      <SourceNote note={c.note} />
                    </td>
                    <td className="num" data-label="Votes">
                      {c.votes?.toLocaleString("en-US") ?? "—"}
                    </td>
                    <td className="num" data-label="Share">
                      {formatShare(c.voteShareBp)}
                    </td>
                    <td data-label="Outcome">
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
            <table className="table-stack">
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
                    <td data-label="Date" className="nowrap">
                      {formatDay(v.date)}
                    </td>
                    <td data-label="Measure">
                      <Link to={`/measures/${v.measureId}`}>{v.measureTitle}</Link>
                      {v.motion ? <span className="muted"> ({v.motion})</span> : null}
                    </td>
                    <td data-label="PAC's preferred vote">
                      {v.preferredVote ? (
                        PREFERRED_VOTE_LABELS[v.preferredVote]
                      ) : (
                        <span className="muted">Not scored</span>
                      )}
                      {voteCorrections[v.voteEventId] ? (
                        <CorrectionLines corrections={voteCorrections[v.voteEventId]} />
                      ) : null}
                    </td>
                    <td data-label="Vote">{OPTION_LABELS[v.option]}</td>
                    <td data-label="Result">
                      <TallyText
                        tally={v.tally}
                        result={v.result}
                        overrideReason={"resultOverrideReason" in v ? v.resultOverrideReason : null}
                      />
                    </td>
                    <td data-label="Aligned">
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
