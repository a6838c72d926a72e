import type { MatchReviewReason } from "#db/enums";

/** Why a gift waits for staff (app/models/donor-matching.server.ts), in staff's words. */
export const REVIEW_REASON_TEXT: Record<MatchReviewReason, string> = {
  address_close: "Same name; the address differs only slightly.",
  first_name_variant: "Same email, last name and address; the first name is written differently.",
  address_differs_same_email: "Same name and email at a different address.",
  no_address: "Same name; the gift has no address or email to tell them apart.",
};
