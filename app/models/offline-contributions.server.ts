/**
 * Checks, cash and in-kind gifts that staff enter by hand. They go through the same compliance
 * check as card gifts, plus the profile's cash and anonymous caps, and are received at once.
 */
import { eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, donations, jointContributionShares } from "#db/schema";
import type { ContributorType } from "#db/enums";
import { OFFLINE_METHODS } from "~/lib/donation-form";
import { startOfDayUtc } from "~/lib/time-zone";
import { recordAudit } from "./audit.server";
import { checkContribution } from "./compliance.server";
import { upsertContact } from "./contacts.server";
import { contactForGift, matchDonor, openMatchReview, type DonorMatch } from "./donor-matching.server";
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

/** The second signer of a joint check (11 CFR 110.1(k)(1)). */
export interface JointContributorInput {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  employer: string | null;
  occupation: string | null;
  /** this contributor's share; half the check when not given (11 CFR 110.1(k)(2)) */
  shareCents: number | null;
  /** both signed the check, or a writing that came with it (11 CFR 110.1(k)(1)) */
  bothSigned: boolean;
}

type Contributor = Pick<
  OfflineContributionInput,
  "firstName" | "lastName" | "email" | "street" | "city" | "state" | "zip" | "employer" | "occupation"
>;

/** Field names of the second contributor's part of the form. */
const JOINT_FIELD: Record<string, string> = {
  amount: "jointShare",
  firstName: "jointFirstName",
  lastName: "jointLastName",
  street: "jointStreet",
  city: "jointCity",
  state: "jointState",
  zip: "jointZip",
  employer: "jointEmployer",
  occupation: "jointOccupation",
  notForeignNational: "notForeignNational",
  notContractor: "notContractor",
  contributorType: "contributorType",
  isAnonymous: "isAnonymous",
};

