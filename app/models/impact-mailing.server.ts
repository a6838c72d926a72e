/**
 * Sends an impact update to the `updates` list: one outbox row per confirmed, still subscribed,
 * not suppressed member, all in one INSERT … SELECT inside one transaction, so that 100k members
 * are enqueued in about a second and a second call adds nothing (one key per update and member).
 */
import { and, eq, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, emailOptOuts, emailOutbox, emailSuppressions, subscriptions, updates } from "#db/schema";
import type { TemplateProps } from "#emails/index";
import { publicUrl } from "~/lib/public-url.server";
import { emailMeasureRecords } from "./record-cards.server";

/** Returns how many emails were enqueued (0 when the update was already sent to everyone). */
export function enqueueImpactUpdate(updateId: number, database: DbOrTx = db()): number {
  return writeTransaction(database, (tx) => {
    const update = tx.select().from(updates).where(eq(updates.id, updateId)).get();
    if (!update) throw new Error(`No update with id ${updateId}`);
    const records = emailMeasureRecords(update.id, tx);
    const props: TemplateProps["impact-update"] = {
      title: update.title,
      summary: update.summary,
      bodyMarkdown: update.bodyMarkdown,
      url: publicUrl(`/updates/${update.slug}`),
      // the record cards of the measures the update cites, rendered into every copy
      ...(records.length ? { records } : {}),
    };
    const keyPrefix = `impact-update:${update.id}:`;
    const result = tx.run(sql`
      insert into ${emailOutbox} (template, props_json, to_email, contact_id, list, idempotency_key, send_id)
      select 'impact-update', ${JSON.stringify(props)}, ${contacts.email}, ${contacts.id}, 'updates', ${keyPrefix} || ${contacts.id}, lower(hex(randomblob(16)))
      from ${subscriptions}
      join ${contacts} on ${contacts.id} = ${subscriptions.contactId}
      where ${and(
        eq(subscriptions.list, "updates"),
        sql`${subscriptions.confirmedAt} is not null`,
        sql`${subscriptions.unsubscribedAt} is null`,
        sql`${contacts.email} is not null`,
        sql`${contacts.erasedAt} is null`,
        sql`${contacts.mergedIntoId} is null`,
        sql`not exists (select 1 from ${emailSuppressions} where ${emailSuppressions.emailNormalized} = ${contacts.emailNormalized})`,
        sql`not exists (select 1 from ${emailOptOuts} where ${emailOptOuts.emailNormalized} = ${contacts.emailNormalized} and ${emailOptOuts.list} = 'updates')`,
      )}
      on conflict (idempotency_key) do nothing
    `);
    return result.changes;
  });
}
