/**
 * A monthly plan whose next charge would take the donor past the limit for that charge's period
 * (52 U.S.C. 30116(a)(1)(C), 11 CFR 110.1(d); NMSA 1978 § 1-19-34.7(A)) is paused before Stripe
 * takes it: Stripe's `pause_collection` with behavior `void` (the subscription stays active, its
 * invoices are voided, nothing is charged) and `resumes_at` the first day of the next period, when
 * the donor has room again. Staff are told by email and on the excessive contributions queue.
 *
 * Checked after each monthly charge is recorded (the webhook) and by the daily job. A charge that
 * Stripe took anyway (a pause that came too late) is an excessive contribution on receipt.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, donations, recurringPlans } from "#db/schema";
import { publicUrl } from "~/lib/public-url.server";
import { stripe } from "~/lib/stripe.server";
import { dayInZone, nextDay, startOfDayUtc } from "~/lib/time-zone";
import { recordAudit } from "./audit.server";
import { aggregateCents, complianceProfile, periodEndDay, periodForDay } from "./compliance.server";
import { enqueueEmail } from "./outbox.server";
import { getSettings } from "./settings.server";

/** The first charge day after `today` of a plan billed monthly on its anchor day (the 31st bills on a shorter month's last day, as Stripe does). */
export function nextChargeDay(anchorDay: string, today: string): string {
  const [ay, am, ad] = anchorDay.split("-").map(Number);
  for (let k = 1; ; k++) {
    const month = am - 1 + k;
    const y = ay + Math.floor(month / 12);
    const mo = (month % 12) + 1;
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const day = `${y}-${String(mo).padStart(2, "0")}-${String(Math.min(ad, last)).padStart(2, "0")}`;
    if (day > today) return day;
  }
}

export type PauseOutcome = "paused" | "fits" | "not_applicable" | "stripe_failed";

/** Pauses the plan if its next charge would pass the limit; tells staff once per plan and period. */
export async function pausePlanIfNextChargePasses(
  planId: number,
  database: DbOrTx = db(),
  now: Date = new Date(),
): Promise<PauseOutcome> {
  const plan = database.select().from(recurringPlans).where(eq(recurringPlans.id, planId)).get();
  if (!plan || !plan.stripeSubscriptionId || plan.limitPausedAt || !["active", "past_due"].includes(plan.status))
    return "not_applicable";
  const settings = getSettings(database);
  const today = dayInZone(now, settings.timeZone);
  const chargeDay = nextChargeDay(dayInZone(plan.createdAt, settings.timeZone), today);
  // A monthly charge belongs to the account of the plan's first gift, and counts toward that
  // account's limit only.
  const account =
    database
      .select({ account: donations.account })
      .from(donations)
      .where(eq(donations.recurringPlanId, plan.id))
      .orderBy(asc(donations.id))
      .limit(1)
      .get()?.account ?? settings.complianceProfile;
  const profile = complianceProfile(settings, chargeDay, account);
  const period = periodForDay(chargeDay, profile);
  const given = aggregateCents(plan.contactId, period.key, { account }, database);
  if (given + plan.amountCents <= profile.limitCents) return "fits";

  const resumesOn = nextDay(periodEndDay(period.key));
  const resumesAt = Math.floor(Date.parse(startOfDayUtc(resumesOn, settings.timeZone)) / 1000);
  try {
    await stripe().subscriptions.update(
      plan.stripeSubscriptionId,
      { pause_collection: { behavior: "void", resumes_at: resumesAt } },
      // One pause per charge it stops; a pause lifted by hand and needed again is a new request.
      { idempotencyKey: `limit-pause:${plan.stripeSubscriptionId}:${chargeDay}` },
    );
  } catch (error) {
    // Nothing recorded: the daily job tries again before the charge.
    console.error(`Pausing plan ${plan.id} at the limit failed`, error);
    return "stripe_failed";
  }
  writeTransaction(database, (tx) => {
    const paused = tx
      .update(recurringPlans)
      .set({ limitPausedAt: now.toISOString(), limitResumesOn: resumesOn, updatedAt: now.toISOString() })
      .where(and(eq(recurringPlans.id, plan.id), isNull(recurringPlans.limitPausedAt)))
      .run();
    if (paused.changes === 0) return;
    const donor = tx.select().from(contacts).where(eq(contacts.id, plan.contactId)).get();
    enqueueEmail(
      {
        template: "plan-limit-paused",
        to: settings.staffNotifyEmail,
        idempotencyKey: `plan-limit-paused:${plan.id}:${period.key}`,
        props: {
          donorName: [donor?.firstName, donor?.lastName].filter(Boolean).join(" ") || `contact ${plan.contactId}`,
          amountCents: plan.amountCents,
          periodLabel: period.label,
          givenCents: given,
          limitCents: profile.limitCents,
          limitSource: profile.limitSource.source,
          resumesOn,
          adminUrl: publicUrl("/admin/donations/excessive"),
        },
      },
      tx,
    );
    recordAudit(
      {
        staffUserId: null,
        entity: "recurring_plan",
        entityId: plan.id,
        action: "limit_pause",
        before: { givenCents: given, nextChargeDay: chargeDay },
        after: { pauseCollection: "void", resumesOn, period: period.key },
      },
      tx,
    );
  });
  return "paused";
}

/** The daily check of every collecting plan (a new period, a check entered by staff, a missed webhook). */
export async function pausePlansPassingLimit(database: DbOrTx = db(), now: Date = new Date()): Promise<number> {
  const plans = database
    .select({ id: recurringPlans.id })
    .from(recurringPlans)
    .where(
      and(
        inArray(recurringPlans.status, ["active", "past_due"]),
        isNull(recurringPlans.limitPausedAt),
        isNotNull(recurringPlans.stripeSubscriptionId),
      ),
    )
    .all();
  let paused = 0;
  for (const p of plans) if ((await pausePlanIfNextChargePasses(p.id, database, now)) === "paused") paused += 1;
  return paused;
}

export interface PausedPlan {
  id: number;
  donorName: string;
  amountCents: number;
  pausedAt: string;
  resumesOn: string | null;
}

/** Plans paused at the limit and not yet resumed, for the queue page and the dashboard. */
export function plansPausedAtLimit(database: DbOrTx = db()): PausedPlan[] {
  return database
    .select({
      id: recurringPlans.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      amountCents: recurringPlans.amountCents,
      pausedAt: recurringPlans.limitPausedAt,
      resumesOn: recurringPlans.limitResumesOn,
    })
    .from(recurringPlans)
    .innerJoin(contacts, eq(contacts.id, recurringPlans.contactId))
    .where(and(isNotNull(recurringPlans.limitPausedAt), inArray(recurringPlans.status, ["active", "past_due"])))
    .all()
    .map((r) => ({
      id: r.id,
      donorName: [r.firstName, r.lastName].filter(Boolean).join(" "),
      amountCents: r.amountCents,
      pausedAt: r.pausedAt!,
      resumesOn: r.resumesOn,
    }));
}
