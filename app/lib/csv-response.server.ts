import { toCsv } from "./csv";

/** A CSV download; the byte-order mark makes spreadsheet programs read it as UTF-8. */
export function csvResponse(name: string, header: readonly string[], rows: Iterable<readonly unknown[]>): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response("\uFEFF" + toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
