/**
 * Verifies a Resend webhook with the SDK (Svix headers over the raw body). It vouches for the
 * sender only; parseResendEvent (app/models/email-events.server.ts) checks the payload's shape.
 */
import { Resend } from "resend";
import { env } from "./env.server";

export function verifyResendWebhook(
  payload: string,
  headers: Headers,
): { id: string; event: unknown } | null | "unconfigured" {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return "unconfigured";
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature) return null;
  try {
    // Verification needs no API key; the SDK only insists on having some value.
    const resend = new Resend(env().RESEND_API_KEY ?? "re_verify_only");
    const event = resend.webhooks.verify({
      payload,
      headers: { id, timestamp, signature },
      webhookSecret: secret,
    }) as unknown;
    return { id: id.slice(0, 200), event };
  } catch {
    return null;
  }
}
