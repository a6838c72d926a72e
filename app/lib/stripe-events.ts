/**
 * The Stripe event types this app handles: the one list that `npm run stripe:setup` subscribes the
 * webhook endpoint to and that the webhook handler switches on. An endpoint subscribed to more
 * would make Stripe send (and retry) events we only acknowledge; one subscribed to fewer would
 * silently lose money movements.
 */
import type Stripe from "stripe";

export const HANDLED_STRIPE_EVENTS = [
  // Checkout: card gifts complete at once, bank debits complete `unpaid` and settle days later.
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.payment_failed",
  // Monthly gifts.
  "invoice.paid",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  // The charge and its balance transaction (null on charge.succeeded, filled in by charge.updated).
  "charge.succeeded",
  "charge.updated",
  // Refunds, including ones that fail after succeeding.
  "charge.refunded",
  "charge.refund.updated",
  "refund.updated",
  "refund.failed",
  // Disputes: only funds_withdrawn / funds_reinstated move money; inquiries never do.
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
] as const satisfies readonly Stripe.Event.Type[];

export type HandledStripeEvent = (typeof HANDLED_STRIPE_EVENTS)[number];

export function isHandledStripeEvent(type: string): type is HandledStripeEvent {
  return (HANDLED_STRIPE_EVENTS as readonly string[]).includes(type);
}
