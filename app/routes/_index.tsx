import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { shareMeta } from "~/lib/share-meta";
import { getHomeSlate } from "~/models/slate.server";
import { candidatePhotos, latestUpdateWithRecord } from "~/models/record-cards.server";
import { WinRateLine } from "~/components/track-record";
import { CandidateCard, MeasureCard } from "~/components/record-card";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";

export const meta: MetaFunction = ({ matches }) =>
  shareMeta(matches, {
    title: `${pacTitle(matches)}: who we endorsed, and what they did`,
    description: "The candidates we endorsed, how their elections went, and how they voted afterwards.",
    path: "/",
  });

export function loader() {
  const home = getHomeSlate();
  return {
    ...home,
    photos: candidatePhotos(home.slate.map((e) => e.candidateId)),
    latest: latestUpdateWithRecord(),
  };
}

export default function Home() {
  const timeZone = useTimeZone();
  const { cycle, slate, winRate, photos, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <section aria-labelledby="hero-title" className="hero">
        <h1 id="hero-title">We endorse champions. Then we show you what they do.</h1>
        <p className="lede">
          We back candidates for local office, help them win, and follow every vote they cast afterwards, so you can see
          what your support made possible.
        </p>
        <ul className="asks" aria-label="Three ways to help">
          <li className="card">
            <p>
              <strong>Fund the next campaign.</strong> Every endorsement starts with money for doors and mail.
            </p>
            <p>
              <Link className="button" to="/donate">
                Donate
              </Link>
            </p>
          </li>
          <li className="card">
            <p>
              <strong>Know someone who should run?</strong> Tell us who, and for which office.
            </p>
            <p>
              <Link className="button button-secondary" to="/refer">
                Suggest a candidate
              </Link>
            </p>
          </li>
          <li className="card">
            <p>
              <strong>Something happening in your area?</strong> A board vote, a hearing, a school policy.
            </p>
            <p>
              <Link className="button button-secondary" to="/tips">
                Send a tip
              </Link>
            </p>
          </li>
        </ul>
      </section>

      <div className="home-grid">
        {latest ? (
          <section aria-labelledby="latest-title">
            <p className="eyebrow">Latest impact</p>
            <h2 id="latest-title">
              <Link to={`/updates/${latest.slug}`}>{latest.title}</Link>
            </h2>
            <p className="muted">
              <time dateTime={latest.publishedAt ?? undefined}>{formatInstant(latest.publishedAt, timeZone)}</time>
            </p>
            <p>{latest.summary}</p>
            {latest.record ? <MeasureCard {...latest.record} /> : null}
            <p>
              <Link to={`/updates/${latest.slug}`}>Read the whole update</Link> ·{" "}
              <Link to="/updates">All impact updates</Link>
            </p>
          </section>
        ) : null}

        <section aria-labelledby="slate-title">
          <p className="eyebrow">Endorsed, then elected</p>
          <h2 id="slate-title">{cycle ? `Our ${cycle} slate` : "Our slate"}</h2>
          {cycle ? <WinRateLine rate={winRate} /> : null}
          {slate.length === 0 ? (
            <p>No endorsements have been published yet.</p>
          ) : (
            <ul className="slate-list">
              {slate.map((entry) => (
                <li key={`${entry.candidateId}-${entry.cycle}`}>
                  <CandidateCard
                    slug={entry.slug}
                    displayName={entry.displayName}
                    photoPath={photos[entry.candidateId] ?? null}
                    office={entry.office}
                    endorsedCycle={null}
                    outcome={entry.outcome}
                    incumbent={entry.incumbent}
                  />
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/endorsements">All endorsements and past cycles</Link>
          </p>
        </section>
      </div>
    </>
  );
}
