/**
 * Staff refunds of card gifts. The request goes to Stripe; the donation changes only when the
 * refund's webhook arrives (a refund entry in the ledger), so the books follow what Stripe did.
 *
 * Each staff action carries its own idempotency key, made when the page was shown: a double
 * click of one form is one refund, two actions are two refunds even before any webhook has
 * arrived. What is left to refund is read from the charge at Stripe, not from our copy, which
 * lags until the webhooks come.
 */
import type Stripe from "stripe";
import { db, type DbOrTx } from "#db/client";
import { stripe } from "~/lib/stripe.server";
import { formatCents } from "~/lib/format";
import { recordAudit } from "./audit.server";
import { META_DONATION } from "~/lib/stripe-metadata.server";
import { findDonation } from "./donations.server";
import { RuleViolation } from "./rule-violation.server";

/** Asks Stripe for the refund; a refusal is a RuleViolation (on `amount` when the amount is wrong). */
export async function requestRefund(
  donationId: number,
  amountCents: number | null,
  staffUserId: number,
  /** one per staff action: the refund form's key, made when the page was shown */
  actionKey: string,
  database: DbOrTx = db(),
): Promise<{ refundId: string; refund: Pick<Stripe.Refund, "id" | "amount" | "created" | "status"> }> {
  if (!/^[A-Za-z0-9-]{16,64}$/.test(actionKey))
    throw new RuleViolation("This form has expired. Reload the page and try again.");
  const donation = findDonation(donationId, database);
  if (!donation) throw new RuleViolation("That donation does not exist.");
  if (donation.method !== "card") throw new RuleViolation("Only card gifts are refunded through Stripe.");
  if (!["succeeded", "partially_refunded", "disputed"].includes(donation.status)) {
    throw new RuleViolation("Only a received gift can be refunded.");
  }
  if (!donation.stripePaymentIntentId && !donation.stripeChargeId) {
    throw new RuleViolation("This gift has no Stripe payment to refund yet.");
  }
  let charge;
  try {
    charge = donation.stripeChargeId
      ? await stripe().charges.retrieve(donation.stripeChargeId)
      : await latestCharge(donation.stripePaymentIntentId!);
  } catch (error) {
    console.error("Stripe charge lookup failed", error);
    throw new RuleViolation(
      "Stripe could not be reached to check the payment. Nothing was refunded; try again in a minute.",
      undefined,
      503,
    );
  }
  if (!charge) throw new RuleViolation("Stripe has no completed payment for this gift yet.");
  const refundable = charge.amount - charge.amount_refunded;
  const amount = amountCents ?? refundable;
  if (refundable <= 0) throw new RuleViolation("Stripe shows this payment as fully refunded already.");
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > refundable) {
    throw new RuleViolation(
      `Enter an amount between $0.01 and ${formatCents(refundable)}, what Stripe shows as not yet refunded.`,
      "amount",
    );
  }
  let refund;
  try {
    refund = await stripe().refunds.create(
      {
        charge: charge.id,
        amount,
        reason: "requested_by_customer",
        metadata: { [META_DONATION]: String(donation.id) },
      },
      { idempotencyKey: `refund:${donation.id}:${actionKey}` },
    );
  } catch (error) {
    console.error("Stripe refund failed", error);
    throw new RuleViolation(
      `Stripe did not accept the refund: ${error instanceof Error ? error.message : "unknown error"}`,
    );
  }
  recordAudit(
    {
      staffUserId,
      entity: "donation",
      entityId: donation.id,
      action: "refund_requested",
      before: { status: donation.status, refundedAtStripeCents: charge.amount_refunded },
      after: { refundId: refund.id, amountCents: amount },
    },
    database,
  );
  return {
    refundId: refund.id,
    refund: { id: refund.id, amount: refund.amount, created: refund.created, status: refund.status },
  };
}

async function latestCharge(paymentIntentId: string) {
  const intent = await stripe().paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
  const charge = intent.latest_charge;
  if (!charge) return null;
  return typeof charge === "string" ? stripe().charges.retrieve(charge) : charge;
}
