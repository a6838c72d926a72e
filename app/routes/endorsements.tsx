import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pacTitle } from "~/lib/page-title";
import { getEndorsementsPage } from "~/models/slate.server";
import { OutcomeBadge } from "~/components/outcome-badge";
import type { SlateEntry } from "~/models/slate.server";
import type { CycleWinRate } from "~/models/win-rate.server";
import { WinRateLine } from "~/components/track-record";
import { formatDay } from "~/lib/format";

export const meta: MetaFunction = ({ matches }) => [
  { title: pacTitle(matches, "Endorsements") },
  { name: "description", content: "Every candidate the PAC endorsed, by cycle, with how their races went." },
];

export function loader() {
  return getEndorsementsPage();
}

function WinRate({ rate }: { rate: CycleWinRate | null }) {
  return (
    <>
      <WinRateLine rate={rate} />
      {rate && rate.disclosed.length > 0 ? (
        <div className="disclosure">
          <p>Counted although no longer in this list:</p>
          <ul>
            {rate.disclosed.map((d) => (
              <li key={d.endorsementId}>
                {d.candidateName}, {d.office}, {d.electionName}: <OutcomeBadge outcome={d.outcome} />{" "}
                <span className="muted">
                  (
                  {[
                    d.rescinded
                      ? `endorsement rescinded${d.rescindedAt ? ` on ${formatDay(d.rescindedAt)}` : ""}`
                      : null,
                    d.hidden ? "no longer listed on our pages" : null,
                    d.archived ? "candidate's page archived" : null,
                  ]
                    .filter(Boolean)
                    .join("; ")}
                  )
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="muted">
        A race counts once the PAC endorsed before election day, and keeps counting whatever happens to the endorsement
        afterwards. Unopposed races are counted apart.
      </p>
    </>
  );
}

function SlateTable({ entries, caption }: { entries: SlateEntry[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Office</th>
            <th scope="col">Election</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.candidateId}-${e.cycle}-${e.electionId ?? "none"}`}>
              <td>
                <Link to={`/candidates/${e.slug}`}>{e.displayName}</Link>
                {e.incumbent ? <span className="muted"> (incumbent)</span> : null}
              </td>
              <td>{e.bodySlug ? <Link to={`/bodies/${e.bodySlug}`}>{e.office}</Link> : (e.office ?? "—")}</td>
              <td>{e.electionId ? <Link to={`/elections/${e.electionId}`}>{e.electionName}</Link> : "—"}</td>
              <td>
                <OutcomeBadge outcome={e.outcome} />
                {e.unopposed ? <span className="muted"> (unopposed)</span> : null}
                {e.afterElection ? (
                  <span className="muted"> (endorsed on or after election day; not counted)</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function EndorsementsPage() {
  const { current, past } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Endorsements</h1>
      {!current ? (
        <p>No endorsements have been published yet.</p>
      ) : (
        <section aria-labelledby="current-title">
          <h2 id="current-title">Our {current.cycle} slate</h2>
          <WinRate rate={current.winRate} />
          <SlateTable entries={current.entries} caption={`${current.cycle} endorsements`} />
        </section>
      )}
      {current && current.entries.length === 0 ? <p>No candidate from this cycle is listed any more.</p> : null}
      {past.length > 0 ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title">Past cycles</h2>
          {past.map((c, i) => (
            <section key={c.cycle} aria-labelledby={`cycle-${i}`}>
              <h3 id={`cycle-${i}`}>{c.cycle}</h3>
              <WinRate rate={c.winRate} />
              <SlateTable entries={c.entries} caption={`${c.cycle} endorsements`} />
            </section>
          ))}
        </section>
      ) : null}
    </>
  );
}
