/**
 * Refunds of checks, cash and in-kind gifts, which never pass through Stripe: the treasurer
 * returns the money (a PAC check back to the donor) and records it here, dated the day it left.
 * Like a card refund it is one refund entry in the ledger (decision 008), reported in the period
 * it happened.
 */
import { randomUUID } from "node:crypto";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { formatCents } from "~/lib/format";
import { dayInZone, startOfDayUtc } from "~/lib/time-zone";
import { recordAudit } from "./audit.server";
import { findDonation } from "./donations.server";
import { donationMoney, postEntry } from "./money-ledger.server";
import { RuleViolation } from "./rule-violation.server";
import { getSettings } from "./settings.server";

export interface OfflineRefundInput {
  donationId: number;
  amountCents: number;
  /** the PAC-calendar day the money went back */
  refundedOn: string;
  /** e.g. "PAC check 1042" */
  reference: string | null;
}

/** Records the refund, or throws a RuleViolation naming the refused fields (nothing stored). */
export function recordOfflineRefund(input: OfflineRefundInput, staffUserId: number, database: DbOrTx = db()): void {
  return writeTransaction(database, (tx) => {
    const donation = findDonation(input.donationId, tx);
    if (!donation) throw new RuleViolation("That donation does not exist.");
    if (donation.method === "card") throw new RuleViolation("Card gifts are refunded through Stripe.");
    const money = donationMoney(donation.id, tx);
    if (!money.receivedAt) throw new RuleViolation("Only a received gift can be refunded.");
    const { timeZone } = getSettings(tx);
    const refundable = money.receivedCents - money.refundedCents;
    const errors: Partial<Record<"amount" | "refundedOn", string>> = {};
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > refundable) {
      errors.amount = `Enter an amount between $0.01 and ${formatCents(refundable)}, what is left of this gift.`;
    }
    const receivedOn = dayInZone(money.receivedAt, timeZone);
    const today = dayInZone(new Date(), timeZone);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.refundedOn) || input.refundedOn < receivedOn || input.refundedOn > today) {
      errors.refundedOn = `Enter the day the money went back, between ${receivedOn} and today.`;
    }
    RuleViolation.throwIfAny(errors);
    postEntry(
      {
        donationId: donation.id,
        kind: "refund",
        amountCents: input.amountCents,
        effectiveAt: startOfDayUtc(input.refundedOn, timeZone),
        source: `offline-refund:${randomUUID()}`,
        stripeObjectId: null,
      },
      tx,
    );
    recordAudit(
      {
        staffUserId,
        entity: "donation",
        entityId: donation.id,
        action: "record_offline_refund",
        before: { refundedCents: money.refundedCents },
        after: { amountCents: input.amountCents, refundedOn: input.refundedOn, reference: input.reference },
      },
      tx,
    );
  });
}
