/**
 * Signed tokens for the links in emails: unsubscribe and preferences (no login, RFC 8058) and
 * the double opt-in confirmation. The token carries the contact and the list it is about and an
 * HMAC, so no token table is needed. Unsubscribe links work as long as the secret is unchanged
 * (RFC 8058); a confirmation link also carries the time it was issued, so it expires
 * (CONFIRM_LINK_TTL_MS) and cannot undo an unsubscribe made after it was sent.
 * Keyed from SESSION_SECRET with a purpose label, so a session cookie signature can never pass
 * for an email token or the other way round.
 */
import { EMAIL_LISTS, type EmailList } from "#db/schema";
import { sign, signatureMatches } from "./signing.server";

export type { EmailList };
type Purpose = "unsubscribe" | "confirm";

export interface EmailTokenData {
  contactId: number;
  /** The list the link is about; the preferences page shows all of them. */
  lists: EmailList[];
  /** When a confirmation link was issued (ms since the epoch, to the second). */
  issuedAt?: number;
}

export const CONFIRM_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function mac(purpose: Purpose, body: string): string {
  return sign("email-token", `${purpose}.${body}`, 27);
}

export function signEmailToken(purpose: Purpose, data: EmailTokenData, now = Date.now()): string {
  let body = `${data.contactId}-${data.lists.map((l) => EMAIL_LISTS.indexOf(l)).join("")}`;
  if (purpose === "confirm") body += `-${Math.floor((data.issuedAt ?? now) / 1000).toString(36)}`;
  return `${body}.${mac(purpose, body)}`;
}

/** The token's data, or null when it is forged, malformed or (a confirmation) expired. */
export function verifyEmailToken(
  purpose: Purpose,
  token: string | null | undefined,
  now = Date.now(),
): EmailTokenData | null {
  const match = /^(\d{1,12})-([0-9]{0,3})(?:-([0-9a-z]{1,8}))?\.([A-Za-z0-9_-]{27})$/.exec(token ?? "");
  if (!match) return null;
  const [, contactId, listDigits, issued, signature] = match;
  if ((purpose === "confirm") !== (issued !== undefined)) return null;
  const body = `${contactId}-${listDigits}${issued !== undefined ? `-${issued}` : ""}`;
  if (!signatureMatches(mac(purpose, body), signature)) return null;
  const lists = [...new Set([...listDigits].map((i) => EMAIL_LISTS[Number(i)]).filter(Boolean))];
  if (issued === undefined) return { contactId: Number(contactId), lists };
  const issuedAt = parseInt(issued, 36) * 1000;
  if (now - issuedAt > CONFIRM_LINK_TTL_MS || issuedAt - now > 60_000) return null;
  return { contactId: Number(contactId), lists, issuedAt };
}
