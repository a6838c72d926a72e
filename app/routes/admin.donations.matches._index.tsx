import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatCents, formatInstant } from "~/lib/format";
import { requireStaff } from "~/lib/session.server";
import { listDecidedMatchReviews, listOpenMatchReviews } from "~/models/donor-match-reviews.server";
import { REVIEW_REASON_TEXT } from "~/lib/donor-match-reasons";
import { getSettings } from "~/models/settings.server";

export const meta: MetaFunction = () => [{ title: "Donor matches to review | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { open: listOpenMatchReviews(), decided: listDecidedMatchReviews(), timeZone: getSettings().timeZone };
}

const name = (p: { firstName: string; lastName: string }) => [p.firstName, p.lastName].filter(Boolean).join(" ");

export default function MatchReviews() {
  const { open, decided, timeZone } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="matches-title" className="stack-wide">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="matches-title">Donor matches to review</h1>
      <p className="lede">
        These gifts may come from a donor we already know, but not for certain. Until you decide, each counts toward the
        known donor's limit as well as its own, so no limit can be passed; reports list it under the name it was given
        in.
      </p>
      {open.length === 0 ? (
        <p role="status">Nothing to review.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Gift</th>
                <th scope="col">Given as</th>
                <th scope="col">May be</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {open.map((r) => (
                <tr key={r.review.id}>
                  <td>
                    <Link to={`/admin/donations/matches/${r.review.id}`}>
                      {formatCents(r.donation.amountCents)} on{" "}
                      {formatInstant(r.donation.receivedAt ?? r.donation.createdAt, timeZone)}
                    </Link>
                  </td>
                  <td>{name(r.donation)}</td>
                  <td>{name(r.candidate)}</td>
                  <td>{REVIEW_REASON_TEXT[r.review.reason]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {decided.length ? (
        <>
          <h2>Recently decided</h2>
          <ul>
            {decided.map((r) => (
              <li key={r.review.id}>
                <Link to={`/admin/donations/matches/${r.review.id}`}>
                  {name(r.donation)}, {formatCents(r.donation.amountCents)}
                </Link>
                : {r.review.status === "same_person" ? "same person as" : "not"} {name(r.candidate)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
