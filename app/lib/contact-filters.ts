import { z } from "zod";

/** The contact list's search and filters, read from the URL (shared by the list and its CSV export). */
export const contactFiltersSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  tag: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export function contactFiltersFrom(url: URL) {
  return contactFiltersSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
}
