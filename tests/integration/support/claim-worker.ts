/**
 * A sender process reduced to its claims, for the concurrency test: claims small units from the
 * given database until none are due, marks each sent, and prints the ids it claimed as JSON.
 */
import { useDatabase } from "#db/client";
import { claimDueEmails, markEmailsSent } from "~/models/outbox-delivery.server";

const database = useDatabase(process.argv[2]);
// Both processes start claiming together: each says it is ready and waits for a line on stdin.
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
const claimed: number[] = [];
for (;;) {
  const units = claimDueEmails(
    { now: new Date(), transactionalLimit: 3, batchLimit: 1, batchSize: 7, leaseMs: 600_000 },
    database,
  );
  if (units.length === 0) break;
  for (const unit of units) {
    claimed.push(...unit.rows.map((r) => r.id));
    markEmailsSent(
      unit.token,
      unit.rows.map((r) => ({ id: r.id, providerMessageId: `p-${process.pid}-${r.id}` })),
      new Date(),
      database,
    );
  }
}
process.stdout.write(JSON.stringify(claimed));
process.exit(0);
