import type { AppLoadContext } from "@remix-run/node";
import { RateLimiter } from "./rate-limit.server";
import { clientIp } from "./client-ip.server";

// Generous for a household sharing one address, tight enough that a script cannot fill the
// volunteer list or the staff inbox.
const limiter = new RateLimiter(10, 15 * 60 * 1000);

export const RATE_LIMITED_MESSAGE = "Too many submissions from your connection. Please wait 15 minutes and try again.";

/** Counts one submission of `form` from this client; false when it is over the limit. */
export function allowPublicSubmission(context: AppLoadContext | undefined, form: string): boolean {
  return limiter.hit(`${form}:${clientIp(context)}`);
}
