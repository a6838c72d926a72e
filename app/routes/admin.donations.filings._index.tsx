import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDay, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireAdmin, requireStaff } from "~/lib/session.server";
import { isValidDay } from "~/lib/time-zone";
import { fileReport, listFiledReports } from "~/models/filed-reports.server";

export const meta: MetaFunction = () => [{ title: "Filed reports | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { reports: listFiledReports() };
}

const fileSchema = z.object({
  intent: z.literal("file"),
  from: z.string().refine(isValidDay),
  to: z.string().refine(isValidDay),
});

/** Filing is the treasurer's act: admins only. The report of the range is frozen as it stands. */
export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const admin = await requireAdmin(request);
  const parsed = fileSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: "Choose the period's first and last day." }, { status: 400 });
  const filed = fileReport({ from: parsed.data.from, to: parsed.data.to }, admin.id);
  return redirect(`/admin/donations/filings/${filed.id}`);
}

export default function FiledReports() {
  const timeZone = useTimeZone();
  const { reports } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="filings-title" className="stack-wide">
      <p>
        <Link to="/admin/donations/report">Filing report</Link>
      </p>
      <h1 id="filings-title">Filed reports</h1>
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
                <th scope="col">Filed</th>
                <th scope="col">Amends</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/admin/donations/filings/${r.id}`}>
                      {formatDay(r.fromDay)} to {formatDay(r.toDay)}
                    </Link>
                  </td>
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
