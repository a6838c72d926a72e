/**
 * Signed tokens for the links in emails: unsubscribe and preferences (no login, RFC 8058) and
 * the double opt-in confirmation. The token carries the contact and the list it is about and an
 * HMAC, so no token table is needed and a link keeps working as long as the secret is unchanged.
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
}

function mac(purpose: Purpose, body: string): string {
  return sign("email-token", `${purpose}.${body}`, 27);
}

export function signEmailToken(purpose: Purpose, data: EmailTokenData): string {
  const body = `${data.contactId}-${data.lists.map((l) => EMAIL_LISTS.indexOf(l)).join("")}`;
  return `${body}.${mac(purpose, body)}`;
}

export function verifyEmailToken(purpose: Purpose, token: string | null | undefined): EmailTokenData | null {
  const match = /^(\d{1,12})-([0-9]{0,3})\.([A-Za-z0-9_-]{27})$/.exec(token ?? "");
  if (!match) return null;
  if (!signatureMatches(mac(purpose, `${match[1]}-${match[2]}`), match[3])) return null;
  const lists = [...match[2]].map((i) => EMAIL_LISTS[Number(i)]).filter(Boolean);
  return { contactId: Number(match[1]), lists: [...new Set(lists)] };
}
