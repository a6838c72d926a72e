/**
 * Donations: a gift's life from pending to received, and the staff list. A gift turning received
 * enqueues its receipt (and, once per period, the best-efforts request for employer and
 * occupation) in the same transaction, so a receipt is never lost or sent twice.
 */
import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import {
  contacts,
  donations,
  type DONATION_KINDS,
  type DONATION_METHODS,
  type DONATION_STATUSES,
  recurringPlans,
} from "#db/schema";
import { publicUrl } from "~/lib/public-url.server";
import { signPath } from "~/lib/signed-link.server";
import { startOfDayUtc, nextDay } from "~/lib/time-zone";
import { periodFor } from "./compliance.server";
import { markInformationAnswered, requestInformationIfOwed } from "./information-requests.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./outbox.server";
import { detectExcess } from "./excess-detection.server";
import { donationById, postEntry } from "./money-ledger.server";
import { getSettings, type Settings } from "./settings.server";

export type Donation = typeof donations.$inferSelect;
export type DonationStatus = (typeof DONATION_STATUSES)[number];

export function donorName(d: Pick<Donation, "donorFirstName" | "donorLastName">): string {
  return [d.donorFirstName, d.donorLastName].filter(Boolean).join(" ");
}

export function manageUrl(planId: number): string {
  return publicUrl(`/donate/manage/${planId}?sig=${signPath("manage-plan", planId)}`);
}

export function detailsUrl(donationId: number): string {
  return publicUrl(`/donate/details/${donationId}?sig=${signPath("donor-details", donationId)}`);
}

export interface ReceivedFacts {
  /** when the money arrived: the payment's time at Stripe, or the day the treasurer received it */
  receivedAt: string;
  /** what arrived; the pending row's amount when not given */
  amountCents?: number;
  paymentIntentId?: string | null;
  chargeId?: string | null;
  invoiceId?: string | null;
}

/**
 * Records a gift's receipt in the ledger (once: a gift already received only gains the ids it
 * lacked) and enqueues its receipt email. Call inside the transaction of the event that proves
 * the payment.
 */
export function markReceived(
  donation: Donation,
  facts: ReceivedFacts,
  database: DbOrTx,
  settings: Settings = getSettings(database),
): Donation {
  const ids = {
    stripePaymentIntentId: donation.stripePaymentIntentId ?? facts.paymentIntentId ?? null,
    stripeChargeId: donation.stripeChargeId ?? facts.chargeId ?? null,
    stripeInvoiceId: donation.stripeInvoiceId ?? facts.invoiceId ?? null,
  };
  const aggregationPeriod = donation.receivedAt
    ? donation.aggregationPeriod
    : periodFor(facts.receivedAt, settings, donation.account).key;
  // Only what changed is written: a new monthly row arrives with its ids and period already set.
  if (
    ids.stripePaymentIntentId !== donation.stripePaymentIntentId ||
    ids.stripeChargeId !== donation.stripeChargeId ||
    ids.stripeInvoiceId !== donation.stripeInvoiceId ||
    aggregationPeriod !== donation.aggregationPeriod
  ) {
    database
      .update(donations)
      .set({ ...ids, aggregationPeriod })
      .where(eq(donations.id, donation.id))
      .run();
  }
  const posted = postEntry(
    {
      donationId: donation.id,
      kind: "receipt",
      amountCents: facts.amountCents ?? donation.amountCents,
      effectiveAt: facts.receivedAt,
      stripeObjectId: facts.chargeId ?? facts.paymentIntentId ?? facts.invoiceId ?? null,
    },
    database,
  );
  const updated = donationById(donation.id, database)!;
  if (posted) {
    afterReceived(updated, database, settings);
    // Whatever brought the money (Stripe, a monthly charge, staff), an excess over the limit goes
    // to the staff queue with its deadline, in the receipt's own transaction.
    detectExcess(updated, database, settings);
  }
  return updated;
}

/** The emails a received gift owes its donor. Also used by offline contributions. */
export function afterReceived(donation: Donation, database: DbOrTx, settings: Settings = getSettings(database)): void {
  if (donation.donorEmail) {
    enqueueEmail(
      {
        template: "donation-receipt",
        to: donation.donorEmail,
        contactId: donation.contactId,
        idempotencyKey: `donation-receipt:${donation.id}`,
        props: {
          donorName: donorName(donation),
          amountCents: donation.amountCents,
          currency: donation.currency,
          receivedAt: donation.receivedAt!,
          recurring: donation.kind === "recurring",
          manageUrl:
            donation.kind === "recurring" && donation.recurringPlanId ? manageUrl(donation.recurringPlanId) : null,
          donationId: donation.id,
        },
      },
      database,
    );
  }
  // Employer or occupation missing at the threshold: the best-efforts follow-up, by email or letter.
  requestInformationIfOwed(donation, detailsUrl(donation.id), database, settings);
}

