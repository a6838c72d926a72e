/**
 * Email list subscriptions (updates, fundraising, volunteer) with double opt-in: a public
 * request records the wish and sends a confirmation; only a confirmed, not unsubscribed,
 * not suppressed subscriber gets list mail.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { EMAIL_LISTS, emailSuppressions, subscriptions } from "#db/schema";
import { normalizeEmail } from "~/lib/email-address";
import { LIST_LABELS } from "~/lib/email-lists";
import { signEmailToken, type EmailList } from "~/lib/email-tokens.server";
import { publicUrl } from "~/lib/public-url.server";
import { upsertContact } from "./contacts.server";
import { enqueuePublicFormEmail } from "./public-form-mail.server";
import { addressesOf, currentContact, liftOptOuts, mergeChain, optedOut, recordOptOuts } from "./email-opt-outs.server";

export { EMAIL_LISTS };
export type { EmailList };

export { LIST_LABELS };

export interface SubscribeInput {
  email: string;
  firstName: string;
  lists: EmailList[];
}

function subscriptionRows(contactId: number, database: DbOrTx) {
  return database.select().from(subscriptions).where(eq(subscriptions.contactId, contactId)).all();
}

const isActive = (s: { confirmedAt: string | null; unsubscribedAt: string | null }) =>
  Boolean(s.confirmedAt) && !s.unsubscribedAt;

/**
 * Records the wish to join lists and enqueues one confirmation for the lists not yet active.
 * Returns the lists awaiting confirmation. Answers the same whatever the address's state, so
 * the form reveals nothing about who is subscribed.
 */
export function requestSubscription(input: SubscribeInput, database: DbOrTx = db()): EmailList[] {
  return writeTransaction(database, (tx) => {
    const contact = upsertContact({ email: input.email, firstName: input.firstName }, tx);
    const existing = new Map(subscriptionRows(contact.id, tx).map((s) => [s.list, s]));
    const pending = input.lists.filter((list) => {
      const row = existing.get(list);
      return !row || !isActive(row);
    });
    if (pending.length === 0) return [];
    for (const list of pending) {
      tx.insert(subscriptions).values({ contactId: contact.id, list }).onConflictDoNothing().run();
    }
    const sorted = EMAIL_LISTS.filter((l) => pending.includes(l));
    const token = signEmailToken("confirm", { contactId: contact.id, lists: sorted });
    enqueuePublicFormEmail(
      {
        template: "subscription-confirm",
        to: contact.email ?? input.email,
        props: {
          firstName: contact.firstName,
          lists: sorted,
          confirmUrl: publicUrl(`/subscribe/confirm?token=${token}`),
        },
        // One confirmation per address, lists and day: resubmitting the form does not flood the inbox.
        idempotencyKey: `subscription-confirm:${contact.id}:${sorted.join(",")}:${new Date().toISOString().slice(0, 10)}`,
        contactId: contact.id,
      },
      tx,
    );
    return sorted;
  });
}

/**
 * Confirms lists: from the preferences page (the reader owns the address; this also lifts an
 * earlier unsubscribe, also the one held by address), or from a confirmation link issued at
 * `linkIssuedAt`. Such a link confirms only what was asked for when it was sent: it cannot bring
 * back a list the person unsubscribed from after it was issued, and once its lists are confirmed
 * it changes nothing. A link issued before a merge confirms for the surviving contact.
 */
export function confirmSubscription(
  tokenContactId: number,
  lists: EmailList[],
  database: DbOrTx = db(),
  options: { linkIssuedAt?: number } = {},
): EmailList[] {
  if (lists.length === 0) return [];
  const now = new Date().toISOString();
  return writeTransaction(database, (tx) => {
    const contact = currentContact(tokenContactId, tx);
    if (!contact) return [];
    const contactId = contact.id;
    if (options.linkIssuedAt !== undefined) {
      const issued = new Date(options.linkIssuedAt).toISOString();
      const rows = new Map(subscriptionRows(contactId, tx).map((s) => [s.list, s]));
      const confirmable = lists.filter((list) => {
        const row = rows.get(list);
        // A link for a list we have no request for, or one unsubscribed after it was sent, is spent.
        return row && !(row.unsubscribedAt && row.unsubscribedAt >= issued);
      });
      liftOptOuts(addressesOf([contact]), confirmable, tx);
      for (const list of confirmable) {
        const row = rows.get(list)!;
        if (!row.confirmedAt || row.unsubscribedAt) {
          tx.update(subscriptions)
            .set({ confirmedAt: now, unsubscribedAt: null })
            .where(eq(subscriptions.id, row.id))
            .run();
        }
      }
      return confirmable;
    }
    liftOptOuts(addressesOf([contact]), lists, tx);
    for (const list of lists) {
      tx.insert(subscriptions).values({ contactId, list, confirmedAt: now }).onConflictDoNothing().run();
      const row = tx
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.contactId, contactId), eq(subscriptions.list, list)))
        .get()!;
      tx.update(subscriptions)
        .set({ confirmedAt: row.confirmedAt ?? now, unsubscribedAt: null })
        .where(eq(subscriptions.id, row.id))
        .run();
    }
    return lists;
  });
}

