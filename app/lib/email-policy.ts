/**
 * Which mail ignores the suppression list. A suppressed address (bounced, complained, opted out
 * of invitations) gets no mail from us, with two exceptions it is owed whatever it asked: the
 * receipt for a gift it made and the security mail of a staff account.
 */
const SUPPRESSION_EXEMPT = new Set(["donation-receipt", "staff-password-reset"]);

export function isSuppressionExempt(template: string): boolean {
  return SUPPRESSION_EXEMPT.has(template);
}
