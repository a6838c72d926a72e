import type { LoaderFunctionArgs } from "@remix-run/node";
import { normalizeFecId, parseDownload } from "~/lib/report-download";
import { parseReportRequest } from "~/lib/donation-filters";
import { requireStaff } from "~/lib/session.server";
import { cfisCsvText } from "~/models/cfis-contributions.server";
import { fecFileText, scheduleCsvText } from "~/models/fec-schedules.server";
import { filedSnapshot, getFiledReport } from "~/models/filed-reports.server";
import { reportScope } from "~/models/filing-report.server";
import { fecSchedulesFor, reportFiles } from "~/models/report-files.server";

function refuse(message: string, status = 400) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * A filing file: the FEC schedules (.fec records or a CSV of the same rows) or the New Mexico
 * contributions file, for a range or report period as it stands now, or (`filed=<id>`) exactly as
 * a filed report froze it. The report pages validate the committee id next to its field first.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const kind = parseDownload(params.get("kind"));
  if (!kind) return refuse("Choose a file: fec, fec-csv or cfis.");
  const filedId = params.get("filed");
  let files;
  let name: string;
  if (filedId) {
    const report = /^\d{1,12}$/.test(filedId) ? getFiledReport(Number(filedId)) : undefined;
    if (!report) return refuse("No such filed report.", 404);
    files = filedSnapshot(report).files ?? {};
    name = `filed-report-${report.id}`;
  } else {
    const scope = reportScope(parseReportRequest(params));
    files = reportFiles(scope).files;
    name = scope.period ? scope.period.key : `${scope.fromDay}-to-${scope.toDay}`;
  }
  let body: string;
  let type = "text/csv; charset=utf-8";
  let extension = "csv";
  if (kind === "cfis") {
    if (!files.cfis) return refuse("This report has no New Mexico contributions file.", 404);
    body = cfisCsvText(files.cfis);
    name = `nm-contributions-${name}`;
  } else {
    const fecId = normalizeFecId(params.get("fecId"));
    if (!fecId) return refuse("Enter the committee's FEC ID: the letter C and eight digits.");
    const schedules = fecSchedulesFor(files, fecId);
    if (!schedules) return refuse("This report has no FEC schedules.", 404);
    if (kind === "fec") {
      body = fecFileText(schedules);
      type = "text/plain; charset=us-ascii";
      extension = "fec";
    } else body = scheduleCsvText(schedules);
    name = `form-3x-schedules-${name}`;
  }
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}.${extension}"`,
      "Cache-Control": "no-store",
    },
  });
}
