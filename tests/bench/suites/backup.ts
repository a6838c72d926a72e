/**
 * `npm run backup` on the large data set (1M donations) while the server takes writes: signed
 * Stripe webhooks, each recording an event, keep arriving during the backup. Reports how long
 * the backup took, its size, and the writes that went through meanwhile; the backup must hold a
 * consistent snapshot (SQLite's integrity check passes, checked by db/backup.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import Stripe from "stripe";
import { STRIPE_API_VERSION } from "~/lib/stripe.server";
import { BENCH_STRIPE_WEBHOOK_SECRET, type BenchContext } from "../lib";

export default async function backup(ctx: BenchContext) {
  const dest = path.join(path.dirname(ctx.databaseFile), `backup-${Date.now()}.db`);
  let n = 0;
  // Without a callback autocannon returns its tracker, which is also a promise of the result.
  const load = autocannon({
    url: ctx.baseUrl,
    connections: 10,
    duration: 600,
    requests: [
      {
        method: "POST",
        path: "/webhooks/stripe",
        setupRequest: (request) => {
          const payload = JSON.stringify({
            id: `evt_bench${process.pid}x${++n}x${crypto.randomBytes(4).toString("hex")}`,
            object: "event",
            api_version: STRIPE_API_VERSION,
            created: Math.floor(Date.now() / 1000),
            type: "customer.created",
            data: { object: { id: `cus_${n}`, object: "customer" } },
          });
          const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: BENCH_STRIPE_WEBHOOK_SECRET });
          return {
            ...request,
            headers: { "content-type": "application/json", "stripe-signature": signature },
            body: payload,
          };
        },
      },
    ],
  }) as unknown as Promise<autocannon.Result> & { stop(): void };
  await new Promise((r) => setTimeout(r, 1000));
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/cli/backup.ts", dest], {
      env: { ...process.env, DATABASE_URL: ctx.databaseFile },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`backup exited with ${code}: ${out}`)),
    );
  });
  const ms = performance.now() - started;
  load.stop();
  const result = await load;
  ctx.report(`Backup under write load: ${(ms / 1000).toFixed(1)} s wall time; ${output}`);
  ctx.report(
    `Writes during the run: ${result.requests.total} signed webhooks, ${result["2xx"]} accepted, ${result.non2xx} not 2xx; p99 ${result.latency.p99} ms.`,
  );
  fs.rmSync(dest, { force: true });
}
