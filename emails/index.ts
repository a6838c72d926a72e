/**
 * Every template by name: its component, subject and demo props. The sender and the admin
 * previews render through `renderEmail` in emails/render.tsx.
 */
import type { TemplateName } from "./template-names";
import type { EmailDefinition } from "./define";
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

export const EMAILS: { [T in TemplateName]: EmailDefinition<T> } = {
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
};

export { TEMPLATE_NAMES, type TemplateName } from "./template-names";
export type { EmailBrand, EmailFrame } from "./components/layout";
