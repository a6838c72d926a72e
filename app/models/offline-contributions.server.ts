/**
 * Checks, cash and in-kind gifts that staff enter by hand. They go through the same compliance
 * check as card gifts, plus the profile's cash and anonymous caps, and are received at once.
 */
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { donations } from "#db/schema";
import type { ContributorType } from "#db/enums";
import { OFFLINE_METHODS } from "~/lib/donation-form";
import { startOfDayUtc } from "~/lib/time-zone";
import { recordAudit } from "./audit.server";
import { checkContribution } from "./compliance.server";
import { findContactByEmail, upsertContact } from "./contacts.server";
import { markReceived } from "./donations.server";
import { RuleViolation } from "./rule-violation.server";
import { getSettings, type ComplianceProfileKey } from "./settings.server";

export { OFFLINE_METHODS };

export interface OfflineContributionInput {
  /** the account the gift is for; the PAC's main account when not given */
  account?: ComplianceProfileKey;
  method: (typeof OFFLINE_METHODS)[number];
  amountCents: number;
  /** YYYY-MM-DD on the PAC's calendar */
  receivedOn: string;
  isAnonymous: boolean;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  employer: string | null;
  occupation: string | null;
  checkNumber: string | null;
  inKindDescription: string | null;
  /** who the money comes from; an individual's own when not given */
  contributorType?: ContributorType;
  /** staff confirmed the donor is not a foreign national (52 U.S.C. 30121, every US election) */
  notForeignNational?: boolean;
  /** staff confirmed the donor is not a federal contractor (52 U.S.C. 30119; federal profile) */
  notContractor?: boolean;
  /** staff deposit a gift over the limit, to cure the excess within the deadline (11 CFR 103.3(b)(3)) */
  acceptExcess?: boolean;
  refcode: string | null;
}

/** Records the gift, or throws a RuleViolation naming every field the checks refuse (nothing stored). */
export function recordOfflineContribution(
  input: OfflineContributionInput,
  staffUserId: number,
  database: DbOrTx = db(),
): { donationId: number } {
  return writeTransaction(database, (tx) => {
    const errors: Record<string, string> = {};
    if (!input.isAnonymous && !input.firstName?.trim())
      errors.firstName = "Enter the donor's name, or mark the gift anonymous.";
    if (input.method === "in_kind" && !input.inKindDescription?.trim())
      errors.inKindDescription = "Describe what was given.";
    const existing = input.email && !input.isAnonymous ? findContactByEmail(input.email, tx) : undefined;
    const receivedAt = startOfDayUtc(input.receivedOn, getSettings(tx).timeZone);
    const check = checkContribution(
      {
        account: input.account,
        contactId: existing?.id ?? null,
        amountCents: input.amountCents,
        method: input.method,
        // A check in hand is deposited within 10 days whatever the donor left out (11 CFR
        // 103.3(a)); a missing employer or occupation is asked for afterwards.
        acceptWithoutIdentity: true,
        isAnonymous: input.isAnonymous,
        receivedAt,
        contributorType: input.contributorType,
        acceptExcess: input.acceptExcess,
        address: {
          street: input.street ?? existing?.street,
          city: input.city ?? existing?.city,
          state: input.state ?? existing?.state,
          zip: input.zip ?? existing?.zip,
        },
        employer: input.employer ?? existing?.employer,
        occupation: input.occupation ?? existing?.occupation,
      },
      tx,
    );
    Object.assign(errors, check.errors);
    // A foreign national may not give in connection with any federal, state or local election
    // (52 U.S.C. 30121(a), 11 CFR 110.20(b)); a named gift is taken only once staff confirmed it.
    if (!input.isAnonymous && !input.notForeignNational) {
      errors.notForeignNational = "Confirm the donor is a US citizen or lawful permanent resident (52 U.S.C. 30121).";
    }
    if (check.profile.asksFederalContractor && !input.isAnonymous && !input.notContractor) {
      errors.notContractor = "Confirm the donor is not a federal contractor (52 U.S.C. 30119).";
    }
    RuleViolation.throwIfAny(errors);

    const contact = input.isAnonymous
      ? upsertContact({ firstName: "Anonymous", lastName: "donor" }, tx)
      : upsertContact(
          {
            firstName: input.firstName!,
            lastName: input.lastName ?? "",
            email: input.email,
            street: input.street,
            city: input.city,
            state: input.state,
            zip: input.zip,
            employer: input.employer,
            occupation: input.occupation,
          },
          tx,
        );
    const pending = tx
      .insert(donations)
      .values({
        contactId: contact.id,
        amountCents: input.amountCents,
        status: "pending",
        kind: "one_time",
        method: input.method,
        contributorType: input.contributorType ?? "individual",
        account: check.account,
        refcode: input.refcode,
        donorFirstName: contact.firstName,
        donorLastName: contact.lastName,
        donorEmail: input.isAnonymous ? null : contact.email,
        donorStreet: input.isAnonymous ? null : (input.street ?? contact.street),
        donorCity: input.isAnonymous ? null : (input.city ?? contact.city),
        donorState: input.isAnonymous ? null : (input.state ?? contact.state),
        donorZip: input.isAnonymous ? null : (input.zip ?? contact.zip),
        donorEmployer: input.isAnonymous ? null : (input.employer ?? contact.employer),
        donorOccupation: input.isAnonymous ? null : (input.occupation ?? contact.occupation),
        aggregationPeriod: check.period.key,
        isAnonymous: input.isAnonymous,
        checkNumber: input.method === "check" ? input.checkNumber : null,
        inKindDescription: input.method === "in_kind" ? input.inKindDescription : null,
        enteredByStaffId: staffUserId,
      })
      .returning()
      .get();
    // The gift is received the day the treasurer got it: a receipt entry in the ledger, which
    // also sends the donor's receipt email.
    const donation = markReceived(pending, { receivedAt }, tx);
    recordAudit(
      {
        staffUserId,
        entity: "donation",
        entityId: donation.id,
        action: "record_offline",
        after: {
          method: donation.method,
          amountCents: donation.amountCents,
          contactId: donation.contactId,
          receivedAt,
        },
      },
      tx,
    );
    return { donationId: donation.id, informationRequested: check.informationRequested };
  });
}
