/**
 * Staff accepting the details a public form submission carried (volunteers.submitted_contact):
 * the form itself never overwrites a contact (app/models/contacts.server.ts), so a changed phone
 * or a corrected name reaches the contact only when a person at the PAC says so. Audited.
 */
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { contacts, volunteers } from "#db/schema";
import { auditedWrite } from "./audited-write.server";
import { detailsDiffering } from "./contacts.server";

const ACCEPTABLE = new Set([
  "firstName",
  "lastName",
  "phone",
  "street",
  "city",
  "state",
  "zip",
  "employer",
  "occupation",
]);

/** Applies a volunteer sign-up's submitted details to its contact; false when there is nothing to apply. */
export function acceptVolunteerDetails(volunteerId: number, staffUserId: number, database: DbOrTx = db()): boolean {
  return auditedWrite(
    staffUserId,
    "contact",
    "accept_submitted_details",
    (tx) => {
      const row = tx
        .select({ contact: contacts, submitted: volunteers.submittedContact })
        .from(volunteers)
        .innerJoin(contacts, eq(contacts.id, volunteers.contactId))
        .where(eq(volunteers.id, volunteerId))
        .get();
      if (!row) return { entityId: null, value: false };
      const patch = Object.fromEntries(
        Object.entries(detailsDiffering(row.contact, row.submitted)).filter(([k]) => ACCEPTABLE.has(k)),
      );
      if (Object.keys(patch).length === 0) return { entityId: row.contact.id, value: false };
      if ("phone" in patch)
        (patch as Record<string, string | null>).phoneDigits = patch.phone.replace(/\D/g, "") || null;
      tx.update(contacts)
        .set({ ...patch, updatedAt: new Date().toISOString() })
        .where(eq(contacts.id, row.contact.id))
        .run();
      const before = Object.fromEntries(
        Object.keys(patch).map((k) => [k, (row.contact as Record<string, unknown>)[k]]),
      );
      return { entityId: row.contact.id, before, after: { ...patch, fromVolunteer: volunteerId }, value: true };
    },
    database,
  );
}
