import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DONATION_KINDS, DONATION_METHODS, DONATION_STATUSES } from "#db/enums";
import { DonationStatusBadge, KIND_LABELS, METHOD_LABELS, STATUS_LABELS } from "~/components/donation-status";
import { parseDonationFilters } from "~/lib/donation-filters";
import { formatCents, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireStaff } from "~/lib/session.server";
import { listDonations } from "~/models/donations.server";
import { openReviewCount } from "~/models/donor-matching.server";

export const meta: MetaFunction = () => [{ title: "Donations | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = parseDonationFilters(new URL(request.url).searchParams);
  return { filters, ...listDonations(filters), matchesToReview: openReviewCount() };
}

function pageLink(filters: Record<string, unknown>, page: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v != null && k !== "page") params.set(k, String(v));
  params.set("page", String(page));
  return `?${params}`;
}

export default function DonationsList() {
  const timeZone = useTimeZone();
  const { filters, rows, page, hasNext, matchesToReview } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="donations-title" className="stack-wide">
      <h1 id="donations-title">Donations</h1>
      <p className="actions">
        <Link to="/admin/donations/new" className="button">
          Record a check, cash or in-kind gift
        </Link>
        <Link to="/admin/donations/dashboard">Fundraising dashboard</Link>
        <Link to="/admin/donations/report">Filing report and CSV export</Link>
        <Link to="/admin/donations/reconciliation">Stripe reconciliation</Link>
        <Link to="/admin/donations/matches">
          Donor matches to review{matchesToReview ? ` (${matchesToReview})` : ""}
        </Link>
        <Link to="/admin/donations/excessive">Excessive contributions</Link>
        <Link to="/admin/donations/information-requested">Information requested</Link>
      </p>
      <Form method="get" className="filters" aria-label="Filter donations">
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" type="date" name="to" defaultValue={filters.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">Any</option>
            {DONATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">Kind</label>
          <select id="f-kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">Any</option>
            {DONATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-method">Method</label>
          <select id="f-method" name="method" defaultValue={filters.method ?? ""}>
            <option value="">Any</option>
            {DONATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-refcode">Refcode</label>
          <input id="f-refcode" name="refcode" defaultValue={filters.refcode ?? ""} />
        </div>
        <div className="actions">
          <button type="submit">Filter</button>
          <Link to="/admin/donations">Clear</Link>
        </div>
      </Form>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Donations, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Donor</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Kind</th>
              <th scope="col">Method</th>
              <th scope="col">Refcode</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7}>No donations match these filters.</td>
              </tr>
            ) : (
              rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/admin/donations/${d.id}`}>{formatInstant(d.receivedAt ?? d.createdAt, timeZone)}</Link>
                  </td>
                  <td>{[d.firstName, d.lastName].filter(Boolean).join(" ")}</td>
                  <td className="num">
                    {formatCents(d.amountCents, d.currency)}
                    {d.refundedCents > 0 ? (
                      <span className="muted"> ({formatCents(d.refundedCents)} refunded)</span>
                    ) : null}
                  </td>
                  <td>
                    <DonationStatusBadge status={d.status} />
                  </td>
                  <td>{KIND_LABELS[d.kind]}</td>
                  <td>{METHOD_LABELS[d.method]}</td>
                  <td>{d.refcode ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav className="pagination" aria-label="Pages">
        {page > 1 ? <Link to={pageLink(filters, page - 1)}>Previous page</Link> : null}
        <span>Page {page}</span>
        {hasNext ? <Link to={pageLink(filters, page + 1)}>Next page</Link> : null}
      </nav>
    </section>
  );
}
