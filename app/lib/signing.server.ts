/**
 * The app's one signing key and HMAC, behind session cookies and every link that acts without a
 * login (unsubscribe, opt-in, a donor's manage and details links).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";

/** Outside production a fixed secret keeps `npm run dev` and the tests working without set-up;
 *  production refuses to start without SESSION_SECRET (env.server.ts). */
export function appSecret(): string {
  return env().SESSION_SECRET ?? "development-only-session-secret";
}

/** HMAC-SHA256 under a key derived per `domain`, so a signature made for one kind of link never
 *  passes for another; base64url, cut to `length` characters. */
export function sign(domain: string, message: string, length = 32): string {
  return createHmac("sha256", `${domain}:${appSecret()}`).update(message).digest("base64url").slice(0, length);
}

/** Constant-time comparison of a signature we computed with one we were given. */
export function signatureMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
