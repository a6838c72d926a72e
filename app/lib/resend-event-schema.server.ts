/**
 * The shape of Resend's webhook events, checked after the Svix signature and before anything is
 * written (see app/lib/stripe-event-schema.server.ts for why). Email events are checked against
 * the resend SDK's definitions (BaseEmailEventData, EmailBounce) for the fields we read; other
 * event types only need a well-formed envelope, since we acknowledge and ignore them.
 */
import { z } from "zod";
import type { ResendEvent } from "~/models/email-events.server";
import { describeIssue, isoInstant } from "./webhook-payload.server";

const address = z.string().min(3).max(320);

const emailData = z
  .object({
    email_id: z.string().min(1).max(255),
    to: z.union([z.array(address).min(1).max(100), address]),
    created_at: isoInstant.optional(),
  })
  .passthrough();

const bouncedData = emailData.extend({
  bounce: z.object({ type: z.string().max(100), subType: z.string().max(100).optional(), message: z.string().max(5000).optional() }).passthrough(),
});

const envelope = z
  .object({
    type: z.string().min(1).max(100),
    created_at: isoInstant,
    data: z.object({}).passthrough(),
  })
  .passthrough();

export type ResendEventCheck = { ok: true; event: ResendEvent } | { ok: false; reason: string };

export function checkResendEvent(event: unknown): ResendEventCheck {
  const outer = envelope.safeParse(event);
  if (!outer.success) return { ok: false, reason: describeIssue(outer.error) };
  if (outer.data.type.startsWith("email.")) {
    const schema = outer.data.type === "email.bounced" ? bouncedData : emailData;
    const inner = schema.safeParse(outer.data.data);
    if (!inner.success) return { ok: false, reason: `data.${describeIssue(inner.error)}` };
  }
  return { ok: true, event: event as ResendEvent };
}
