import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { getHomeSlate } from "~/models/slate.server";
import { WinRateLine } from "~/components/track-record";
import { OutcomeBadge } from "~/components/outcome-badge";

export const meta: MetaFunction = ({ matches }) => [
  { title: `${pacTitle(matches)}: who we endorsed, and what they did` },
  { name: "description", content: "The candidates we endorsed, how their elections went, and how they voted afterwards." },
];

export function loader() {
  return getHomeSlate();
}

export default function Home() {
  const { cycle, slate, winRate } = useLoaderData<typeof loader>();
  return (
    <>
      <section aria-labelledby="hero-title">
        <h1 id="hero-title">We endorse champions. Then we show you what they do.</h1>
        <p className="lede">
          We back candidates for local office, help them win, and follow every vote they cast afterwards, so you can see
          what your support made possible.
        </p>
        <p className="actions">
          <Link className="button" to="/donate">
            Donate
          </Link>
          <Link className="button button-secondary" to="/volunteer">
            Volunteer
          </Link>
        </p>
      </section>

      <section aria-labelledby="slate-title">
        <h2 id="slate-title">{cycle ? `Our ${cycle} slate` : "Our slate"}</h2>
        {cycle ? <WinRateLine rate={winRate} /> : null}
        {slate.length === 0 ? (
          <p>No endorsements have been published yet.</p>
        ) : (
          <ul className="cards">
            {slate.map((entry) => (
              <li key={`${entry.candidateId}-${entry.cycle}`} className="card">
                <h3>
                  <Link to={`/candidates/${entry.slug}`}>{entry.displayName}</Link>
                </h3>
                <p className="muted">{entry.office ?? "Office not recorded"}</p>
                <p>
                  <OutcomeBadge outcome={entry.outcome} />
                  {entry.incumbent ? <span className="badge">Incumbent</span> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/endorsements">All endorsements and past cycles</Link>
        </p>
      </section>
    </>
  );
}
