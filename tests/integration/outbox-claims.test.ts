/**
 * Two sender processes claiming from one database at the same moment never claim the same row.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { db, databaseFile } from "#db/client";
import { emailOutbox, subscriptions } from "#db/schema";
import { enqueueEmail } from "~/models/outbox.server";
import { makeContact } from "../factories";

/** A claim worker driven in rounds: `round()` lets it make one claim and resolves with the ids. */
function startWorker(file: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/claim-worker.ts", file], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error("the claim worker stopped early");
    return value as string;
  };
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    ready: next().then((line) => expect(line).toBe("ready")),
    async round(): Promise<number[]> {
      child.stdin.write("go\n");
      return JSON.parse(await next()) as number[];
    },
    stop() {
      child.stdin.end("stop\n");
      return exited;
    },
  };
}

// Each claim takes at most transactionalLimit + batchSize rows (claim-worker.ts: 3 + 7).
const MOST_PER_CLAIM = 10;

it("two processes claiming at once never hold the same row", { timeout: 60_000 }, async () => {
  const past = new Date(Date.now() - 1000).toISOString();
  db().transaction((tx) => {
    for (let n = 0; n < 300; n += 1) {
      enqueueEmail(
        {
          template: "volunteer-welcome",
          to: `v${n}@example.org`,
          props: { firstName: "V" },
          idempotencyKey: `welcome:${n}`,
        },
        tx,
      );
    }
    for (let n = 0; n < 300; n += 1) {
      const c = makeContact(tx, { email: `m${n}@example.org`, emailNormalized: `m${n}@example.org` });
      tx.insert(subscriptions).values({ contactId: c.id, list: "updates", confirmedAt: past }).run();
      enqueueEmail(
        {
          template: "impact-update",
          to: c.email!,
          props: { title: "T", summary: "S", bodyMarkdown: "B", url: "https://x" },
          idempotencyKey: `u:${c.id}`,
          contactId: c.id,
          list: "updates",
        },
        tx,
      );
    }
    tx.update(emailOutbox).set({ nextAttemptAt: past }).run();
  });
  const workers = [startWorker(databaseFile()), startWorker(databaseFile())];
  await Promise.all(workers.map((w) => w.ready));
  // Lock-step rounds: both workers claim at the same moment in every round, so the property is
  // tested on every claim rather than on however the scheduler happened to start the processes.
  const claimed: [number[], number[]] = [[], []];
  let remaining = 600;
  for (let round = 0; ; round += 1) {
    const [a, b] = await Promise.all(workers.map((w) => w.round()));
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    // Whichever claims second still finds rows while more are due than one claim can take.
    if (remaining > MOST_PER_CLAIM) {
      expect(a.length, `round ${round}`).toBeGreaterThan(0);
      expect(b.length, `round ${round}`).toBeGreaterThan(0);
    }
    claimed[0].push(...a);
    claimed[1].push(...b);
    remaining -= a.length + b.length;
    if (a.length === 0 && b.length === 0) break;
    expect(round).toBeLessThan(600);
  }
  expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
  const all = [...claimed[0], ...claimed[1]];
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(600);
  expect(
    db()
      .select()
      .from(emailOutbox)
      .all()
      .every((r) => r.status === "sent"),
  ).toBe(true);
});
