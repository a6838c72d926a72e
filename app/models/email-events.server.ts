/**
 * Delivery events from Resend's webhook: each is recorded on its outbox row (the latest event
 * wins, whatever order they arrive in), and a hard bounce or a complaint suppresses the address
 * for list mail. Replaying an event changes nothing.
 */
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { emailOutbox } from "#db/schema";
import { suppressEmail } from "./email-suppressions.server";

export interface ResendEvent {
  type: string;
  created_at: string;
  data: {
    email_id?: string;
    to?: string[] | string;
    bounce?: { type?: string; subType?: string; message?: string };
  };
}

export interface EventOutcome {
  recorded: boolean;
  suppressed: string[];
}

export function applyResendEvent(event: ResendEvent, database: DbOrTx = db()): EventOutcome {
  const kind = event.type.replace(/^email\./, "");
  const at = new Date(event.created_at).toISOString();
  return database.transaction((tx) => {
    const suppressed: string[] = [];
    const recipients = Array.isArray(event.data.to) ? event.data.to : event.data.to ? [event.data.to] : [];
    // A transient bounce (full mailbox) may succeed next time; only a permanent one suppresses.
    const permanentBounce = kind === "bounced" && event.data.bounce?.type !== "Transient";
    if (permanentBounce || kind === "complained") {
      for (const to of recipients) {
        suppressEmail(to, kind === "complained" ? "complaint" : "bounce", tx);
        suppressed.push(to);
      }
    }
    let recorded = false;
    if (event.data.email_id) {
      recorded =
        tx
          .update(emailOutbox)
          .set({ lastEvent: kind, lastEventAt: at })
          .where(
            and(
              eq(emailOutbox.providerMessageId, event.data.email_id),
              or(isNull(emailOutbox.lastEventAt), lte(emailOutbox.lastEventAt, at)),
            ),
          )
          .run().changes > 0;
    }
    return { recorded, suppressed };
  });
}
