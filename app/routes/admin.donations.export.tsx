import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDayRange } from "~/lib/donation-filters";
import { requireStaff } from "~/lib/session.server";
import { itemizedExport } from "~/models/itemized-contributions.server";

/** The itemized contributions of a date range as CSV, streamed chunk by chunk. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { filename, chunks } = itemizedExport(parseDayRange(new URL(request.url).searchParams));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Each chunk is synchronous database work: let other requests and the socket run between them.
      await new Promise((resolve) => setImmediate(resolve));
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      // Closes the read-only connection the generator holds.
      chunks.return(undefined);
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
