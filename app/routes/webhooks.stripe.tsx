import type { ActionFunctionArgs } from "@remix-run/node";
import { constructWebhookEvent, webhookSecret, type Stripe } from "~/lib/stripe.server";
import { ingestStripeEvent } from "~/models/stripe-webhooks.server";

/**
 * Stripe's webhook endpoint. The signature is checked on the raw body; a bad one is a 400 and
 * writes nothing. Types we do not handle are acknowledged so Stripe stops resending them.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const secret = webhookSecret();
  if (!secret) return new Response("Webhooks are not configured", { status: 503 });
  const payload = await request.text();
  let event: Stripe.Event;
  try {
    event = constructWebhookEvent(payload, request.headers.get("stripe-signature") ?? "", secret);
  } catch {
    return new Response("Bad signature", { status: 400 });
  }
  const outcome = await ingestStripeEvent(event);
  // Stripe resends anything that is not a 2xx; "retry" means the payment is not known here yet.
  if (outcome === "retry") return Response.json({ received: false, outcome }, { status: 409 });
  return Response.json({ received: true, outcome });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
