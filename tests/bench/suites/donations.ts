/**
 * Donations at scale, on the server's copy of the large data set (1M donations):
 * - the itemized CSV export of every donation's range, streamed over HTTP: time to the last byte
 *   (target ≤ 5 s) and the server's memory while it streams (target: flat);
 * - signed Stripe webhook ingestion (invoice.paid, one new donation row each, plus replays) beside
 *   a trivial POST route in the same run (target ≥ 50% of its requests/s), then the rows are
 *   counted: none lost, none doubled.
 */
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { createCookie } from "@remix-run/node";
import Stripe from "stripe";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { createSession } from "~/models/sessions.server";
import { createStaffUser } from "~/models/staff-users.server";
import { BENCH_SESSION_SECRET, BENCH_STRIPE_WEBHOOK_SECRET, type BenchContext } from "../lib";

const PLANS = 200;
/** One request in REPLAY_EVERY re-sends the previous event: it must change nothing. */
const REPLAY_EVERY = 5;

function serverPid(): number | null {
  // The runner spawned the server; it is this process's child running app/cli/serve.ts.
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.includes("app/cli/serve.ts"));
  return line ? Number(line.trim().split(/\s+/)[0]) : null;
}

function memoryKb(pid: number): { rss: number; anon: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: field("VmRSS"), anon: field("RssAnon") };
}

async function staffCookie(file: string): Promise<string> {
  const { sqlite, db } = openDatabase(file);
  const user = await createStaffUser(
    { email: `bench-${Date.now()}@example.org`, password: "bench-password-long", role: "admin" },
    db,
  );
  const session = createSession(user.id, {}, db);
  sqlite.close();
  const header = await createCookie("__session", { secrets: [BENCH_SESSION_SECRET], path: "/" }).serialize(session.id);
  return header.split(";")[0];
}

async function measureExport(ctx: BenchContext, cookie: string, label: string, from = "2020-01-01", to = "2027-12-31") {
  const pid = serverPid();
  const before = pid ? memoryKb(pid) : null;
  let peak = before ?? { rss: 0, anon: 0 };
  const sampler = setInterval(() => {
    if (!pid) return;
    const m = memoryKb(pid);
    peak = { rss: Math.max(peak.rss, m.rss), anon: Math.max(peak.anon, m.anon) };
  }, 50);
  const start = performance.now();
  const res = await fetch(`${ctx.baseUrl}/admin/donations/export?from=${from}&to=${to}`, {
    headers: { Cookie: cookie },
  });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let lines = 0;
  let firstByteMs = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!firstByteMs) firstByteMs = performance.now() - start;
    bytes += chunk.length;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) lines++;
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  ctx.report(
    `${label}: ${(lines - 1).toLocaleString("en-US")} itemized rows, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s ` +
      `(first byte ${(firstByteMs / 1000).toFixed(2)} s; target ≤ 5 s).` +
      (before
        ? ` Server memory: RSS ${mb(before.rss)} → peak ${mb(peak.rss)}; anonymous ${mb(before.anon)} → peak ${mb(peak.anon)}.`
        : ""),
  );
}

