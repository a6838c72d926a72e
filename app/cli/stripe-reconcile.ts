/**
 * `npm run stripe:reconcile [-- --since 2026-01-01]`: compares Stripe's balance transactions with
 * the money ledger, adds what the ledger lacks and lists differences on /admin/donations/reconciliation.
 * Without --since it starts a day before the last finished run (or at the beginning).
 */
import { parseArgs } from "node:util";
import { prepareDatabase } from "./prepare";
import { stripeConfigured } from "~/lib/stripe.server";
import { reconcileStripe } from "~/models/stripe-reconciliation.server";

const { values } = parseArgs({ options: { since: { type: "string" } } });

await prepareDatabase();
if (!stripeConfigured()) {
  console.error("STRIPE_SECRET_KEY is not set: there is nothing to reconcile.");
  process.exit(2);
}
let since: number | undefined;
if (values.since) {
  const ms = Date.parse(values.since);
  if (Number.isNaN(ms)) {
    console.error(`--since must be a date like 2026-01-01, not ${values.since}`);
    process.exit(2);
  }
  since = Math.floor(ms / 1000);
}
const started = Date.now();
const run = await reconcileStripe({ since });
console.log(
  `Read ${run.transactionsRead} balance transactions since ${new Date(run.sinceUnix * 1000).toISOString()} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
    `${run.entriesCreated} ledger entries added, ${run.differencesFound} new differences.`,
);
if (run.error) {
  console.error(`Stopped: ${run.error}`);
  process.exit(1);
}
