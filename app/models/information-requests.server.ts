/**
 * "Information requested": a gift whose donor has reached the itemization threshold but has not
 * given employer or occupation. A check in hand is not refused for it (the treasurer deposits it
 * within 10 days, 11 CFR 103.3(a)); instead the committee makes its best efforts: one follow-up
 * request (11 CFR 104.7(b)(2); for New Mexico, NMSA 1978 § 1-19-31(B)) by email through the
 * outbox, or as a printed letter when the donor gave no email. Staff see each request until the
 * donor answers.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { donations, informationRequests } from "#db/schema";
import { dayInZone } from "~/lib/time-zone";
import { aggregateCents, complianceProfile, isItemizable } from "./compliance.server";
import { enqueueEmail } from "./outbox.server";
import { getSettings, type Settings } from "./settings.server";

type DonationRow = typeof donations.$inferSelect;

/** Days after receipt by which a check must be deposited: 11 CFR 103.3(a). */
export const DEPOSIT_WITHIN_DAYS = 10;
/** Days after receipt by which the follow-up request goes out: 11 CFR 104.7(b)(2). */
export const FOLLOW_UP_WITHIN_DAYS = 30;

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whether a received gift leaves its donor's identification incomplete for its account. */
export function owesInformation(donation: DonationRow, database: DbOrTx, settings: Settings): boolean {
  const period = donation.aggregationPeriod;
  if (!period || donation.isAnonymous || !donation.receivedAt) return false;
  if (donation.donorEmployer?.trim() && donation.donorOccupation?.trim()) return false;
  const profile = complianceProfile(settings, dayInZone(donation.receivedAt, settings.timeZone), donation.account);
  return isItemizable(aggregateCents(donation.contactId, period, { account: donation.account }, database), profile);
}

/**
 * Records the request and schedules its follow-up, once per donor, account and period. Call in
 * the transaction that records the gift, so the request exists exactly when the gift does.
 */
export function requestInformationIfOwed(
  donation: DonationRow,
  followUpUrl: string,
  database: DbOrTx,
  settings: Settings = getSettings(database),
): void {
  if (!owesInformation(donation, database, settings)) return;
  const period = donation.aggregationPeriod!;
  const channel = donation.donorEmail ? "email" : "letter";
  const inserted = database
    .insert(informationRequests)
    .values({
      donationId: donation.id,
      contactId: donation.contactId,
      account: donation.account,
      periodKey: period,
      channel,
    })
    .onConflictDoNothing()
    .returning({ id: informationRequests.id })
    .get();
  if (!inserted || !donation.donorEmail) return;
  const profile = complianceProfile(settings, dayInZone(donation.receivedAt!, settings.timeZone), donation.account);
  const outboxId = enqueueEmail(
    {
      template: "donation-info-request",
      to: donation.donorEmail,
      contactId: donation.contactId,
      // Once per donor and period: asking again after every monthly charge would be nagging.
      idempotencyKey: `donation-info-request:${donation.contactId}:${period}`,
      props: {
        donorName: [donation.donorFirstName, donation.donorLastName].filter(Boolean).join(" "),
        amountCents: donation.amountCents,
        updateUrl: followUpUrl,
        statement: profile.bestEffortsStatement,
        receivedOn: dayInZone(donation.receivedAt!, settings.timeZone),
      },
    },
    database,
  );
  if (outboxId != null)
    database.update(informationRequests).set({ outboxId }).where(eq(informationRequests.id, inserted.id)).run();
}

/** The donor answered (or staff recorded the answer): every open request of that donor, account and period closes. */
export function markInformationAnswered(
  contactId: number,
  account: DonationRow["account"],
  periodKey: string | null,
  database: DbOrTx,
): void {
  database
    .update(informationRequests)
    .set({ answeredAt: new Date().toISOString() })
    .where(
      and(
        eq(informationRequests.contactId, contactId),
        eq(informationRequests.account, account),
        periodKey ? eq(informationRequests.periodKey, periodKey) : undefined,
        isNull(informationRequests.answeredAt),
      ),
    )
    .run();
}

