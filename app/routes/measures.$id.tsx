import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { getMeasurePage } from "~/models/public-track-record.server";
import {
  CorrectionLines,
  OPTION_LABELS,
  POSITION_LABELS,
  PREFERRED_VOTE_LABELS,
  TallyText,
} from "~/components/track-record";
import { getSettings } from "~/models/settings.server";
import { formatDay } from "~/lib/format";
import { idParam } from "~/lib/id-param.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pacTitle(matches, data ? data.measure.title : "Measure not found") },
];

export function loader({ params }: LoaderFunctionArgs) {
  const page = getMeasurePage(idParam(params.id, "Measure not found"), getSettings().timeZone);
  if (!page) throw new Response("Measure not found", { status: 404 });
  return page;
}

export default function MeasurePage() {
  const { measure, voteEvents } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="measure-title">
      <h1 id="measure-title">{measure.title}</h1>
      <p className="muted">
        <Link to={`/bodies/${measure.bodySlug}`}>{measure.bodyName}</Link>, {measure.kind}
        {measure.introducedOn ? `, introduced ${formatDay(measure.introducedOn)}` : ""}
      </p>
      {measure.summary ? <p className="lede">{measure.summary}</p> : null}
      <p>
        PAC position: <strong>{POSITION_LABELS[measure.pacPosition]}</strong>
      </p>
      {measure.sourceUrl ? (
        <p>
          <a href={measure.sourceUrl} rel="noopener noreferrer">
            Source document
          </a>
        </p>
      ) : null}

      <section aria-labelledby="votes-title">
        <h2 id="votes-title">Votes</h2>
        {voteEvents.length === 0 ? <p>No vote recorded yet.</p> : null}
        {voteEvents.map((e) => (
          <section key={e.id} aria-labelledby={`event-${e.id}`} className="card">
            <h3 id={`event-${e.id}`}>
              {formatDay(e.date)}
              {e.motion ? `: ${e.motion}` : ""}
            </h3>
            <p>
              <TallyText tally={e.tally} result={e.result} overrideReason={e.resultOverrideReason} />
            </p>
            <p>
              PAC's preferred vote:{" "}
              <strong>{e.preferredVote ? PREFERRED_VOTE_LABELS[e.preferredVote] : "Not scored"}</strong>
              {e.preferredReason ? <span className="muted"> ({e.preferredReason})</span> : null}
            </p>
            <CorrectionLines corrections={e.corrections} />
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Roll call of {formatDay(e.date)}</caption>
                <thead>
                  <tr>
                    <th scope="col">Seat</th>
                    <th scope="col">Member</th>
                    <th scope="col">Vote</th>
                  </tr>
                </thead>
                <tbody>
                  {e.roll.map((r) => (
                    <tr key={`${e.id}-${r.candidateSlug}`}>
                      <td>{r.seatName}</td>
                      <td>
                        {r.archived ? (
                          r.candidateName
                        ) : (
                          <Link to={`/candidates/${r.candidateSlug}`}>{r.candidateName}</Link>
                        )}
                      </td>
                      <td>{OPTION_LABELS[r.option]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </section>
    </article>
  );
}
