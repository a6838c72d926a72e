import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { METHOD_LABELS } from "~/components/donation-status";
import { parseReportRequest } from "~/lib/donation-filters";
import { formatCents, formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { downloadTarget, FEC_ID_PATTERN } from "~/lib/report-download";
import { requireStaff } from "~/lib/session.server";
import { filingReport } from "~/models/filing-report.server";

export const meta: MetaFunction = () => [{ title: "Filing report | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  // A download button: to the file, or back here with the committee id's error next to its field.
  const target = downloadTarget(params);
  if (target && "redirect" in target) throw redirect(target.redirect);
  return {
    ...filingReport(parseReportRequest(params)),
    fecId: params.get("fecId") ?? "",
    fecIdError: target && "fecIdError" in target ? target.fecIdError : null,
  };
}

export default function FilingReport() {
  const timeZone = useTimeZone();
  const data = useLoaderData<typeof loader>();
  const { fromDay, toDay, period, periods, receipts, itemized, unitemizedCents, account, accounts } = data;
  // With two accounts active every form and link carries the account chosen.
  const accountField: Record<string, string> = accounts.length ? { account } : {};
  const scopeFields: Record<string, string> = {
    ...accountField,
    ...(period ? { period: period.key } : { from: fromDay, to: toDay }),
  };
  const range = new URLSearchParams({ ...accountField, from: fromDay, to: toDay });
  const years = [...new Set(periods.map((p) => p.key.slice(0, 4)))];
  return (
    <section aria-labelledby="report-title" className="stack-wide">
      <h1 id="report-title">
        Filing report: {period ? `${period.label}, ` : ""}
        {formatDay(fromDay)} to {formatDay(toDay)}
      </h1>
      <p>
        {accounts.length ? <>Account: {data.accountLabel}. </> : null}Rules: {data.profileLabel}.
      </p>
      {accounts.length ? (
        <Form method="get" className="filters" aria-label="Choose an account">
          {/* The days (or report period) stay as they are when the account changes. */}
          {Object.entries(period ? { period: period.key } : { from: fromDay, to: toDay }).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="field">
            <label htmlFor="r-account">Account</label>
            <select id="r-account" name="account" defaultValue={account}>
              {accounts.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit">Show account</button>
          </div>
        </Form>
      ) : null}
      {periods.length ? (
        <Form method="get" className="filters" aria-label="Choose a report period">
          {Object.entries(accountField).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="field">
            <label htmlFor="r-period">Report period</label>
            <select id="r-period" name="period" defaultValue={period?.key ?? ""}>
              <option value="">Choose a report period</option>
              {years.map((year) => (
                <optgroup key={year} label={year}>
                  {periods
                    .filter((p) => p.key.startsWith(year))
                    .map((p) => (
                      <option key={p.key} value={p.key}>
                        {p.label}: {formatDay(p.fromDay)} to {formatDay(p.toDay)}, due {formatDay(p.dueDay)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit">Show report period</button>
          </div>
        </Form>
      ) : null}
      {period ? (
        <p>
          Due {formatDay(period.dueDay)}. Dates from{" "}
          <a href={period.url} rel="noreferrer">
            {period.source}
          </a>
          .{period.confirm ? ` ${period.confirm} Check them against the Secretary of State's current schedule.` : ""}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Filing period">
        {Object.entries(accountField).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
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
      {data.reportFiles.includes("fec_schedules") ? (
        <Form method="get" className="filters" aria-label="Form 3X schedules">
          {Object.entries(scopeFields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="field">
            <label htmlFor="r-fec-id">FEC committee ID</label>
            <input
              id="r-fec-id"
              name="fecId"
              defaultValue={data.fecId}
              required
              pattern={FEC_ID_PATTERN}
              aria-invalid={data.fecIdError ? true : undefined}
              aria-describedby={data.fecIdError ? "r-fec-id-error" : undefined}
            />
            {data.fecIdError ? (
              <p id="r-fec-id-error" className="field-error" role="alert">
                {data.fecIdError}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" name="download" value="fec">
              Download Schedule A and B (.fec)
            </button>
            <button type="submit" name="download" value="fec-csv" className="button-secondary">
              Download Schedule A and B (CSV)
            </button>
          </div>
        </Form>
      ) : null}
      {data.reportFiles.includes("cfis_contributions") ? (
        <p>
          <a
            href={`/admin/donations/filing-file?${new URLSearchParams({ ...scopeFields, kind: "cfis" })}`}
            className="button button-secondary"
            download
          >
            Download New Mexico contributions file (CSV)
          </a>
        </p>
      ) : null}
      <Form method="post" action="/admin/donations/filings" className="filters" aria-label="File this report">
        <input type="hidden" name="intent" value="file" />
        {Object.entries(scopeFields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit">File this report</button>
        <Link to="/admin/donations/filings">Filed reports</Link>
      </Form>
      {data.problems.length ? (
        <div className="notice stack" role="status">
          <h2>Before filing</h2>
          <ul>
            {data.problems.map((p, i) => (
              <li key={`${p.donationId}-${i}`}>
                <Link to={`/admin/donations/${p.donationId}`}>Gift {p.donationId}</Link>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.lateRuleApplies || data.late.length ? (
        <>
          <h2>Late contributions</h2>
          {data.late.length ? (
            <ul>
              {data.late.map((l) => (
                <li key={l.donationId}>
                  <Link to={`/admin/donations/${l.donationId}`}>
                    {l.name}, {formatCents(l.amountCents)}
                  </Link>{" "}
                  received {formatInstant(l.receivedAt, timeZone)}, before the {l.election.toLowerCase()} of{" "}
                  {formatDay(l.electionDay)}: more than {formatCents(l.thresholdCents)} after 5:00 p.m. on the Tuesday
                  before, so it is reported on its own (
                  <a href={l.url} rel="noreferrer">
                    {l.source}
                  </a>
                  ).
                </li>
              ))}
            </ul>
          ) : (
            <p>No contribution in this period has to be reported on its own.</p>
          )}
        </>
      ) : null}
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
