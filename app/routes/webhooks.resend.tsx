import type { ActionFunctionArgs } from "@remix-run/node";
import { verifyResendWebhook } from "~/lib/resend-webhook.server";
import { idAndType } from "~/lib/webhook-payload.server";
import { applyResendEvent, parseResendEvent } from "~/models/email-events.server";
import { recordRejectedWebhook } from "~/models/rejected-webhooks.server";

/**
 * Resend's delivery events. The Svix signature is checked on the raw body; a bad one is a 400
 * and writes nothing. A signed payload we cannot read (no type, an unparseable created_at) is a
 * 400 recorded in rejected_webhooks, never a 500 that Resend would retry for a day before
 * disabling the endpoint. Every readable event is acknowledged with `{received: true}` and
 * nothing else (the answer must not echo addresses), including types we do not use.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const payload = await request.text();
  const verified = verifyResendWebhook(payload, request.headers);
  if (verified === "unconfigured") return new Response("Webhooks are not configured", { status: 503 });
  if (!verified) return new Response("Bad signature", { status: 400 });
  const event = parseResendEvent(verified.event);
  if (!event) {
    recordRejectedWebhook({
      provider: "resend",
      eventId: verified.id,
      eventType: idAndType(verified.event).eventType,
      reason: "not the shape Resend documents",
    });
    return Response.json({ received: false, error: "Unreadable event" }, { status: 400 });
  }
  applyResendEvent(event);
  return Response.json({ received: true });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
