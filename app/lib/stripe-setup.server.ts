/**
 * What `npm run stripe:setup` makes true on the Stripe account, through the API rather than the
 * Dashboard so that it is exact and repeatable:
 * - one enabled webhook endpoint at `${PUBLIC_URL}/webhooks/stripe`, on the API version the SDK is
 *   pinned to, subscribed to exactly HANDLED_STRIPE_EVENTS;
 * - a default billing portal configuration where donors cancel, change their monthly amount
 *   (quantity of a $1/month price) and update their payment method.
 * Running it again changes nothing. An endpoint's API version cannot be changed after creation
 * (https://docs.stripe.com/webhooks/versioning), so an endpoint on another version is replaced:
 * a new one is created and the old one disabled.
 */
import Stripe from "stripe";
import { HANDLED_STRIPE_EVENTS } from "./stripe-events";

export const WEBHOOK_PATH = "/webhooks/stripe";
/** Lookup key of the $1/month price whose quantity is a monthly gift's amount in dollars. */
export const MONTHLY_GIFT_PRICE_LOOKUP_KEY = "champions_monthly_gift_per_dollar";
const MANAGED = { managed_by: "champions-crm stripe:setup" };

export type SetupAction = "created" | "updated" | "unchanged";

export interface StripeSetupResult {
  webhook: {
    action: SetupAction | "replaced";
    id: string;
    url: string;
    /** only when the endpoint was created: Stripe shows a signing secret once */
    secret: string | null;
    /** endpoints at the same URL on another API version, now disabled */
    disabled: string[];
  };
  price: { action: "created" | "unchanged"; id: string; product: string };
  portal: { action: SetupAction; id: string };
}

export function webhookUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, "") + WEBHOOK_PATH;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

async function ensureWebhook(stripe: Stripe, url: string): Promise<StripeSetupResult["webhook"]> {
  const atUrl: Stripe.WebhookEndpoint[] = [];
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 }))
    if (endpoint.url === url) atUrl.push(endpoint);
  const events = [...HANDLED_STRIPE_EVENTS];
  const current =
    atUrl.find((e) => e.api_version === Stripe.API_VERSION && e.status === "enabled") ??
    atUrl.find((e) => e.api_version === Stripe.API_VERSION);
  const disabled: string[] = [];
  for (const other of atUrl) {
    if (other === current || other.status === "disabled") continue;
    await stripe.webhookEndpoints.update(other.id, { disabled: true });
    disabled.push(other.id);
  }
  if (current) {
    if (sameSet(current.enabled_events, events) && current.status === "enabled") {
      return { action: "unchanged", id: current.id, url, secret: null, disabled };
    }
    await stripe.webhookEndpoints.update(current.id, { enabled_events: events, disabled: false });
    return { action: "updated", id: current.id, url, secret: null, disabled };
  }
  const created = await stripe.webhookEndpoints.create({
    url,
    enabled_events: events,
    api_version: Stripe.API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
    description: "Champions CRM donations (npm run stripe:setup)",
    metadata: MANAGED,
  });
  return {
    action: disabled.length ? "replaced" : "created",
    id: created.id,
    url,
    secret: created.secret ?? null,
    disabled,
  };
}

async function ensureMonthlyPrice(stripe: Stripe): Promise<StripeSetupResult["price"]> {
  const found = await stripe.prices.list({ lookup_keys: [MONTHLY_GIFT_PRICE_LOOKUP_KEY], active: true, limit: 1 });
  if (found.data[0]) return { action: "unchanged", id: found.data[0].id, product: String(found.data[0].product) };
  const product = await stripe.products.create({ name: "Monthly gift", metadata: MANAGED });
  const price = await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 100,
    recurring: { interval: "month" },
    lookup_key: MONTHLY_GIFT_PRICE_LOOKUP_KEY,
    metadata: MANAGED,
  });
  return { action: "created", id: price.id, product: product.id };
}

function portalFeatures(price: StripeSetupResult["price"]): Stripe.BillingPortal.ConfigurationCreateParams.Features {
  return {
    // Donor details stay ours (compliance records); the portal must not change them behind our back.
    customer_update: { enabled: false },
    invoice_history: { enabled: true },
    payment_method_update: { enabled: true },
    subscription_cancel: { enabled: true, mode: "immediately", proration_behavior: "none" },
    subscription_update: {
      enabled: true,
      default_allowed_updates: ["quantity"],
      proration_behavior: "none",
      products: [{ product: price.product, prices: [price.id], adjustable_quantity: { enabled: true, minimum: 1 } }],
    },
  };
}

function portalMatches(config: Stripe.BillingPortal.Configuration, price: StripeSetupResult["price"]) {
  const f = config.features;
  const products = f.subscription_update.products ?? [];
  return (
    config.active &&
    !f.customer_update.enabled &&
    f.invoice_history.enabled &&
    f.payment_method_update.enabled &&
    f.subscription_cancel.enabled &&
    f.subscription_cancel.mode === "immediately" &&
    f.subscription_cancel.proration_behavior === "none" &&
    f.subscription_update.enabled &&
    sameSet(f.subscription_update.default_allowed_updates, ["quantity"]) &&
    f.subscription_update.proration_behavior === "none" &&
    products.length === 1 &&
    products[0].product === price.product &&
    sameSet(products[0].prices, [price.id]) &&
    products[0].adjustable_quantity.enabled
  );
}

async function ensurePortal(stripe: Stripe, price: StripeSetupResult["price"]): Promise<StripeSetupResult["portal"]> {
  // Portal sessions that name no configuration use the account's default, so that is the one to set.
  let current: Stripe.BillingPortal.Configuration | undefined;
  for await (const config of stripe.billingPortal.configurations.list({ limit: 100 })) {
    if (config.is_default) current = config;
  }
  const features = portalFeatures(price);
  if (!current) {
    const created = await stripe.billingPortal.configurations.create({ features, metadata: MANAGED });
    return { action: "created", id: created.id };
  }
  if (portalMatches(current, price)) return { action: "unchanged", id: current.id };
  await stripe.billingPortal.configurations.update(current.id, { active: true, features });
  return { action: "updated", id: current.id };
}

export async function setUpStripe(stripe: Stripe, publicUrl: string): Promise<StripeSetupResult> {
  const webhook = await ensureWebhook(stripe, webhookUrl(publicUrl));
  const price = await ensureMonthlyPrice(stripe);
  const portal = await ensurePortal(stripe, price);
  return { webhook, price, portal };
}

/** What the command prints: one line per thing checked, and the secret when there is a new one. */
export function describeSetup(result: StripeSetupResult): string[] {
  const { webhook, price, portal } = result;
  const lines = [
    `Webhook endpoint ${webhook.id} (${webhook.url}, API version ${Stripe.API_VERSION}, ${HANDLED_STRIPE_EVENTS.length} event types): ${webhook.action}.`,
    ...webhook.disabled.map((id) => `Disabled webhook endpoint ${id} at the same URL on another API version.`),
    `Monthly gift price ${price.id} ($1/month, quantity = dollars): ${price.action}.`,
    `Billing portal configuration ${portal.id} (cancel, change amount, update payment method): ${portal.action}.`,
  ];
  if (webhook.secret) {
    lines.push("", "Set this in the server's environment, then restart it:", `STRIPE_WEBHOOK_SECRET=${webhook.secret}`);
  }
  return lines;
}
