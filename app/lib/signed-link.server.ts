/**
 * Links in emails that act for a donor without an account (manage a monthly gift, add employer and
 * occupation): the path carries an HMAC, so only the link we sent opens the page.
 */
import { sign, signatureMatches } from "./signing.server";

export function signPath(purpose: string, id: number): string {
  return sign("signed-link", `${purpose}:${id}`);
}

export function verifyPathSignature(purpose: string, id: number, signature: string | null): boolean {
  return signatureMatches(signPath(purpose, id), signature);
}
