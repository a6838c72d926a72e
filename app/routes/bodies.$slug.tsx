import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { getBodyPage, todayIn } from "~/models/public-track-record.server";
import { getSettings } from "~/models/settings.server";
import { POSITION_LABELS, TallyText } from "~/components/track-record";
import { formatDay } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pacTitle(matches, data ? data.body.name : "Body not found") },
];

export function loader({ params }: LoaderFunctionArgs) {
  const page = getBodyPage(params.slug ?? "", todayIn(getSettings().timeZone));
  if (!page) throw new Response("Body not found", { status: 404 });
  return page;
}

const roleLabel = (role: string) => (role === "member" ? "" : ` (${role.replace("_", " ")})`);

export default function BodyPage() {
  const { body, today, members, composition, measures } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="body-name">
      <h1 id="body-name">{body.name}</h1>
      <p className="lede">
        {body.jurisdiction}; {body.seatCount} seats.
      </p>

      <section aria-labelledby="members-title">
        <h2 id="members-title">Current members</h2>
        <p className="muted">As of {formatDay(today)}.</p>
        {members.length === 0 ? (
          <p>No members recorded.</p>
        ) : (
          <ul>
            {members.map((m) => (
              <li key={m.termId}>
                {m.seatName}: <Link to={`/candidates/${m.candidateSlug}`}>{m.candidateName}</Link>
                {roleLabel(m.role)}{" "}
                {m.endorsed ? <span className="badge badge-endorsed">Endorsed by the PAC</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="composition-title">
        <h2 id="composition-title">Composition over time</h2>
        {composition.length === 0 ? (
          <p>No terms recorded.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Seat</th>
                  <th scope="col">Member</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                {composition.map((t) => (
                  <tr key={t.termId}>
                    <td>{t.seatName}</td>
                    <td>
                      <Link to={`/candidates/${t.candidateSlug}`}>{t.candidateName}</Link>
                      {roleLabel(t.role)} {t.endorsed ? <span className="badge badge-endorsed">Endorsed</span> : null}
                    </td>
                    <td>{formatDay(t.startDate)}</td>
                    <td>{t.endDate ? formatDay(t.endDate) : "present"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="measures-title">
        <h2 id="measures-title">Measures and votes</h2>
        {measures.length === 0 ? (
          <p>No measures recorded.</p>
        ) : (
          <ul className="stack">
            {measures.map((m) => (
              <li key={m.id}>
                <Link to={`/measures/${m.id}`}>{m.title}</Link>{" "}
                <span className="muted">PAC position: {POSITION_LABELS[m.pacPosition]}</span>
                {m.voteEvents.length ? (
                  <ul>
                    {m.voteEvents.map((e) => (
                      <li key={e.id}>
                        {formatDay(e.date)}
                        {e.motion ? `, ${e.motion}` : ""}: <TallyText tally={e.tally} result={e.result} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No vote recorded yet.</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
