/** Verifies a Resend webhook with the SDK (Svix headers over the raw body). */
import { Resend } from "resend";
import { env } from "./env.server";

/**
 * The verified payload (still to be parsed), null for a bad or missing signature, or
 * "unconfigured" without a signing secret.
 */
export function verifyResendWebhook(payload: string, headers: Headers): unknown | null | "unconfigured" {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return "unconfigured";
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature) return null;
  try {
    // Verification needs no API key; the SDK only insists on having some value.
    const resend = new Resend(env().RESEND_API_KEY ?? "re_verify_only");
    return (resend.webhooks.verify({ payload, headers: { id, timestamp, signature }, webhookSecret: secret }) as unknown) ?? null;
  } catch {
    return null;
  }
}
