import type { ActionFunctionArgs } from "@remix-run/node";
import { verifyResendWebhook } from "~/lib/resend-webhook.server";
import { applyResendEvent } from "~/models/email-events.server";

/**
 * Resend's delivery events. The Svix signature is checked on the raw body; a bad one is a 400
 * and writes nothing. Every verified event is acknowledged, including types we do not use.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const payload = await request.text();
  const verified = verifyResendWebhook(payload, request.headers);
  if (verified === "unconfigured") return new Response("Webhooks are not configured", { status: 503 });
  if (!verified) return new Response("Bad signature", { status: 400 });
  return Response.json({ received: true, ...applyResendEvent(verified) });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
