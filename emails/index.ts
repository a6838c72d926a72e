/**
 * The email registry: every email the app sends, by template name. Each is defined once in its
 * own file with `defineEmail` (props, component, subject, preview props); the template names,
 * the props producers enqueue with, the outbox filter, the staff previews and the tests all read
 * this one object. A template file left out of it fails tests/unit/email-templates.test.tsx.
 * Server code only: browser code gets the names from a loader.
 */
import type { PropsOf } from "./define";
import donationReceipt from "./donation-receipt";
import donationInfoRequest from "./donation-info-request";
import volunteerWelcome from "./volunteer-welcome";
import volunteerStaffNotice from "./volunteer-staff-notice";
import referralThankYou from "./referral-thank-you";
import referralStaffNotice from "./referral-staff-notice";
import referralInvite from "./referral-invite";
import tipStaffNotice from "./tip-staff-notice";
import subscriptionConfirm from "./subscription-confirm";
import impactUpdate from "./impact-update";
import staffPasswordReset from "./staff-password-reset";
import planLimitPaused from "./plan-limit-paused";

export const EMAILS = {
  "donation-receipt": donationReceipt,
  "donation-info-request": donationInfoRequest,
  "volunteer-welcome": volunteerWelcome,
  "volunteer-staff-notice": volunteerStaffNotice,
  "referral-thank-you": referralThankYou,
  "referral-staff-notice": referralStaffNotice,
  "referral-invite": referralInvite,
  "tip-staff-notice": tipStaffNotice,
  "subscription-confirm": subscriptionConfirm,
  "impact-update": impactUpdate,
  "staff-password-reset": staffPasswordReset,
  "plan-limit-paused": planLimitPaused,
};

export type TemplateName = keyof typeof EMAILS;

/** The props each email takes; money is integer cents, instants UTC ISO strings. */
export type TemplateProps = { [T in TemplateName]: PropsOf<(typeof EMAILS)[T]> };

export const TEMPLATE_NAMES = Object.keys(EMAILS) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(EMAILS, name);
}

export type { EmailBrand, EmailFrame } from "./components/layout";
