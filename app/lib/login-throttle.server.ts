import { RateLimiter } from "./rate-limit.server";
import { normalizeEmail } from "./email-address";

const WINDOW_MS = 15 * 60 * 1000;
// An office shares one address, so the per-IP allowance is wider than the per-account one.
const byIp = new RateLimiter(30, WINDOW_MS);
const byEmail = new RateLimiter(5, WINDOW_MS);

/** Only failures count, so staff who sign in correctly never lock themselves out. */
export function checkLoginAllowed(ip: string, email: string): boolean {
  return !byIp.isOver(ip) && !byEmail.isOver(normalizeEmail(email));
}

export function recordLoginFailure(ip: string, email: string) {
  byIp.hit(ip);
  byEmail.hit(normalizeEmail(email));
}

export function recordLoginSuccess(email: string) {
  byEmail.reset(normalizeEmail(email));
}
