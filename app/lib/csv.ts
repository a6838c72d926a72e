/**
 * CSV writing for every export (RFC 4180): CRLF line ends, and a byte-order mark at the start of a
 * downloaded file so that spreadsheet programs read it as UTF-8. One writer, one convention.
 */

/** Starts every downloaded CSV file. */
export const CSV_BOM = "\uFEFF";

// A spreadsheet runs a cell that starts with one of these as a formula; exported text from the
// public forms must never do that. A plain signed number ("-6.10") is a number, not a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "," : "") + csvCell(values[i]);
  return line + "\r\n";
}

/** The start of a downloaded CSV file: the byte-order mark and the header line. */
export function csvStart(header: readonly string[]): string {
  return CSV_BOM + csvLine(header);
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/** Cents as dollars with two decimals ("-1.50"), by integer arithmetic: no floating point on money. */
export function centsToDecimal(cents: number | null | undefined): string {
  if (cents == null) return "";
  const abs = cents < 0 ? -cents : cents;
  const rest = abs % 100;
  return `${cents < 0 ? "-" : ""}${(abs - rest) / 100}.${rest < 10 ? "0" : ""}${rest}`;
}
