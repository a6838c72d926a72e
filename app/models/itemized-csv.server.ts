/**
 * The itemized contributions CSV: one line per itemized gift, written by the shared CSV writer
 * (app/lib/csv.ts: byte-order mark, CRLF). The streamed download reads on the export worker; the
 * in-thread version (tests, scripts) reads the same query here and gives the same bytes.
 */
import { databaseFile } from "#db/client";
import { centsToDecimal, csvLine, csvStart } from "~/lib/csv";
import { BATCH_ROWS, itemizedBatchesFromWorker } from "./itemized-export.server";
import { ROW_WIDTH, readItemizedRows, type ReportScope } from "./itemized-query.server";

export const ITEMIZED_CSV_HEADER = [
  "donation_id",
  "full_name",
  "street",
  "city",
  "state",
  "zip",
  "employer",
  "occupation",
  "date",
  "method",
  "amount",
  "refunded",
  "aggregate_for_period",
  "period",
  "stripe_fee",
  "net",
];

/** A function from a calendar instant to its PAC-calendar day, converting once per hour of data. */
export function dayOfInstant(timeZone: string): (instant: string) => string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  // Days change with the hour at most, so one time-zone conversion per hour of data is enough.
  const dayByHour = new Map<string, string>();
  return (instant) => {
    const hour = instant.slice(0, 13);
    let day = dayByHour.get(hour);
    if (!day) {
      const parts = format.formatToParts(new Date(instant));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
      day = `${get("year")}-${get("month")}-${get("day")}`;
      if (dayByHour.size > 100_000) dayByHour.clear();
      dayByHour.set(hour, day);
    }
    return day;
  };
}

/** Builds the function that turns the row at offset `o` of `r` (a row, or a batch of rows laid end
 *  to end, in the columns of READ_ITEMIZED_SQL) into a CSV line. */
function lineWriter(timeZone: string) {
  const dayOf = dayOfInstant(timeZone);
  return (r: ArrayLike<unknown>, o = 0): string => {
    const firstName = r[o + 2] as string;
    const lastName = r[o + 3] as string;
    const amount = r[o + 12] as number;
    const refunded = r[o + 13] as number;
    const disputed = r[o + 14] as number;
    const fee = r[o + 15] as number | null;
    return csvLine([
      r[o],
      lastName ? `${firstName} ${lastName}` : firstName,
      r[o + 4],
      r[o + 5],
      r[o + 6],
      r[o + 7],
      r[o + 8],
      r[o + 9],
      dayOf(r[o + 10] as string),
      r[o + 11],
      centsToDecimal(amount),
      centsToDecimal(refunded),
      centsToDecimal(r[o + 17] as number),
      r[o + 16],
      centsToDecimal(fee),
      centsToDecimal(amount - refunded - disputed - (fee ?? 0)),
    ]);
  };
}

/** The CSV as chunks of text, computed in this thread (tests, scripts). */
export function* itemizedCsvChunks(
  scope: ReportScope,
  file = databaseFile(),
  rowsPerChunk = BATCH_ROWS,
): Generator<string> {
  const line = lineWriter(scope.timeZone);
  yield csvStart(ITEMIZED_CSV_HEADER);
  let chunk = "";
  let rows = 0;
  for (const r of readItemizedRows(scope, file)) {
    chunk += line(r);
    if (++rows >= rowsPerChunk) {
      yield chunk;
      chunk = "";
      rows = 0;
    }
  }
  if (chunk) yield chunk;
}

/** The CSV as chunks of text for a streamed download, read on the export worker; memory stays
 *  flat whatever the range. */
export async function* itemizedCsvStream(scope: ReportScope, file = databaseFile()): AsyncGenerator<string> {
  const line = lineWriter(scope.timeZone);
  yield csvStart(ITEMIZED_CSV_HEADER);
  for await (const batch of itemizedBatchesFromWorker(scope, file)) {
    let chunk = "";
    for (let o = 0; o < batch.length; o += ROW_WIDTH) chunk += line(batch, o);
    yield chunk;
  }
}
