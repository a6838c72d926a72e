/**
 * Stripe renders an event's `data.object` in the API version of the endpoint it is sent to, fixed
 * when the event is created. The one difference the app meets is 2025-03-31.basil
 * (https://docs.stripe.com/changelog/basil): invoices lost the top-level `charge`,
 * `payment_intent` and `subscription` (now under `parent` and the `payments` list), and a
 * subscription's `current_period_start`/`_end` moved onto its items. An endpoint created before
 * that, on an account whose default is older, still receives the old shape.
 */
import type Stripe from "stripe";

const BASIL = "2025-03-31";

export function isBeforeBasil(apiVersion: string): boolean {
  return apiVersion.slice(0, 10) < BASIL;
}

type Lookup = {
  chargeOfPaymentIntent(paymentIntentId: string): string | null;
  /** webhooks leave out `payments`; the old shape still names the paying charge */
  invoicePayments(invoiceId: string): Stripe.InvoicePayment[];
};

/** Renders an object as an endpoint on `apiVersion` would receive it. */
export function renderForVersion(object: Record<string, any>, apiVersion: string, lookup: Lookup): Record<string, any> {
  if (!isBeforeBasil(apiVersion)) return object;
  if (object.object === "invoice") {
    const invoice = object as Stripe.Invoice;
    const { parent, payments, ...rest } = invoice;
    const all = payments?.data ?? lookup.invoicePayments(invoice.id);
    const paid = all.find((p) => p.status === "paid") ?? all.find((p) => p.is_default);
    const paymentIntent = paid?.payment.payment_intent ? String(paid.payment.payment_intent) : null;
    return {
      ...rest,
      charge: paymentIntent ? lookup.chargeOfPaymentIntent(paymentIntent) : null,
      payment_intent: paymentIntent,
      subscription: parent?.subscription_details?.subscription ?? null,
      subscription_details: parent?.subscription_details ? { metadata: parent.subscription_details.metadata } : null,
      paid: invoice.status === "paid",
      paid_out_of_band: false,
    };
  }
  if (object.object === "subscription") {
    const item = (object as Stripe.Subscription).items.data[0];
    return {
      ...object,
      current_period_start: item?.current_period_start ?? null,
      current_period_end: item?.current_period_end ?? null,
    };
  }
  return object;
}
