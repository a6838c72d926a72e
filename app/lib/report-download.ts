/**
 * The filing files a report page offers, and the query that asks for one. The FEC files need the
 * committee's FEC identification number (C and eight digits); a bad one is answered next to its
 * field, not by the download. Browser-safe.
 */
export const REPORT_DOWNLOADS = ["fec", "fec-csv", "cfis"] as const;
export type ReportDownload = (typeof REPORT_DOWNLOADS)[number];

export const FEC_ID_PATTERN = "C[0-9]{8}";
export const FEC_ID_MESSAGE = "Enter the committee's FEC ID: the letter C and eight digits, e.g. C00123456.";

export function parseDownload(value: string | null): ReportDownload | null {
  return (REPORT_DOWNLOADS as readonly string[]).includes(value ?? "") ? (value as ReportDownload) : null;
}

export function normalizeFecId(value: string | null): string | null {
  const id = (value ?? "").trim().toUpperCase();
  return new RegExp(`^${FEC_ID_PATTERN}$`).test(id) ? id : null;
}

/**
 * Where a download request goes: the file route with the same scope, or, when the committee id is
 * missing or malformed, an error for the page to show next to the field.
 */
export function downloadTarget(searchParams: URLSearchParams): { redirect: string } | { fecIdError: string } | null {
  const download = parseDownload(searchParams.get("download"));
  if (!download) return null;
  const query = new URLSearchParams();
  for (const key of ["from", "to", "period", "account", "filed"]) {
    const value = searchParams.get(key);
    if (value) query.set(key, value);
  }
  query.set("kind", download);
  if (download !== "cfis") {
    const fecId = normalizeFecId(searchParams.get("fecId"));
    if (!fecId) return { fecIdError: FEC_ID_MESSAGE };
    query.set("fecId", fecId);
  }
  return { redirect: `/admin/donations/filing-file?${query}` };
}
