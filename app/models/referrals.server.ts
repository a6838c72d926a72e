/**
 * Candidate referrals ("suggest a candidate"): the public submission, the staff pipeline, the
 * suggested person's opt-in, the referrer's follow link, and conversion into a candidate.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, gte, like, or, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import {
  candidacies,
  candidates,
  contacts,
  emailOutbox,
  endorsements,
  referrals,
  type REFERRAL_STATUSES,
} from "#db/schema";
import { normalizeEmail } from "~/lib/email-address";
import { suppressEmail, suppressionFor } from "./email-suppressions.server";
import { fullName, submittedDetails, upsertContact } from "./contacts.server";
import { enqueueEmail } from "./outbox.server";
import { enqueuePublicFormEmail } from "./public-form-mail.server";
import { recordAudit } from "./audit.server";
import { RuleViolation } from "./rule-violation.server";
import { getSettings } from "./settings.server";
import { publicUrl } from "~/lib/public-url.server";
import { signedToken } from "~/lib/signed-token.server";
import { slugify } from "~/lib/slug";

export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type Referral = typeof referrals.$inferSelect;

export const OPT_IN_PURPOSE = "referral-opt-in";

export interface ReferralSubmission {
  referrer: { firstName: string; lastName?: string; email: string; phone?: string | null };
  suggestedName: string;
  suggestedEmail?: string | null;
  suggestedPhone?: string | null;
  office: string;
  reason: string;
  suggestedKnows: boolean;
}

export function submitReferral(input: ReferralSubmission, database: DbOrTx = db()) {
  return writeTransaction(database, (tx) => {
    const referrer = upsertContact(input.referrer, tx);
    const followToken = randomBytes(18).toString("base64url");
    const referral = tx
      .insert(referrals)
      .values({
        referrerContactId: referrer.id,
        suggestedName: input.suggestedName,
        suggestedEmail: input.suggestedEmail || null,
        suggestedPhone: input.suggestedPhone || null,
        office: input.office,
        reason: input.reason,
        suggestedKnows: input.suggestedKnows,
        followToken,
        submittedContact: submittedDetails(input.referrer),
      })
      .returning()
      .get();
    const referrerName = fullName(referrer);
    enqueuePublicFormEmail(
      {
        template: "referral-thank-you",
        to: referrer.email!,
        props: {
          firstName: referrer.firstName,
          suggestedName: referral.suggestedName,
          followUrl: publicUrl(`/refer/follow/${followToken}`),
        },
        idempotencyKey: `referral-thank-you:${referral.id}`,
        contactId: referrer.id,
      },
      tx,
    );
    enqueueEmail(
      {
        template: "referral-staff-notice",
        to: getSettings(tx).staffNotifyEmail,
        props: {
          referrerName,
          referrerEmail: referrer.email!,
          suggestedName: referral.suggestedName,
          office: referral.office,
          reason: referral.reason,
          adminUrl: publicUrl(`/admin/referrals/${referral.id}`),
        },
        idempotencyKey: `referral-staff-notice:${referral.id}`,
        aboutContactId: referrer.id,
      },
      tx,
    );
    if (referral.suggestedEmail && mayInvite(referral.suggestedEmail, tx)) {
      const token = signedToken(OPT_IN_PURPOSE, referral.id);
      enqueuePublicFormEmail(
        {
          template: "referral-invite",
          to: referral.suggestedEmail,
          // The referrer asked whether the person knows; only then do we say who suggested them.
          props: {
            suggestedName: referral.suggestedName,
            referrerName: input.suggestedKnows ? referrerName : null,
            office: referral.office,
            optInUrl: publicUrl(`/refer/opt-in/${token}`),
            optOutUrl: publicUrl(`/refer/opt-in/${token}?choice=no`),
          },
          idempotencyKey: `referral-invite:${referral.id}`,
          aboutContactId: referrer.id,
        },
        tx,
      );
    }
    return { referral, referrer };
  });
}

/**
 * A public form must not become a way to mail strangers: a suggested person gets at most
 * INVITE_CAP invitations in INVITE_WINDOW_DAYS, whoever suggests them, and none once they asked
 * never to be emailed (or the address bounced or complained).
 */
export const INVITE_CAP = 1;
export const INVITE_WINDOW_DAYS = 90;

