/**
 * The whole Champions CRM data model (DESIGN.md §2).
 *
 * Conventions:
 * - ids are integers; money is integer cents with CHECK (… >= 0);
 * - instants are UTC ISO-8601 strings (`2026-02-03T04:05:06.000Z`), calendar days `YYYY-MM-DD`;
 *   both sort correctly as text, which the indexes rely on;
 * - every enum column carries a CHECK so that SQLite itself refuses an unknown value.
 */
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  STAFF_ROLES,
  CANDIDACY_OUTCOMES,
  ENDORSEMENT_STATUSES,
  ELECTION_KINDS,
  TERM_ROLES,
  MEASURE_KINDS,
  PAC_POSITIONS,
  VOTE_RESULTS,
  VOTE_OPTIONS,
  DONATION_STATUSES,
  DONATION_KINDS,
  DONATION_METHODS,
  PLAN_STATUSES,
  VOLUNTEER_STATUSES,
  REFERRAL_STATUSES,
  TIP_STATUSES,
  UPDATE_VISIBILITIES,
  EMAIL_LISTS,
  SUPPRESSION_REASONS,
  OUTBOX_STATUSES,
  SENDER_HALT_KINDS,
  MONEY_ENTRY_KINDS,
  PREFERRED_VOTES,
  PASSING_RULES,
  CONTRIBUTOR_TYPES,
  MATCH_REVIEW_STATUSES,
  MATCH_REVIEW_REASONS,
  EXCESS_REMEDIES,
  ATTRIBUTION_KINDS,
  INFORMATION_REQUEST_CHANNELS,
} from "./enums";
import { COMPLIANCE_PROFILES } from "../app/lib/compliance-profiles";

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const createdAt = () => text("created_at").notNull().default(nowIso);
const updatedAt = () => text("updated_at").notNull().default(nowIso);

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

export * from "./enums";

// ───────────────────────────── People and organisation ─────────────────────────────

export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull().default(""),
    email: text("email"),
    /** lower-cased, trimmed; the identity used for dedupe. */
    emailNormalized: text("email_normalized"),
    phone: text("phone"),
    /** digits only, for search. */
    phoneDigits: text("phone_digits"),
    street: text("street"),
    city: text("city"),
    state: text("state"),
    zip: text("zip"),
    employer: text("employer"),
    occupation: text("occupation"),
    /** set when this row was merged into another; the row is kept so old links resolve. */
    mergedIntoId: integer("merged_into_id"),
    erasedAt: text("erased_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contacts_email_normalized_unique").on(t.emailNormalized),
    index("contacts_last_first_idx").on(t.lastName, t.firstName),
    index("contacts_phone_digits_idx").on(t.phoneDigits),
    index("contacts_created_at_idx").on(t.createdAt),
    check(
      "contacts_email_normalized_is_lower",
      sql`${t.emailNormalized} is null or ${t.emailNormalized} = lower(trim(${t.emailNormalized}))`,
    ),
  ],
);

export const tags = sqliteTable("tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
});

export const contactTags = sqliteTable(
  "contact_tags",
  {
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index("contact_tags_tag_idx").on(t.tagId)],
);

export const contactNotes = sqliteTable(
  "contact_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    staffUserId: integer("staff_user_id").references(() => staffUsers.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("contact_notes_contact_idx").on(t.contactId, t.createdAt)],
);