export function findDonation(id: number, database: DbOrTx = db()): Donation | undefined {
  return database.select().from(donations).where(eq(donations.id, id)).get();
}

export function findDonationByCheckoutSession(sessionId: string, database: DbOrTx = db()): Donation | undefined {
  return database.select().from(donations).where(eq(donations.stripeCheckoutSessionId, sessionId)).get();
}

/** What the thank-you page may show: no address, no email. */
export function thankYouSummary(sessionId: string, database: DbOrTx = db()) {
  const d = findDonationByCheckoutSession(sessionId, database);
  if (!d) return null;
  return {
    firstName: d.donorFirstName,
    amountCents: d.amountCents,
    kind: d.kind,
    status: d.status,
    refcode: d.refcode,
  };
}

/** The donor fills in what the best-efforts request asked for; the contact learns it where it has none. */
export function updateDonorDetails(
  donationId: number,
  input: { employer: string; occupation: string },
  database: DbOrTx = db(),
): boolean {
  return writeTransaction(database, (tx) => {
    const d = findDonation(donationId, tx);
    if (!d) return false;
    const now = new Date().toISOString();
    const period = d.aggregationPeriod;
    const where = period
      ? and(
          eq(donations.contactId, d.contactId),
          eq(donations.account, d.account),
          eq(donations.aggregationPeriod, period),
        )
      : eq(donations.id, d.id);
    tx.update(donations)
      .set({ donorEmployer: input.employer, donorOccupation: input.occupation, updatedAt: now })
      .where(
        and(
          where,
          sql`(coalesce(${donations.donorEmployer}, '') = '' or coalesce(${donations.donorOccupation}, '') = '')`,
        ),
      )
      .run();
    // The contact only learns what it lacks: the answer is about this gift's donor, and staff
    // confirm anything that would replace what the contact holds.
    tx.update(contacts)
      .set({
        employer: sql`coalesce(nullif(trim(${contacts.employer}), ''), ${input.employer})`,
        occupation: sql`coalesce(nullif(trim(${contacts.occupation}), ''), ${input.occupation})`,
        updatedAt: now,
      })
      .where(eq(contacts.id, d.contactId))
      .run();
    markInformationAnswered(d.contactId, d.account, period, tx);
    return true;
  });
}

/** Staff record the answer a donor gave by letter or phone; audited. */
export function answerInformationAsStaff(
  donationId: number,
  input: { employer: string; occupation: string },
  staffUserId: number,
  database: DbOrTx = db(),
): boolean {
  return writeTransaction(database, (tx) => {
    if (!updateDonorDetails(donationId, input, tx)) return false;
    recordAudit(
      { staffUserId, entity: "donation", entityId: donationId, action: "information_answered", after: input },
      tx,
    );
    return true;
  });
}

// ───────────── Staff list ─────────────

export interface DonationFilters {
  from?: string;
  to?: string;
  status?: DonationStatus;
  kind?: (typeof DONATION_KINDS)[number];
  method?: (typeof DONATION_METHODS)[number];
  refcode?: string;
  page?: number;
}

export const PAGE_SIZE = 50;

export function listDonations(filters: DonationFilters, database: DbOrTx = db()) {
  const { timeZone } = getSettings(database);
  const conditions: SQL[] = [];
  // Pending gifts have no received_at; they sort and filter by when they were started.
  const when = sql`coalesce(${donations.receivedAt}, ${donations.createdAt})`;
  if (filters.from) conditions.push(gte(when, startOfDayUtc(filters.from, timeZone)));
  if (filters.to) conditions.push(lt(when, startOfDayUtc(nextDay(filters.to), timeZone)));
  if (filters.status) conditions.push(eq(donations.status, filters.status));
  if (filters.kind) conditions.push(eq(donations.kind, filters.kind));
  if (filters.method) conditions.push(eq(donations.method, filters.method));
  if (filters.refcode) conditions.push(eq(donations.refcode, filters.refcode));
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, filters.page ?? 1);
  const rows = database
    .select({
      id: donations.id,
      contactId: donations.contactId,
      firstName: donations.donorFirstName,
      lastName: donations.donorLastName,
      amountCents: donations.amountCents,
      refundedCents: donations.refundedCents,
      currency: donations.currency,
      status: donations.status,
      kind: donations.kind,
      method: donations.method,
      refcode: donations.refcode,
      receivedAt: donations.receivedAt,
      createdAt: donations.createdAt,
    })
    .from(donations)
    .where(where)
    .orderBy(desc(when), desc(donations.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}

export function countDonations(database: DbOrTx = db()): number {
  return database.select({ n: count() }).from(donations).get()?.n ?? 0;
}

export function getDonationDetail(id: number, database: DbOrTx = db()) {
  const donation = findDonation(id, database);
  if (!donation) return null;
  const plan = donation.recurringPlanId
    ? (database.select().from(recurringPlans).where(eq(recurringPlans.id, donation.recurringPlanId)).get() ?? null)
    : null;
  return { donation, plan };
}