function mayInvite(email: string, tx: DbOrTx): boolean {
  if (suppressionFor(email, tx)) return false;
  const since = new Date(Date.now() - INVITE_WINDOW_DAYS * 24 * 60 * 60_000).toISOString();
  const earlier = tx
    .select({ n: sql<number>`count(*)` })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.template, "referral-invite"),
        sql`lower(trim(${emailOutbox.toEmail})) = ${normalizeEmail(email)}`,
        gte(emailOutbox.createdAt, since),
      ),
    )
    .get()!.n;
  return earlier < INVITE_CAP;
}

/** The suggested person's "never email me again": the address gets no more mail from us. */
export function recordReferralOptOut(id: number, database: DbOrTx = db()): boolean {
  const referral = database.select().from(referrals).where(eq(referrals.id, id)).get();
  if (!referral?.suggestedEmail) return false;
  suppressEmail(referral.suggestedEmail, "manual", database);
  return true;
}

/** Staff may reach out only once the suggested person has agreed, when we could ask them. */
export function needsOptIn(r: Pick<Referral, "suggestedEmail" | "suggestedOptedInAt">): boolean {
  return Boolean(r.suggestedEmail) && !r.suggestedOptedInAt;
}

const CONTACTING: ReadonlySet<ReferralStatus> = new Set(["contacted", "questionnaire", "interviewed"]);

