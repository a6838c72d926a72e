/**
 * Erasing a person on request. Personal data goes; contribution records keep the compliance
 * snapshot that election law requires the PAC to keep, and the contact page says so.
 */
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import {
  auditLog,
  candidates,
  contactNotes,
  contactTags,
  contacts,
  donations,
  emailOutbox,
  emailRendered,
  recurringPlans,
  referrals,
  staffUsers,
  subscriptions,
  tips,
  volunteers,
} from "#db/schema";
import { recordAudit } from "./audit.server";
import { RuleViolation } from "./rule-violation.server";

export const ERASED_NAME = "Erased";

/** Erases the person, or throws a RuleViolation (nothing changed) when they cannot be erased. */
export function eraseContact(contactId: number, staffUserId: number, database: DbOrTx = db()): void {
  return writeTransaction(database, (tx) => {
    const contact = tx.select().from(contacts).where(eq(contacts.id, contactId)).get();
    if (!contact) throw new RuleViolation("That contact does not exist.");
    if (contact.erasedAt) throw new RuleViolation("This contact was already erased.");
    if (contact.mergedIntoId)
      throw new RuleViolation(`This record was merged into #${contact.mergedIntoId}; erase that contact instead.`);
    if (tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.contactId, contactId)).get()) {
      throw new RuleViolation("This person has a staff account. Remove the account before erasing them.");
    }
    const now = new Date().toISOString();
    const email = contact.emailNormalized;

    // Staff notices about this person were addressed to staff; they are found by the rows they announced.
    const noticeKeys = [
      ...tx
        .select({ id: volunteers.id })
        .from(volunteers)
        .where(eq(volunteers.contactId, contactId))
        .all()
        .map((r) => `volunteer-staff-notice:${r.id}`),
      ...tx
        .select({ id: tips.id })
        .from(tips)
        .where(eq(tips.contactId, contactId))
        .all()
        .map((r) => `tip-staff-notice:${r.id}`),
      ...tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(eq(referrals.referrerContactId, contactId))
        .all()
        .map((r) => `referral-staff-notice:${r.id}`),
    ];

    tx.delete(contactTags).where(eq(contactTags.contactId, contactId)).run();
    tx.delete(contactNotes).where(eq(contactNotes.contactId, contactId)).run();
    tx.delete(subscriptions).where(eq(subscriptions.contactId, contactId)).run();
    tx.delete(volunteers).where(eq(volunteers.contactId, contactId)).run();
    tx.delete(tips).where(eq(tips.contactId, contactId)).run();
    // Referrals they made are about someone else and stay; only the link back to them goes.
    tx.update(referrals)
      .set({ followToken: null, updatedAt: now })
      .where(eq(referrals.referrerContactId, contactId))
      .run();

    const theirMail = or(
      eq(emailOutbox.contactId, contactId),
      email ? sql`lower(${emailOutbox.toEmail}) = ${email}` : undefined,
      noticeKeys.length ? inArray(emailOutbox.idempotencyKey, noticeKeys) : undefined,
    );
    tx.delete(emailOutbox)
      .where(and(theirMail, inArray(emailOutbox.status, ["queued", "held", "failed"])))
      .run();
    // The kept rendering of their emails holds their name and links; messages no row uses go.
    tx.update(emailOutbox).set({ propsJson: "{}", renderedId: null, renderedToken: null }).where(theirMail).run();
    tx.delete(emailRendered)
      .where(
        sql`${emailRendered.id} not in (select ${emailOutbox.renderedId} from ${emailOutbox} where ${emailOutbox.renderedId} is not null)`,
      )
      .run();
    tx.update(emailOutbox)
      .set({ toEmail: "erased" })
      .where(
        and(
          theirMail,
          sql`${emailOutbox.idempotencyKey} not in (${sql.join(noticeKeys.length ? noticeKeys.map((k) => sql`${k}`) : [sql`''`], sql`, `)})`,
        ),
      )
      .run();
    // Audit rows stay as the record of who did what; their copies of the person's details go.
    tx.update(auditLog)
      .set({ beforeJson: null, afterJson: null })
      .where(and(eq(auditLog.entity, "contact"), eq(auditLog.entityId, contactId)))
      .run();

    tx.update(contacts)
      .set({
        firstName: ERASED_NAME,
        lastName: "",
        email: null,
        emailNormalized: null,
        phone: null,
        phoneDigits: null,
        street: null,
        city: null,
        state: null,
        zip: null,
        employer: null,
        occupation: null,
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(contacts.id, contactId))
      .run();
    recordAudit({ staffUserId, entity: "contact", entityId: contactId, action: "erase", after: { erasedAt: now } }, tx);
  });
}

/** What an erased contact's page lists as kept, each with the reason. */
export function keptAfterErasure(contactId: number, database: DbOrTx = db()) {
  const count = (n: number | undefined) => n ?? 0;
  const donationCount = count(
    database
      .select({ n: sql<number>`count(*)` })
      .from(donations)
      .where(eq(donations.contactId, contactId))
      .get()?.n,
  );
  const planCount = count(
    database
      .select({ n: sql<number>`count(*)` })
      .from(recurringPlans)
      .where(eq(recurringPlans.contactId, contactId))
      .get()?.n,
  );
  const candidateCount = count(
    database
      .select({ n: sql<number>`count(*)` })
      .from(candidates)
      .where(eq(candidates.contactId, contactId))
      .get()?.n,
  );
  const referralCount = count(
    database
      .select({ n: sql<number>`count(*)` })
      .from(referrals)
      .where(eq(referrals.referrerContactId, contactId))
      .get()?.n,
  );
  const kept: Array<{ what: string; why: string }> = [];
  if (donationCount) {
    kept.push({
      what: `${donationCount} contribution record${donationCount === 1 ? "" : "s"} with the donor's name, address, employer and occupation as given at the time of the gift`,
      why: "Election law requires the PAC to keep and report these details for every contribution; they cannot be deleted on request.",
    });
  }
  if (planCount) {
    kept.push({
      what: `${planCount} recurring donation plan${planCount === 1 ? "" : "s"}`,
      why: "The plan links the contribution records to the payment processor. Cancel an active plan in Stripe to stop future charges.",
    });
  }
  if (candidateCount) {
    kept.push({
      what: "The candidate profile",
      why: "A candidacy and our endorsement of it are public record, so the public profile stays.",
    });
  }
  if (referralCount) {
    kept.push({
      what: `${referralCount} candidate suggestion${referralCount === 1 ? "" : "s"} this person made, no longer linked to their details`,
      why: "The suggestion concerns another person who may now be a candidate.",
    });
  }
  kept.push({
    what: "Audit log entries (who changed what, and when), with the person's details removed",
    why: "The PAC keeps a record of every staff action.",
  });
  kept.push({
    what: "Sent emails' dates and templates, without the address or contents",
    why: "The delivery record shows what the PAC sent.",
  });
  return kept;
}