/** Records the gift (two, for a joint check), or throws a RuleViolation naming every field the checks refuse (nothing stored). */
export function recordOfflineContribution(
  input: OfflineContributionInput,
  staffUserId: number,
  database: DbOrTx = db(),
  joint: JointContributorInput | null = null,
): { donationId: number } {
  return writeTransaction(database, (tx) => {
    const errors: Record<string, string> = {};
    if (!input.isAnonymous && !input.firstName?.trim())
      errors.firstName = "Enter the donor's name, or mark the gift anonymous.";
    if (input.method === "in_kind" && !input.inKindDescription?.trim())
      errors.inKindDescription = "Describe what was given.";
    // A named gift is taken only once staff confirmed the donor is not a foreign national
    // (52 U.S.C. 30121(a), 11 CFR 110.20(b): any federal, state or local election).
    if (!input.isAnonymous && !input.notForeignNational) {
      errors.notForeignNational = "Confirm the donor is a US citizen or lawful permanent resident (52 U.S.C. 30121).";
    }

    // A check signed by two people is two contributions, one per signer, each counted toward its
    // own signer's limit: in the shares they wrote, or equally when they wrote none (11 CFR
    // 110.1(k)(1) and (2)).
    let firstShare = input.amountCents;
    let jointShare = 0;
    if (joint) {
      if (input.method !== "check") errors.method = "Only a check can be signed by two contributors.";
      if (input.isAnonymous) errors.isAnonymous = "A joint check names both contributors.";
      if (!joint.firstName?.trim()) errors.jointFirstName = "Enter the second contributor's name.";
      if (!joint.bothSigned)
        errors.jointSigned =
          "Both contributors must sign the check or a writing that comes with it (11 CFR 110.1(k)(1)).";
      jointShare = joint.shareCents ?? Math.floor(input.amountCents / 2);
      firstShare = input.amountCents - jointShare;
      if (!Number.isSafeInteger(jointShare) || jointShare <= 0 || firstShare <= 0)
        errors.jointShare = "Each contributor's share must be more than zero and less than the check.";
    }

    const receivedAt = startOfDayUtc(input.receivedOn, getSettings(tx).timeZone);
    const planned = [{ who: input as Contributor, amountCents: firstShare, prefix: null as null | "joint" }];
    if (joint && !errors.jointShare) planned.push({ who: joint, amountCents: jointShare, prefix: "joint" });
    const people = planned.map((p) => {
      const match = input.isAnonymous ? ({ kind: "new" } as DonorMatch) : matchDonor(p.who, tx);
      const existing =
        match.kind === "certain" ? tx.select().from(contacts).where(eq(contacts.id, match.contactId)).get() : undefined;
      const check = checkContribution(
        {
          account: input.account,
          contactId:
            match.kind === "certain" ? match.contactId : match.kind === "likely" ? match.candidateContactId : null,
          amountCents: p.amountCents,
          method: input.method,
          // A check in hand is deposited within 10 days whatever the donor left out (11 CFR
          // 103.3(a)); a missing employer or occupation is asked for afterwards.
          acceptWithoutIdentity: true,
          isAnonymous: input.isAnonymous,
          receivedAt,
          contributorType: input.contributorType,
          acceptExcess: input.acceptExcess,
          address: {
            street: p.who.street ?? existing?.street,
            city: p.who.city ?? existing?.city,
            state: p.who.state ?? existing?.state,
            zip: p.who.zip ?? existing?.zip,
          },
          employer: p.who.employer ?? existing?.employer,
          occupation: p.who.occupation ?? existing?.occupation,
        },
        tx,
      );
      for (const [field, message] of Object.entries(check.errors)) {
        const name = p.prefix ? (JOINT_FIELD[field] ?? `joint_${field}`) : field;
        errors[name] ??= p.prefix ? `Second contributor: ${message}` : message;
      }
      return { ...p, match, existing, check };
    });
    if (
      people.length === 2 &&
      people[0].match.kind === "certain" &&
      people[1].match.kind === "certain" &&
      people[0].match.contactId === people[1].match.contactId
    )
      errors.jointFirstName = "The two contributors of a joint check must be two different people.";
    if (people[0].check.profile.asksFederalContractor && !input.isAnonymous && !input.notContractor) {
      errors.notContractor = "Confirm the donor is not a federal contractor (52 U.S.C. 30119).";
    }
    RuleViolation.throwIfAny(errors);

    const recorded = people.map((p) => {
      const contact = input.isAnonymous
        ? upsertContact({ firstName: "Anonymous", lastName: "donor" }, tx)
        : contactForGift(p.match, p.who, tx);
      const submitted = (value: string | null, held: string | null) =>
        input.isAnonymous ? null : (value ?? (p.existing ? held : null));
      const pending = tx
        .insert(donations)
        .values({
          contactId: contact.id,
          amountCents: p.amountCents,
          status: "pending",
          kind: "one_time",
          method: input.method,
          contributorType: input.contributorType ?? "individual",
          account: p.check.account,
          refcode: input.refcode,
          // The gift keeps the details it came with; a known donor's blanks come from their contact.
          donorFirstName: input.isAnonymous ? contact.firstName : p.who.firstName!.trim(),
          donorLastName: input.isAnonymous ? contact.lastName : (p.who.lastName?.trim() ?? ""),
          donorEmail: input.isAnonymous ? null : p.who.email?.trim() || (p.existing?.email ?? null),
          donorStreet: submitted(p.who.street, contact.street),
          donorCity: submitted(p.who.city, contact.city),
          donorState: submitted(p.who.state, contact.state),
          donorZip: submitted(p.who.zip, contact.zip),
          donorEmployer: submitted(p.who.employer, contact.employer),
          donorOccupation: submitted(p.who.occupation, contact.occupation),
          aggregationPeriod: p.check.period.key,
          isAnonymous: input.isAnonymous,
          checkNumber: input.method === "check" ? input.checkNumber : null,
          inKindDescription: input.method === "in_kind" ? input.inKindDescription : null,
          enteredByStaffId: staffUserId,
        })
        .returning()
        .get();
      if (p.match.kind === "likely") openMatchReview(pending.id, contact.id, p.match, tx);
      // The gift is received the day the treasurer got it: a receipt entry in the ledger, which
      // also sends the donor's receipt email.
      return markReceived(pending, { receivedAt }, tx);
    });
    if (recorded.length === 2) {
      tx.insert(jointContributionShares)
        .values(recorded.map((d) => ({ donationId: d.id, firstDonationId: recorded[0].id })))
        .run();
    }
    for (const donation of recorded) {
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
            ...(recorded.length === 2 ? { jointWith: recorded.find((d) => d.id !== donation.id)!.id } : {}),
          },
        },
        tx,
      );
    }
    return { donationId: recorded[0].id, informationRequested: people[0].check.informationRequested };
  });
}
