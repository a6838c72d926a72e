/**
 * The daily reconciliation inside the server (decision 008): Stripe stops re-sending an
 * undelivered webhook after three days, so a run a day finds whatever was lost well within that.
 * Nothing runs without Stripe keys. A run that fails is recorded with its error on the staff page.
 * After it, every collecting monthly plan is checked against the limit, so a plan whose next charge
 * would pass it (a new period, a check entered by staff) is paused before Stripe takes the charge.
 */
import { stripeConfigured } from "./stripe.server";
import { reconcileStripe } from "~/models/stripe-reconciliation.server";
import { pausePlansPassingLimit } from "~/models/plan-limit-pause.server";
import { env } from "./env.server";

const DAY_MS = 24 * 60 * 60 * 1000;
// Not at start-up itself: a deploy restarting the server should not make a run every time.
const FIRST_RUN_DELAY_MS = 10 * 60 * 1000;

export function startReconciliationJob(): () => void {
  if (!stripeConfigured() || env().STRIPE_RECONCILE_IN_SERVER === "0") return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await reconcileStripe();
      if (result.error) console.error(`Stripe reconciliation stopped: ${result.error}`);
      else if (result.differencesFound || result.entriesCreated) {
        console.log(
          `Stripe reconciliation: ${result.entriesCreated} entries added, ${result.differencesFound} differences for staff.`,
        );
      }
    } catch (error) {
      console.error("Stripe reconciliation failed", error);
    }
    try {
      const paused = await pausePlansPassingLimit();
      if (paused) console.log(`Monthly plans paused at the contribution limit: ${paused}.`);
    } catch (error) {
      console.error("Checking monthly plans against the limit failed", error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), FIRST_RUN_DELAY_MS);
  const daily = setInterval(() => void run(), DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
