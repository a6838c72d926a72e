/**
 * The props each email template takes. Producers enqueue with these shapes; the sender renders
 * them with the PAC's identity and disclaimer (from settings) and, for list mail, the
 * unsubscribe link, which producers never pass.
 * Money is integer cents; instants are UTC ISO strings.
 */
import type { TemplateName } from "./template-names";

export interface TemplateProps {
  "donation-receipt": {
    donorName: string;
    amountCents: number;
    currency: string;
    receivedAt: string;
    recurring: boolean;
    /** Where a monthly donor cancels; null for one-time gifts. */
    manageUrl: string | null;
    donationId: number;
  };
  "donation-info-request": { donorName: string; amountCents: number; updateUrl: string };
  "volunteer-welcome": { firstName: string };
  "volunteer-staff-notice": {
    volunteerName: string;
    email: string;
    phone: string | null;
    area: string;
    interests: string[];
    availability: string;
    adminUrl: string;
  };
  "referral-thank-you": { firstName: string; suggestedName: string; followUrl: string };
  "referral-staff-notice": {
    referrerName: string;
    referrerEmail: string;
    suggestedName: string;
    office: string;
    reason: string;
    adminUrl: string;
  };
  "referral-invite": {
    suggestedName: string;
    referrerName: string | null;
    office: string;
    optInUrl: string;
    optOutUrl?: string;
  };
  "tip-staff-notice": { name: string; email: string; area: string; text: string; adminUrl: string };
  "subscription-confirm": { firstName: string; lists: string[]; confirmUrl: string };
  /** records: the measures the update cites, as record cards (absent on rows queued before cards existed) */
  "impact-update": {
    title: string;
    summary: string;
    bodyMarkdown: string;
    url: string;
    records?: EmailMeasureRecord[];
  };
  "staff-password-reset": { resetUrl: string; expiresInMinutes: number };
}

// Fails to compile when a template name has no props declared, or the other way round.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const propsCoverAllTemplates: Exact<keyof TemplateProps, TemplateName> = true;

/** One roll call of a measure an impact update cites, as the email's record card shows it. */
export interface EmailMeasureRecord {
  title: string;
  bodyName: string;
  kind: string;
  /** the vote's date, already written out in the PAC's time zone */
  date: string;
  preferredVote: "yes" | "no" | null;
  result: "passed" | "failed";
  tally: { yes: number; no: number; abstain: number; absent: number };
  tallyText: string;
  roll: Array<{ name: string; option: "yes" | "no" | "abstain" | "absent"; endorsed: boolean }>;
  sourceUrl: string | null;
  /** the measure's page on the site */
  url: string;
}
