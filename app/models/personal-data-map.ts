/**
 * Where a person's data lives, and what happens to it. Every foreign key to `contacts` is listed
 * here once, with what erasure does to its rows (delete, scrub named columns, keep for a stated
 * reason, or refuse until staff act), whether the contact page's timeline shows them, and which
 * audit entity names them. Merge (contact-merge.server.ts), erasure (contact-erase.server.ts) and
 * the contact record (contact-record.server.ts) all read this list, and a test compares it with
 * SQLite's own `pragma_foreign_key_list` for every table, so a new table that points at contacts
 * fails the tests until it is classified here.
 *
 * Names are SQL names, as SQLite reports them. No database import: the list is plain data.
 */

/** A law or rule that decides what is kept, with where to read it. */
export interface LegalSource {
  cite: string;
  url: string;
}

/** What the erased contact's page says was kept, and why. */
export interface KeptNote {
  what: (count: number) => string;
  why: string;
  sources?: readonly LegalSource[];
}

export type EraseRule =
  /** The rows are about the person and nothing else: they go. */
  | { action: "delete"; why: string }
  /** The rows stay as a record of something else; the listed columns are set to these values.
   *  Rows matching `deleteWhere` (a fixed SQL condition on the row) are deleted instead. */
  | {
      action: "scrub";
      set: Readonly<Record<string, string | null>>;
      deleteWhere?: string;
      why: string;
      kept?: KeptNote;
    }
  /** The rows must stay as they are. */
  | { action: "keep"; kept: KeptNote }
  /** Erasure is refused while such a row exists. */
  | { action: "refuse"; refusal: string };

/** What the contact page's timeline shows rows of a reference as (contact-record.server.ts). */
export type TimelineKind =
  "donation" | "volunteer" | "tip" | "referral" | "email" | "staff-notice" | "note" | "subscription";

export interface ContactReference {
  table: string;
  column: string;
  erase: EraseRule;
  /** Shown on the contact's timeline as this kind; null when the page shows it elsewhere or not at all. */
  timeline: TimelineKind | null;
  /** The `audit_log.entity` of these rows: their audit entries belong to the person's timeline,
   *  and erasure blanks those entries' copies of the row. */
  auditEntity?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Contribution records. Federal: the treasurer keeps each contributor's name and address (and,
 * over $200, occupation and employer) and preserves the records for 3 years after the report they
 * relate to is filed. New Mexico: a reporting individual preserves the records that substantiate
 * its reports for 2 years from the filing of the report. Filed reports are public records the
 * state keeps for five years; they repeat these names, so the PAC's copies cannot differ.
 */
export const CONTRIBUTION_RECORD_SOURCES: readonly LegalSource[] = [
  {
    cite: "52 U.S.C. 30102(c), (d)",
    url: "https://www.law.cornell.edu/uscode/text/52/30102",
  },
  {
    cite: "11 CFR 102.9(a), (c)",
    url: "https://www.ecfr.gov/current/title-11/chapter-I/subchapter-A/part-102/section-102.9",
  },
  {
    cite: "11 CFR 104.14(b)",
    url: "https://www.ecfr.gov/current/title-11/chapter-I/subchapter-A/part-104/section-104.14",
  },
  {
    cite: "1.10.13.29(A) NMAC",
    url: "https://www.srca.nm.gov/parts/title01/01.010.0013.html",
  },
  {
    cite: "NMSA 1978 § 1-19-32(B)",
    url: "https://law.justia.com/codes/new-mexico/chapter-1/article-19/section-1-19-32/",
  },
];

// Rows of the outbox that were never sent: deleting them stops the message going out at all.
const UNSENT = "status in ('queued', 'held', 'failed')";

