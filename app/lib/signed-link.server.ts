/**
 * Links in emails that act for a donor without an account (manage a monthly gift, add employer and
 * occupation): the path carries an HMAC, so only the link we sent opens the page.
 */
import crypto from "node:crypto";
import { env } from "./env.server";

const secret = () => env().SESSION_SECRET ?? "development-only-session-secret";

export function signPath(purpose: string, id: number): string {
  return crypto.createHmac("sha256", secret()).update(`${purpose}:${id}`).digest("base64url").slice(0, 32);
}

export function verifyPathSignature(purpose: string, id: number, signature: string | null): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signPath(purpose, id));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
