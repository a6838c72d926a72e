/**
 * Staff passwords: one length rule, shown on the form and enforced on the server. NIST SP 800-63B
 * §5.1.1.2 asks at least 8 characters; staff accounts reach donors' data, so we ask 12.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** The message for a password shorter than the rule, the same on every form that sets one. */
export const PASSWORD_TOO_SHORT = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;

/** How long an emailed password-reset link works. */
export const RESET_TTL_MINUTES = 30;
