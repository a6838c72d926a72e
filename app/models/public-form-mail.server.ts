/**
 * Mail that a public form sends to an address the visitor typed (a welcome, a thank-you, a
 * confirmation, an invitation to a suggested candidate). Anyone can type anyone's address, from
 * as many connections as they like, so the per-connection form limit does not protect the
 * recipient: at most PUBLIC_MAIL_CAP.perRecipient such emails go to one address in a day,
 * whatever the form or the sender. Later submissions are still stored; only the email is skipped.
 * Mail to staff and list mail are not counted.
 */
import { and, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { emailOutbox } from "#db/schema";
import type { TemplateName } from "#emails/index";
import { enqueueEmail, type EnqueueInput } from "./outbox.server";

export const PUBLIC_FORM_TEMPLATES = [
  "subscription-confirm",
  "volunteer-welcome",
  "referral-thank-you",
  "referral-invite",
] as const satisfies readonly TemplateName[];

export const PUBLIC_MAIL_CAP = { perRecipient: 3, windowMs: 24 * 60 * 60 * 1000 };

export function recentPublicFormMail(to: string, database: DbOrTx, now = Date.now()): number {
  const since = new Date(now - PUBLIC_MAIL_CAP.windowMs).toISOString();
  return database
    .select({ n: sql<number>`count(*)` })
    .from(emailOutbox)
    .where(
      and(
        sql`lower(${emailOutbox.toEmail}) = ${to.trim().toLowerCase()}`,
        gt(emailOutbox.createdAt, since),
        inArray(emailOutbox.template, [...PUBLIC_FORM_TEMPLATES]),
      ),
    )
    .get()!.n;
}

/** Enqueues the email unless its recipient already got the day's share; the outbox id or null. */
export function enqueuePublicFormEmail<T extends (typeof PUBLIC_FORM_TEMPLATES)[number]>(
  input: EnqueueInput<T>,
  database: DbOrTx,
): number | null {
  if (recentPublicFormMail(input.to, database) >= PUBLIC_MAIL_CAP.perRecipient) return null;
  return enqueueEmail(input, database);
}
