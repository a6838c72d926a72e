import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";

// Signed with the session secret so a link can prove which record it is for without a stored token.
const secret = () => env().SESSION_SECRET ?? "development-only-session-secret";

function sign(purpose: string, id: number): string {
  return createHmac("sha256", secret()).update(`${purpose}:${id}`).digest("base64url").slice(0, 32);
}

export function signedToken(purpose: string, id: number): string {
  return `${id}.${sign(purpose, id)}`;
}

/** The id the token was made for, or null when it was not signed by us for this purpose. */
export function verifySignedToken(purpose: string, token: string): number | null {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(sign(purpose, id));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