export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    emailNormalized: text("email_normalized").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull().default("staff"),
    disabledAt: text("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("staff_users_email_unique").on(t.emailNormalized),
    uniqueIndex("staff_users_contact_unique").on(t.contactId),
    check("staff_users_role_check", inList("role", STAFF_ROLES)),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** random, unguessable; the cookie carries it, signed. */
    id: text("id").primaryKey(),
    staffUserId: integer("staff_user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    expiresAt: text("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_staff_user_idx").on(t.staffUserId)],
);

export const passwordResets = sqliteTable("password_resets", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  staffUserId: integer("staff_user_id")
    .notNull()
    .references(() => staffUsers.id, { onDelete: "cascade" }),
  /** sha-256 of the token mailed out; the token itself is never stored. */
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: createdAt(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffUserId: integer("staff_user_id").references(() => staffUsers.id),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    action: text("action").notNull(),
    beforeJson: text("before_json"),
    afterJson: text("after_json"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_staff_idx").on(t.staffUserId, t.createdAt),
  ],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  /** JSON; each key's shape is validated by the settings model. */
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

// ───────────────────────────── Track record ─────────────────────────────

export const candidates = sqliteTable(
  "candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    slug: text("slug").notNull(),
    displayName: text("display_name").notNull(),
    bio: text("bio").notNull().default(""),
    photoPath: text("photo_path"),
    website: text("website"),
    archivedAt: text("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("candidates_slug_unique").on(t.slug), index("candidates_contact_idx").on(t.contactId)],
);

export const governingBodies = sqliteTable(
  "governing_bodies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    seatCount: integer("seat_count").notNull(),
    passingRule: text("passing_rule", { enum: PASSING_RULES }).notNull().default("majority_of_voting"),
    archivedAt: text("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("governing_bodies_slug_unique").on(t.slug),
    check("governing_bodies_seat_count_check", sql`${t.seatCount} > 0`),
    check("governing_bodies_passing_rule_check", inList("passing_rule", PASSING_RULES)),
  ],
);

export const seats = sqliteTable(
  "seats",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => governingBodies.id),
    name: text("name").notNull(),
    archivedAt: text("archived_at"),
  },
  (t) => [uniqueIndex("seats_body_name_unique").on(t.bodyId, t.name)],
);

export const elections = sqliteTable(
  "elections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** election day, YYYY-MM-DD */
    date: text("date").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    kind: text("kind", { enum: ELECTION_KINDS }).notNull().default("regular"),
    /** where the results come from (official canvass, a newspaper's report) */
    sourceUrl: text("source_url"),
    archivedAt: text("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [index("elections_date_idx").on(t.date), check("elections_kind_check", inList("kind", ELECTION_KINDS))],
);

export const contests = sqliteTable(
  "contests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    seatId: integer("seat_id")
      .notNull()
      .references(() => seats.id),
    seatsToFill: integer("seats_to_fill").notNull().default(1),
    /** set on a runoff: the contest whose first round sent it here */
    firstRoundContestId: integer("first_round_contest_id").references((): AnySQLiteColumn => contests.id),
  },
  (t) => [
    uniqueIndex("contests_election_seat_unique").on(t.electionId, t.seatId),
    index("contests_first_round_idx").on(t.firstRoundContestId),
    index("contests_seat_idx").on(t.seatId),
    check("contests_seats_to_fill_check", sql`${t.seatsToFill} >= 1`),
  ],
);

export const candidacies = sqliteTable(
  "candidacies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id),
    incumbent: integer("incumbent", { mode: "boolean" }).notNull().default(false),
    votes: integer("votes"),
    /** basis points of the contest's total, computed when results are saved. */
    voteShareBp: integer("vote_share_bp"),
    outcome: text("outcome", { enum: CANDIDACY_OUTCOMES }).notNull().default("pending"),
    /** a public note, e.g. "withdrew after filing; name stayed on the ballot" */
    note: text("note").notNull().default(""),
  },
  (t) => [
    uniqueIndex("candidacies_contest_candidate_unique").on(t.contestId, t.candidateId),
    index("candidacies_candidate_idx").on(t.candidateId),
    check("candidacies_outcome_check", inList("outcome", CANDIDACY_OUTCOMES)),
    check("candidacies_votes_check", sql`${t.votes} is null or ${t.votes} >= 0`),
    check(
      "candidacies_share_check",
      sql`${t.voteShareBp} is null or (${t.voteShareBp} >= 0 and ${t.voteShareBp} <= 10000)`,
    ),
  ],
);

export const endorsements = sqliteTable(
  "endorsements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id),
    contestId: integer("contest_id").references(() => contests.id),
    /** e.g. "2025"; groups the slate on /endorsements */
    cycle: text("cycle").notNull(),
    status: text("status", { enum: ENDORSEMENT_STATUSES }).notNull().default("considering"),
    /** when the PAC decided; the moment of entry unless staff backdate it with a source */
    decidedAt: text("decided_at"),
    /** a backdated decision's evidence (required then) and a public note about it */
    sourceUrl: text("source_url"),
    note: text("note").notNull().default(""),
    /** when an endorsement was rescinded; decided_at keeps the endorsement's own date */
    rescindedAt: text("rescinded_at"),
    rationale: text("rationale").notNull().default(""),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("endorsements_candidate_idx").on(t.candidateId),
    // One endorsement per contest: a primary, a general and a runoff are each their own race.
    uniqueIndex("endorsements_candidate_contest_unique").on(t.candidateId, t.contestId),
    index("endorsements_cycle_idx").on(t.cycle, t.status),
    index("endorsements_contest_idx").on(t.contestId),
    check("endorsements_status_check", inList("status", ENDORSEMENT_STATUSES)),
  ],
);

export const terms = sqliteTable(
  "terms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id),
    seatId: integer("seat_id")
      .notNull()
      .references(() => seats.id),
    /** first day in office, YYYY-MM-DD */
    startDate: text("start_date").notNull(),
    /** last day in office, inclusive; null while serving */
    endDate: text("end_date"),
    role: text("role", { enum: TERM_ROLES }).notNull().default("member"),
    candidacyId: integer("candidacy_id").references(() => candidacies.id),
    /** where the term is documented, and a public note (e.g. which dates are illustrative) */
    sourceUrl: text("source_url"),
    note: text("note").notNull().default(""),
  },
  (t) => [
    index("terms_seat_dates_idx").on(t.seatId, t.startDate),
    index("terms_candidate_idx").on(t.candidateId),
    uniqueIndex("terms_candidacy_unique").on(t.candidacyId),
    check("terms_role_check", inList("role", TERM_ROLES)),
    check("terms_dates_check", sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

export const issueTags = sqliteTable("issue_tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const measures = sqliteTable(
  "measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => governingBodies.id),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    kind: text("kind", { enum: MEASURE_KINDS }).notNull().default("other"),
    sourceUrl: text("source_url"),
    pacPosition: text("pac_position", { enum: PAC_POSITIONS }).notNull().default("none"),
    introducedOn: text("introduced_on"),
    archivedAt: text("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("measures_body_idx").on(t.bodyId),
    check("measures_kind_check", inList("kind", MEASURE_KINDS)),
    check("measures_position_check", inList("pac_position", PAC_POSITIONS)),
  ],
);

export const measureTags = sqliteTable(
  "measure_tags",
  {
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    issueTagId: integer("issue_tag_id")
      .notNull()
      .references(() => issueTags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.issueTagId] })],
);

