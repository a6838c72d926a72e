/**
 * Playwright's web server: the built production server on a fresh database with the demo data.
 * Fakes of the providers (tests/fakes) are started here too once the app talks to them.
 */
import fs from "node:fs";
import { spawn } from "node:child_process";
import { prepareDatabase } from "~/cli/prepare";
import { ensureBuild } from "~/cli/build-freshness";
import { E2E_RESEND_WEBHOOK_SECRET, startFakeResend } from "../fakes/resend-server";
import { startFakeStripe } from "../fakes/stripe-server";
import Stripe from "stripe";
import { setUpStripe } from "~/lib/stripe-setup.server";
import { HANDLED_STRIPE_EVENTS } from "~/lib/stripe-events";

const file = process.env.DATABASE_URL!;
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.SEED_DEMO = "1";
process.env.DATABASE_CREATE = "1";
// One log line per request would drown Playwright's output; errors are still logged.
process.env.LOG_LEVEL ??= "warn";
process.env.NODE_ENV = "production";
await prepareDatabase();
ensureBuild();

// Email goes to a local stand-in for Resend on PORT + 20; tests read what it received there.
// Like Resend, it posts signed delivery events for what it accepted to the app's webhook.
const resend = await startFakeResend({
  port: Number(process.env.PORT) + 20,
  webhook: { url: `http://localhost:${process.env.PORT}/webhooks/resend`, secret: E2E_RESEND_WEBHOOK_SECRET },
});
process.env.RESEND_API_KEY = "re_e2e_fake_key";
process.env.RESEND_BASE_URL = resend.url;
process.env.RESEND_WEBHOOK_SECRET = E2E_RESEND_WEBHOOK_SECRET;
process.env.EMAIL_RATE_PER_SECOND ??= "50";

// Payments go to a local stand-in for Stripe on PORT + 10; its checkout page sends signed webhooks here.
const stripeWebhookSecret = "whsec_e2e_fake_secret";
const stripe = await startFakeStripe({
  port: Number(process.env.PORT) + 10,
  webhookUrl: `http://localhost:${process.env.PORT}/webhooks/stripe`,
  webhookSecret: stripeWebhookSecret,
  enabledEvents: HANDLED_STRIPE_EVENTS,
});
process.env.STRIPE_SECRET_KEY = "sk_test_e2e_fake_key";
process.env.STRIPE_WEBHOOK_SECRET = stripeWebhookSecret;
process.env.STRIPE_API_BASE = stripe.url;
// The account is set up the way the README says a real one is, with `npm run stripe:setup`
// (the billing portal needs its default configuration).
const stripeUrl = new URL(stripe.url);
await setUpStripe(
  new Stripe(process.env.STRIPE_SECRET_KEY, { host: stripeUrl.hostname, port: stripeUrl.port, protocol: "http" }),
  `http://localhost:${process.env.PORT}`,
);

const child = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
