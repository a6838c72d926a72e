/**
 * Gifts and refunds for report tests, recorded the way the app records them: a donation row
 * marked received (which sets its period), and each refund a dated entry of the money ledger.
 */
import { db } from "#db/client";
import { donations } from "#db/schema";
import { markReceived } from "~/models/donations.server";
import { postEntry } from "~/models/money-ledger.server";
import { getSettings } from "~/models/settings.server";
import { makeContact } from "../factories";

let sources = 0;

export function contact() {
  return makeContact(db());
}

/** A received gift from `contactId`; the donor's snapshot defaults to a complete one. */
export function receivedGift(
  contactId: number,
  amountCents: number,
  receivedAt: string,
  over: Partial<typeof donations.$inferInsert> = {},
) {
  const row = db()
    .insert(donations)
    .values({
      contactId,
      amountCents,
      method: "check",
      // The account a writer names: the PAC's main account.
      account: getSettings().complianceProfile,
      donorFirstName: "Dolores",
      donorLastName: "Huerta",
      donorStreet: "1 Main St",
      donorCity: "Las Cruces",
      donorState: "NM",
      donorZip: "88001",
      donorEmployer: "UFW",
      donorOccupation: "Organizer",
      ...over,
    })
    .returning()
    .get();
  return db().transaction((tx) => markReceived(row, { receivedAt }, tx));
}

/** Money given back (or, for a reversal, a refund that failed and came back) on `effectiveAt`. */
export function ledgerRefund(
  donationId: number,
  amountCents: number,
  effectiveAt: string,
  kind: "refund" | "refund_reversal" = "refund",
) {
  sources += 1;
  db().transaction((tx) =>
    postEntry({ donationId, kind, amountCents, effectiveAt, source: `re_report_${sources}_${donationId}` }, tx),
  );
}
