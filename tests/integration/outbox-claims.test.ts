/**
 * Two sender processes claiming from one database at the same moment never claim the same row.
 */
import { spawn } from "node:child_process";
import { db, databaseFile } from "#db/client";
import { emailOutbox, subscriptions } from "#db/schema";
import { enqueueEmail } from "~/models/outbox.server";
import { makeContact } from "../factories";

function startWorker(file: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/claim-worker.ts", file], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk) => {
    out += chunk;
    if (out.startsWith("ready\n")) markReady();
  });
  const claimed = new Promise<number[]>((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.slice("ready\n".length))) : reject(new Error(`worker exited with ${code}`)),
    );
  });
  return { ready, go: () => child.stdin.write("go\n"), claimed };
}

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
  workers.forEach((w) => w.go());
  const [a, b] = await Promise.all(workers.map((w) => w.claimed));
  expect(a.length).toBeGreaterThan(0);
  expect(b.length).toBeGreaterThan(0);
  const overlap = a.filter((id) => b.includes(id));
  expect(overlap).toEqual([]);
  expect(a.length + b.length).toBe(600);
  expect(
    db()
      .select()
      .from(emailOutbox)
      .all()
      .every((r) => r.status === "sent"),
  ).toBe(true);
});
