import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { getElectionPage } from "~/models/public-track-record.server";
import { OutcomeBadge } from "~/components/outcome-badge";
import { formatDay, formatShare } from "~/lib/format";
import { getSettings } from "~/models/settings.server";
import { CorrectionLines, SourceNote } from "~/components/track-record";
import { idParam } from "~/lib/id-param.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pacTitle(matches, data ? data.election.name : "Election not found") },
];

export function loader({ params }: LoaderFunctionArgs) {
  const page = getElectionPage(idParam(params.id, "Election not found"), getSettings().timeZone);
  if (!page) throw new Response("Election not found", { status: 404 });
  return page;
}

export default function ElectionPage() {
  const { election, contests } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="election-title">
      <h1 id="election-title">{election.name}</h1>
      <p className="lede">
        {formatDay(election.date)}, {election.jurisdiction}
      </p>
      {election.sourceUrl ? (
        <p>
          <a href={election.sourceUrl} rel="noopener noreferrer">
            Results source
          </a>
        </p>
      ) : null}
      {contests.length === 0 ? <p>No contests recorded.</p> : null}
      {contests.map((c) => (
        <section key={c.id} aria-labelledby={`contest-${c.id}`}>
          <h2 id={`contest-${c.id}`}>
            <Link to={`/bodies/${c.bodySlug}`}>{c.bodyName}</Link>, {c.seatName}
          </h2>
          {c.seatsToFill > 1 ? <p className="muted">{c.seatsToFill} seats to fill.</p> : null}
          {c.firstRoundElectionId ? (
            <p className="muted">
              Runoff of the <Link to={`/elections/${c.firstRoundElectionId}`}>{c.firstRoundElectionName}</Link>.
            </p>
          ) : null}
          {c.candidacies.length > 0 && c.candidacies.length <= c.seatsToFill ? (
            <p className="muted">Unopposed.</p>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
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
                {c.candidacies.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.archived ? (
                        r.candidateName
                      ) : (
                        <Link to={`/candidates/${r.candidateSlug}`}>{r.candidateName}</Link>
                      )}
                      {r.incumbent ? <span className="muted"> (incumbent)</span> : null}{" "}
                      {r.endorsed ? <span className="badge badge-endorsed">PAC endorsed</span> : null}
                      <SourceNote note={r.note} />
                    </td>
                    <td className="num">{r.votes?.toLocaleString("en-US") ?? "—"}</td>
                    <td className="num">{formatShare(r.voteShareBp)}</td>
                    <td>
                      <OutcomeBadge outcome={r.outcome} />
                      <CorrectionLines corrections={r.corrections} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </article>
  );
}
