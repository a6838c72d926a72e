/**
 * The daily reconciliation inside the server (decision 008): Stripe stops re-sending an
 * undelivered webhook after three days, so a run a day finds whatever was lost well within that.
 * Nothing runs without Stripe keys. A run that fails is recorded with its error on the staff page.
 */
import { stripeConfigured } from "./stripe.server";
import { reconcileStripe } from "~/models/stripe-reconciliation.server";
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
