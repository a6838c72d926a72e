/**
 * `npm run stripe:setup` against the Stripe fake: it creates what is missing, repairs what
 * differs, and on a second run changes nothing.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Stripe from "stripe";
import { startFakeStripe, type FakeStripe } from "../fakes/stripe-server";
import { HANDLED_STRIPE_EVENTS } from "~/lib/stripe-events";
import { describeSetup, MONTHLY_GIFT_PRICE_LOOKUP_KEY, setUpStripe } from "~/lib/stripe-setup.server";

const PUBLIC_URL = "https://donate.example.org/";
const URL_EXPECTED = "https://donate.example.org/webhooks/stripe";

let fake: FakeStripe;
let stripe: Stripe;

beforeEach(async () => {
  fake = await startFakeStripe({ webhookSecret: "whsec_unused" });
  const url = new URL(fake.url);
  stripe = new Stripe("sk_test_setup", { host: url.hostname, port: url.port, protocol: "http", maxNetworkRetries: 0 });
});
afterEach(() => fake.close());

const writes = () => fake.requests.filter((r) => r.method !== "GET");

describe("stripe:setup", () => {
  it("creates the endpoint on the pinned version with exactly the handled events, the price and the default portal configuration", async () => {
    const result = await setUpStripe(stripe, PUBLIC_URL);
    expect(result.webhook).toMatchObject({ action: "created", url: URL_EXPECTED, disabled: [] });
    expect(result.webhook.secret).toMatch(/^whsec_/);
    const [endpoint] = [...fake.webhookEndpoints.values()];
    expect(endpoint).toMatchObject({ url: URL_EXPECTED, api_version: Stripe.API_VERSION, status: "enabled" });
    expect([...endpoint.enabled_events].sort()).toEqual([...HANDLED_STRIPE_EVENTS].sort());
    expect(HANDLED_STRIPE_EVENTS).toHaveLength(19);

    const price = [...fake.prices.values()].find((p) => p.lookup_key === MONTHLY_GIFT_PRICE_LOOKUP_KEY)!;
    expect(price).toMatchObject({ unit_amount: 100, currency: "usd", recurring: { interval: "month" }, active: true });

    const [config] = [...fake.portalConfigurations.values()];
    expect(config.is_default).toBe(true);
    expect(config.features).toMatchObject({
      customer_update: { enabled: false },
      payment_method_update: { enabled: true },
      subscription_cancel: { enabled: true, mode: "immediately", proration_behavior: "none" },
      subscription_update: {
        enabled: true,
        default_allowed_updates: ["quantity"],
        products: [{ product: price.product, prices: [price.id] }],
      },
    });
    // The app's portal sessions name no configuration; the default now serves them.
    const portal = await stripe.billingPortal.sessions.create({
      customer: "cus_x",
      return_url: "https://donate.example.org/donate",
    });
    expect(portal.configuration).toBe(config.id);

    const lines = describeSetup(result);
    expect(lines.at(-1)).toBe(`STRIPE_WEBHOOK_SECRET=${result.webhook.secret}`);
  });

  it("changes nothing when run a second time", async () => {
    await setUpStripe(stripe, PUBLIC_URL);
    const before = writes().length;
    const again = await setUpStripe(stripe, PUBLIC_URL);
    expect(again.webhook).toMatchObject({ action: "unchanged", secret: null, disabled: [] });
    expect(again.price.action).toBe("unchanged");
    expect(again.portal.action).toBe("unchanged");
    expect(writes()).toHaveLength(before);
    expect(fake.webhookEndpoints.size).toBe(1);
    expect(fake.portalConfigurations.size).toBe(1);
    expect(describeSetup(again).join("\n")).not.toContain("STRIPE_WEBHOOK_SECRET");
  });

  it("updates an endpoint on the pinned version whose events differ, keeping its id and secret", async () => {
    const existing = await stripe.webhookEndpoints.create({
      url: URL_EXPECTED,
      enabled_events: ["checkout.session.completed", "charge.refunded", "customer.created"],
      api_version: Stripe.API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
    });
    const result = await setUpStripe(stripe, PUBLIC_URL);
    expect(result.webhook).toMatchObject({ action: "updated", id: existing.id, secret: null });
    expect([...fake.webhookEndpoints.get(existing.id)!.enabled_events].sort()).toEqual(
      [...HANDLED_STRIPE_EVENTS].sort(),
    );
    expect((await setUpStripe(stripe, PUBLIC_URL)).webhook.action).toBe("unchanged");
  });

  it("replaces an endpoint on an older API version, whose version Stripe cannot change, and disables the old one", async () => {
    const old = await stripe.webhookEndpoints.create({
      url: URL_EXPECTED,
      enabled_events: ["*"],
      api_version: "2024-06-20",
    });
    await expect(
      stripe.webhookEndpoints.update(old.id, { api_version: Stripe.API_VERSION } as never),
    ).rejects.toMatchObject({ code: "parameter_unknown" });
    const result = await setUpStripe(stripe, PUBLIC_URL);
    expect(result.webhook).toMatchObject({ action: "replaced", disabled: [old.id] });
    expect(result.webhook.secret).toMatch(/^whsec_/);
    expect(fake.webhookEndpoints.get(old.id)!.status).toBe("disabled");
    expect(fake.webhookEndpoints.get(result.webhook.id)!.api_version).toBe(Stripe.API_VERSION);
    expect(describeSetup(result).join("\n")).toContain(`Disabled webhook endpoint ${old.id}`);
    const again = await setUpStripe(stripe, PUBLIC_URL);
    expect(again.webhook).toMatchObject({ action: "unchanged", id: result.webhook.id, disabled: [] });
  });

  it("repairs a default portal configuration that does not let donors cancel", async () => {
    const first = await setUpStripe(stripe, PUBLIC_URL);
    await stripe.billingPortal.configurations.update(first.portal.id, {
      features: { subscription_cancel: { enabled: false } },
    });
    const result = await setUpStripe(stripe, PUBLIC_URL);
    expect(result.portal).toEqual({ action: "updated", id: first.portal.id });
    expect(fake.portalConfigurations.get(first.portal.id)!.features.subscription_cancel.enabled).toBe(true);
  });

  it("runs as a command: prints the signing secret, and refuses without its environment", async () => {
    const run = promisify(execFile);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "test",
      STRIPE_SECRET_KEY: "sk_test_cli",
      STRIPE_API_BASE: fake.url,
      PUBLIC_URL,
    };
    const { stdout } = await run(process.execPath, ["--import", "tsx", "app/cli/stripe-setup.ts"], { env });
    expect(stdout).toContain(`Webhook endpoint we_`);
    expect(stdout).toMatch(/STRIPE_WEBHOOK_SECRET=whsec_\S+/);
    const missing: NodeJS.ProcessEnv = { ...env };
    delete missing.PUBLIC_URL;
    await expect(
      run(process.execPath, ["--import", "tsx", "app/cli/stripe-setup.ts"], { env: missing }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Set PUBLIC_URL first"),
    });
  });
});
