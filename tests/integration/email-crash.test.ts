/**
 * The outbox survives the worst afternoon: 1,000 list emails, a burst of 503s, the daily quota
 * running out, and the sending process killed with SIGKILL twice (once mid-flight, once while
 * paused for the quota). Every address receives exactly one email, counted by the provider, and
 * no row is left "sending".
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { db, databaseFile } from "#db/client";
import { emailOutbox, subscriptions, updates } from "#db/schema";
import { enqueueImpactUpdate } from "~/models/impact-mailing.server";
import { startFakeResend, type FakeResend } from "../fakes/resend-server";
import { makeContact } from "../factories";

const COUNT = 1000;
let fake: FakeResend;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // Latency keeps requests in flight long enough for a kill to land between send and mark.
  fake = await startFakeResend({ latencyMs: 60 });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await fake.close();
});

async function startSender(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/integration/support/sender-worker.ts", databaseFile(), fake.url],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", () => resolve());
    child.once("exit", (code) => reject(new Error(`the sender exited with ${code}`)));
  });
  return child;
}

async function kill(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const statuses = () => {
  const counts: Record<string, number> = {};
  for (const r of db().select({ status: emailOutbox.status }).from(emailOutbox).all())
    counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};

it(
  "sends each of 1,000 list emails exactly once through 503s, a quota pause and two kill -9",
  { timeout: 120_000 },
  async () => {
    const now = new Date().toISOString();
    db().transaction((tx) => {
      for (let n = 0; n < COUNT; n += 1) {
        const c = makeContact(tx, { email: `reader${n}@example.org` });
        tx.insert(subscriptions).values({ contactId: c.id, list: "updates", confirmedAt: now }).run();
      }
    });
    const update = db()
      .insert(updates)
      .values({
        slug: "crash-test",
        title: "Kept their word",
        summary: "Two 5-0 votes.",
        bodyMarkdown: "**Yes.**",
        visibility: "public",
        publishedAt: now,
      })
      .returning()
      .get();
    expect(enqueueImpactUpdate(update.id)).toBe(COUNT);

    fake.fail(...Array.from({ length: 6 }, () => ({ kind: "status", status: 503 }) as const));
    fake.configure({ dailyQuota: 700 });

    // First process: killed in the middle of sending.
    const first = await startSender();
    await until("some batches were accepted", () => fake.emails.length >= 250);
    await kill(first);
    // It died holding claims: batches left "sending", some of them already accepted by the provider.
    const abandoned = statuses().sending ?? 0;
    expect(abandoned).toBeGreaterThan(0);

    // Second process: picks up the abandoned batches after their lease, runs into the quota, and
    // is killed while paused.
    const second = await startSender();
    await until("the daily quota ran out", () => fake.requests.some((r) => r.error === "daily_quota_exceeded"));
    await new Promise((r) => setTimeout(r, 200));
    await kill(second);

    // A new day; a third process finishes.
    fake.resetQuotas();
    fake.configure({ dailyQuota: null });
    const third = await startSender();
    await until("every email is sent", () => statuses().sent === COUNT, 60_000);
    await kill(third);

    const received = fake.receivedBy();
    expect(received.size).toBe(COUNT);
    const twice = [...received].filter(([, n]) => n !== 1);
    expect(twice).toEqual([]);
    expect(statuses()).toEqual({ sent: COUNT });
    expect(fake.requests.filter((r) => r.status === 503)).toHaveLength(6);
    expect(fake.requests.some((r) => r.status === 409)).toBe(false);
    // Every row's provider id is the one the provider gave for that address.
    const byId = new Map(fake.emails.map((e) => [e.id, e.to[0]]));
    for (const row of db().select().from(emailOutbox).all()) expect(byId.get(row.providerMessageId!)).toBe(row.toEmail);
  },
);
