import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/field";
import { useIntentErrors } from "~/components/intent-form";
import { z } from "zod";
import { formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireAdmin, requireStaff } from "~/lib/session.server";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
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
const fileSchema = z.union(
  [
    z.object({ intent: z.literal("file"), account, period: z.string().regex(/^\d{4}-[a-z-]{1,40}$/) }),
    z.object({
      intent: z.literal("file"),
      account,
      from: z.string().refine(isValidDay),
      to: z.string().refine(isValidDay),
    }),
  ],
  { errorMap: () => ({ message: "Choose the period's first and last day." }) },
);

/** Filing is the treasurer's act: admins only. The report of the range is frozen as it stands. */
export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const admin = await requireAdmin(request);
  return handleIntent(
    await request.formData(),
    fileSchema,
    (value) => {
      if ("period" in value && !reportScope(value).period)
        throw new RuleViolation("That report period is not one of the account's periods.", "period");
      return fileReport(value, admin.id);
    },
    (filed) => redirect(`/admin/donations/filings/${filed.id}`),
  );
}

export default function FiledReports() {
  const timeZone = useTimeZone();
  const { reports } = useLoaderData<typeof loader>();
  // The filing form lives on the report page; a refused filing lands here with its message.
  const errors = useIntentErrors(["file"]);
  return (
    <section aria-labelledby="filings-title" className="stack-wide">
      <p>
        <Link to="/admin/donations/report">Filing report</Link>
      </p>
      <h1 id="filings-title">Filed reports</h1>
      <FormErrors errors={errors.length ? errors : undefined} />
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