export const voteEvents = sqliteTable(
  "vote_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id),
    /** meeting day, YYYY-MM-DD */
    date: text("date").notNull(),
    motion: text("motion").notNull().default(""),
    result: text("result", { enum: VOTE_RESULTS }).notNull(),
    /** set when staff record a result other than the one the roll call and the body's rule give */
    resultOverrideReason: text("result_override_reason"),
    /** the PAC's preferred vote on this roll call; null: not scored */
    preferredVote: text("preferred_vote", { enum: PREFERRED_VOTES }),
    /** one line: why this vote is scored that way (or not scored) */
    preferredReason: text("preferred_reason").notNull().default(""),
    archivedAt: text("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("vote_events_measure_idx").on(t.measureId, t.date),
    index("vote_events_date_idx").on(t.date),
    check("vote_events_result_check", inList("result", VOTE_RESULTS)),
    check(
      "vote_events_preferred_check",
      sql`${t.preferredVote} is null or ${inList("preferred_vote", PREFERRED_VOTES)}`,
    ),
  ],
);

/**
 * Public correction lines: a dated note added whenever a published figure changes (a preferred
 * vote, a race's outcome), shown on the pages that show the figure.
 */
export const corrections = sqliteTable(
  "corrections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    voteEventId: integer("vote_event_id").references(() => voteEvents.id, { onDelete: "cascade" }),
    candidacyId: integer("candidacy_id").references(() => candidacies.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("corrections_vote_event_idx").on(t.voteEventId), index("corrections_candidacy_idx").on(t.candidacyId)],
);

export const votes = sqliteTable(
  "votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    voteEventId: integer("vote_event_id")
      .notNull()
      .references(() => voteEvents.id, { onDelete: "cascade" }),
    termId: integer("term_id")
      .notNull()
      .references(() => terms.id),
    option: text("option", { enum: VOTE_OPTIONS }).notNull(),
  },
  (t) => [
    uniqueIndex("votes_event_term_unique").on(t.voteEventId, t.termId),
    index("votes_term_idx").on(t.termId),
    check("votes_option_check", inList("option", VOTE_OPTIONS)),
  ],
);

// ───────────────────────────── Money ─────────────────────────────

