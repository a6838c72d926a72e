/**
 * `npm run stripe:setup`: creates or checks the Stripe webhook endpoint and the billing portal
 * configuration (see app/lib/stripe-setup.server.ts). Needs STRIPE_SECRET_KEY and PUBLIC_URL.
 */
import { readEnv } from "~/lib/env.server";
import { stripe } from "~/lib/stripe.server";
import { describeSetup, setUpStripe } from "~/lib/stripe-setup.server";

let env;
try {
  env = readEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const missing = (["STRIPE_SECRET_KEY", "PUBLIC_URL"] as const).filter((name) => !env[name]);
if (missing.length) {
  console.error(
    `Set ${missing.join(" and ")} first, e.g. STRIPE_SECRET_KEY=sk_live_… PUBLIC_URL=https://donate.example.org npm run stripe:setup`,
  );
  process.exit(2);
}
if (!/^https:\/\//.test(env.PUBLIC_URL!) && env.STRIPE_SECRET_KEY!.startsWith("sk_live")) {
  console.error("PUBLIC_URL must be https:// for a live-mode webhook endpoint.");
  process.exit(2);
}

try {
  const result = await setUpStripe(stripe(), env.PUBLIC_URL!);
  for (const line of describeSetup(result)) console.log(line);
} catch (error) {
  console.error(`Stripe set-up failed: ${(error as Error).message}`);
  process.exit(1);
}
