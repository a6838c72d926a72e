import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatCents, formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireAdmin, requireStaff } from "~/lib/session.server";
import { amendmentFor, fileReport, getFiledReport, type ReportSnapshot } from "~/models/filed-reports.server";
import { idParam } from "~/lib/id-param.server";

export const meta: MetaFunction = () => [{ title: "Filed report | Champions PAC" }];

function reportFrom(id: number) {
  const report = getFiledReport(id);
  if (!report) throw new Response("No such filed report.", { status: 404 });
  return report;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const report = reportFrom(idParam(params.id, "No such filed report."));
  const snapshot = JSON.parse(report.snapshotJson) as ReportSnapshot;
  return {
    report: { ...report, snapshotJson: undefined },
    snapshot,
    amendment: amendmentFor(report),
  };
}

/** Files the amendment: the period's report as it stands now, naming this one. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const admin = await requireAdmin(request);
  const report = reportFrom(idParam(params.id, "No such filed report."));
  const filed = fileReport({ amends: report.id }, admin.id);
  return redirect(`/admin/donations/filings/${filed.id}`);
}

export default function FiledReportPage() {
  const timeZone = useTimeZone();
  const { report, snapshot, amendment } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="filed-title" className="stack-wide">
      <p>
        <Link to="/admin/donations/filings">All filed reports</Link>
      </p>
      <h1 id="filed-title">
        Filed report: {formatDay(report.fromDay)} to {formatDay(report.toDay)}
      </h1>
      <p>
        Filed {formatInstant(report.filedAt, timeZone)}
        {report.amendsReportId ? (
          <>
            , amending{" "}
            <Link to={`/admin/donations/filings/${report.amendsReportId}`}>report {report.amendsReportId}</Link>
          </>
        ) : null}
        . Received in the period: {formatCents(snapshot.receipts.receivedCents)}; refunds in the period:{" "}
        {formatCents(snapshot.receipts.refundsCents)}; {snapshot.rows.length} itemized contributions.
      </p>
      {amendment ? (
        <div className="notice stack" role="status">
          <h2>An amendment is due</h2>
          <p>The period's report no longer says what was filed.</p>
          <ul>
            {amendment.totals.map((t) => (
              <li key={t.label}>
                {t.label} in the period: {formatCents(t.filedCents)} filed, {formatCents(t.nowCents)} now.
              </li>
            ))}
          </ul>
          <ul>
            {amendment.changes.map((c) => (
              <li key={`${c.kind}-${c.donationId}`}>
                {c.kind === "added" ? "Added" : c.kind === "removed" ? "No longer itemized" : "Changed"}: {c.row.name},{" "}
                {formatCents(c.row.amountCents)} on {formatInstant(c.row.receivedAt, timeZone)}
                {c.fields.length ? ` (${c.fields.map((f) => `${f.field}: “${f.filed}” → “${f.now}”`).join("; ")})` : ""}
              </li>
            ))}
          </ul>
          <Form method="post">
            <button type="submit">File the amendment</button>
          </Form>
        </div>
      ) : (
        <p role="status">The period's report still says what was filed.</p>
      )}
      <h2>Itemized contributions as filed</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Contributor</th>
              <th scope="col">Address</th>
              <th scope="col">Employer / occupation</th>
              <th scope="col">Received</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Aggregate
              </th>
            </tr>
          </thead>
          <tbody>
            {snapshot.rows.slice(0, 1000).map((r) => (
              <tr key={r.donationId}>
                <td>{r.name}</td>
                <td>{r.address}</td>
                <td>
                  {r.employer} / {r.occupation}
                </td>
                <td>{formatInstant(r.receivedAt, timeZone)}</td>
                <td className="num">{formatCents(r.amountCents)}</td>
                <td className="num">{formatCents(r.aggregateCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {snapshot.rows.length > 1000 ? <p>The first 1,000 of {snapshot.rows.length} rows are shown.</p> : null}
    </section>
  );
}
