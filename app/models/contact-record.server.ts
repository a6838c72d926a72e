/**
 * Everything the contact page shows about one person: details, tags, roles, and a timeline of
 * donations, sign-ups, tips, referrals made, emails, notes and staff actions. Which references to
 * the contact appear on the timeline, and whose audit entries, is the personal-data map's call
 * (personal-data-map.ts).
 */
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  auditLog,
  candidates,
  contactNotes,
  contacts,
  donations,
  emailOutbox,
  staffUsers,
  subscriptions,
  tips,
  volunteers,
} from "#db/schema";
import { tagsOf } from "./contact-tags.server";
import { referralForCandidateContact, referralsMadeBy } from "./referrals.server";
import { keptAfterErasure } from "./contact-erase.server";
import { CONTACT_REFERENCES, type TimelineKind } from "./personal-data-map";
import { idsReferencing } from "./personal-data.server";
import { formatCents } from "~/lib/format";

export interface TimelineEntry {
  at: string;
  kind: TimelineKind | "audit" | "created";
  title: string;
  detail?: string;
  href?: string;
}

const PER_KIND = 100;

export function getContactRecord(id: number, database: DbOrTx = db()) {
  const contact = database.select().from(contacts).where(eq(contacts.id, id)).get();
  if (!contact) return null;

  const volunteerRows = database
    .select()
    .from(volunteers)
    .where(eq(volunteers.contactId, id))
    .orderBy(desc(volunteers.createdAt))
    .all();
  const tipRows = database
    .select()
    .from(tips)
    .where(eq(tips.contactId, id))
    .orderBy(desc(tips.createdAt))
    .limit(PER_KIND)
    .all();
  const referralRows = referralsMadeBy(id, database);
  const donationRows = database
    .select({
      id: donations.id,
      amountCents: donations.amountCents,
      status: donations.status,
      method: donations.method,
      receivedAt: donations.receivedAt,
      createdAt: donations.createdAt,
    })
    .from(donations)
    .where(eq(donations.contactId, id))
    .orderBy(desc(donations.createdAt))
    .limit(PER_KIND)
    .all();
  // Mail to the person, and mail to staff about them (by `about_contact_id`).
  const outboxRows = (column: typeof emailOutbox.contactId | typeof emailOutbox.aboutContactId) =>
    database
      .select({
        id: emailOutbox.id,
        template: emailOutbox.template,
        status: emailOutbox.status,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .where(eq(column, id))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(PER_KIND)
      .all();
  const emailRows = outboxRows(emailOutbox.contactId);
  const noticeRows = outboxRows(emailOutbox.aboutContactId);
  const noteRows = database
    .select({
      id: contactNotes.id,
      body: contactNotes.body,
      createdAt: contactNotes.createdAt,
      staffEmail: staffUsers.emailNormalized,
    })
    .from(contactNotes)
    .leftJoin(staffUsers, eq(staffUsers.id, contactNotes.staffUserId))
    .where(eq(contactNotes.contactId, id))
    .orderBy(desc(contactNotes.createdAt))
    .all();
  const subscriptionRows = database.select().from(subscriptions).where(eq(subscriptions.contactId, id)).all();
  // Audit entries about the contact, and about rows the map says carry its audit entity.
  const auditTargets = [
    and(eq(auditLog.entity, "contact"), eq(auditLog.entityId, id)),
    ...CONTACT_REFERENCES.flatMap((ref) => {
      if (!ref.auditEntity) return [];
      const ids = idsReferencing(ref, id, database);
      return ids.length ? [and(eq(auditLog.entity, ref.auditEntity), inArray(auditLog.entityId, ids))] : [];
    }),
  ];
  const auditRows = database
    .select({
      id: auditLog.id,
      entity: auditLog.entity,
      action: auditLog.action,
      createdAt: auditLog.createdAt,
      staffEmail: staffUsers.emailNormalized,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffUserId))
    .where(or(...auditTargets))
    .orderBy(desc(auditLog.createdAt))
    .limit(PER_KIND)
    .all();
  const candidateRows = database
    .select({ id: candidates.id, slug: candidates.slug, displayName: candidates.displayName })
    .from(candidates)
    .where(eq(candidates.contactId, id))
    .all();
  const suggestedBy = referralForCandidateContact(id, database);
  const staffAccount = database
    .select({ id: staffUsers.id, role: staffUsers.role })
    .from(staffUsers)
    .where(eq(staffUsers.contactId, id))
    .get();

  const byKind: Record<TimelineKind, () => TimelineEntry[]> = {
    donation: () =>
      donationRows.map((d) => ({
        at: d.receivedAt ?? d.createdAt,
        kind: "donation" as const,
        title: `Donation (${d.method.replace("_", " ")}), ${d.status.replace("_", " ")}`,
        detail: formatCents(d.amountCents),
      })),
    volunteer: () =>
      volunteerRows.map((v) => ({
        at: v.createdAt,
        kind: "volunteer" as const,
        title: "Signed up to volunteer",
        detail: v.area,
      })),
    tip: () =>
      tipRows.map((t) => ({
        at: t.createdAt,
        kind: "tip" as const,
        title: `Sent a tip${t.area ? ` about ${t.area}` : ""}`,
        detail: t.body,
      })),
    referral: () =>
      referralRows.map((r) => ({
        at: r.createdAt,
        kind: "referral" as const,
        title: `Suggested ${r.suggestedName} as a candidate`,
        detail: r.office,
        href: `/admin/referrals/${r.id}`,
      })),
    email: () =>
      emailRows.map((e) => ({
        at: e.sentAt ?? e.createdAt,
        kind: "email" as const,
        title: `Email: ${e.template}`,
        detail: e.status,
      })),
    "staff-notice": () =>
      noticeRows.map((e) => ({
        at: e.sentAt ?? e.createdAt,
        kind: "staff-notice" as const,
        title: `Email to others about them: ${e.template}`,
        detail: e.status,
      })),
    note: () =>
      noteRows.map((n) => ({
        at: n.createdAt,
        kind: "note" as const,
        title: `Note${n.staffEmail ? ` by ${n.staffEmail}` : ""}`,
        detail: n.body,
      })),
    subscription: () =>
      subscriptionRows.map((s) => ({
        at: s.createdAt,
        kind: "subscription" as const,
        title: `Subscribed to ${s.list}`,
        detail: s.unsubscribedAt ? "unsubscribed" : s.confirmedAt ? "confirmed" : "awaiting confirmation",
      })),
  };
  const timeline: TimelineEntry[] = [
    { at: contact.createdAt, kind: "created" as const, title: "Record created" },
    ...CONTACT_REFERENCES.flatMap((ref) => (ref.timeline ? byKind[ref.timeline]() : [])),
    ...auditRows.map((a) => ({
      at: a.createdAt,
      kind: "audit" as const,
      title: `Staff: ${a.entity} ${a.action.replace(/_/g, " ")}`,
      detail: a.staffEmail ?? undefined,
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    contact,
    tags: tagsOf(id, database),
    volunteers: volunteerRows.map((v) => ({ id: v.id, status: v.status, area: v.area })),
    referralsMade: referralRows,
    candidates: candidateRows,
    suggestedBy,
    staffAccount: staffAccount ?? null,
    donationCount: donationRows.length,
    timeline,
    kept: contact.erasedAt ? keptAfterErasure(id, database) : [],
  };
}
