/**
 * The values of every enum column, kept apart from the drizzle schema so that browser code can
 * import them without shipping drizzle's SQLite core (db/schema.ts re-exports them for the server).
 */
export const STAFF_ROLES = ["admin", "staff"] as const;
export const CANDIDACY_OUTCOMES = ["won", "lost", "runoff", "pending"] as const;
export const ENDORSEMENT_STATUSES = ["considering", "endorsed", "declined", "rescinded"] as const;
export const ELECTION_KINDS = ["primary", "general", "regular", "special", "runoff"] as const;
export const TERM_ROLES = ["member", "chair", "vice_chair", "secretary"] as const;
export const MEASURE_KINDS = ["resolution", "policy", "budget", "ordinance", "other"] as const;
export const PAC_POSITIONS = ["support", "oppose", "none"] as const;
export const VOTE_RESULTS = ["passed", "failed"] as const;
export const VOTE_OPTIONS = ["yes", "no", "abstain", "absent"] as const;
/** The side the PAC wants on one roll call; a roll call with none is not scored. */
export const PREFERRED_VOTES = ["yes", "no"] as const;
/** How a body decides a motion: a majority of the members voting yes or no, or of all its seats. */
export const PASSING_RULES = ["majority_of_voting", "majority_of_body"] as const;
export const DONATION_STATUSES = [
  "pending",
  "succeeded",
  "failed",
  "refunded",
  "partially_refunded",
  "disputed",
] as const;
export const DONATION_KINDS = ["one_time", "recurring"] as const;
export const DONATION_METHODS = ["card", "check", "cash", "in_kind"] as const;
export const PLAN_STATUSES = ["pending", "active", "past_due", "canceled"] as const;
export const VOLUNTEER_STATUSES = ["new", "contacted", "active", "inactive"] as const;
export const REFERRAL_STATUSES = ["new", "contacted", "questionnaire", "interviewed", "endorsed", "declined"] as const;
export const TIP_STATUSES = ["new", "reviewing", "closed"] as const;
export const UPDATE_VISIBILITIES = ["draft", "public", "members"] as const;
export const EMAIL_LISTS = ["updates", "fundraising", "volunteer"] as const;
export type EmailList = (typeof EMAIL_LISTS)[number];
export const SUPPRESSION_REASONS = ["bounce", "complaint", "manual"] as const;
export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed", "held"] as const;
/** Why the sender stopped: the provider refused the account or its setup, or a quota ran out. */
export const SENDER_HALT_KINDS = ["account", "quota"] as const;
/**
 * Movements of money in the ledger (money_entries). Each is signed by its effect on the PAC's
 * money: a receipt and the reversal of a failed refund or a won dispute add; a refund, a
 * dispute's withdrawal and a processing fee take away.
 */
export const MONEY_ENTRY_KINDS = [
  "receipt",
  "refund",
  "refund_reversal",
  "dispute_withdrawal",
  "dispute_reinstatement",
  "fee",
] as const;
export type MoneyEntryKind = (typeof MONEY_ENTRY_KINDS)[number];
/**
 * Who a contribution comes from. Federal PACs may not take corporate or union treasury money
 * (52 U.S.C. 30118(a)); New Mexico reports tell individuals from entities (NMSA 1978 § 1-19-31).
 */
export const CONTRIBUTOR_TYPES = ["individual", "business", "union", "political_committee", "party", "other"] as const;
export type ContributorType = (typeof CONTRIBUTOR_TYPES)[number];
/** A likely-but-uncertain donor match waiting for staff, and their decision. */
export const MATCH_REVIEW_STATUSES = ["open", "same_person", "different_person"] as const;
/** Why a gift was not matched for certain (app/models/donor-matching.server.ts). */
export const MATCH_REVIEW_REASONS = [
  "address_close",
  "first_name_variant",
  "address_differs_same_email",
  "no_address",
] as const;
export type MatchReviewReason = (typeof MATCH_REVIEW_REASONS)[number];

/**
 * How an excessive contribution is cured within its deadline (11 CFR 103.3(b)(3)): the excess
 * refunded (by Stripe or by a PAC check) or reattributed to another contributor (11 CFR
 * 110.1(k)(3)). Redesignation to another election (11 CFR 110.1(b)(5)) is for contributions to a
 * candidate's authorized committee, not to a PAC, and is not offered. Each compliance profile
 * lists the ones its law allows.
 */
export const EXCESS_REMEDIES = ["stripe_refund", "check_refund", "reattribution"] as const;
export type ExcessRemedy = (typeof EXCESS_REMEDIES)[number];
/** Moves of a gift's counted amount that move no money: to another contributor (11 CFR 110.1(k)(3)). */
export const ATTRIBUTION_KINDS = ["reattribution"] as const;
/** How a best-efforts follow-up reaches the donor: by email, or a printed letter when there is no email. */
export const INFORMATION_REQUEST_CHANNELS = ["email", "letter"] as const;
