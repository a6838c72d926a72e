/**
 * Excessive contributions: a gift received that takes its source's total for the period past the
 * limit (52 U.S.C. 30116(a)(1)(C) and 11 CFR 110.1(d); NMSA 1978 § 1-19-34.7(A)). A committee may
 * deposit it and cure it within a deadline (11 CFR 103.3(b)(3): 60 days from receipt; New Mexico:
 * the PAC's policy, the law setting none). Detection runs in the transaction that records the
 * receipt, whatever brought it (Stripe webhook, staff entry, monthly charge); the staff queue
 * lists each excess with its deadline and cures it in one action, recorded in the books.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import {
  attributionEntries,
  contacts,
  donations,
  excessiveContributions,
  recurringPlans,
  staffUsers,
} from "#db/schema";
import type { ExcessRemedy } from "#db/enums";
import { formatCents } from "~/lib/format";
import { stripeInstant } from "~/lib/stripe.server";
import { dayInZone } from "~/lib/time-zone";
import { daysBetween, profileOn } from "./excess-detection.server";
import { recordAudit } from "./audit.server";
import { committedCents, periodLabel, type ComplianceProfile } from "./compliance.server";
import { upsertContact } from "./contacts.server";
import { requestRefund } from "./donation-refunds.server";
import { postEntry } from "./money-ledger.server";
import { recordOfflineRefund } from "./offline-refunds.server";
import { getSettings } from "./settings.server";
import { RuleViolation } from "./rule-violation.server";

export type { ExcessiveContribution } from "./excess-detection.server";
import type { ExcessiveContribution } from "./excess-detection.server";

// ───────────── The queue ─────────────

export interface QueueItem {
  id: number;
  donationId: number;
  donorName: string;
  method: string;
  giftCents: number;
  excessCents: number;
  periodLabel: string;
  receivedDay: string;
  deadlineDay: string;
  deadlineSource: string;
  /** negative once overdue */
  daysLeft: number;
  remedies: ReadonlyArray<{ kind: ExcessRemedy; rule: string }>;
  resolved: null | { remedy: ExcessRemedy; note: string | null; at: string; by: string };
}

/** Open excesses first, nearest deadline first; then the resolved ones, latest first. */
export function excessQueue(database: DbOrTx = db()): { open: QueueItem[]; resolved: QueueItem[] } {
  const settings = getSettings(database);
  const today = dayInZone(new Date(), settings.timeZone);
  const select = () =>
    database
      .select({
        excess: excessiveContributions,
        method: donations.method,
        account: donations.account,
        giftCents: donations.amountCents,
        firstName: donations.donorFirstName,
        lastName: donations.donorLastName,
        staffFirst: contacts.firstName,
        staffLast: contacts.lastName,
        staffEmail: staffUsers.emailNormalized,
      })
      .from(excessiveContributions)
      .innerJoin(donations, eq(donations.id, excessiveContributions.donationId))
      .leftJoin(staffUsers, eq(staffUsers.id, excessiveContributions.resolvedByStaffId))
      .leftJoin(contacts, eq(contacts.id, staffUsers.contactId));
  const toItem = (r: ReturnType<ReturnType<typeof select>["all"]>[number]): QueueItem => {
    const e = r.excess;
    const { profile, day } = profileOn(e.receivedAt, settings, r.account);
    const staffName = [r.staffFirst, r.staffLast].filter(Boolean).join(" ") || r.staffEmail || "staff";
    return {
      id: e.id,
      donationId: e.donationId,
      donorName: [r.firstName, r.lastName].filter(Boolean).join(" "),
      method: r.method,
      giftCents: r.giftCents,
      excessCents: e.excessCents,
      periodLabel: periodLabel(e.periodKey),
      receivedDay: day,
      deadlineDay: e.deadlineDay,
      deadlineSource: e.deadlineSource,
      daysLeft: daysBetween(today, e.deadlineDay),
      remedies: profile.excessRemedies,
      resolved:
        e.resolvedAt && e.remedy ? { remedy: e.remedy, note: e.remedyNote, at: e.resolvedAt, by: staffName } : null,
    };
  };
  return {
    open: select()
      .where(isNull(excessiveContributions.resolvedAt))
      .orderBy(asc(excessiveContributions.deadlineDay), asc(excessiveContributions.id))
      .all()
      .map(toItem),
    resolved: select()
      .where(isNotNull(excessiveContributions.resolvedAt))
      .orderBy(desc(excessiveContributions.resolvedAt))
      .limit(100)
      .all()
      .map(toItem),
  };
}

