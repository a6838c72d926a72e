/**
 * Sign-in throttling that a stranger cannot turn against the owner of an account.
 *
 * Per account: failed attempts from anywhere make every later attempt on that account wait
 * longer before its password is checked (a progressive delay, doubling up to a cap), so guessing
 * slows to a crawl while the owner, with the right password, still gets in after the wait.
 * Per address: a client that keeps failing is refused outright; that refuses only that client.
 */
import { RateLimiter } from "./rate-limit.server";
import { normalizeEmail } from "./email-address";

const WINDOW_MS = 15 * 60 * 1000;
// An office shares one address, so the per-IP allowance is generous.
const byIp = new RateLimiter(30, WINDOW_MS);
const failuresByEmail = new Map<string, { count: number; resetAt: number }>();

const FREE_FAILURES = 2;
const BASE_DELAY_MS = 250;
export const MAX_LOGIN_DELAY_MS = 10_000;

/** False when this address has failed too often; only that address is refused. */
export function checkLoginAllowed(ip: string): boolean {
  return !byIp.isOver(ip);
}

function failures(email: string, now: number): number {
  const entry = failuresByEmail.get(normalizeEmail(email));
  return entry && entry.resetAt > now ? entry.count : 0;
}

/** How long an attempt on this account waits before its password is checked. */
export function loginDelayMs(email: string, now = Date.now()): number {
  const n = failures(email, now) - FREE_FAILURES;
  return n <= 0 ? 0 : Math.min(MAX_LOGIN_DELAY_MS, BASE_DELAY_MS * 2 ** (n - 1));
}

export function recordLoginFailure(ip: string, email: string, now = Date.now()) {
  byIp.hit(ip, now);
  const key = normalizeEmail(email);
  const entry = failuresByEmail.get(key);
  if (!entry || entry.resetAt <= now) {
    if (failuresByEmail.size > 50_000) {
      for (const [k, e] of failuresByEmail) if (e.resetAt <= now) failuresByEmail.delete(k);
    }
    failuresByEmail.set(key, { count: 1, resetAt: now + WINDOW_MS });
  } else entry.count += 1;
}

export function recordLoginSuccess(email: string) {
  failuresByEmail.delete(normalizeEmail(email));
}
