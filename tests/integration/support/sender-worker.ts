/**
 * The email sender as its own process, for the crash test: `tsx sender-worker.ts <db> <resend url>`
 * runs the real sender on a one-tenth-second timer against the given database and provider until
 * it is killed. Short lease, backoff and quota look-again times keep the test quick; everything
 * else is the production sender.
 */
import { useDatabase } from "#db/client";
import { createEmailSender } from "~/lib/email-sender.server";

const [file, baseUrl] = process.argv.slice(2);
const database = useDatabase(file);
const sender = createEmailSender({
  apiKey: "re_crash_test",
  baseUrl,
  ratePerSecond: 10,
  concurrency: 3,
  batchSize: 25,
  leaseMs: 1500,
  backoff: { baseMs: 100, maxMs: 400 },
  quotaRetryMs: 300,
  accountRetryMs: 300,
  database: () => database,
  log: (m) => process.stderr.write(`sender ${process.pid}: ${m}\n`),
});
sender.start(100);
process.stdout.write("started\n");