/** What needs staff: open excesses (and how many are past their deadline), plans paused at the limit. */
export function excessAttention(database: DbOrTx = db()): { open: number; overdue: number; pausedPlans: number } {
  const today = dayInZone(new Date(), getSettings(database).timeZone);
  const row = database
    .select({
      open: sql<number>`count(*)`,
      overdue: sql<number>`coalesce(sum(${excessiveContributions.deadlineDay} < ${today}), 0)`,
    })
    .from(excessiveContributions)
    .where(isNull(excessiveContributions.resolvedAt))
    .get();
  const paused = database
    .select({ n: sql<number>`count(*)` })
    .from(recurringPlans)
    .where(and(isNotNull(recurringPlans.limitPausedAt), inArray(recurringPlans.status, ["active", "past_due"])))
    .get();
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0), pausedPlans: Number(paused?.n ?? 0) };
}

export function findExcess(id: number, database: DbOrTx = db()): ExcessiveContribution | undefined {
  return database.select().from(excessiveContributions).where(eq(excessiveContributions.id, id)).get();
}

// ───────────── Remedies ─────────────

/** The excess, open, and allowed this remedy by the profile of the gift's day; a RuleViolation if not. */
function openExcess(
  id: number,
  remedy: ExcessRemedy,
  database: DbOrTx,
): { excess: ExcessiveContribution; donation: typeof donations.$inferSelect; profile: ComplianceProfile } {
  const excess = findExcess(id, database);
  if (!excess) throw new RuleViolation("That excessive contribution does not exist.");
  if (excess.resolvedAt) throw new RuleViolation("This excess was already resolved.");
  const donation = database.select().from(donations).where(eq(donations.id, excess.donationId)).get()!;
  const { profile } = profileOn(excess.receivedAt, getSettings(database), donation.account);
  if (!profile.excessRemedies.some((r) => r.kind === remedy))
    throw new RuleViolation(`The ${profile.label} rules do not allow this remedy.`);
  if (remedy === "stripe_refund" && donation.method !== "card")
    throw new RuleViolation("Only card gifts are refunded through Stripe; record a refund by check.");
  if (remedy === "check_refund" && donation.method === "card")
    throw new RuleViolation("Card gifts are refunded through Stripe, back to the card.");
  return { excess, donation, profile };
}

function resolve(excess: ExcessiveContribution, remedy: ExcessRemedy, note: string, staffUserId: number, tx: DbOrTx) {
  const at = new Date().toISOString();
  const changed = tx
    .update(excessiveContributions)
    .set({ remedy, remedyNote: note, resolvedAt: at, resolvedByStaffId: staffUserId })
    .where(and(eq(excessiveContributions.id, excess.id), isNull(excessiveContributions.resolvedAt)))
    .run();
  // Resolved meanwhile by another staff action: refusing rolls back this remedy's entries.
  if (changed.changes === 0) throw new RuleViolation("This excess was already resolved.");
  recordAudit(
    {
      staffUserId,
      entity: "excessive_contribution",
      entityId: excess.id,
      action: `resolve_${remedy}`,
      before: { excessCents: excess.excessCents, deadlineDay: excess.deadlineDay },
      after: { remedy, note, resolvedAt: at },
    },
    tx,
  );
}

/**
 * Refunds the excess to the card (a partial refund through the existing refund path). The Stripe
 * idempotency key is the excess's own, so a double click or a retry after a lost answer is one
 * refund. The refund entry is posted at once under Stripe's refund id, the key its webhook uses,
 * so the queue and the books agree before the webhook comes and the webhook adds nothing.
 */
export async function refundExcessByStripe(id: number, staffUserId: number, database: DbOrTx = db()): Promise<void> {
  const found = openExcess(id, "stripe_refund", database);
  const { refund } = await requestRefund(
    found.donation.id,
    found.excess.excessCents,
    staffUserId,
    // One key per excess (its id and when it was found): a double click or a retry is one refund.
    `excess-${found.excess.id}-${Date.parse(found.excess.detectedAt)}`,
    database,
  );
  writeTransaction(database, (tx) => {
    postEntry(
      {
        donationId: found.donation.id,
        kind: "refund",
        amountCents: refund.amount,
        effectiveAt: stripeInstant(refund.created),
        source: refund.id,
        stripeObjectId: refund.id,
      },
      tx,
    );
    resolve(
      found.excess,
      "stripe_refund",
      `Refunded ${formatCents(refund.amount)} by Stripe (${refund.id})`,
      staffUserId,
      tx,
    );
  });
}

