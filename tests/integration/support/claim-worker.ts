/**
 * A sender process reduced to its claims, for the concurrency test. It works in rounds set by the
 * test: on each "go" line it makes one claim of small units from the given database, marks what
 * it claimed sent, and prints those ids as one JSON line; on "stop" it exits.
 */
import { createInterface } from "node:readline";
import { useDatabase } from "#db/client";
import { claimDueEmails, markEmailsSent } from "~/models/outbox-delivery.server";

const database = useDatabase(process.argv[2]);
process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== "go") break;
  const claimed: number[] = [];
  const units = claimDueEmails(
    { now: new Date(), transactionalLimit: 3, batchLimit: 1, batchSize: 7, leaseMs: 600_000 },
    database,
  );
  for (const unit of units) {
    claimed.push(...unit.rows.map((r) => r.id));
    markEmailsSent(
      unit.token,
      unit.rows.map((r) => ({ id: r.id, providerMessageId: `p-${process.pid}-${r.id}` })),
      new Date(),
      database,
    );
  }
  process.stdout.write(`${JSON.stringify(claimed)}\n`);
}
process.exit(0);
