/**
 * Every email the app sends, by template name. Producers enqueue by these names (with the props
 * each template declares in emails/); the sender renders them. Keep in step with emails/index.ts.
 */
export const TEMPLATE_NAMES = [
  "donation-receipt",
  "donation-info-request",
  "volunteer-welcome",
  "volunteer-staff-notice",
  "referral-thank-you",
  "referral-staff-notice",
  "referral-invite",
  "tip-staff-notice",
  "subscription-confirm",
  "impact-update",
  "staff-password-reset",
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];
