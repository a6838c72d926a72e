import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseReportRequest } from "~/lib/donation-filters";
import { requireStaff } from "~/lib/session.server";
import { itemizedExport } from "~/models/filing-report.server";

/** The itemized contributions of a date range as CSV, streamed chunk by chunk. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { filename, chunks } = itemizedExport(parseReportRequest(new URL(request.url).searchParams));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Produce no faster than the client reads, so memory stays flat however big the export.
      await context.responseDrained?.();
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      // Stops the worker and closes its read-only connection.
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      // no-transform: the server's gzip would cost more CPU than the download saves on a staff network.
      "Cache-Control": "no-store, no-transform",
    },
  });
}