export const recurringPlans = sqliteTable(
  "recurring_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("usd"),
    interval: text("interval").notNull().default("month"),
    refcode: text("refcode"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    status: text("status", { enum: PLAN_STATUSES }).notNull().default("pending"),
    canceledAt: text("canceled_at"),
    /** when the app paused collection because the next charge would pass the limit (Stripe pause_collection) */
    limitPausedAt: text("limit_paused_at"),
    /** the PAC-calendar day collection resumes on its own: the first day of the next period */
    limitResumesOn: text("limit_resumes_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("recurring_plans_subscription_unique").on(t.stripeSubscriptionId),
    uniqueIndex("recurring_plans_checkout_unique").on(t.stripeCheckoutSessionId),
    index("recurring_plans_contact_idx").on(t.contactId),
    check("recurring_plans_amount_check", sql`${t.amountCents} > 0`),
    check("recurring_plans_interval_check", sql`${t.interval} = 'month'`),
    check("recurring_plans_status_check", inList("status", PLAN_STATUSES)),
  ],
);

export const donations = sqliteTable(
  "donations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    amountCents: integer("amount_cents").notNull(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    /** the part held back by an open or lost dispute */
    disputedCents: integer("disputed_cents").notNull().default(0),
    feeCents: integer("fee_cents"),
    currency: text("currency").notNull().default("usd"),
    status: text("status", { enum: DONATION_STATUSES }).notNull().default("pending"),
    kind: text("kind", { enum: DONATION_KINDS }).notNull().default("one_time"),
    method: text("method", { enum: DONATION_METHODS }).notNull().default("card"),
    /** an individual's own money unless staff record otherwise (card gifts attest it) */
    contributorType: text("contributor_type", { enum: CONTRIBUTOR_TYPES }).notNull().default("individual"),
    /** The PAC account the gift belongs to, by its compliance profile (a PAC may keep federal and
     *  state accounts). Every write names it; the default only covers rows written before accounts. */
    account: text("account", { enum: COMPLIANCE_PROFILES }).notNull().default("new_mexico"),
    refcode: text("refcode"),
    recurringPlanId: integer("recurring_plan_id").references(() => recurringPlans.id),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeInvoiceId: text("stripe_invoice_id"),
    stripeChargeId: text("stripe_charge_id"),
    // Compliance snapshot: what the donor attested at the time of the gift.
    donorFirstName: text("donor_first_name").notNull(),
    donorLastName: text("donor_last_name").notNull(),
    donorEmail: text("donor_email"),
    donorStreet: text("donor_street"),
    donorCity: text("donor_city"),
    donorState: text("donor_state"),
    donorZip: text("donor_zip"),
    donorEmployer: text("donor_employer"),
    donorOccupation: text("donor_occupation"),
    attestedAt: text("attested_at"),
    /** the reporting period the gift counts toward, e.g. "2026" or "2026-general" */
    aggregationPeriod: text("aggregation_period"),
    isAnonymous: integer("is_anonymous", { mode: "boolean" }).notNull().default(false),
    inKindDescription: text("in_kind_description"),
    checkNumber: text("check_number"),
    enteredByStaffId: integer("entered_by_staff_id").references(() => staffUsers.id),
    /** when the money was received (UTC); null while pending */
    receivedAt: text("received_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("donations_checkout_unique").on(t.stripeCheckoutSessionId),
    uniqueIndex("donations_invoice_unique").on(t.stripeInvoiceId),
    index("donations_payment_intent_idx").on(t.stripePaymentIntentId),
    index("donations_charge_idx").on(t.stripeChargeId),
    index("donations_contact_received_idx").on(t.contactId, t.receivedAt),
    index("donations_status_received_idx").on(t.status, t.receivedAt),
    index("donations_received_idx").on(t.receivedAt),
    index("donations_refcode_idx").on(t.refcode),
    index("donations_plan_idx").on(t.recurringPlanId),
    // Covers the itemized export and per-donor aggregates: one account's gifts of a period in
    // donor, then date order, so running aggregates stream without a sort.
    index("donations_period_contact_idx").on(
      t.aggregationPeriod,
      t.account,
      t.contactId,
      t.receivedAt,
      t.amountCents,
      t.refundedCents,
      t.disputedCents,
      t.status,
      t.isAnonymous,
    ),
    check("donations_amount_check", sql`${t.amountCents} >= 0`),
    check("donations_refunded_check", sql`${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.amountCents}`),
    check("donations_disputed_check", sql`${t.disputedCents} >= 0 and ${t.disputedCents} <= ${t.amountCents}`),
    check("donations_fee_check", sql`${t.feeCents} is null or ${t.feeCents} >= 0`),
    check("donations_status_check", inList("status", DONATION_STATUSES)),
    check("donations_kind_check", inList("kind", DONATION_KINDS)),
    check("donations_method_check", inList("method", DONATION_METHODS)),
    check("donations_contributor_type_check", inList("contributor_type", CONTRIBUTOR_TYPES)),
    check("donations_account_check", inList("account", COMPLIANCE_PROFILES)),
  ],
);

/**
 * Who a gift's details say the donor is, normalised (app/lib/donor-identity-keys.ts): one row per
 * distinct name, address and email a contact has given with. A later gift with the same name and
 * address is that contact's for certain, whatever its email (app/models/donor-matching.server.ts).
 */
export const donorIdentities = sqliteTable(
  "donor_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    nameKey: text("name_key").notNull(),
    /** street and ZIP5 (or city and state); "" when the gift had no street */
    addressKey: text("address_key").notNull().default(""),
    emailNormalized: text("email_normalized"),
    firstKey: text("first_key").notNull(),
    lastKey: text("last_key").notNull(),
    streetKey: text("street_key").notNull().default(""),
    zip5: text("zip5").notNull().default(""),
    cityKey: text("city_key").notNull().default(""),
    stateKey: text("state_key").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("donor_identities_name_address_idx").on(t.nameKey, t.addressKey),
    index("donor_identities_email_idx").on(t.emailNormalized),
    index("donor_identities_contact_idx").on(t.contactId),
  ],
);

/**
 * A gift whose donor is probably, but not certainly, a known contact. The gift sits on its own
 * contact until staff decide: "same person" merges that contact into the candidate, "different
 * person" keeps them apart. While open, the limit check counts both contacts' gifts together.
 */
export const donorMatchReviews = sqliteTable(
  "donor_match_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    donationId: integer("donation_id")
      .notNull()
      .references(() => donations.id),
    /** the contact the gift was recorded on */
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    /** who it probably is */
    candidateContactId: integer("candidate_contact_id")
      .notNull()
      .references(() => contacts.id),
    reason: text("reason", { enum: MATCH_REVIEW_REASONS }).notNull(),
    status: text("status", { enum: MATCH_REVIEW_STATUSES }).notNull().default("open"),
    decidedByStaffId: integer("decided_by_staff_id").references(() => staffUsers.id),
    decidedAt: text("decided_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("donor_match_reviews_donation_unique").on(t.donationId),
    index("donor_match_reviews_status_idx").on(t.status, t.id),
    index("donor_match_reviews_contact_idx").on(t.contactId, t.status),
    index("donor_match_reviews_candidate_idx").on(t.candidateContactId, t.status),
    check("donor_match_reviews_status_check", inList("status", MATCH_REVIEW_STATUSES)),
    check("donor_match_reviews_reason_check", inList("reason", MATCH_REVIEW_REASONS)),
  ],
);

