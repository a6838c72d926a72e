/**
 * The email outbox (DESIGN §3): a business write enqueues its emails in the same transaction,
 * so an email is never lost and never sent for a write that rolled back.
 */
import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { preparedOnce } from "#db/prepared";
import { newSendId } from "./outbox-delivery.server";
import { emailOutbox, type EmailList } from "#db/schema";
import type { TemplateName, TemplateProps } from "#emails/index";

export type { EmailList };

export interface EnqueueInput<T extends TemplateName> {
  template: T;
  to: string;
  props: TemplateProps[T];
  /** Stable for the business event (e.g. `donation-receipt:123`): enqueuing twice keeps one row.
   *  The provider's key adds the row's random send id, so it never repeats across installations. */
  idempotencyKey: string;
  /** The contact the email goes to. */
  contactId?: number | null;
  /** The contact a message to someone else is about (a staff notice), so erasure finds it by id. */
  aboutContactId?: number | null;
  /** Set for list mail: adds unsubscribe headers and respects suppressions. */
  list?: EmailList | null;
}

const statements = new WeakMap<object, { get(values: Record<string, unknown>): { id: number } | undefined }>();

/** Adds one email to the outbox; returns its id, or null when that key was already enqueued. */
export function enqueueEmail<T extends TemplateName>(input: EnqueueInput<T>, database: DbOrTx = db()): number | null {
  // Prepared once per connection (db/prepared.ts): every receipt and notice comes through here.
  const insert = preparedOnce(statements, database, (database) => {
    const p = (name: string) => sql.placeholder(name);
    return database
      .insert(emailOutbox)
      .values({
        template: sql`${p("template")}`,
        toEmail: sql`${p("toEmail")}`,
        propsJson: sql`${p("propsJson")}`,
        idempotencyKey: sql`${p("idempotencyKey")}`,
        contactId: sql`${p("contactId")}`,
        aboutContactId: sql`${p("aboutContactId")}`,
        list: sql`${p("list")}`,
        sendId: sql`${p("sendId")}`,
      } as unknown as typeof emailOutbox.$inferInsert)
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ id: emailOutbox.id })
      .prepare();
  });
  const row = insert.get({
    template: input.template,
    toEmail: input.to,
    propsJson: JSON.stringify(input.props),
    idempotencyKey: input.idempotencyKey,
    contactId: input.contactId ?? null,
    aboutContactId: input.aboutContactId ?? null,
    list: input.list ?? null,
    sendId: newSendId(),
  });
  return row?.id ?? null;
}
