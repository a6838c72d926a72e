/**
 * Delivery events from Resend's webhook (payloads as in the `resend` SDK's WebhookEventPayload):
 * each is recorded on its outbox row (the latest event wins, whatever order they arrive in), and
 * an address that must get no more mail is suppressed: a hard bounce, a complaint, an email
 * Resend suppressed itself (`email.suppressed`) and an address added to Resend's suppression list
 * (`suppression.added`). `email.failed` means Resend accepted the email but never sent it: the
 * row is failed with the reason, for staff to see and retry. Replaying an event changes nothing.
 */
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { emailOutbox } from "#db/schema";
import { suppressEmail, type SuppressionReason } from "./email-suppressions.server";
import { isoInstant } from "~/lib/webhook-payload.server";

/** What the handler reads of an event; anything else in the payload is ignored. */
export const resendEventSchema = z
  .object({
    type: z.string().min(1),
    created_at: isoInstant,
    data: z
      .object({
        email_id: z.string().optional(),
        to: z.union([z.array(z.string()), z.string()]).optional(),
        bounce: z
          .object({ type: z.string().optional(), subType: z.string().optional(), message: z.string().optional() })
          .passthrough()
          .optional(),
        failed: z.object({ reason: z.string().optional() }).passthrough().optional(),
        suppressed: z
          .object({ type: z.string().optional(), reason: z.string().optional(), message: z.string().optional() })
          .passthrough()
          .optional(),
        // suppression.added / suppression.removed
        email: z.string().optional(),
        origin: z.string().optional(),
      })
      .passthrough(),
  })
  .superRefine((event, ctx) => {
    // An email event names its email; a bounce says what kind it was (the SDK's EmailBounce), or
    // we could not tell a hard bounce that must suppress from a full mailbox that must not.
    if (event.type.startsWith("email.") && !event.data.email_id)
      ctx.addIssue({ code: "custom", path: ["data", "email_id"], message: "is missing" });
    if (event.type === "email.bounced" && !event.data.bounce?.type)
      ctx.addIssue({ code: "custom", path: ["data", "bounce", "type"], message: "is missing" });
  });

export type ResendEvent = z.infer<typeof resendEventSchema>;

/** Parses a verified payload; null when it is not a Resend event we can read. */
export function parseResendEvent(value: unknown): ResendEvent | null {
  const parsed = resendEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface EventOutcome {
  recorded: boolean;
  suppressed: number;
}

function suppressionReason(event: ResendEvent): SuppressionReason | null {
  const kind = event.type;
  // A transient bounce (full mailbox) may succeed next time; only a permanent one suppresses.
  if (kind === "email.bounced") return event.data.bounce?.type === "Transient" ? null : "bounce";
  if (kind === "email.complained") return "complaint";
  if (kind === "email.suppressed")
    return event.data.suppressed?.reason === "previous_complaint" ? "complaint" : "bounce";
  if (kind === "suppression.added")
    return event.data.origin === "complaint" ? "complaint" : event.data.origin === "bounce" ? "bounce" : "manual";
  return null;
}

/** The reason staff read on the row for events that need one. */
function eventNote(event: ResendEvent): string | null {
  switch (event.type) {
    case "email.failed":
      return `Resend could not send it: ${event.data.failed?.reason ?? "no reason given"}`;
    case "email.delivery_delayed":
      return "Delivery delayed: the receiving server deferred it; Resend keeps trying";
    case "email.bounced":
      return `Bounced (${event.data.bounce?.type ?? "unknown"}): ${event.data.bounce?.message ?? ""}`.trim();
    case "email.suppressed":
      return `Suppressed by Resend: ${event.data.suppressed?.message ?? event.data.suppressed?.reason ?? ""}`.trim();
    default:
      return null;
  }
}

export function applyResendEvent(event: ResendEvent, database: DbOrTx = db()): EventOutcome {
  const kind = event.type.replace(/^email\./, "");
  const at = new Date(event.created_at).toISOString();
  return writeTransaction(database, (tx) => {
    const reason = suppressionReason(event);
    const recipients =
      event.type === "suppression.added"
        ? event.data.email
          ? [event.data.email]
          : []
        : Array.isArray(event.data.to)
          ? event.data.to
          : event.data.to
            ? [event.data.to]
            : [];
    let suppressed = 0;
    if (reason) {
      for (const to of recipients) {
        suppressEmail(to, reason, tx);
        suppressed += 1;
      }
    }
    let recorded = false;
    if (event.data.email_id && event.type.startsWith("email.")) {
      const note = eventNote(event);
      recorded =
        tx
          .update(emailOutbox)
          .set({
            lastEvent: kind,
            lastEventAt: at,
            ...(note ? { lastError: note } : {}),
            // Accepted, then never sent (or suppressed by Resend): not delivered, so not "sent".
            ...(event.type === "email.failed" || event.type === "email.suppressed"
              ? { status: "failed" as const }
              : {}),
          })
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
