import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getCandidateProfile } from "~/models/candidate-profile.server";
import { OutcomeBadge } from "~/components/outcome-badge";
import { formatDay, formatShare } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.candidate.displayName} | Champions PAC` : "Candidate not found" },
];

export function loader({ params }: LoaderFunctionArgs) {
  const profile = getCandidateProfile(params.slug ?? "");
  if (!profile) throw new Response("Candidate not found", { status: 404 });
  return profile;
}

export default function CandidatePage() {
  const { candidate, endorsements, candidacies, terms } = useLoaderData<typeof loader>();
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

      <section aria-labelledby="endorsements-title">
        <h2 id="endorsements-title">Endorsements</h2>
        {endorsements.length === 0 ? (
          <p>No public endorsement.</p>
        ) : (
          <ul>
            {endorsements.map((e) => (
              <li key={e.id}>
                <strong>{e.cycle}</strong>: <span className={`badge badge-${e.status}`}>{e.status}</span>
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
                      {c.electionName}
                      <br />
                      <span className="muted">{formatDay(c.electionDate)}</span>
                    </td>
                    <td>
                      {c.bodyName}, {c.seatName}
                      {c.incumbent ? " (incumbent)" : ""}
                    </td>
                    <td className="num">{c.votes?.toLocaleString("en-US") ?? "—"}</td>
                    <td className="num">{formatShare(c.voteShareBp)}</td>
                    <td>
                      <OutcomeBadge outcome={c.outcome} />
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
                {t.bodyName}, {t.seatName}
                {t.role !== "member" ? ` (${t.role.replace("_", " ")})` : ""}: {formatDay(t.startDate)} to{" "}
                {t.endDate ? formatDay(t.endDate) : "present"}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/endorsements">All endorsements</Link>
      </p>
    </article>
  );
}
