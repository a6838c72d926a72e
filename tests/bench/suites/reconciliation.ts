/**
 * Stripe reconciliation at scale: 100,000 balance transactions, served by the fake Stripe in
 * pages of 100 as Stripe serves them, compared with the ledger of the large data set (its 1M
 * donations moved into the ledger by migration 0005). Target: at most 10 s.
 */
import Stripe from "stripe";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { reconcileStripe } from "~/models/stripe-reconciliation.server";
import { startFakeStripe } from "../../fakes/stripe-server";
import type { BenchContext } from "../lib";

const TRANSACTIONS = Number(process.env.BENCH_RECONCILE_TRANSACTIONS ?? 100_000);

export default async function reconciliation(ctx: BenchContext) {
  const { sqlite, db } = openDatabase(ctx.databaseFile);
  runMigrations(db);
  const ledgerRows = (sqlite.prepare("select count(*) as n from money_entries").get() as { n: number }).n;
  ctx.report(
    `\n## Stripe reconciliation: ${TRANSACTIONS.toLocaleString("en-US")} balance transactions against ${ledgerRows.toLocaleString("en-US")} ledger rows`,
  );

  // Stripe's statement for 100k card gifts of the data set: each charge with its fee. The data set
  // lost the fee of one gift in a hundred (a charge.updated never delivered): the run adds those.
  const gifts = sqlite
    .prepare(
      `select d.id, d.stripe_charge_id as chargeId, e.amount_cents as amount, d.received_at as receivedAt,
              (select count(*) from money_entries f where f.donation_id = d.id and f.kind = 'fee') as hasFee
       from donations d join money_entries e on e.donation_id = d.id and e.kind = 'receipt'
       where d.method = 'card' order by d.id limit ?`,
    )
    .all(TRANSACTIONS) as Array<{ id: number; chargeId: string; amount: number; receivedAt: string; hasFee: number }>;
  const missingFees = gifts.filter((g) => !g.hasFee).length;

  const fake = await startFakeStripe({ webhookSecret: "whsec_bench_unused" });
  const since = Math.floor(Date.parse(gifts[0]?.receivedAt ?? new Date().toISOString()) / 1000);
  gifts.forEach((g, i) => {
    const fee = Math.round(g.amount * 0.029) + 30;
    fake.balanceTransactions.set(`txn_bench_${g.id}`, {
      id: `txn_bench_${g.id}`,
      object: "balance_transaction",
      amount: g.amount,
      fee,
      net: g.amount - fee,
      created: since + i,
      currency: "usd",
      type: "charge",
      reporting_category: "charge",
      source: g.chargeId,
    });
  });
  const url = new URL(fake.url);
  const client = new Stripe("sk_test_bench", {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });

  const start = performance.now();
  const run = await reconcileStripe({ since, client, database: db });
  const seconds = (performance.now() - start) / 1000;
  ctx.report(
    `Reconciled ${run.transactionsRead.toLocaleString("en-US")} transactions in ${seconds.toFixed(2)} s (target ≤ 10 s): ` +
      `${run.entriesCreated.toLocaleString("en-US")} entries added (expected ${missingFees.toLocaleString("en-US")}, the lost fees), ` +
      `${run.differencesFound} differences${run.error ? `; stopped: ${run.error}` : ""}.`,
  );
  if (run.error || run.transactionsRead !== gifts.length || run.entriesCreated !== missingFees || seconds > 10) {
    ctx.report("FAILED: reconciliation target not met.");
  }
  await fake.close();
  sqlite.close();
}
