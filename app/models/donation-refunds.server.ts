/**
 * Staff refunds of card gifts. The request goes to Stripe; the donation changes only when the
 * charge.refunded webhook arrives, so the books follow what Stripe actually did.
 */
import { db, type DbOrTx } from "#db/client";
import { stripe } from "~/lib/stripe.server";
import { formatCents } from "~/lib/format";
import { recordAudit } from "./audit.server";
import { findDonation } from "./donations.server";

export type RefundResult = { ok: true; refundId: string } | { ok: false; error: string };

export async function requestRefund(
  donationId: number,
  amountCents: number | null,
  staffUserId: number,
  database: DbOrTx = db(),
): Promise<RefundResult> {
  const donation = findDonation(donationId, database);
  if (!donation) return { ok: false, error: "That donation does not exist." };
  if (donation.method !== "card") return { ok: false, error: "Only card gifts are refunded through Stripe." };
  if (!["succeeded", "partially_refunded", "disputed"].includes(donation.status)) {
    return { ok: false, error: "Only a received gift can be refunded." };
  }
  if (!donation.stripePaymentIntentId && !donation.stripeChargeId) {
    return { ok: false, error: "This gift has no Stripe payment to refund yet." };
  }
  const refundable = donation.amountCents - donation.refundedCents;
  const amount = amountCents ?? refundable;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > refundable) {
    return { ok: false, error: `Enter an amount between $0.01 and ${formatCents(refundable)}.` };
  }
  let refund;
  try {
    refund = await stripe().refunds.create(
    {
      ...(donation.stripeChargeId ? { charge: donation.stripeChargeId } : { payment_intent: donation.stripePaymentIntentId! }),
      amount,
      reason: "requested_by_customer",
      metadata: { donation_id: String(donation.id) },
    },
    // The refunded total so far makes a double-click one refund, and a later refund a new one.
    { idempotencyKey: `refund:${donation.id}:${donation.refundedCents}:${amount}` },
    );
  } catch (error) {
    console.error("Stripe refund failed", error);
    return { ok: false, error: `Stripe did not accept the refund: ${error instanceof Error ? error.message : "unknown error"}` };
  }
  recordAudit(
    {
      staffUserId,
      entity: "donation",
      entityId: donation.id,
      action: "refund_requested",
      before: { status: donation.status, refundedCents: donation.refundedCents },
      after: { refundId: refund.id, amountCents: amount },
    },
    database,
  );
  return { ok: true, refundId: refund.id };
}
