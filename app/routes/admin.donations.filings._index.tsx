import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireAdmin, requireStaff } from "~/lib/session.server";
import { isValidDay } from "~/lib/time-zone";
import { fileReport, listFiledReports } from "~/models/filed-reports.server";
import { COMPLIANCE_PROFILES } from "~/lib/compliance-profiles";
import { reportScope } from "~/models/filing-report.server";
import { getSettings } from "~/models/settings.server";

export const meta: MetaFunction = () => [{ title: "Filed reports | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { accountLabels } = getSettings();
  return {
    reports: listFiledReports().map((r) => ({
      ...r,
      accountLabel: accountLabels[r.profile as keyof typeof accountLabels] ?? r.profile,
    })),
  };
}

// The account filed for: the main account when the form names none (only one account is active).
const account = z.enum(COMPLIANCE_PROFILES).optional();
const fileSchema = z.union([
  z.object({ intent: z.literal("file"), account, period: z.string().regex(/^\d{4}-[a-z-]{1,40}$/) }),
  z.object({
    intent: z.literal("file"),
    account,
    from: z.string().refine(isValidDay),
    to: z.string().refine(isValidDay),
  }),
]);

/** Filing is the treasurer's act: admins only. The report of the range is frozen as it stands. */
export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const admin = await requireAdmin(request);
  const parsed = fileSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: "Choose the period's first and last day." }, { status: 400 });
  if ("period" in parsed.data && !reportScope(parsed.data).period)
    return Response.json({ error: "That report period is not one of the profile's periods." }, { status: 400 });
  const filed = fileReport(parsed.data, admin.id);
  return redirect(`/admin/donations/filings/${filed.id}`);
}

export default function FiledReports() {
  const timeZone = useTimeZone();
  const { reports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="filings-title" className="stack-wide">
      <p>
        <Link to="/admin/donations/report">Filing report</Link>
      </p>
      <h1 id="filings-title">Filed reports</h1>
      {actionData?.error ? (
        <p className="field-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <p className="lede">
        A filed report keeps what it said when it was filed. If the period's figures change later, its page lists the
        changes and offers an amendment.
      </p>
      {reports.length === 0 ? (
        <p>No report filed yet. File one from the filing report of its period.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Account</th>
                <th scope="col">Filed</th>
                <th scope="col">Amends</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/admin/donations/filings/${r.id}`}>
                      {r.periodLabel ? `${r.periodLabel}: ` : ""}
                      {formatDay(r.fromDay)} to {formatDay(r.toDay)}
                    </Link>
                  </td>
                  <td>{r.accountLabel}</td>
                  <td>{formatInstant(r.filedAt, timeZone)}</td>
                  <td>{r.amendsReportId ? `Report ${r.amendsReportId}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
