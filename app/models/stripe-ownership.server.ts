/**
 * Whether a Stripe payment is this app's when no gift here names it yet. Other tools may share
 * the Stripe account, so a payment is ours only by our own marks.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { donations, recurringPlans } from "#db/schema";
import { stripe, stripeIdOf } from "~/lib/stripe.server";
import { donationIdIn, planIdIn } from "~/lib/stripe-metadata.server";

/**
 * True for a payment with no gift here yet that is ours: a one-time gift's payment carries our
 * mark; a monthly charge carries none, but its invoice does (the plan id in the subscription's
 * metadata). Asked only when the payment is not placed, which is rare outside bad orders.
 */
export async function oursButNotPlaced(chargeId: string | null, paymentIntentId: string | null): Promise<boolean> {
  const database = db();
  if (
    chargeId &&
    database.select({ id: donations.id }).from(donations).where(eq(donations.stripeChargeId, chargeId)).get()
  )
    return false;
  if (!paymentIntentId) return false;
  if (
    database
      .select({ id: donations.id })
      .from(donations)
      .where(eq(donations.stripePaymentIntentId, paymentIntentId))
      .get()
  )
    return false;
  const payments = await stripe().invoicePayments.list({
    payment: { type: "payment_intent", payment_intent: paymentIntentId },
    limit: 1,
  });
  const invoiceId = stripeIdOf(payments.data[0]?.invoice);
  if (!invoiceId) {
    // A one-time gift's payment carries our mark (payment_intent_data.metadata at checkout).
    const intent = await stripe()
      .paymentIntents.retrieve(paymentIntentId)
      .catch((error: { code?: string }) => {
        // Stripe does not know it (another account's test object): it is not ours.
        if (error.code === "resource_missing") return null;
        throw error;
      });
    const id = donationIdIn(intent?.metadata);
    return Boolean(id && database.select({ id: donations.id }).from(donations).where(eq(donations.id, id)).get());
  }
  const invoice = await stripe().invoices.retrieve(invoiceId);
  const details = invoice.parent?.subscription_details;
  const subscriptionId = stripeIdOf(details?.subscription);
  const metadata = details?.metadata ?? null;
  if (planIdIn(metadata) != null) return true;
  return Boolean(
    subscriptionId &&
    database
      .select({ id: recurringPlans.id })
      .from(recurringPlans)
      .where(eq(recurringPlans.stripeSubscriptionId, subscriptionId))
      .get(),
  );
}
