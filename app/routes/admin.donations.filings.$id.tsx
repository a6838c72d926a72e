import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatCents, formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { idParam } from "~/lib/id-param.server";
import { downloadTarget, FEC_ID_PATTERN } from "~/lib/report-download";
import { requireAdmin, requireStaff } from "~/lib/session.server";
import { handleIntent } from "~/lib/intent-action.server";
import { FormErrors } from "~/components/field";
import { IntentInput, useIntentErrors } from "~/components/intent-form";
import { z } from "zod";
import { amendmentFor, fileReport, filedSnapshot, getFiledReport } from "~/models/filed-reports.server";
import { getSettings } from "~/models/settings.server";

export const meta: MetaFunction = () => [{ title: "Filed report | Champions PAC" }];

// "File the amendment" carries nothing but its intent.
const amendSchema = z.object({ intent: z.literal("amend") });

function reportFrom(id: number) {
  const report = getFiledReport(id);
  if (!report) throw new Response("No such filed report.", { status: 404 });
  return report;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const report = reportFrom(idParam(params.id, "No such filed report."));
  const search = new URL(request.url).searchParams;
  // Downloads of the files as filed: to the file, or back here with the committee id's error.
  const withFiled = new URLSearchParams(search);
  withFiled.set("filed", String(report.id));
  const target = downloadTarget(withFiled);
  if (target && "redirect" in target) throw redirect(target.redirect);
  const snapshot = filedSnapshot(report);
  return {
    report: { ...report, snapshotJson: undefined },
    // The `profile` column holds the account the report was filed for.
    accountLabel: getSettings().accountLabels[report.profile as "us_federal"] ?? report.profile,
    snapshot: { receipts: snapshot.receipts, rows: snapshot.rows, period: snapshot.period ?? null },
    files: {
      fec: snapshot.files?.fec
        ? { scheduleA: snapshot.files.fec.scheduleA.length, scheduleB: snapshot.files.fec.scheduleB.length }
        : null,
      cfis: snapshot.files?.cfis ? snapshot.files.cfis.length : null,
    },
    amendment: amendmentFor(report),
    fecId: search.get("fecId") ?? "",
    fecIdError: target && "fecIdError" in target ? target.fecIdError : null,
  };
}

/** Files the amendment: the period's report as it stands now, naming this one. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const admin = await requireAdmin(request);
  const report = reportFrom(idParam(params.id, "No such filed report."));
  return handleIntent(
    await request.formData(),
    amendSchema,
    () => fileReport({ amends: report.id }, admin.id),
    (filed) => redirect(`/admin/donations/filings/${filed.id}`),
  );
}

export default function FiledReportPage() {
  const timeZone = useTimeZone();
  const { report, accountLabel, snapshot, files, amendment, fecId, fecIdError } = useLoaderData<typeof loader>();
  const amendErrors = useIntentErrors(["amend"]);
  return (
    <section aria-labelledby="filed-title" className="stack-wide">
      <p>
        <Link to="/admin/donations/filings">All filed reports</Link>
      </p>
      <h1 id="filed-title">
        Filed report: {snapshot.period ? `${snapshot.period.label}, ` : ""}
        {formatDay(report.fromDay)} to {formatDay(report.toDay)}
      </h1>
      <p>
        Account: {accountLabel}. Filed {formatInstant(report.filedAt, timeZone)}
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
          {amendment.fileChanges.length ? (
            <>
              <p>Rows of the filing file that change:</p>
              <ul>
                {amendment.fileChanges.map((c) => (
                  <li key={`${c.kind}-${c.id}`}>
                    {c.kind === "added" ? "Added" : c.kind === "removed" ? "Removed" : "Changed"}: {c.label}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <ul>
            {amendment.changes.map((c) => (
              <li key={`${c.kind}-${c.donationId}`}>
                {c.kind === "added" ? "Added" : c.kind === "removed" ? "No longer itemized" : "Changed"}: {c.row.name},{" "}
                {formatCents(c.row.amountCents)} on {formatInstant(c.row.receivedAt, timeZone)}
                {c.fields.length ? ` (${c.fields.map((f) => `${f.field}: “${f.filed}” → “${f.now}”`).join("; ")})` : ""}
              </li>
            ))}
          </ul>
          <FormErrors errors={amendErrors.length ? amendErrors : undefined} />
          <Form method="post">
            <IntentInput intent="amend" />
            <button type="submit">File the amendment</button>
          </Form>
        </div>
      ) : (
        <p role="status">The period's report still says what was filed.</p>
      )}
      {files.fec ? (
        <Form method="get" className="filters" aria-label="Form 3X schedules as filed">
          <div className="field">
            <label htmlFor="f-fec-id">FEC committee ID</label>
            <input
              id="f-fec-id"
              name="fecId"
              defaultValue={fecId}
              required
              pattern={FEC_ID_PATTERN}
              aria-invalid={fecIdError ? true : undefined}
              aria-describedby={fecIdError ? "f-fec-id-error" : undefined}
            />
            {fecIdError ? (
              <p id="f-fec-id-error" className="field-error" role="alert">
                {fecIdError}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" name="download" value="fec">
              Download as filed (.fec)
            </button>
            <button type="submit" name="download" value="fec-csv" className="button-secondary">
              Download as filed (CSV)
            </button>
          </div>
          <p>
            {files.fec.scheduleA} Schedule A rows (line 11(a)(i)), {files.fec.scheduleB} Schedule B rows (line 28(a)).
          </p>
        </Form>
      ) : null}
      {files.cfis != null ? (
        <p>
          <a
            href={`/admin/donations/filing-file?${new URLSearchParams({ filed: String(report.id), kind: "cfis" })}`}
            className="button button-secondary"
            download
          >
            Download New Mexico contributions file as filed
          </a>{" "}
          ({files.cfis} rows)
        </p>
      ) : null}
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
