/** Shared pieces of the webhook payload schemas (Stripe and Resend). */
import { z } from "zod";

// Stripe launched in 2011; a date before that or more than a day ahead is a corrupt payload.
const EARLIEST_MS = Date.UTC(2011, 0, 1);
const saneMs = (ms: number) => ms >= EARLIEST_MS && ms <= Date.now() + 24 * 60 * 60 * 1000;

/** A unix time in seconds, as Stripe sends them. */
export const unixSeconds = z
  .number()
  .int()
  .refine((s) => saneMs(s * 1000), "is not a plausible time");

/** An ISO 8601 instant, as Resend sends them. */
export const isoInstant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s) && saneMs(Date.parse(s)), "is not a plausible ISO date");

/** The first problem Zod found, as "path: message" for the rejected-webhook record. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join(".") : "payload";
  return `${where}: ${issue.message}`.slice(0, 500);
}

/** What a malformed event still tells us, for the record: its id and type when they are strings. */
export function idAndType(payload: unknown, idKey = "id"): { eventId: string | null; eventType: string | null } {
  const p = payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
  const pick = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : null);
  return { eventId: pick(p[idKey]), eventType: pick(p.type) };
}
