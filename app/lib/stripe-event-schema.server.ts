/**
 * The shape of the Stripe events we act on, checked after the signature and before anything is
 * written. The signature proves who sent a payload, not that it is what Stripe documents (a
 * replayed test fixture, an API-version change, a bug): a field of the wrong type would otherwise
 * throw halfway through a handler, answer 500 and be retried by Stripe for days.
 *
 * Only the fields app/models/stripe-webhooks.server.ts reads are checked, with the types the
 * stripe SDK's definitions give them for the pinned API version; everything else passes through.
 */
import { z } from "zod";
import type Stripe from "stripe";
import { describeIssue, unixSeconds } from "./webhook-payload.server";

const id = z.string().min(1).max(255);
/** An expandable reference: an id, the expanded object, or null. */
const ref = z
  .union([id, z.object({ id }).passthrough()])
  .nullable()
  .optional();
const metadata = z.record(z.string().max(500)).nullable().optional();
const cents = z.number().int().nonnegative().max(100_000_000_00);

const checkoutSession = z
  .object({
    id,
    mode: z.enum(["payment", "setup", "subscription"]),
    payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
    metadata,
    subscription: ref,
    customer: ref,
    invoice: ref,
    payment_intent: ref,
    created: unixSeconds,
  })
  .passthrough();

const paymentIntent = z.object({ id, metadata }).passthrough();

const invoice = z
  .object({
    id,
    customer: ref,
    amount_paid: cents,
    created: unixSeconds,
    status_transitions: z.object({ paid_at: unixSeconds.nullable().optional() }).passthrough().nullable().optional(),
    parent: z
      .object({
        subscription_details: z.object({ subscription: ref, metadata }).passthrough().nullable().optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
    payments: z
      .object({
        data: z
          .array(
            z.object({ payment: z.object({ payment_intent: ref }).passthrough().nullable().optional() }).passthrough(),
          )
          .max(100),
      })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

const subscription = z
  .object({
    id,
    status: z.string().max(50),
    metadata,
    customer: ref,
    items: z
      .object({
        data: z
          .array(
            z
              .object({
                price: z.object({ unit_amount: cents.nullable().optional() }).passthrough().nullable().optional(),
              })
              .passthrough(),
          )
          .max(100),
      })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

const charge = z
  .object({
    id,
    payment_intent: ref,
    amount_refunded: cents,
    balance_transaction: z
      .union([id, z.object({ fee: z.number().int() }).passthrough()])
      .nullable()
      .optional(),
  })
  .passthrough();

const dispute = z
  .object({ id, charge: ref, payment_intent: ref, status: z.string().max(50), amount: cents })
  .passthrough();

const OBJECT_SCHEMAS: Record<string, z.ZodTypeAny> = {
  "checkout.session.completed": checkoutSession,
  "checkout.session.async_payment_succeeded": checkoutSession,
  "checkout.session.expired": checkoutSession,
  "checkout.session.async_payment_failed": checkoutSession,
  "payment_intent.payment_failed": paymentIntent,
  "invoice.paid": invoice,
  "customer.subscription.updated": subscription,
  "customer.subscription.deleted": subscription,
  "charge.succeeded": charge,
  "charge.refunded": charge,
  "charge.dispute.created": dispute,
  "charge.dispute.closed": dispute,
};

const envelope = z
  .object({
    id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/, "is not a Stripe event id"),
    object: z.literal("event").optional(),
    type: z.string().min(1).max(100),
    created: unixSeconds,
    data: z.object({ object: z.object({}).passthrough() }).passthrough(),
  })
  .passthrough();

export type StripeEventCheck = { ok: true; event: Stripe.Event } | { ok: false; reason: string };

/** Checks a verified event's envelope and, for the types we handle, its object. */
export function checkStripeEvent(event: unknown): StripeEventCheck {
  const outer = envelope.safeParse(event);
  if (!outer.success) return { ok: false, reason: describeIssue(outer.error) };
  const schema = OBJECT_SCHEMAS[outer.data.type];
  if (schema) {
    const inner = schema.safeParse(outer.data.data.object);
    if (!inner.success) return { ok: false, reason: `data.object.${describeIssue(inner.error)}` };
  }
  return { ok: true, event: event as Stripe.Event };
}