/**
 * Stops the lists for a contact; idempotent, and remembered even without an earlier row. A link
 * from before a merge stops them for the surviving contact, and every address the person had is
 * opted out too, so no later contact with that address gets the lists either.
 */
export function unsubscribe(tokenContactId: number, lists: readonly EmailList[], database: DbOrTx = db()): void {
  if (lists.length === 0) return;
  const now = new Date().toISOString();
  writeTransaction(database, (tx) => {
    const chain = mergeChain(tokenContactId, tx);
    if (chain.length === 0) return;
    const contactId = chain[chain.length - 1].id;
    recordOptOuts(addressesOf(chain), lists, tx);
    for (const list of lists) {
      tx.insert(subscriptions).values({ contactId, list, unsubscribedAt: now }).onConflictDoNothing().run();
    }
    tx.update(subscriptions)
      .set({ unsubscribedAt: now })
      .where(
        and(
          eq(subscriptions.contactId, contactId),
          inArray(subscriptions.list, [...lists]),
          isNull(subscriptions.unsubscribedAt),
        ),
      )
      .run();
  });
}

export interface ListPreference {
  list: EmailList;
  label: string;
  subscribed: boolean;
  awaitingConfirmation: boolean;
}

export interface Preferences {
  firstName: string;
  email: string | null;
  lists: ListPreference[];
}

export function getPreferences(tokenContactId: number, database: DbOrTx = db()): Preferences | null {
  const contact = currentContact(tokenContactId, database);
  if (!contact) return null;
  const rows = new Map(subscriptionRows(contact.id, database).map((s) => [s.list, s]));
  return {
    firstName: contact.firstName,
    email: contact.email,
    lists: EMAIL_LISTS.map((list) => {
      const row = rows.get(list);
      return {
        list,
        label: LIST_LABELS[list],
        subscribed: row ? isActive(row) : false,
        awaitingConfirmation: Boolean(row && !row.confirmedAt && !row.unsubscribedAt),
      };
    }),
  };
}

/**
 * Saves the preferences page. The page is reached through a signed link sent to the address,
 * which proves the reader owns it, so ticking a list confirms it at once.
 */
export function savePreferences(tokenContactId: number, chosen: readonly EmailList[], database: DbOrTx = db()): void {
  writeTransaction(database, (tx) => {
    const contactId = currentContact(tokenContactId, tx)?.id;
    if (contactId == null) return;
    confirmSubscription(contactId, [...chosen], tx);
    unsubscribe(
      contactId,
      EMAIL_LISTS.filter((l) => !chosen.includes(l)),
      tx,
    );
  });
}

export interface ListRecipient {
  contactId: number | null;
  email: string;
}

/**
 * Why each list email must not go to its recipient now (null when it may), in input order.
 * Checked when list mail is enqueued in bulk and again just before it is sent, since people
 * unsubscribe in between; two queries for a whole batch.
 */
export function listMailBlocks(
  recipients: ListRecipient[],
  list: EmailList,
  database: DbOrTx = db(),
): Array<string | null> {
  const emails = [...new Set(recipients.map((r) => normalizeEmail(r.email)))];
  const contactIds = [...new Set(recipients.map((r) => r.contactId).filter((id): id is number => id != null))];
  const suppressed = new Map(
    emails.length
      ? database
          .select({ email: emailSuppressions.emailNormalized, reason: emailSuppressions.reason })
          .from(emailSuppressions)
          .where(inArray(emailSuppressions.emailNormalized, emails))
          .all()
          .map((r) => [r.email, r.reason])
      : [],
  );
  const subs = new Map(
    contactIds.length
      ? database
          .select()
          .from(subscriptions)
          .where(and(eq(subscriptions.list, list), inArray(subscriptions.contactId, contactIds)))
          .all()
          .map((s) => [s.contactId, s])
      : [],
  );
  const optOuts = optedOut(emails, list, database);
  return recipients.map((r) => {
    const suppression = suppressed.get(normalizeEmail(r.email));
    if (suppression) return `address suppressed (${suppression})`;
    if (optOuts.has(normalizeEmail(r.email))) return `address unsubscribed from ${list}`;
    if (r.contactId == null) return "no contact for this address";
    const row = subs.get(r.contactId);
    if (!row) return `not subscribed to ${list}`;
    if (row.unsubscribedAt) return `unsubscribed from ${list}`;
    if (!row.confirmedAt) return `subscription to ${list} not confirmed`;
    return null;
  });
}