/**
 * The shares of one check signed by two people (11 CFR 110.1(k)(1)): each share is its own
 * donation on its own contributor, counted toward that contributor's limit; `firstDonationId`
 * ties the shares of one check together.
 */
export const jointContributionShares = sqliteTable(
  "joint_contribution_shares",
  {
    donationId: integer("donation_id")
      .primaryKey()
      .references(() => donations.id),
    firstDonationId: integer("first_donation_id")
      .notNull()
      .references(() => donations.id),
  },
  (t) => [index("joint_contribution_shares_first_idx").on(t.firstDonationId)],
);

/**
 * The append-only ledger of money moved (docs/decisions/008-money-ledger.md): every receipt,
 * refund, refund reversal, dispute withdrawal or reinstatement and fee is a dated row, never
 * updated. A donation's received, refunded, disputed and fee amounts are derived from its
 * entries (app/models/money-ledger.server.ts keeps the donation's copy in step in the same
 * transaction); reports of a period read the entries effective in it.
 */
export const moneyEntries = sqliteTable(
  "money_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    donationId: integer("donation_id")
      .notNull()
      .references(() => donations.id),
    kind: text("kind", { enum: MONEY_ENTRY_KINDS }).notNull(),
    /** signed: + adds to the PAC's money (receipt, reversal, reinstatement), - takes away */
    amountCents: integer("amount_cents").notNull(),
    /** when the money moved: at Stripe (the balance transaction or payment), or when the treasurer received it */
    effectiveAt: text("effective_at").notNull(),
    /** the provider object it came from: a balance transaction id where there is one; unique, so a replay adds nothing */
    source: text("source"),
    /** the Stripe object behind it (charge, refund, dispute, invoice), for people and reconciliation */
    stripeObjectId: text("stripe_object_id"),
    recordedAt: text("recorded_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("money_entries_source_unique").on(t.source),
    // One receipt per gift, whatever path (webhook, reconciliation, staff) records it first.
    uniqueIndex("money_entries_receipt_unique")
      .on(t.donationId)
      .where(sql`kind = 'receipt'`),
    index("money_entries_donation_idx").on(t.donationId, t.kind, t.amountCents),
    index("money_entries_effective_idx").on(t.effectiveAt, t.kind),
    check("money_entries_kind_check", inList("kind", MONEY_ENTRY_KINDS)),
    check(
      "money_entries_sign_check",
      sql`(kind in ('receipt', 'refund_reversal', 'dispute_reinstatement') and amount_cents >= 0) or (kind in ('refund', 'dispute_withdrawal', 'fee') and amount_cents <= 0)`,
    ),
  ],
);

/**
 * A gift that took its source's total for a period past the limit (11 CFR 103.3(b)(3); NMSA 1978
 * § 1-19-34.7(A)): the excess, the deadline to cure it, and, once cured, how, by whom and when.
 * One row per gift; the cure itself is in the ledger (a refund entry) or in attribution_entries.
 */
export const excessiveContributions = sqliteTable(
  "excessive_contributions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    donationId: integer("donation_id")
      .notNull()
      .references(() => donations.id),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    periodKey: text("period_key").notNull(),
    /** the limit in force on the day of the gift */
    limitCents: integer("limit_cents").notNull(),
    excessCents: integer("excess_cents").notNull(),
    receivedAt: text("received_at").notNull(),
    /** last PAC-calendar day to cure it */
    deadlineDay: text("deadline_day").notNull(),
    /** the rule (or PAC policy) that sets the deadline */
    deadlineSource: text("deadline_source").notNull(),
    detectedAt: createdAt(),
    remedy: text("remedy", { enum: EXCESS_REMEDIES }),
    /** what was done, in words, with the ids it produced (refund id, contact, period) */
    remedyNote: text("remedy_note"),
    resolvedAt: text("resolved_at"),
    resolvedByStaffId: integer("resolved_by_staff_id").references(() => staffUsers.id),
  },
  (t) => [
    uniqueIndex("excessive_contributions_donation_unique").on(t.donationId),
    index("excessive_contributions_open_idx").on(t.resolvedAt, t.deadlineDay),
    index("excessive_contributions_contact_period_idx").on(t.contactId, t.periodKey),
    check("excessive_contributions_excess_check", sql`${t.excessCents} > 0`),
    check("excessive_contributions_remedy_check", sql`remedy is null or ${inList("remedy", EXCESS_REMEDIES)}`),
  ],
);