export function listReferrals(filters: { status?: ReferralStatus | null; q?: string | null }, database: DbOrTx = db()) {
  const conditions = [];
  if (filters.status) conditions.push(eq(referrals.status, filters.status));
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(like(referrals.suggestedName, pattern), like(referrals.office, pattern)));
  }
  return database
    .select({
      id: referrals.id,
      suggestedName: referrals.suggestedName,
      office: referrals.office,
      status: referrals.status,
      candidateId: referrals.candidateId,
      suggestedEmail: referrals.suggestedEmail,
      suggestedOptedInAt: referrals.suggestedOptedInAt,
      referrerContactId: referrals.referrerContactId,
      referrerFirstName: contacts.firstName,
      referrerLastName: contacts.lastName,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(contacts, eq(contacts.id, referrals.referrerContactId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(500)
    .all();
}

export function getReferral(id: number, database: DbOrTx = db()) {
  const row = database
    .select({ referral: referrals, referrer: contacts })
    .from(referrals)
    .innerJoin(contacts, eq(contacts.id, referrals.referrerContactId))
    .where(eq(referrals.id, id))
    .get();
  if (!row) return null;
  const candidate = row.referral.candidateId
    ? (database
        .select({
          id: candidates.id,
          slug: candidates.slug,
          displayName: candidates.displayName,
          contactId: candidates.contactId,
        })
        .from(candidates)
        .where(eq(candidates.id, row.referral.candidateId))
        .get() ?? null)
    : null;
  return { ...row, candidate };
}

export function setReferralStatus(
  id: number,
  status: ReferralStatus,
  staffUserId: number,
  database: DbOrTx = db(),
): void {
  return writeTransaction(database, (tx) => {
    const before = tx.select().from(referrals).where(eq(referrals.id, id)).get();
    if (!before) throw new RuleViolation("That referral no longer exists.");
    if (CONTACTING.has(status) && needsOptIn(before)) {
      throw new RuleViolation(
        "The suggested person has not agreed to be contacted yet. Wait for them to opt in from the invitation, or record that they agreed another way.",
        "status",
      );
    }
    if (before.status === status) return;
    tx.update(referrals).set({ status, updatedAt: new Date().toISOString() }).where(eq(referrals.id, id)).run();
    recordAudit(
      {
        staffUserId,
        entity: "referral",
        entityId: id,
        action: "status",
        before: { status: before.status },
        after: { status },
      },
      tx,
    );
  });
}

/** The suggested person agreed, through the invitation link (staffUserId null) or by other means recorded by staff. */
export function recordReferralOptIn(id: number, staffUserId: number | null, database: DbOrTx = db()): Referral | null {
  return writeTransaction(database, (tx) => {
    const before = tx.select().from(referrals).where(eq(referrals.id, id)).get();
    if (!before) return null;
    if (before.suggestedOptedInAt) return before;
    const now = new Date().toISOString();
    const after = tx
      .update(referrals)
      .set({ suggestedOptedInAt: now, updatedAt: now })
      .where(eq(referrals.id, id))
      .returning()
      .get();
    if (staffUserId !== null) {
      recordAudit(
        {
          staffUserId,
          entity: "referral",
          entityId: id,
          action: "opt_in_recorded",
          after: { suggestedOptedInAt: now },
        },
        tx,
      );
    }
    return after;
  });
}

/** What the referrer's follow link shows: the status, never the staff's notes or other people's data. */
export function findReferralByFollowToken(token: string, database: DbOrTx = db()) {
  return (
    database
      .select({
        suggestedName: referrals.suggestedName,
        office: referrals.office,
        status: referrals.status,
        createdAt: referrals.createdAt,
      })
      .from(referrals)
      .where(eq(referrals.followToken, token))
      .get() ?? null
  );
}

/** A slug no candidate has yet: "ana-lopez", then "ana-lopez-2", … */
export function uniqueCandidateSlug(name: string, database: DbOrTx = db()): string {
  const base = slugify(name) || "candidate";
  const taken = new Set(
    database
      .select({ slug: candidates.slug })
      .from(candidates)
      .where(or(eq(candidates.slug, base), like(candidates.slug, `${base}-%`)))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Turns a referral into a candidate record in one step: the suggested person becomes a contact
 * (deduplicated by email), a candidate with a unique slug, and the referral links to it.
 */
export function createCandidateFromReferral(
  id: number,
  staffUserId: number,
  database: DbOrTx = db(),
): { candidateId: number; slug: string } {
  return writeTransaction(database, (tx) => {
    const referral = tx.select().from(referrals).where(eq(referrals.id, id)).get();
    if (!referral) throw new RuleViolation("That referral no longer exists.");
    if (referral.candidateId) throw new RuleViolation("This referral already has a candidate record.");
    const [firstName, ...rest] = referral.suggestedName.trim().split(/\s+/);
    const contact = upsertContact(
      {
        firstName: firstName || referral.suggestedName,
        lastName: rest.join(" "),
        email: referral.suggestedEmail,
        phone: referral.suggestedPhone,
      },
      tx,
    );
    const slug = uniqueCandidateSlug(referral.suggestedName, tx);
    const candidate = tx
      .insert(candidates)
      .values({ contactId: contact.id, slug, displayName: referral.suggestedName.trim() })
      .returning()
      .get();
    tx.update(referrals)
      .set({ candidateId: candidate.id, updatedAt: new Date().toISOString() })
      .where(eq(referrals.id, id))
      .run();
    recordAudit(
      {
        staffUserId,
        entity: "candidate",
        entityId: candidate.id,
        action: "create_from_referral",
        after: { referralId: id, slug, contactId: contact.id },
      },
      tx,
    );
    recordAudit(
      { staffUserId, entity: "referral", entityId: id, action: "link_candidate", after: { candidateId: candidate.id } },
      tx,
    );
    return { candidateId: candidate.id, slug };
  });
}

/**
 * Referrals a contact made, each with whether its candidate was endorsed or elected: the credit
 * shown on the referrer's contact page.
 */
export function referralsMadeBy(contactId: number, database: DbOrTx = db()) {
  return database
    .select({
      id: referrals.id,
      suggestedName: referrals.suggestedName,
      office: referrals.office,
      status: referrals.status,
      createdAt: referrals.createdAt,
      candidateId: referrals.candidateId,
      candidateSlug: candidates.slug,
      endorsed: sql<number>`exists (select 1 from ${endorsements} where ${endorsements.candidateId} = ${referrals.candidateId} and ${endorsements.status} = 'endorsed')`,
      elected: sql<number>`exists (select 1 from ${candidacies} where ${candidacies.candidateId} = ${referrals.candidateId} and ${candidacies.outcome} = 'won')`,
    })
    .from(referrals)
    .leftJoin(candidates, eq(candidates.id, referrals.candidateId))
    .where(eq(referrals.referrerContactId, contactId))
    .orderBy(desc(referrals.createdAt))
    .all()
    .map((r) => ({ ...r, endorsed: Boolean(r.endorsed), elected: Boolean(r.elected) }));
}

/** The referral that produced a candidate, for the link back from the candidate's contact page. */
export function referralForCandidateContact(contactId: number, database: DbOrTx = db()) {
  return database
    .select({
      id: referrals.id,
      referrerContactId: referrals.referrerContactId,
      candidateId: candidates.id,
      candidateSlug: candidates.slug,
    })
    .from(referrals)
    .innerJoin(candidates, eq(candidates.id, referrals.candidateId))
    .where(eq(candidates.contactId, contactId))
    .all();
}
