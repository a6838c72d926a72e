import { CSV_BOM, toCsv } from "./csv";

/** A CSV download, in the one convention of app/lib/csv.ts (byte-order mark, CRLF). */
export function csvResponse(name: string, header: readonly string[], rows: Iterable<readonly unknown[]>): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(CSV_BOM + toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
