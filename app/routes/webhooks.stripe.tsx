import type { ActionFunctionArgs } from "@remix-run/node";
import { constructWebhookEvent, STRIPE_API_VERSION, webhookSecret, type Stripe } from "~/lib/stripe.server";
import { ingestStripeEvent } from "~/models/stripe-webhooks.server";
import { checkStripeEvent } from "~/lib/stripe-event-schema.server";
import { idAndType } from "~/lib/webhook-payload.server";
import { recordRejectedWebhook } from "~/models/rejected-webhooks.server";

/**
 * Stripe's webhook endpoint. The signature is checked on the raw body; a bad one is a 400 and
 * writes nothing. An event shaped for another API version is refused with a 5xx and nothing
 * recorded, so Stripe keeps it and re-sends it once the endpoint is set to the pinned version
 * (`npm run stripe:setup`). A well-signed event of the pinned version but the wrong shape is a
 * 400 recorded in rejected_webhooks. Events about objects that are not ours are acknowledged.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const secret = webhookSecret();
  if (!secret) return new Response("Webhooks are not configured", { status: 503 });
  const payload = await request.text();
  let verified: Stripe.Event;
  try {
    verified = constructWebhookEvent(payload, request.headers.get("stripe-signature") ?? "", secret);
  } catch {
    return new Response("Bad signature", { status: 400 });
  }
  if (verified.api_version !== STRIPE_API_VERSION) {
    console.error(
      `Stripe event ${verified.id} has API version ${verified.api_version}; this app reads ${STRIPE_API_VERSION}. Run npm run stripe:setup.`,
    );
    return Response.json(
      {
        received: false,
        error: `This endpoint reads Stripe API version ${STRIPE_API_VERSION}; the event has ${verified.api_version}.`,
      },
      { status: 500 },
    );
  }
  // Signed but not the shape Stripe documents: refused before anything is applied, and kept.
  const checked = checkStripeEvent(verified);
  if (!checked.ok) {
    recordRejectedWebhook({ provider: "stripe", ...idAndType(verified), reason: checked.reason });
    return Response.json({ received: false, error: `Malformed event: ${checked.reason}` }, { status: 400 });
  }
  const event = checked.event;
  let outcome;
  try {
    outcome = await ingestStripeEvent(event);
  } catch (error) {
    // A lookup at Stripe failed or the database was busy: nothing was recorded, Stripe re-sends.
    console.error(`Stripe event ${event.id} could not be applied`, error);
    return Response.json({ received: false, error: "Could not apply the event now; send it again." }, { status: 503 });
  }
  // Stripe resends anything that is not a 2xx; "retry" means the payment is not known here yet.
  if (outcome === "retry") return Response.json({ received: false, outcome }, { status: 409 });
  return Response.json({ received: true, outcome });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
