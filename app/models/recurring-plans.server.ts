/**
 * Monthly plans: the donor's cancel link (from the receipt) opens a Stripe billing-portal session
 * for the plan's customer, where the donor cancels; the subscription webhooks update the plan.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { recurringPlans } from "#db/schema";
import { publicUrl } from "~/lib/public-url.server";
import { stripe } from "~/lib/stripe.server";

export function findPlan(id: number, database: DbOrTx = db()) {
  return database.select().from(recurringPlans).where(eq(recurringPlans.id, id)).get();
}

/** The URL of a billing-portal session for the plan, or null when it has no Stripe customer yet. */
export async function billingPortalUrl(planId: number, database: DbOrTx = db()): Promise<string | null> {
  const plan = findPlan(planId, database);
  if (!plan?.stripeCustomerId) return null;
  const session = await stripe().billingPortal.sessions.create(
    {
      customer: plan.stripeCustomerId,
      return_url: publicUrl("/donate"),
    },
    { idempotencyKey: `portal-session:${plan.id}:${crypto.randomUUID()}` },
  );
  return session.url;
}