export default async function donations(ctx: BenchContext) {
  const { sqlite, db } = openDatabase(ctx.databaseFile);
  // The data set may predate the newest migrations (the export's covering index).
  runMigrations(db);
  const now = new Date().toISOString();
  // The data set records calendar-year periods, so it is read under the federal profile.
  sqlite
    .prepare(
      "insert into settings (key, value, updated_at) values ('complianceProfile', ?, ?) on conflict(key) do update set value = excluded.value",
    )
    .run(JSON.stringify("us_federal"), now);
  // Gifts generated before accounts existed were given the shipped default account by migration
  // 0014; the export reads the main account's gifts only, so they join the federal account.
  sqlite.prepare("update donations set account = 'us_federal' where account <> 'us_federal'").run();
  const totalDonations = (sqlite.prepare("select count(*) as n from donations").get() as { n: number }).n;

  ctx.report(
    `\n## Donations: itemized CSV export over ${totalDonations.toLocaleString("en-US")} donations (HTTP, streamed)`,
  );
  const cookie = await staffCookie(ctx.databaseFile);
  await measureExport(ctx, cookie, "All years, first run");
  await measureExport(ctx, cookie, "All years, second run");
  // Memory must not depend on the size of the export: a fifth of the rows should peak the same.
  await measureExport(ctx, cookie, "One year (2024)", "2024-01-01", "2024-12-31");

  // Monthly plans to bill, each with its first gift already received.
  const planIds: number[] = [];
  sqlite.transaction(() => {
    for (let i = 1; i <= PLANS; i++) {
      const contactId = i * 97;
      const plan = sqlite
        .prepare(
          `insert into recurring_plans (contact_id, amount_cents, status, stripe_subscription_id, stripe_customer_id)
           values (?, 2500, 'active', ?, ?) returning id`,
        )
        .get(contactId, `sub_bnch_${i}`, `cus_bnch_${i}`) as { id: number };
      planIds.push(plan.id);
      sqlite
        .prepare(
          `insert into donations (contact_id, amount_cents, status, kind, method, refcode, recurring_plan_id, stripe_invoice_id,
             donor_first_name, donor_last_name, donor_email, donor_street, donor_city, donor_state, donor_zip,
             donor_employer, donor_occupation, attested_at, aggregation_period, received_at)
           select id, 2500, 'succeeded', 'recurring', 'card', 'bench-monthly', ?, ?, first_name, last_name, email, street, city,
             state, zip, employer, occupation, ?, '2026', ? from contacts where id = ?`,
        )
        .run(plan.id, `in_bnch_first_${i}`, now, now, contactId);
    }
  })();

  const run = Date.now().toString(36);
  let counter = 0;
  let previous: { payload: string; eventId: string } | null = null;
  const sent = new Set<string>();
  const acknowledged = new Set<string>();
  let replays = 0;

  function nextEvent(): { payload: string; eventId: string } {
    counter += 1;
    if (previous && counter % REPLAY_EVERY === 0) {
      replays += 1;
      return previous;
    }
    const i = (counter % PLANS) + 1;
    const eventId = `evt_bnch_${run}_${counter}`;
    const created = Math.floor(Date.now() / 1000);
    const invoice = {
      id: `in_bnch_${run}_${counter}`,
      object: "invoice",
      amount_paid: 2500,
      billing_reason: "subscription_cycle",
      created,
      currency: "usd",
      customer: `cus_bnch_${i}`,
      status: "paid",
      status_transitions: { paid_at: created },
      parent: {
        type: "subscription_details",
        subscription_details: {
          subscription: `sub_bnch_${i}`,
          metadata: { champions_plan_id: String(planIds[i - 1]) },
        },
      },
    };
    const payload = JSON.stringify({
      id: eventId,
      object: "event",
      api_version: "2026-10-28.endive",
      created,
      data: { object: invoice },
      livemode: false,
      type: "invoice.paid",
    });
    previous = { payload, eventId };
    return previous;
  }

  const webhook = {
    path: "/webhooks/stripe",
    method: "POST" as const,
    label: "POST /webhooks/stripe (signed invoice.paid, 1 in 5 a replay)",
    requests: [
      {
        method: "POST" as const,
        path: "/webhooks/stripe",
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          const event = nextEvent();
          sent.add(event.eventId);
          context.eventId = event.eventId;
          const signature = Stripe.webhooks.generateTestHeaderString({
            payload: event.payload,
            secret: BENCH_STRIPE_WEBHOOK_SECRET,
          });
          return {
            ...req,
            body: event.payload,
            headers: { "content-type": "application/json", "stripe-signature": signature },
          };
        },
        onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
          if (status >= 200 && status < 300) acknowledged.add(String(context.eventId));
        },
      },
    ],
  };
  const samplePayload = nextEvent().payload;
  counter = 0;
  previous = null;

  await ctx.compareRoutes("Donations: signed Stripe webhook ingestion vs a trivial POST", [webhook as never], {
    trivial: {
      path: "/healthz",
      method: "POST",
      body: samplePayload,
      headers: { "content-type": "application/json" },
      label: "trivial POST /healthz (same body size)",
    },
  });

  // Requests still in flight when a round stopped finish on the server after it: wait for quiet.
  const ledgerCount = () =>
    (
      sqlite.prepare("select count(*) as n from stripe_events where id like ?").get(`evt_bnch_${run}_%`) as {
        n: number;
      }
    ).n;
  for (let last = -1, now = ledgerCount(); now !== last;) {
    await new Promise((r) => setTimeout(r, 500));
    [last, now] = [now, ledgerCount()];
  }
  const rows = sqlite
    .prepare(
      "select count(*) as n, count(distinct stripe_invoice_id) as d from donations where stripe_invoice_id like ?",
    )
    .get(`in_bnch_${run}_%`) as { n: number; d: number };
  const ledger = (
    sqlite.prepare("select count(*) as n from stripe_events where id like ?").get(`evt_bnch_${run}_%`) as { n: number }
  ).n;
  const ackedRows = [...acknowledged].filter(
    (id) => !!sqlite.prepare("select 1 from stripe_events where id = ?").get(id),
  ).length;
  const lost = acknowledged.size - ackedRows;
  const doubled = rows.n - rows.d;
  ctx.report(
    `Webhook rows: ${sent.size.toLocaleString("en-US")} distinct events sent (${replays.toLocaleString("en-US")} replays on top), ` +
      `${acknowledged.size.toLocaleString("en-US")} acknowledged; ${ledger.toLocaleString("en-US")} in the ledger, ` +
      `${rows.n.toLocaleString("en-US")} donation rows for ${rows.d.toLocaleString("en-US")} invoices. ` +
      `Lost (acknowledged but not recorded): ${lost}. Doubled: ${doubled}. ` +
      `Recorded but never acknowledged (in flight when a round stopped): ${ledger - ackedRows}.`,
  );
  if (lost || doubled || ledger !== rows.n) ctx.report("FAILED: webhook rows do not match the events.");
  sqlite.close();
}
