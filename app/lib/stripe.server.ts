/**
 * The Stripe client, built lazily from the environment so that a site without keys still serves
 * every page (the donate page says payments are not configured). STRIPE_API_BASE points the
 * official SDK at another host, which is how the tests run it against tests/fakes/stripe-server.ts.
 */
import Stripe from "stripe";
import { env } from "./env.server";

let client: { key: string; base: string | undefined; stripe: Stripe } | null = null;

export function stripeConfigured(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

export function webhookSecret(): string | null {
  return env().STRIPE_WEBHOOK_SECRET ?? null;
}

export function stripe(): Stripe {
  const key = env().STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set: payments are not configured.");
  const base = env().STRIPE_API_BASE;
  if (client && client.key === key && client.base === base) return client.stripe;
  const config: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 20_000 };
  if (base) {
    const url = new URL(base);
    config.host = url.hostname;
    config.port = url.port || (url.protocol === "https:" ? 443 : 80);
    config.protocol = url.protocol === "http:" ? "http" : "https";
  }
  client = { key, base, stripe: new Stripe(key, config) };
  return client.stripe;
}

/**
 * The API version the SDK is pinned to. Stripe shapes each event by the endpoint's version; an
 * event in another shape (an older account default, say) would be misread, so it is refused.
 */
export const STRIPE_API_VERSION: string = Stripe.API_VERSION;

/** Signature checks need no API key, so the webhook route can verify even with a partial setup. */
export function constructWebhookEvent(payload: string, signature: string, secret: string): Stripe.Event {
  return Stripe.webhooks.constructEvent(payload, signature, secret);
}

/** A Stripe timestamp (unix seconds) as the UTC ISO instant the books store. */
export function stripeInstant(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/** The id of an expandable field, whether Stripe sent the id or the object. */
export function stripeIdOf(value: string | { id: string } | null | undefined): string | null {
  return value == null ? null : typeof value === "string" ? value : value.id;
}

export type { Stripe };