/**
 * Append-only moves of a gift's counted amount that move no money: part of it counted for another
 * contributor in the same period (reattribution, 11 CFR 110.1(k)(3)). Each move is a pair of rows
 * summing to zero; the limit aggregates add them.
 */
export const attributionEntries = sqliteTable(
  "attribution_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    donationId: integer("donation_id")
      .notNull()
      .references(() => donations.id),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    periodKey: text("period_key").notNull(),
    kind: text("kind", { enum: ATTRIBUTION_KINDS }).notNull(),
    /** signed: - taken from this contributor and period, + given to it */
    amountCents: integer("amount_cents").notNull(),
    effectiveAt: text("effective_at").notNull(),
    source: text("source").notNull(),
    recordedAt: text("recorded_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("attribution_entries_source_unique").on(t.source),
    index("attribution_entries_contact_period_idx").on(t.contactId, t.periodKey, t.amountCents),
    check("attribution_entries_kind_check", inList("kind", ATTRIBUTION_KINDS)),
    check("attribution_entries_amount_check", sql`${t.amountCents} <> 0`),
  ],
);

/**
 * A gift received without the contributor's employer or occupation ("information requested"):
 * the follow-up best-efforts request (11 CFR 104.7(b)(2); NMSA 1978 § 1-19-31(B)) sent by email
 * through the outbox, or printed as a letter when the donor gave no email. Listed for staff
 * until the donor answers. One per donor, account and period: asking again for every gift would
 * be nagging.
 */
export const informationRequests = sqliteTable(
  "information_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    donationId: integer("donation_id")
      .notNull()
      .references(() => donations.id),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    account: text("account", { enum: COMPLIANCE_PROFILES }).notNull(),
    periodKey: text("period_key").notNull(),
    channel: text("channel", { enum: INFORMATION_REQUEST_CHANNELS }).notNull(),
    /** the queued email, for the email channel */
    outboxId: integer("outbox_id").references(() => emailOutbox.id),
    requestedAt: text("requested_at").notNull().default(nowIso),
    /** when staff printed the letter (letter channel) */
    printedAt: text("printed_at"),
    answeredAt: text("answered_at"),
  },
  (t) => [
    uniqueIndex("information_requests_unique").on(t.contactId, t.account, t.periodKey),
    index("information_requests_open_idx").on(t.answeredAt, t.requestedAt),
    check("information_requests_channel_check", inList("channel", INFORMATION_REQUEST_CHANNELS)),
  ],
);

/**
 * A filing report as the treasurer filed it: its receipts and itemized rows frozen as JSON, never
 * rewritten. A later change to what the period's report would say is filed as an amendment (a new
 * row naming the report it amends).
 */
export const filedReports = sqliteTable(
  "filed_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    profile: text("profile").notNull(),
    amendsReportId: integer("amends_report_id"),
    snapshotJson: text("snapshot_json").notNull(),
    filedByStaffId: integer("filed_by_staff_id")
      .notNull()
      .references(() => staffUsers.id),
    filedAt: text("filed_at").notNull().default(nowIso),
  },
  (t) => [index("filed_reports_range_idx").on(t.fromDay, t.toDay)],
);

/**
 * Each comparison of Stripe's balance transactions with the ledger (npm run stripe:reconcile and
 * the server's daily job): the window it read, what it found and what it added.
 */
export const reconciliationRuns = sqliteTable("reconciliation_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  startedAt: text("started_at").notNull().default(nowIso),
  finishedAt: text("finished_at"),
  /** unix seconds: Stripe balance transactions created at or after this were read */
  sinceUnix: integer("since_unix").notNull(),
  transactionsRead: integer("transactions_read").notNull().default(0),
  entriesCreated: integer("entries_created").notNull().default(0),
  differencesFound: integer("differences_found").notNull().default(0),
  /** why the run stopped short, when it did */
  error: text("error"),
});

/** What a run could not make agree: shown to staff with both amounts until someone resolves it. */
export const reconciliationDifferences = sqliteTable(
  "reconciliation_differences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => reconciliationRuns.id),
    balanceTransactionId: text("balance_transaction_id").notNull(),
    /** the Stripe object behind it (charge, refund, dispute) */
    stripeObjectId: text("stripe_object_id"),
    donationId: integer("donation_id").references(() => donations.id),
    problem: text("problem").notNull(),
    stripeCents: integer("stripe_cents").notNull(),
    ledgerCents: integer("ledger_cents"),
    createdAt: createdAt(),
    resolvedAt: text("resolved_at"),
    resolvedByStaffId: integer("resolved_by_staff_id").references(() => staffUsers.id),
  },
  (t) => [
    // A difference is listed once, however many runs see it again.
    uniqueIndex("reconciliation_differences_txn_problem").on(t.balanceTransactionId, t.problem),
  ],
);

/**
 * One row: the net of every counted gift, kept by triggers on `donations` in the same transaction
 * as each change (migration 0004), so the goal bar does not sum a million rows per page view.
 * `app/models/donation-stats.server.ts` reads it; a test checks it against the sum.
 */
