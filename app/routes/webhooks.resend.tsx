import type { ActionFunctionArgs } from "@remix-run/node";
import { verifyResendWebhook } from "~/lib/resend-webhook.server";
import { applyResendEvent, parseResendEvent } from "~/models/email-events.server";

/**
 * Resend's delivery events. The Svix signature is checked on the raw body; a bad one is a 400
 * and writes nothing. A signed payload we cannot read (no type, an unparseable created_at) is a
 * 400 too, never a 500 that Resend would retry for a day before disabling the endpoint. Every
 * readable event is acknowledged with `{received: true}` and nothing else (the answer must not
 * echo addresses), including types we do not use.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const payload = await request.text();
  const verified = verifyResendWebhook(payload, request.headers);
  if (verified === "unconfigured") return new Response("Webhooks are not configured", { status: 503 });
  if (!verified) return new Response("Bad signature", { status: 400 });
  const event = parseResendEvent(verified);
  if (!event) return new Response("Unreadable event", { status: 400 });
  applyResendEvent(event);
  return Response.json({ received: true });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
