/** The email lists a person can join, with the words shown for each; safe for browser code. */
import { EMAIL_LISTS, type EmailList } from "#db/enums";

export { EMAIL_LISTS, type EmailList };

export const LIST_LABELS: Record<EmailList, string> = {
  updates: "Impact updates: what the officials we endorsed did",
  fundraising: "Fundraising appeals",
  volunteer: "Volunteer opportunities",
};