export const donationTotals = sqliteTable(
  "donation_totals",
  {
    id: integer("id").primaryKey(),
    netCents: integer("net_cents").notNull().default(0),
  },
  (t) => [check("donation_totals_single_row", sql`${t.id} = 1`)],
);

export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: text("received_at").notNull().default(nowIso),
  processedAt: text("processed_at"),
});

/**
 * Webhook deliveries whose signature was good but whose payload was not the shape the provider
 * documents: answered 400 and kept here for staff to look into (the provider retries them).
 */
export const rejectedWebhooks = sqliteTable(
  "rejected_webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    provider: text("provider", { enum: ["stripe", "resend"] }).notNull(),
    /** The event's id when the payload had a readable one. */
    eventId: text("event_id"),
    eventType: text("event_type"),
    reason: text("reason").notNull(),
    receivedAt: text("received_at").notNull().default(nowIso),
  },
  (t) => [index("rejected_webhooks_received_idx").on(t.receivedAt)],
);

// ───────────────────────────── Operations ─────────────────────────────

/** One row the health check rewrites: proof that the database still takes writes. */
export const healthProbe = sqliteTable(
  "health_probe",
  {
    id: integer("id").primaryKey(),
    checkedAt: text("checked_at").notNull(),
  },
  (t) => [check("health_probe_single_row", sql`${t.id} = 1`)],
);

// ───────────────────────────── Outreach ─────────────────────────────

export const volunteers = sqliteTable(
  "volunteers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    /** JSON array of interest keys */
    interests: text("interests").notNull().default("[]"),
    availability: text("availability").notNull().default(""),
    area: text("area").notNull().default(""),
    status: text("status", { enum: VOLUNTEER_STATUSES }).notNull().default("new"),
    notes: text("notes").notNull().default(""),
    consentEmailAt: text("consent_email_at"),
    /** The person's details as submitted (JSON), kept apart so a stranger's entry never overwrites a contact. */
    submittedContact: text("submitted_contact"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("volunteers_contact_idx").on(t.contactId),
    index("volunteers_status_idx").on(t.status, t.createdAt),
    check("volunteers_status_check", inList("status", VOLUNTEER_STATUSES)),
  ],
);

export const referrals = sqliteTable(
  "referrals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    referrerContactId: integer("referrer_contact_id")
      .notNull()
      .references(() => contacts.id),
    suggestedName: text("suggested_name").notNull(),
    suggestedEmail: text("suggested_email"),
    suggestedPhone: text("suggested_phone"),
    office: text("office").notNull().default(""),
    bodyId: integer("body_id").references(() => governingBodies.id),
    reason: text("reason").notNull().default(""),
    suggestedKnows: integer("suggested_knows", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("new"),
    candidateId: integer("candidate_id").references(() => candidates.id),
    /** random token in the referrer's follow-the-status link */
    followToken: text("follow_token"),
    suggestedOptedInAt: text("suggested_opted_in_at"),
    /** The referrer's details as submitted (JSON); the contact keeps what staff know. */
    submittedContact: text("submitted_contact"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("referrals_referrer_idx").on(t.referrerContactId),
    index("referrals_status_idx").on(t.status, t.createdAt),
    index("referrals_candidate_idx").on(t.candidateId),
    uniqueIndex("referrals_follow_token_unique").on(t.followToken),
    check("referrals_status_check", inList("status", REFERRAL_STATUSES)),
  ],
);

export const tips = sqliteTable(
  "tips",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    area: text("area").notNull().default(""),
    body: text("body").notNull(),
    status: text("status", { enum: TIP_STATUSES }).notNull().default("new"),
    /** The sender's details as submitted (JSON); the contact keeps what staff know. */
    submittedContact: text("submitted_contact"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tips_status_idx").on(t.status, t.createdAt),
    index("tips_contact_idx").on(t.contactId),
    check("tips_status_check", inList("status", TIP_STATUSES)),
  ],
);

export const updates = sqliteTable(
  "updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    bodyMarkdown: text("body_markdown").notNull().default(""),
    visibility: text("visibility", { enum: UPDATE_VISIBILITIES }).notNull().default("draft"),
    publishedAt: text("published_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("updates_slug_unique").on(t.slug),
    index("updates_published_idx").on(t.visibility, t.publishedAt),
    check("updates_visibility_check", inList("visibility", UPDATE_VISIBILITIES)),
  ],
);

export const updateCandidates = sqliteTable(
  "update_candidates",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id),
  },
  (t) => [
    primaryKey({ columns: [t.updateId, t.candidateId] }),
    index("update_candidates_candidate_idx").on(t.candidateId),
  ],
);

export const updateMeasures = sqliteTable(
  "update_measures",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.measureId] }), index("update_measures_measure_idx").on(t.measureId)],
);

export const updateVoteEvents = sqliteTable(
  "update_vote_events",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    voteEventId: integer("vote_event_id")
      .notNull()
      .references(() => voteEvents.id),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.voteEventId] })],
);

