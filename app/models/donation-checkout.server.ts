/**
 * Starting a card gift: check it against the compliance profile, store the pending donation (and
 * the monthly plan), then open a Stripe Checkout Session. The pending row exists before the
 * donor leaves the site, so a webhook can always find what it confirms.
 */
import { clientReferenceId, META_DONATION, META_PLAN, META_REFCODE } from "~/lib/stripe-metadata.server";
import { eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, donations, recurringPlans } from "#db/schema";
import { publicUrl } from "~/lib/public-url.server";
import { stripe, stripeConfigured } from "~/lib/stripe.server";
import { checkContribution, periodFor } from "./compliance.server";
import { contactForGift, matchDonor, openMatchReview } from "./donor-matching.server";
import { RuleViolation } from "./rule-violation.server";
import { getSettings, type ComplianceProfileKey } from "./settings.server";

export interface DonorInput {
  amountCents: number;
  monthly: boolean;
  refcode: string | null;
  firstName: string;
  lastName: string;
  email: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  employer: string | null;
  occupation: string | null;
  /** the account the gift is for; the main account when the page did not ask */
  account?: ComplianceProfileKey;
  /** the federal-contractor attestation; required only under a federal profile */
  notContractor?: boolean;
}

export interface StartedCheckout {
  url: string;
  donationId: number;
}

/**
 * Stores the pending gift and its plan in one transaction, after the compliance check; a gift the
 * check refuses is a RuleViolation naming its fields, and nothing is stored.
 */
export function createPendingDonation(input: DonorInput, database: DbOrTx = db()) {
  return writeTransaction(database, (tx) => {
    const details = {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      street: input.street,
      city: input.city,
      state: input.state,
      zip: input.zip,
    };
    // The donor is found by name and address, not by email alone (donor-matching.server.ts).
    const match = matchDonor(details, tx);
    const existing =
      match.kind === "certain" ? tx.select().from(contacts).where(eq(contacts.id, match.contactId)).get() : undefined;
    const check = checkContribution(
      {
        account: input.account,
        contactId:
          match.kind === "certain" ? match.contactId : match.kind === "likely" ? match.candidateContactId : null,
        amountCents: input.amountCents,
        method: "card",
        monthly: input.monthly,
        employer: input.employer ?? existing?.employer,
        occupation: input.occupation ?? existing?.occupation,
      },
      tx,
    );
    const errors = { ...check.errors };
    if (check.profile.asksFederalContractor && !input.notContractor) {
      errors.notContractor = "Confirm that you are not a federal contractor.";
    }
    RuleViolation.throwIfAny(errors);
    const contact = contactForGift(match, { ...details, employer: input.employer, occupation: input.occupation }, tx);
    const now = new Date().toISOString();
    const plan = input.monthly
      ? tx
          .insert(recurringPlans)
          .values({ contactId: contact.id, amountCents: input.amountCents, refcode: input.refcode })
          .returning()
          .get()
      : null;
    const donation = tx
      .insert(donations)
      .values({
        contactId: contact.id,
        amountCents: input.amountCents,
        kind: input.monthly ? "recurring" : "one_time",
        method: "card",
        account: check.account,
        refcode: input.refcode,
        recurringPlanId: plan?.id ?? null,
        // The gift keeps what the donor typed, whatever the contact holds.
        donorFirstName: input.firstName.trim(),
        donorLastName: input.lastName.trim(),
        donorEmail: input.email.trim(),
        donorStreet: input.street,
        donorCity: input.city,
        donorState: input.state,
        donorZip: input.zip,
        donorEmployer: input.employer ?? contact.employer,
        donorOccupation: input.occupation ?? contact.occupation,
        attestedAt: now,
        aggregationPeriod: periodFor(now, getSettings(tx), check.account).key,
      })
      .returning()
      .get();
    if (match.kind === "likely") openMatchReview(donation.id, contact.id, match, tx);
    return { donation, plan };
  });
}

export async function startCheckout(input: DonorInput, database: DbOrTx = db()): Promise<StartedCheckout> {
  if (!stripeConfigured()) {
    throw new RuleViolation(
      "Online payments are not configured on this site yet. Nothing was charged.",
      undefined,
      503,
    );
  }
  const { donation, plan } = createPendingDonation(input, database);
  const settings = getSettings(database);
  const metadata: Record<string, string> = { [META_DONATION]: String(donation.id) };
  if (plan) metadata[META_PLAN] = String(plan.id);
  if (donation.refcode) metadata[META_REFCODE] = donation.refcode;
  const name = plan ? `Monthly donation to ${settings.pacName}` : `Donation to ${settings.pacName}`;
  try {
    const session = await stripe().checkout.sessions.create(
      {
        mode: plan ? "subscription" : "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: "usd",
              unit_amount: donation.amountCents,
              product_data: { name },
              ...(plan ? { recurring: { interval: "month" as const } } : {}),
            },
          },
        ],
        customer_email: donation.donorEmail ?? undefined,
        client_reference_id: clientReferenceId(donation.id),
        // Cards settle at once; bank debits settle days later, offered only when staff enable them (decision 008).
        allowed_payment_method_types: settings.bankPaymentsEnabled ? ["card", "us_bank_account"] : ["card"],
        metadata,
        ...(plan
          ? { subscription_data: { metadata } }
          : { payment_intent_data: { metadata }, submit_type: "donate" as const }),
        // Stripe fills in the literal placeholder, so it must not be percent-encoded.
        success_url: `${publicUrl("/donate/thank-you")}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: publicUrl(
          `/donate/canceled?${new URLSearchParams(donation.refcode ? { refcode: donation.refcode } : {})}`,
        ),
      },
      // One session per pending donation, however often the request is retried; the creation
      // instant keeps keys unique even if a database is restored and ids are reused.
      { idempotencyKey: `checkout-session:${donation.id}:${donation.createdAt}` },
    );
    writeTransaction(database, (tx) => {
      tx.update(donations).set({ stripeCheckoutSessionId: session.id }).where(eq(donations.id, donation.id)).run();
      if (plan)
        tx.update(recurringPlans)
          .set({ stripeCheckoutSessionId: session.id })
          .where(eq(recurringPlans.id, plan.id))
          .run();
    });
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL.");
    return { url: session.url, donationId: donation.id };
  } catch (error) {
    writeTransaction(database, (tx) => {
      tx.update(donations)
        .set({ status: "failed", updatedAt: new Date().toISOString() })
        .where(eq(donations.id, donation.id))
        .run();
      if (plan) tx.update(recurringPlans).set({ status: "canceled" }).where(eq(recurringPlans.id, plan.id)).run();
    });
    console.error("Stripe Checkout Session could not be created", error);
    throw new RuleViolation(
      "We could not reach our payment processor. Nothing was charged; please try again in a minute.",
      undefined,
      503,
    );
  }
}
