/**
 * Environment, validated once. Secrets come only from here (see .env.example).
 */
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("data/champions.db"),
  SESSION_SECRET: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Lets tests and local setups point the Stripe SDK at another host, e.g. http://127.0.0.1:12111 */
  STRIPE_API_BASE: z.string().url().optional(),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().optional(),
  /** A second Resend account's key and verified sender, to tell staff when the main one is refused. */
  EMAIL_ALERT_RESEND_API_KEY: z.string().optional(),
  EMAIL_ALERT_FROM: z.string().optional(),
  UPLOADS_DIR: z.string().default("public/uploads"),
  /** "0" turns off the in-process email sender (when `npm run worker` runs it instead). */
  EMAIL_SENDER_IN_SERVER: z.enum(["0", "1"]).default("1"),
  /** "0" where the daily Stripe reconciliation runs elsewhere (a cron calling npm run stripe:reconcile) */
  STRIPE_RECONCILE_IN_SERVER: z.enum(["0", "1"]).default("1"),
  EMAIL_RATE_PER_SECOND: z.coerce.number().positive().default(2),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const env = schema.parse(source);
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new Error("SESSION_SECRET is required in production: set it to a long random string (see .env.example).");
  }
  const mailsPeople =
    env.RESEND_API_KEY && (!env.RESEND_BASE_URL || new URL(env.RESEND_BASE_URL).hostname === "api.resend.com");
  if (env.NODE_ENV === "production" && mailsPeople && !env.PUBLIC_URL?.startsWith("https://")) {
    // Every link in an email and the List-Unsubscribe header are built from PUBLIC_URL; RFC 8058
    // requires the one-click unsubscribe URI to be https, and a localhost fallback would mail
    // links that lead nowhere. (A RESEND_BASE_URL of another host is a local stand-in that
    // mails no one.)
    throw new Error(
      "PUBLIC_URL must be this site's https:// address in production when RESEND_API_KEY is set (links and unsubscribe headers in emails use it).",
    );
  }
  return env;
}

let cached: Env | null = null;
export function env(): Env {
  cached ??= readEnv();
  return cached;
}