export const updateTags = sqliteTable(
  "update_tags",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    issueTagId: integer("issue_tag_id")
      .notNull()
      .references(() => issueTags.id),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.issueTagId] })],
);

export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id),
    list: text("list", { enum: EMAIL_LISTS }).notNull(),
    confirmedAt: text("confirmed_at"),
    unsubscribedAt: text("unsubscribed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("subscriptions_contact_list_unique").on(t.contactId, t.list),
    index("subscriptions_list_idx").on(t.list, t.confirmedAt),
    check("subscriptions_list_check", inList("list", EMAIL_LISTS)),
  ],
);

/** Addresses that must get no list mail (bounces, complaints); receipts still go out. */
export const emailSuppressions = sqliteTable(
  "email_suppressions",
  {
    emailNormalized: text("email_normalized").primaryKey(),
    reason: text("reason", { enum: SUPPRESSION_REASONS }).notNull(),
    createdAt: createdAt(),
  },
  () => [check("email_suppressions_reason_check", inList("reason", SUPPRESSION_REASONS))],
);

/**
 * A message as first rendered for sending, shared by every row that rendered to the same bytes
 * (a list mailing renders once; each row only adds its own unsubscribe token). A retry sends
 * these bytes again, whatever changed in the settings or templates meanwhile.
 */
export const emailRendered = sqliteTable("email_rendered", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** sha256 of `json`, so equal messages are stored once */
  hash: text("hash").notNull().unique(),
  /** {from, subject, html, text, headers}, with the recipient's token left as a placeholder */
  json: text("json").notNull(),
  createdAt: createdAt(),
});

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    template: text("template").notNull(),
    propsJson: text("props_json").notNull().default("{}"),
    toEmail: text("to_email").notNull(),
    /** The contact the email goes to, when it goes to one. */
    contactId: integer("contact_id").references(() => contacts.id),
    /** The contact a message to someone else is about (a staff notice of a sign-up, a tip or a
     *  suggestion), so erasure and merges find it by id (app/models/personal-data-map.ts). */
    aboutContactId: integer("about_contact_id").references(() => contacts.id),
    /** set for list mail (unsubscribe headers, suppression); null for transactional mail */
    list: text("list", { enum: EMAIL_LISTS }),
    idempotencyKey: text("idempotency_key").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull().default(nowIso),
    claimToken: text("claim_token"),
    claimedAt: text("claimed_at"),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    sentAt: text("sent_at"),
    lastEvent: text("last_event"),
    lastEventAt: text("last_event_at"),
    /** Random, set when enqueued: part of the provider's idempotency key, so keys never repeat
     *  across installations or after a restore (null only on rows enqueued before it existed). */
    sendId: text("send_id"),
    /** Batch key of list mail: the rows sent together in one request, always claimed together. */
    batchKey: text("batch_key"),
    /** The message frozen at the first attempt, and the recipient's token to put into it. */
    renderedId: integer("rendered_id").references(() => emailRendered.id),
    renderedToken: text("rendered_token"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_idempotency_unique").on(t.idempotencyKey),
    // Finds retried batches among many queued rows, and a batch's waiting members.
    index("email_outbox_batch_idx").on(t.status, t.batchKey),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_contact_idx").on(t.contactId),
    index("email_outbox_about_contact_idx").on(t.aboutContactId),
    index("email_outbox_provider_idx").on(t.providerMessageId),
    // The per-recipient cap on mail caused by public forms counts recent rows per address.
    index("email_outbox_to_created_idx").on(sql`lower(${t.toEmail})`, t.createdAt),
    check("email_outbox_status_check", inList("status", OUTBOX_STATUSES)),
    check("email_outbox_list_check", sql`${t.list} is null or ${inList("list", EMAIL_LISTS)}`),
    check("email_outbox_attempts_check", sql`${t.attempts} >= 0`),
  ],
);

/**
 * List opt-outs by normalized address: an unsubscribe also holds for any later contact with that
 * address (a merge, an import, a new form), which a per-contact flag cannot promise.
 */
export const emailOptOuts = sqliteTable(
  "email_opt_outs",
  {
    emailNormalized: text("email_normalized").notNull(),
    list: text("list", { enum: EMAIL_LISTS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.emailNormalized, t.list] }),
    check("email_opt_outs_list_check", inList("list", EMAIL_LISTS)),
  ],
);

/** One row at most: the sender is stopped (account/setup error) or paused (quota) until `until`. */
export const emailSenderHalt = sqliteTable(
  "email_sender_halt",
  {
    id: integer("id").primaryKey(),
    kind: text("kind", { enum: SENDER_HALT_KINDS }).notNull(),
    /** The provider's error, as staff see it in the banner */
    reason: text("reason").notNull(),
    /** When the sender tries again by itself */
    until: text("until").notNull(),
    since: text("since").notNull(),
    /** Set once the second-path notice to the staff address went out */
    notifiedAt: text("notified_at"),
  },
  () => [check("email_sender_halt_kind_check", inList("kind", SENDER_HALT_KINDS))],
);
