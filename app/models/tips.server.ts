/** Tips ("something happening in your area"): the public submission and the staff inbox. */
import { and, desc, eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, tips, type TIP_STATUSES } from "#db/schema";
import { fullName, submittedDetails, upsertContact } from "./contacts.server";
import { enqueueEmail } from "./outbox.server";
import { recordAudit } from "./audit.server";
import { getSettings } from "./settings.server";
import { publicUrl } from "~/lib/public-url.server";

export type TipStatus = (typeof TIP_STATUSES)[number];

export interface TipSubmission {
  firstName: string;
  lastName?: string;
  email: string;
  phone?: string | null;
  area: string;
  body: string;
}

export function submitTip(input: TipSubmission, database: DbOrTx = db()) {
  return writeTransaction(database, (tx) => {
    const person = { firstName: input.firstName, lastName: input.lastName, email: input.email, phone: input.phone };
    const contact = upsertContact(person, tx);
    const tip = tx
      .insert(tips)
      .values({ contactId: contact.id, area: input.area, body: input.body, submittedContact: submittedDetails(person) })
      .returning()
      .get();
    enqueueEmail(
      {
        template: "tip-staff-notice",
        to: getSettings(tx).staffNotifyEmail,
        props: {
          name: fullName(contact),
          email: contact.email!,
          area: tip.area,
          text: tip.body,
          adminUrl: publicUrl(`/admin/tips?status=new#tip-${tip.id}`),
        },
        idempotencyKey: `tip-staff-notice:${tip.id}`,
        aboutContactId: contact.id,
      },
      tx,
    );
    return { tip, contact };
  });
}

export function listTips(filters: { status?: TipStatus | null }, database: DbOrTx = db()) {
  return database
    .select({
      id: tips.id,
      area: tips.area,
      body: tips.body,
      status: tips.status,
      createdAt: tips.createdAt,
      contactId: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
    })
    .from(tips)
    .innerJoin(contacts, eq(contacts.id, tips.contactId))
    .where(filters.status ? and(eq(tips.status, filters.status)) : undefined)
    .orderBy(desc(tips.createdAt), desc(tips.id))
    .limit(500)
    .all();
}

export function setTipStatus(id: number, status: TipStatus, staffUserId: number, database: DbOrTx = db()): boolean {
  return writeTransaction(database, (tx) => {
    const before = tx.select({ status: tips.status }).from(tips).where(eq(tips.id, id)).get();
    if (!before) return false;
    if (before.status === status) return true;
    tx.update(tips).set({ status, updatedAt: new Date().toISOString() }).where(eq(tips.id, id)).run();
    recordAudit({ staffUserId, entity: "tip", entityId: id, action: "status", before, after: { status } }, tx);
    return true;
  });
}