/** Records the excess given back by a PAC check, dated the day it went out (an offline refund entry). */
export function refundExcessByCheck(
  id: number,
  input: { refundedOn: string; reference: string | null },
  staffUserId: number,
  database: DbOrTx = db(),
): void {
  writeTransaction(database, (tx) => {
    const found = openExcess(id, "check_refund", tx);
    recordOfflineRefund(
      {
        donationId: found.donation.id,
        amountCents: found.excess.excessCents,
        refundedOn: input.refundedOn,
        reference: input.reference,
      },
      staffUserId,
      tx,
    );
    const note = `Refunded ${formatCents(found.excess.excessCents)} by check on ${input.refundedOn}${input.reference ? ` (${input.reference})` : ""}`;
    resolve(found.excess, "check_refund", note, staffUserId, tx);
  });
}

export interface ReattributionInput {
  firstName: string;
  lastName: string;
  email: string | null;
  street: string;
  city: string;
  state: string;
  zip: string;
  /** staff attest the written reattribution, signed by both contributors, is on file (11 CFR 110.1(k)(3)(ii)) */
  signedStatementOnFile: boolean;
}

/**
 * Counts the excess for another contributor, e.g. the donor's spouse (11 CFR 110.1(k)(3)): only
 * on a statement signed by both, which staff attest is on file, and only within the other
 * contributor's own room under the limit. No money moves; two attribution entries record the move.
 */
export function reattributeExcess(
  id: number,
  input: ReattributionInput,
  staffUserId: number,
  database: DbOrTx = db(),
): void {
  writeTransaction(database, (tx) => {
    const { excess, donation, profile } = openExcess(id, "reattribution", tx);
    const errors: Record<string, string> = {};
    if (!input.firstName.trim()) errors.firstName = "Enter the other contributor's first name.";
    if (!input.lastName.trim()) errors.lastName = "Enter the other contributor's last name.";
    for (const k of ["street", "city", "state", "zip"] as const)
      if (!input[k].trim()) errors[k] = "Enter the other contributor's mailing address.";
    if (!input.signedStatementOnFile)
      errors.signedStatementOnFile =
        "A reattribution needs a written statement signed by both contributors (11 CFR 110.1(k)(3)(ii)); confirm it is on file.";
    RuleViolation.throwIfAny(errors);
    const other = upsertContact(
      {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        street: input.street,
        city: input.city,
        state: input.state,
        zip: input.zip,
      },
      tx,
    );
    // Refusing after the upsert rolls the new contact back with the rest.
    if (other.id === donation.contactId)
      throw new RuleViolation("Reattribute to a different contributor than the donor.", "firstName");
    const today = dayInZone(new Date(), getSettings(tx).timeZone);
    const room = profile.limitCents - committedCents(other.id, excess.periodKey, today, tx);
    if (excess.excessCents > room)
      throw new RuleViolation(
        `${other.firstName} ${other.lastName} can take at most ${formatCents(Math.max(0, room))} more in the ${periodLabel(excess.periodKey)}; the excess is ${formatCents(excess.excessCents)}.`,
      );
    moveAttribution(
      excess,
      donation.id,
      [
        { contactId: donation.contactId, periodKey: excess.periodKey, sign: -1 },
        { contactId: other.id, periodKey: excess.periodKey, sign: 1 },
      ],
      tx,
    );
    const note = `Reattributed ${formatCents(excess.excessCents)} to ${other.firstName} ${other.lastName} (contact ${other.id}); signed statement on file, attested by staff`;
    resolve(excess, "reattribution", note, staffUserId, tx);
  });
}

function moveAttribution(
  excess: ExcessiveContribution,
  donationId: number,
  legs: Array<{ contactId: number; periodKey: string; sign: 1 | -1 }>,
  tx: DbOrTx,
) {
  const at = new Date().toISOString();
  for (const [i, leg] of legs.entries()) {
    tx.insert(attributionEntries)
      .values({
        donationId,
        contactId: leg.contactId,
        periodKey: leg.periodKey,
        kind: "reattribution",
        amountCents: leg.sign * excess.excessCents,
        effectiveAt: at,
        source: `reattribution:${excess.id}:${i === 0 ? "from" : "to"}`,
      })
      .run();
  }
}
