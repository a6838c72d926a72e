import { z } from "zod";
import { VOLUNTEER_STATUSES } from "#db/enums";
import { VOLUNTEER_INTEREST_VALUES } from "./outreach-options";

/** The volunteer list's filters, read from the URL (a bad value is ignored, never an error). */
export const volunteerFiltersSchema = z.object({
  status: z.enum(VOLUNTEER_STATUSES).optional().catch(undefined),
  interest: z.enum(VOLUNTEER_INTEREST_VALUES).optional().catch(undefined),
  area: z.string().trim().max(100).optional().catch(undefined),
});

export function volunteerFiltersFrom(url: URL) {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return volunteerFiltersSchema.parse(raw);
}
