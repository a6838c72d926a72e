/**
 * Vitest harness for the Stripe flows: the fake Stripe server on a free port, the app's env
 * pointed at it, and the real webhook route called in-process with signed payloads.
 */
import { startFakeStripe, type FakeStripe } from "../fakes/stripe-server";
import { HANDLED_STRIPE_EVENTS } from "~/lib/stripe-events";

export const WEBHOOK_SECRET = "whsec_test_donations";

export async function deliverWebhook(payload: string, signature: string): Promise<Response> {
  const { action } = await import("~/routes/webhooks.stripe");
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });
  return (await action({ request, params: {}, context: { clientIp: "127.0.0.1" } } as never)) as Response;
}

let autoDeliver = true;

/** With `false`, events stay in `fake.events` for the test to deliver in the order it wants. */
export function setAutoDeliver(value: boolean) {
  autoDeliver = value;
}

/** Starts the fake and points the app's env at it (before anything reads the env). */
export async function startStripeHarness(options: { autoDeliver?: boolean } = {}): Promise<FakeStripe> {
  autoDeliver = options.autoDeliver ?? true;
  const fake = await startFakeStripe({
    webhookSecret: WEBHOOK_SECRET,
    // Subscribed as `npm run stripe:setup` subscribes the real endpoint.
    enabledEvents: HANDLED_STRIPE_EVENTS,
    deliver: async (payload, signature) => (autoDeliver ? (await deliverWebhook(payload, signature)).status : 200),
  });
  process.env.STRIPE_SECRET_KEY = "sk_test_fake_donations";
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = fake.url;
  return fake;
}

export const donor = (over: Partial<Record<string, unknown>> = {}) => ({
  amountCents: 2500,
  monthly: false,
  refcode: null as string | null,
  firstName: "Rosa",
  lastName: "Parks",
  email: "rosa@example.org",
  street: "1 Main St",
  city: "Las Cruces",
  state: "NM",
  zip: "88001",
  employer: null as string | null,
  occupation: null as string | null,
  ...over,
});