export const CONTACT_REFERENCES: readonly ContactReference[] = [
  {
    table: "contact_notes",
    column: "contact_id",
    erase: { action: "delete", why: "Staff notes about the person." },
    timeline: "note",
  },
  {
    table: "contact_tags",
    column: "contact_id",
    erase: { action: "delete", why: "Labels staff put on the person." },
    timeline: null,
  },
  {
    table: "subscriptions",
    column: "contact_id",
    erase: { action: "delete", why: "Their list choices; an opt-out by address stays in email_opt_outs." },
    timeline: "subscription",
  },
  {
    table: "volunteers",
    column: "contact_id",
    erase: { action: "delete", why: "Their sign-up, interests, availability and details as submitted." },
    timeline: "volunteer",
    auditEntity: "volunteer",
  },
  {
    table: "tips",
    column: "contact_id",
    erase: { action: "delete", why: "What they told us and their details as submitted." },
    timeline: "tip",
    auditEntity: "tip",
  },
  {
    table: "referrals",
    column: "referrer_contact_id",
    erase: {
      action: "scrub",
      set: { follow_token: null, submitted_contact: null },
      why: "The suggestion is about someone else, who may now be a candidate; the referrer's link and details go.",
      kept: {
        what: (n) => `${plural(n, "candidate suggestion")} this person made, no longer linked to their details`,
        why: "The suggestion concerns another person who may now be a candidate.",
      },
    },
    timeline: "referral",
  },
  {
    table: "email_outbox",
    column: "contact_id",
    erase: {
      action: "scrub",
      set: { to_email: "erased", props_json: "{}", rendered_id: null, rendered_token: null },
      deleteWhere: UNSENT,
      why: "Mail to them: unsent mail goes; sent mail keeps its date and template only.",
      kept: {
        what: () => "Sent emails' dates and templates, without the address or contents",
        why: "The delivery record shows what the PAC sent.",
      },
    },
    timeline: "email",
  },
  {
    table: "email_outbox",
    column: "about_contact_id",
    erase: {
      // The address is a staff member's (or a suggested candidate's), not the erased person's.
      action: "scrub",
      set: { props_json: "{}", rendered_id: null, rendered_token: null },
      deleteWhere: UNSENT,
      why: "Mail to others about them (staff notices, an invitation naming them): the contents go.",
    },
    timeline: "staff-notice",
  },
  {
    table: "donations",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) =>
          `${plural(n, "contribution record")} with the donor's name, address, employer and occupation as given at the time of the gift`,
        why: "Election law requires the PAC to keep and report these details for every contribution; they cannot be deleted on request.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    timeline: "donation",
  },
  {
    table: "information_requests",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) => `${plural(n, "best-efforts follow-up record")} (which gift, when asked, by email or letter)`,
        why: "The record shows the committee asked for the missing employer and occupation, as the best-efforts rule requires.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    timeline: null,
  },
  {
    table: "recurring_plans",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) => plural(n, "recurring donation plan"),
        why: "The plan links the contribution records to the payment processor. Cancel an active plan in Stripe to stop future charges.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    timeline: null,
  },
  {
    table: "excessive_contributions",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) => plural(n, "excessive contribution record"),
        why: "How an excess over the limit was cured (refund or reattribution) is part of the contribution records the PAC must keep.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    // Shown on the excessive contributions queue, next to the gift.
    timeline: null,
  },
  {
    table: "attribution_entries",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) => plural(n, "reattribution entry", "reattribution entries"),
        why: "A reattributed contribution counts toward this contributor's limit and is reported under their name.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    timeline: null,
  },
  {
    table: "donor_identities",
    column: "contact_id",
    erase: {
      action: "delete",
      why: "The normalised name, address and email keys donor matching used; each gift keeps its own copy of what was given.",
    },
    timeline: null,
  },
  {
    table: "donor_match_reviews",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) => plural(n, "donor match review"),
        why: "Which person a contribution was counted toward, and who decided it, is part of the contribution records; the review holds no details of its own.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    // Shown on the match review pages.
    timeline: null,
  },
  {
    table: "donor_match_reviews",
    column: "candidate_contact_id",
    erase: {
      action: "keep",
      kept: {
        what: (n) => plural(n, "donor match review"),
        why: "Which person a contribution was counted toward, and who decided it, is part of the contribution records; the review holds no details of its own.",
        sources: CONTRIBUTION_RECORD_SOURCES,
      },
    },
    timeline: null,
  },
  {
    table: "candidates",
    column: "contact_id",
    erase: {
      action: "keep",
      kept: {
        what: () => "The candidate profile",
        why: "A candidacy and our endorsement of it are public record, so the public profile stays.",
      },
    },
    // Shown as a role at the top of the contact page.
    timeline: null,
  },
  {
    table: "staff_users",
    column: "contact_id",
    erase: {
      action: "refuse",
      refusal: "This person has a staff account. Remove the account before erasing them.",
    },
    // Shown as a role at the top of the contact page.
    timeline: null,
  },
];

/**
 * Personal data outside those foreign keys, and why each is handled as it is. Erasure handles
 * the first two itself; the rest are kept on purpose.
 */
export const OTHER_PERSONAL_DATA = {
  contacts: {
    columns: {
      first_name: "Erased",
      last_name: "",
      email: null,
      email_normalized: null,
      phone: null,
      phone_digits: null,
      street: null,
      city: null,
      state: null,
      zip: null,
      employer: null,
      occupation: null,
    } as Readonly<Record<string, string | null>>,
    why: "The row stays (marked erased) so that kept records still point at something; its details go.",
  },
  auditLog: {
    why: "Audit rows stay as the record of who did what; their before/after copies of the person (and of rows in CONTACT_REFERENCES with an auditEntity) go.",
    kept: {
      what: () => "Audit log entries (who changed what, and when), with the person's details removed",
      why: "The PAC keeps a record of every staff action.",
    } satisfies KeptNote,
  },
  emailOptOuts: {
    why: "email_opt_outs and email_suppressions hold bare addresses that must get no list mail: the person's own unsubscribe, or a bounce or complaint. Keeping them is how the request is honoured after erasure.",
  },
  donationSnapshots: {
    why: "donations.donor_* and filed_reports.snapshot_json repeat the contributor's details as reported.",
    sources: CONTRIBUTION_RECORD_SOURCES,
  },
  referralsSuggested: {
    why: "referrals.suggested_* are the suggested person's details, not the referrer's; they follow that person's own opt-in or opt-out.",
  },
  staff: {
    why: "staff_users and sessions (address, IP, browser) belong to staff accounts, which are removed before their contact can be erased.",
  },
} as const;
