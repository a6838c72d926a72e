/**
 * Volunteers: the public sign-up (contact upsert + volunteer row + welcome and staff notice in one
 * transaction) and the staff pipeline.
 */
import { and, desc, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, volunteers, VOLUNTEER_STATUSES } from "#db/schema";
import { detailsDiffering, fullName, submittedDetails, upsertContact } from "./contacts.server";
import { enqueueEmail } from "./outbox.server";
import { enqueuePublicFormEmail } from "./public-form-mail.server";
import { recordAudit } from "./audit.server";
import { getSettings } from "./settings.server";
import { publicUrl } from "~/lib/public-url.server";

export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export interface VolunteerSignUp {
  firstName: string;
  lastName?: string;
  email: string;
  phone?: string | null;
  area: string;
  interests: string[];
  availability?: string;
  consentEmail: boolean;
}

export function signUpVolunteer(input: VolunteerSignUp, database: DbOrTx = db()) {
  return writeTransaction(database, (tx) => {
    const person = {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      zip: /^\d{5}$/.test(input.area) ? input.area : null,
    };
    const contact = upsertContact(person, tx);
    const now = new Date().toISOString();
    const volunteer = tx
      .insert(volunteers)
      .values({
        contactId: contact.id,
        interests: JSON.stringify(input.interests),
        availability: input.availability ?? "",
        area: input.area,
        consentEmailAt: input.consentEmail ? now : null,
        submittedContact: submittedDetails(person),
      })
      .returning()
      .get();
    const name = fullName(contact);
    enqueuePublicFormEmail(
      {
        template: "volunteer-welcome",
        to: contact.email!,
        props: { firstName: contact.firstName },
        idempotencyKey: `volunteer-welcome:${volunteer.id}`,
        contactId: contact.id,
      },
      tx,
    );
    enqueueEmail(
      {
        template: "volunteer-staff-notice",
        to: getSettings(tx).staffNotifyEmail,
        props: {
          volunteerName: name,
          email: contact.email!,
          phone: contact.phone,
          area: input.area,
          interests: input.interests,
          availability: input.availability ?? "",
          adminUrl: publicUrl(`/admin/contacts/${contact.id}`),
        },
        idempotencyKey: `volunteer-staff-notice:${volunteer.id}`,
        aboutContactId: contact.id,
      },
      tx,
    );
    return { volunteer, contact };
  });
}

export interface VolunteerFilters {
  status?: VolunteerStatus | null;
  interest?: string | null;
  area?: string | null;
}

function filterWhere(f: VolunteerFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (f.status) conditions.push(eq(volunteers.status, f.status));
  // interests is a JSON array of keys; json_each keeps the match exact ("events" never matches "event").
  if (f.interest)
    conditions.push(sql`exists (select 1 from json_each(${volunteers.interests}) where value = ${f.interest})`);
  if (f.area) conditions.push(like(volunteers.area, `%${f.area.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  return conditions.length ? and(...conditions) : undefined;
}

export function listVolunteers(filters: VolunteerFilters, { limit = 200 } = {}, database: DbOrTx = db()) {
  const rows = database
    .select({
      id: volunteers.id,
      contactId: volunteers.contactId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      interests: volunteers.interests,
      availability: volunteers.availability,
      area: volunteers.area,
      status: volunteers.status,
      notes: volunteers.notes,
      createdAt: volunteers.createdAt,
      contact: contacts,
      submittedContact: volunteers.submittedContact,
    })
    .from(volunteers)
    .innerJoin(contacts, eq(contacts.id, volunteers.contactId))
    .where(filterWhere(filters))
    .orderBy(desc(volunteers.createdAt), desc(volunteers.id))
    .limit(limit)
    .all();
  // Details typed on the form that differ from the contact: shown to staff, who may accept them.
  return rows.map(({ contact, submittedContact, ...r }) => ({
    ...r,
    interests: parseInterests(r.interests),
    submittedDiffers: detailsDiffering(contact, submittedContact),
  }));
}

export function countVolunteersByStatus(database: DbOrTx = db()): Record<VolunteerStatus, number> {
  const counts = Object.fromEntries(VOLUNTEER_STATUSES.map((s) => [s, 0])) as Record<VolunteerStatus, number>;
  const rows = database
    .select({ status: volunteers.status, n: sql<number>`count(*)` })
    .from(volunteers)
    .groupBy(volunteers.status)
    .all();
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

function parseInterests(json: string): string[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** Bulk status change; returns how many volunteers changed. */
export function setVolunteerStatus(
  ids: number[],
  status: VolunteerStatus,
  staffUserId: number,
  database: DbOrTx = db(),
): number {
  if (ids.length === 0) return 0;
  return writeTransaction(database, (tx) => {
    const before = tx
      .select({ id: volunteers.id, status: volunteers.status })
      .from(volunteers)
      .where(inArray(volunteers.id, ids))
      .all();
    const changing = before.filter((v) => v.status !== status);
    if (changing.length === 0) return 0;
    tx.update(volunteers)
      .set({ status, updatedAt: new Date().toISOString() })
      .where(
        inArray(
          volunteers.id,
          changing.map((v) => v.id),
        ),
      )
      .run();
    for (const v of changing) {
      recordAudit(
        {
          staffUserId,
          entity: "volunteer",
          entityId: v.id,
          action: "status",
          before: { status: v.status },
          after: { status },
        },
        tx,
      );
    }
    return changing.length;
  });
}

export function setVolunteerNotes(id: number, notes: string, staffUserId: number, database: DbOrTx = db()): boolean {
  return writeTransaction(database, (tx) => {
    const before = tx.select({ notes: volunteers.notes }).from(volunteers).where(eq(volunteers.id, id)).get();
    if (!before) return false;
    tx.update(volunteers).set({ notes, updatedAt: new Date().toISOString() }).where(eq(volunteers.id, id)).run();
    recordAudit({ staffUserId, entity: "volunteer", entityId: id, action: "notes", before, after: { notes } }, tx);
    return true;
  });
}

export const VOLUNTEER_EXPORT_HEADER = [
  "first_name",
  "last_name",
  "email",
  "phone",
  "area",
  "interests",
  "availability",
  "status",
  "notes",
  "signed_up_at",
];

export function volunteerExportRows(filters: VolunteerFilters, database: DbOrTx = db()) {
  return listVolunteers(filters, { limit: 1_000_000 }, database).map((v) => [
    v.firstName,
    v.lastName,
    v.email,
    v.phone,
    v.area,
    v.interests.join(";"),
    v.availability,
    v.status,
    v.notes,
    v.createdAt,
  ]);
}
