/**
 * Signed tokens for the links in emails: unsubscribe and preferences (no login, RFC 8058) and
 * the double opt-in confirmation. The token carries the contact and the lists it is about, by
 * name, and an HMAC, so no token table is needed and reordering or extending EMAIL_LISTS never
 * changes what a link already sent does. Unsubscribe links work as long as the secret is
 * unchanged (RFC 8058); a confirmation link also carries the time it was issued, so it expires
 * (CONFIRM_LINK_TTL_MS) and cannot undo an unsubscribe made after it was sent.
 * Keyed from SESSION_SECRET with a purpose label, so a session cookie signature can never pass
 * for an email token or the other way round.
 *
 * Format: `<contact>~<list>_<list>[~<issued, base 36 seconds>].<mac>`. Links mailed before lists
 * were named carry `<contact>-<digits>[-<issued>].<mac>`, each digit a position in
 * LEGACY_LIST_POSITIONS; they keep working with their original meaning.
 */
import { EMAIL_LISTS, type EmailList } from "#db/enums";
import { sign, signatureMatches } from "./signing.server";

export type { EmailList };
type Purpose = "unsubscribe" | "confirm";

export interface EmailTokenData {
  contactId: number;
  /** The lists the link is about; the preferences page shows all of them. */
  lists: EmailList[];
  /** When a confirmation link was issued (ms since the epoch, to the second). */
  issuedAt?: number;
}

export const CONFIRM_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The order EMAIL_LISTS had while tokens carried positions. Frozen: a digit in an old link means
 * the list at that position here, whatever EMAIL_LISTS says now. Never edit or reorder it.
 */
export const LEGACY_LIST_POSITIONS: readonly string[] = Object.freeze(["updates", "fundraising", "volunteer"]);

/** List names go into the token as they are, so they must stay clear of its separators. */
const LIST_NAME = /^[a-z][a-z0-9-]*$/;

function mac(purpose: Purpose, body: string): string {
  return sign("email-token", `${purpose}.${body}`, 27);
}

function knownLists(names: readonly (string | undefined)[]): EmailList[] {
  const known = new Set<string>(EMAIL_LISTS);
  return [...new Set(names.filter((n): n is EmailList => n !== undefined && known.has(n)))];
}

export function signEmailToken(purpose: Purpose, data: EmailTokenData, now = Date.now()): string {
  for (const list of data.lists) if (!LIST_NAME.test(list)) throw new Error(`List name unfit for a token: ${list}`);
  let body = `${data.contactId}~${data.lists.join("_")}`;
  if (purpose === "confirm") body += `~${Math.floor((data.issuedAt ?? now) / 1000).toString(36)}`;
  return `${body}.${mac(purpose, body)}`;
}

const CURRENT = /^(\d{1,12})~([a-z0-9_-]{0,200})(?:~([0-9a-z]{1,8}))?\.([A-Za-z0-9_-]{27})$/;
const LEGACY = /^(\d{1,12})-([0-9]{0,3})(?:-([0-9a-z]{1,8}))?\.([A-Za-z0-9_-]{27})$/;

/** The token's data, or null when it is forged, malformed or (a confirmation) expired. */
export function verifyEmailToken(
  purpose: Purpose,
  token: string | null | undefined,
  now = Date.now(),
): EmailTokenData | null {
  const current = CURRENT.exec(token ?? "");
  const legacy = current ? null : LEGACY.exec(token ?? "");
  const match = current ?? legacy;
  if (!match) return null;
  const [, contactId, listPart, issued, signature] = match;
  if ((purpose === "confirm") !== (issued !== undefined)) return null;
  const sep = current ? "~" : "-";
  const body = `${contactId}${sep}${listPart}${issued !== undefined ? `${sep}${issued}` : ""}`;
  if (!signatureMatches(mac(purpose, body), signature)) return null;
  const lists = current
    ? knownLists(listPart ? listPart.split("_") : [])
    : knownLists([...listPart].map((digit) => LEGACY_LIST_POSITIONS[Number(digit)]));
  if (issued === undefined) return { contactId: Number(contactId), lists };
  const issuedAt = parseInt(issued, 36) * 1000;
  if (now - issuedAt > CONFIRM_LINK_TTL_MS || issuedAt - now > 60_000) return null;
  return { contactId: Number(contactId), lists, issuedAt };
}
