/**
 * The staff donations list's query string, parsed leniently: a bad value is dropped rather than
 * failing the page, so an old bookmark still opens.
 */
import { z } from "zod";
import { DONATION_KINDS, DONATION_METHODS, DONATION_STATUSES } from "#db/enums";
import { isValidDay } from "./time-zone";

const day = z.string().refine(isValidDay);

export const donationFiltersSchema = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  status: z.enum(DONATION_STATUSES).optional().catch(undefined),
  kind: z.enum(DONATION_KINDS).optional().catch(undefined),
  method: z.enum(DONATION_METHODS).optional().catch(undefined),
  refcode: z
    .string()
    .trim()
    .max(64)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export function parseDonationFilters(searchParams: URLSearchParams) {
  return donationFiltersSchema.parse(Object.fromEntries([...searchParams].filter(([, v]) => v !== "")));
}

/** A date range from the query; missing or bad days are left for the model's defaults. */
export function parseDayRange(searchParams: URLSearchParams): { from?: string; to?: string } {
  const from = searchParams.get("from") ?? "";
  const to = searchParams.get("to") ?? "";
  return { from: isValidDay(from) ? from : undefined, to: isValidDay(to) ? to : undefined };
}

/** A report request from the query: a range of days, or a report period's key (validated by the
 *  model against the profile's periods). */
export function parseReportRequest(searchParams: URLSearchParams): {
  from?: string;
  to?: string;
  period?: string;
  account?: string;
} {
  const period = searchParams.get("period") ?? "";
  const account = searchParams.get("account") ?? "";
  return {
    ...parseDayRange(searchParams),
    period: /^\d{4}-[a-z-]{1,40}$/.test(period) ? period : undefined,
    // Checked against the known accounts where the report is built (an unknown one reads as the main).
    account: /^[a-z_]{1,40}$/.test(account) ? account : undefined,
  };
}
