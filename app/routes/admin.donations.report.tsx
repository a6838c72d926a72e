import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { METHOD_LABELS } from "~/components/donation-status";
import { parseDayRange } from "~/lib/donation-filters";
import { formatCents, formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireStaff } from "~/lib/session.server";
import { filingReport } from "~/models/itemized-contributions.server";

export const meta: MetaFunction = () => [{ title: "Filing report | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return filingReport(parseDayRange(new URL(request.url).searchParams));
}

export default function FilingReport() {
  const timeZone = useTimeZone();
  const { fromDay, toDay, receipts, itemized, unitemizedCents } = useLoaderData<typeof loader>();
  const range = new URLSearchParams({ from: fromDay, to: toDay });
  return (
    <section aria-labelledby="report-title" className="stack-wide">
      <h1 id="report-title">
        Filing report: {formatDay(fromDay)} to {formatDay(toDay)}
      </h1>
      <Form method="get" className="filters" aria-label="Filing period">
        <div className="field">
          <label htmlFor="r-from">From</label>
          <input id="r-from" type="date" name="from" defaultValue={fromDay} />
        </div>
        <div className="field">
          <label htmlFor="r-to">To</label>
          <input id="r-to" type="date" name="to" defaultValue={toDay} />
        </div>
        <div className="actions">
          <button type="submit">Show period</button>
          <a href={`/admin/donations/export?${range}`} className="button button-secondary" download>
            Download itemized CSV
          </a>
        </div>
      </Form>
      <Form method="post" action="/admin/donations/filings" className="filters" aria-label="File this report">
        <input type="hidden" name="intent" value="file" />
        <input type="hidden" name="from" value={fromDay} />
        <input type="hidden" name="to" value={toDay} />
        <button type="submit">File this report</button>
        <Link to="/admin/donations/filings">Filed reports</Link>
      </Form>
      <h2>Receipts</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col" className="num">
                Gifts
              </th>
              <th scope="col" className="num">
                Received
              </th>
              <th scope="col" className="num">
                Refunded in period
              </th>
              <th scope="col" className="num">
                Chargebacks in period
              </th>
              <th scope="col" className="num">
                Net
              </th>
            </tr>
          </thead>
          <tbody>
            {receipts.byMethod.map((r) => (
              <tr key={r.method}>
                <td>{METHOD_LABELS[r.method]}</td>
                <td className="num">{r.count}</td>
                <td className="num">{formatCents(r.receivedCents)}</td>
                <td className="num">{formatCents(r.refundsCents)}</td>
                <td className="num">{formatCents(r.disputesCents)}</td>
                <td className="num">{formatCents(r.cents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td className="num">{formatCents(receipts.receivedCents)}</td>
              <td className="num">{formatCents(receipts.refundsCents)}</td>
              <td className="num">{formatCents(receipts.disputesCents)}</td>
              <td className="num">{formatCents(receipts.totalCents)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p>
        Itemized: {formatCents(itemized.itemizedTotalCents)} in {itemized.itemizedCount} contributions. Unitemized:{" "}
        {formatCents(unitemizedCents)}.
      </p>
      <h2>Itemized contributions</h2>
      {itemized.itemizedCount > itemized.shown ? (
        <p className="notice">
          Showing the first {itemized.shown} of {itemized.itemizedCount}; the CSV has them all.
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Contributor</th>
              <th scope="col">Address</th>
              <th scope="col">Employer / occupation</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Aggregate
              </th>
            </tr>
          </thead>
          <tbody>
            {itemized.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/admin/donations/${r.id}`}>{formatInstant(r.receivedAt, timeZone)}</Link>
                </td>
                <td>{[r.firstName, r.lastName].filter(Boolean).join(" ")}</td>
                <td>{[r.street, r.city, r.state, r.zip].filter(Boolean).join(", ")}</td>
                <td>
                  {r.employer ?? <em>missing</em>} / {r.occupation ?? <em>missing</em>}
                </td>
                <td className="num">{formatCents(r.amountCents - r.refundedCents - r.disputedCents)}</td>
                <td className="num">{formatCents(r.aggregateCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
