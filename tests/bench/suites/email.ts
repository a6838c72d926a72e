/**
 * Email at scale, on a copy of the large data set:
 * - enqueue an impact update to 100k confirmed subscribers (target ≤ 5 s);
 * - the sender against the local fake Resend at a configured rate reaches ≥ 95% of it, for
 *   single transactional sends and for list mail in batches of 100.
 *   BENCH_EMAIL_RATE (requests per second, default 10: five times Resend's default limit), BENCH_EMAIL_SECONDS (default 10)
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { emailOutbox, updates } from "#db/schema";
import { createEmailSender } from "~/lib/email-sender.server";
import { enqueueImpactUpdate } from "~/models/impact-mailing.server";
import { enqueueEmail } from "~/models/outbox.server";
import { spawn } from "node:child_process";
import readline from "node:readline";
import type { FakeRequest } from "../../fakes/resend-server";
import { timed, type BenchContext } from "../lib";

const SUBSCRIBERS = 100_000;
const RATE = Number(process.env.BENCH_EMAIL_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_EMAIL_SECONDS ?? 10);

/** The fake provider in its own process, as a real one would be: its work is not the sender's. */
async function startFakeProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fakes/resend-server.ts", "0"], {
    env: { ...process.env, FAKE_RESEND_LATENCY_MS: "5", FAKE_RESEND_METADATA_ONLY: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", () => reject(new Error("the fake Resend server stopped")));
  });
  return {
    url,
    requests: async () =>
      ((await (await fetch(`${url}/__fake/requests`)).json()) as { requests: FakeRequest[] }).requests,
    reset: () => fetch(`${url}/__fake/reset`, { method: "POST" }),
    close: () => child.kill("SIGTERM"),
  };
}

/** Requests per second over the window between the first and the last request. */
function achievedRate(times: number[]): number {
  if (times.length < 2) return 0;
  return (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
}

export default async function email(ctx: BenchContext) {
  const dir = path.resolve("tests/.tmp/bench");
  const file = path.join(dir, "email.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(ctx.largeDatabaseFile, file);
  const { sqlite, db } = openDatabase(file);
  const fake = await startFakeProcess();
  try {
    runMigrations(db);
    const now = new Date().toISOString();
    sqlite.prepare("delete from subscriptions where list = 'updates'").run();
    const subscribed = sqlite
      .prepare(
        `insert into subscriptions (contact_id, list, confirmed_at)
         select id, 'updates', ? from contacts where email_normalized is not null order by id limit ?`,
      )
      .run(now, SUBSCRIBERS).changes;
    const update = db
      .insert(updates)
      .values({
        slug: `bench-${Date.now()}`,
        title: "Bench impact update",
        summary: "What changed.",
        bodyMarkdown: "**Two 5-0 votes.**",
        visibility: "public",
        publishedAt: now,
      })
      .returning()
      .get();

    // Transactional mail alone first, one request per email.
    const singles = Math.ceil(RATE * SECONDS);
    db.transaction((tx) => {
      for (let i = 0; i < singles; i += 1) {
        enqueueEmail(
          {
            template: "volunteer-welcome",
            to: `bench-${i}@example.org`,
            props: { firstName: "Bench" },
            idempotencyKey: `bench-welcome:${update.id}:${i}`,
          },
          tx,
        );
      }
    });
    ctx.report(
      `\n## Email sender against the local fake Resend (in its own process, 5 ms latency), configured at ${RATE} requests/s`,
    );
    const sender = createEmailSender({
      apiKey: "re_bench",
      baseUrl: fake.url,
      ratePerSecond: RATE,
      database: () => db,
      log: (m) => ctx.report(`sender: ${m}`),
    });
    const single = await timed(() => sender.runOnce({ maxUnits: singles }));
    const singleTimes = (await fake.requests())
      .filter((r) => r.path === "/emails" && r.status === 200)
      .map((r) => r.at);
    const singleRate = achievedRate(singleTimes);
    ctx.report(
      `Transactional: ${singleTimes.length} emails in ${(single.ms / 1000).toFixed(2)} s; ${singleRate.toFixed(2)} requests/s = ${((singleRate / RATE) * 100).toFixed(1)}% of the configured rate (target ≥ 95%).`,
    );

    const { value: enqueued, ms } = await timed(() => enqueueImpactUpdate(update.id, db));
    ctx.report(`\n## Email: enqueue an impact update to ${subscribed.toLocaleString("en-US")} confirmed subscribers`);
    ctx.report(
      `Enqueued ${enqueued.toLocaleString("en-US")} list emails in ${(ms / 1000).toFixed(2)} s (target ≤ 5 s).`,
    );
    const { ms: again } = await timed(() => enqueueImpactUpdate(update.id, db));
    ctx.report(
      `Enqueuing the same update again adds ${(await db.$count(emailOutbox, eq(emailOutbox.template, "impact-update"))) - enqueued} rows (${(again / 1000).toFixed(2)} s).`,
    );

    await fake.reset();
    const batches = Math.ceil(RATE * SECONDS);
    const batch = await timed(() => sender.runOnce({ maxUnits: batches }));
    const batchRequests = (await fake.requests()).filter((r) => r.path === "/emails/batch" && r.status === 200);
    const batchRate = achievedRate(batchRequests.map((r) => r.at));
    const emails = batchRequests.reduce((n, r) => n + r.emails, 0);
    ctx.report(
      `List mail: ${batchRequests.length} batch requests carrying ${emails.toLocaleString("en-US")} emails in ${(batch.ms / 1000).toFixed(2)} s; ` +
        `${batchRate.toFixed(2)} requests/s = ${((batchRate / RATE) * 100).toFixed(1)}% of the configured rate (target ≥ 95%), ` +
        `${(emails / (batch.ms / 1000)).toFixed(0)} emails/s.`,
    );
  } finally {
    fake.close();
    sqlite.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
}
