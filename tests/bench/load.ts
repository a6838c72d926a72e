/**
 * `npm run bench:load`: mixed traffic against the built production server with `npm run worker`
 * beside it (the README's separate-worker deployment) and the email sender sending to a local
 * stand-in for Resend: public pages, public form posts, sign-in attempts, signed Stripe and
 * Resend webhooks and the health check, from many simulated client addresses. It reports p50 and
 * p99 latency and the status codes, and fails when any response is a 5xx or a request errors.
 *   LOAD_SECONDS (default 60), LOAD_CONNECTIONS (default 50), LOAD_PORT (default 3450)
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import Stripe from "stripe";
import { Webhook } from "standardwebhooks";
import { prepareDatabase } from "~/cli/prepare";
import { ensureBuild } from "~/cli/build-freshness";
import { STRIPE_API_VERSION } from "~/lib/stripe.server";
import { startFakeResend } from "../fakes/resend-server";

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
const port = Number(process.env.LOAD_PORT ?? 3450);
const baseUrl = `http://127.0.0.1:${port}`;
const dir = path.resolve("tests/.tmp/load");
const file = path.join(dir, "load.db");
const STRIPE_SECRET = "whsec_load_fixed_secret";
const RESEND_SECRET = `whsec_${Buffer.from("load-test-resend-webhook-secret!").toString("base64")}`;

fs.mkdirSync(dir, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
Object.assign(process.env, { DATABASE_URL: file, NODE_ENV: "production", SEED_DEMO: "1", DATABASE_CREATE: "1" });
await prepareDatabase({ log: () => {} });
process.env.BUILD_DIR = "tests/.tmp/bench/build";
ensureBuild();

const slugs = (() => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("select slug from candidates").pluck().all() as string[];
  } finally {
    db.close();
  }
})();

const resend = await startFakeResend({ port: port + 20, latencyMs: 5, metadataOnly: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  DATABASE_URL: file,
  SESSION_SECRET: "load-session-secret",
  STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
  RESEND_API_KEY: "re_load_fake",
  RESEND_BASE_URL: resend.url,
  RESEND_WEBHOOK_SECRET: RESEND_SECRET,
  EMAIL_SENDER_IN_SERVER: "0",
  EMAIL_RATE_PER_SECOND: "50",
  // Many simulated clients: each request names its address in X-Forwarded-For.
  TRUST_PROXY: "1",
  LOG_LEVEL: "warn",
};
const children: ChildProcess[] = [
  spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], { env, stdio: ["ignore", "inherit", "inherit"] }),
  spawn(process.execPath, ["--import", "tsx", "app/cli/worker.ts"], { env, stdio: ["ignore", "ignore", "inherit"] }),
];

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start within 60 s");
}

let n = 0;
const unique = () => `${process.pid}-${++n}-${crypto.randomBytes(3).toString("hex")}`;
const ip = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = () => ({
  "content-type": "application/x-www-form-urlencoded",
  origin: baseUrl,
  "x-forwarded-for": ip(),
});

type Shot = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
const KINDS: Array<[string, number, () => Shot]> = [
  ["GET /", 12, () => ({ method: "GET", path: "/" })],
  ["GET /endorsements", 8, () => ({ method: "GET", path: "/endorsements" })],
  ["GET /candidates/:slug", 6, () => ({ method: "GET", path: `/candidates/${slugs[crypto.randomInt(slugs.length)]}` })],
  ["GET /updates", 5, () => ({ method: "GET", path: "/updates" })],
  ["GET /donate", 4, () => ({ method: "GET", path: "/donate" })],
  ["GET /healthz", 3, () => ({ method: "GET", path: "/healthz" })],
  [
    "POST /volunteer",
    10,
    () => ({
      method: "POST",
      path: "/volunteer",
      headers: formHeaders(),
      body: form({
        firstName: "Load",
        lastName: "Tester",
        email: `v-${unique()}@example.org`,
        area: "88001",
        interests: "canvassing",
      }),
    }),
  ],
  [
    "POST /tips",
    8,
    () => ({
      method: "POST",
      path: "/tips",
      headers: formHeaders(),
      body: form({
        firstName: "Load",
        lastName: "Tester",
        email: `t-${unique()}@example.org`,
        area: "Mesilla",
        body: "Busy night.",
      }),
    }),
  ],
  [
    "POST /subscribe",
    8,
    () => ({
      method: "POST",
      path: "/subscribe",
      headers: formHeaders(),
      body: form({ firstName: "Load", email: `s-${unique()}@example.org`, lists: "updates" }),
    }),
  ],
  [
    "POST /refer",
    4,
    () => ({
      method: "POST",
      path: "/refer",
      headers: formHeaders(),
      body: form({
        firstName: "Load",
        lastName: "Tester",
        email: `r-${unique()}@example.org`,
        suggestedName: "Ana Ruiz",
        office: "School board",
        reason: "Organizer",
      }),
    }),
  ],
  [
    "POST /login (wrong password)",
    3,
    () => ({
      method: "POST",
      path: "/login",
      headers: formHeaders(),
      body: form({ email: `nobody-${unique()}@example.org`, password: "wrong password" }),
    }),
  ],
  [
    "POST /webhooks/stripe",
    14,
    () => {
      const payload = JSON.stringify({
        id: `evt_load${unique().replace(/-/g, "")}`,
        object: "event",
        api_version: STRIPE_API_VERSION,
        created: Math.floor(Date.now() / 1000),
        // A payment this app never created: verified, checked, recorded and acknowledged, with no
        // lookup at Stripe (none is reachable here).
        type: "payment_intent.payment_failed",
        data: { object: { id: `pi_load_${unique()}`, object: "payment_intent", metadata: {} } },
      });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
      return {
        method: "POST",
        path: "/webhooks/stripe",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      };
    },
  ],
  [
    "POST /webhooks/resend",
    5,
    () => {
      const payload = JSON.stringify({
        type: "email.delivered",
        created_at: new Date().toISOString(),
        data: {
          email_id: `em_${unique()}`,
          to: ["someone@example.org"],
          from: "PAC <hello@example.org>",
          subject: "Hi",
          created_at: new Date().toISOString(),
        },
      });
      const id = `msg_${unique()}`;
      const now = new Date();
      const signature = new Webhook(RESEND_SECRET).sign(id, now, payload);
      return {
        method: "POST",
        path: "/webhooks/resend",
        headers: {
          "content-type": "application/json",
          "svix-id": id,
          "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
          "svix-signature": signature,
        },
        body: payload,
      };
    },
  ],
];
const totalWeight = KINDS.reduce((sum, [, w]) => sum + w, 0);
function pick(): Shot {
  let r = crypto.randomInt(totalWeight);
  for (const [, weight, make] of KINDS) {
    if (r < weight) return make();
    r -= weight;
  }
  return KINDS[0][2]();
}

const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

let failed = false;
try {
  await waitForServer();
  report(`# Load test (${new Date().toISOString()}, node ${process.version})`);
  report(
    `${seconds} s, ${connections} connections, mixed traffic (${KINDS.map(([name, w]) => `${name} ${Math.round((w / totalWeight) * 100)}%`).join(", ")}); worker running, sending to a local Resend stand-in.`,
  );
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const shot = pick();
          return { ...request, method: shot.method, path: shot.path, headers: shot.headers ?? {}, body: shot.body };
        },
      },
    ],
  });
  const byStatus = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => [code, s.count ?? 0] as const)
    .sort();
  const fiveXx = byStatus.filter(([code]) => code.startsWith("5")).reduce((sum, [, c]) => sum + c, 0);
  report(`requests: ${result.requests.total} (${Math.round(result.requests.average)} per second)`);
  report(`latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  report(
    `status codes: ${byStatus.map(([code, c]) => `${code}: ${c}`).join(", ")}; errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  const health = await fetch(`${baseUrl}/healthz`);
  report(`health after the run: ${health.status} ${await health.text()}`);
  report(`5xx responses: ${fiveXx}`);
  failed = fiveXx > 0 || result.errors > 0 || !health.ok;
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.on("exit", resolve)))),
  );
  await resend.close();
}
fs.writeFileSync(path.join(dir, "last-report.md"), lines.join("\n") + "\n");
console.log(`Report written to ${path.relative(".", path.join(dir, "last-report.md"))}${failed ? " (FAILED)" : ""}`);
process.exit(failed ? 1 : 0);