export function markLetterPrinted(id: number, database: DbOrTx = db()): void {
  database
    .update(informationRequests)
    .set({ printedAt: new Date().toISOString() })
    .where(and(eq(informationRequests.id, id), isNull(informationRequests.printedAt)))
    .run();
}

export interface OpenInformationRequest {
  id: number;
  donationId: number;
  contactId: number;
  account: DonationRow["account"];
  accountLabel: string;
  periodKey: string;
  channel: "email" | "letter";
  requestedAt: string;
  printedAt: string | null;
  donorName: string;
  donorEmail: string | null;
  method: DonationRow["method"];
  amountCents: number;
  receivedOn: string;
  depositBy: string | null;
  followUpBy: string;
  missing: string[];
}

function toOpen(
  row: { request: typeof informationRequests.$inferSelect; donation: DonationRow },
  settings: Settings,
): OpenInformationRequest {
  const { request, donation } = row;
  const receivedOn = dayInZone(donation.receivedAt ?? request.requestedAt, settings.timeZone);
  return {
    id: request.id,
    donationId: donation.id,
    contactId: request.contactId,
    account: request.account,
    accountLabel: settings.accountLabels[request.account],
    periodKey: request.periodKey,
    channel: request.channel,
    requestedAt: request.requestedAt,
    printedAt: request.printedAt,
    donorName: [donation.donorFirstName, donation.donorLastName].filter(Boolean).join(" "),
    donorEmail: donation.donorEmail,
    method: donation.method,
    amountCents: donation.amountCents,
    receivedOn,
    // Only money in hand is deposited; a card payment is already in the bank.
    depositBy:
      donation.method === "check" || donation.method === "cash" ? addDays(receivedOn, DEPOSIT_WITHIN_DAYS) : null,
    followUpBy: addDays(receivedOn, FOLLOW_UP_WITHIN_DAYS),
    missing: [
      donation.donorEmployer?.trim() ? null : "employer",
      donation.donorOccupation?.trim() ? null : "occupation",
    ].filter((x): x is string => x !== null),
  };
}

/** Requests the donor has not answered yet, oldest first. */
export function listOpenInformationRequests(database: DbOrTx = db()): OpenInformationRequest[] {
  const settings = getSettings(database);
  return database
    .select({ request: informationRequests, donation: donations })
    .from(informationRequests)
    .innerJoin(donations, eq(donations.id, informationRequests.donationId))
    .where(isNull(informationRequests.answeredAt))
    .orderBy(asc(informationRequests.requestedAt), asc(informationRequests.id))
    .all()
    .map((row) => toOpen(row, settings));
}

export interface InformationLetter extends OpenInformationRequest {
  pacName: string;
  pacAddress: string;
  today: string;
  address: string[];
  statement: string;
  source: string;
  answeredAt: string | null;
}

/** What the printed follow-up letter says: the profile's exact statement of the law. */
export function informationLetter(id: number, database: DbOrTx = db()): InformationLetter | null {
  const settings = getSettings(database);
  const row = database
    .select({ request: informationRequests, donation: donations })
    .from(informationRequests)
    .innerJoin(donations, eq(donations.id, informationRequests.donationId))
    .where(eq(informationRequests.id, id))
    .get();
  if (!row) return null;
  const open = toOpen(row, settings);
  const profile = complianceProfile(settings, open.receivedOn, row.request.account);
  const d = row.donation;
  return {
    ...open,
    pacName: settings.pacName,
    pacAddress: settings.pacAddress,
    today: dayInZone(new Date(), settings.timeZone),
    address: [
      open.donorName,
      d.donorStreet,
      [d.donorCity, [d.donorState, d.donorZip].filter(Boolean).join(" ")].filter(Boolean).join(", "),
    ].filter((line): line is string => Boolean(line?.trim())),
    statement: profile.bestEffortsStatement,
    source: profile.followUpSource,
    answeredAt: row.request.answeredAt,
  };
}
