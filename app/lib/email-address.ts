/**
 * The one rule for an email address, used by every entry point (public forms, the CSV import,
 * staff entry), so that nothing stored is refused by the provider later. It is at least as
 * strict as Resend, which accepts `email@example.com` (or `Name <email@example.com>`):
 * - a dot-atom local part (RFC 5322 §3.2.3 atext, no quotes, no leading, trailing or double
 *   dots), at most 64 characters (RFC 5321 §4.5.3.1.1);
 * - a domain of dot-separated LDH labels (RFC 1035 §2.3.1, at most 63 characters each) ending in
 *   a top-level domain of letters, so no bare host, no IP literal, no stray punctuation such as
 *   the trailing comma of `ana@gmail.com,`;
 * - at most 254 characters in all (RFC 5321 §4.5.3.1.3 path limit less the angle brackets).
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,63}$/;

export const EMAIL_ADDRESS_MAX = 254;
export const EMAIL_ADDRESS_MESSAGE = "Enter a valid email address, like name@example.org.";

export function isValidEmailAddress(value: string): boolean {
  if (value.length > EMAIL_ADDRESS_MAX) return false;
  const at = value.lastIndexOf("@");
  if (at < 1) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split(".");
  return (
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    TLD.test(labels[labels.length - 1])
  );
}

/** The identity of an address for dedupe: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A sender as Resend takes it: `email@example.com` or `Name <email@example.com>`, the name
 * without angle brackets or quotes of its own.
 */
export function isValidFromAddress(value: string): boolean {
  const named = /^([^<>"]*?)\s*<([^<>\s]+)>$/.exec(value.trim());
  return isValidEmailAddress(named ? named[2] : value.trim());
}
