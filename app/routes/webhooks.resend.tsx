import type { ActionFunctionArgs } from "@remix-run/node";
import { verifyResendWebhook } from "~/lib/resend-webhook.server";
import { applyResendEvent } from "~/models/email-events.server";
import { checkResendEvent } from "~/lib/resend-event-schema.server";
import { idAndType } from "~/lib/webhook-payload.server";
import { recordRejectedWebhook } from "~/models/rejected-webhooks.server";

/**
 * Resend's delivery events. The Svix signature is checked on the raw body; a bad one is a 400
 * and writes nothing; a well-signed event of the wrong shape is a 400 recorded in
 * rejected_webhooks. Every other verified event is acknowledged, including types we do not use.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const payload = await request.text();
  const verified = verifyResendWebhook(payload, request.headers);
  if (verified === "unconfigured") return new Response("Webhooks are not configured", { status: 503 });
  if (!verified) return new Response("Bad signature", { status: 400 });
  // Signed but not the shape Resend documents: refused before anything is applied, and kept.
  const checked = checkResendEvent(verified.event);
  if (!checked.ok) {
    recordRejectedWebhook({ provider: "resend", eventId: verified.id, eventType: idAndType(verified.event).eventType, reason: checked.reason });
    return Response.json({ received: false, error: `Malformed event: ${checked.reason}` }, { status: 400 });
  }
  return Response.json({ received: true, ...applyResendEvent(checked.event) });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
