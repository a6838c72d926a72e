/**
 * The email sender as configured by the environment, for the server's timer and `npm run worker`.
 */
import { env } from "./env.server";
import { createEmailSender } from "./email-sender.server";

export function senderFromEnv() {
  const e = env();
  return createEmailSender({
    apiKey: e.RESEND_API_KEY ?? null,
    baseUrl: e.RESEND_BASE_URL ?? null,
    ratePerSecond: e.EMAIL_RATE_PER_SECOND,
    alert:
      e.EMAIL_ALERT_RESEND_API_KEY && e.EMAIL_ALERT_FROM
        ? { apiKey: e.EMAIL_ALERT_RESEND_API_KEY, from: e.EMAIL_ALERT_FROM }
        : null,
    log: (message) => console.error(message),
  });
}

/** Runs the sender every second inside the server unless EMAIL_SENDER_IN_SERVER=0. */
export function startEmailSenderJob(): () => void {
  if (env().EMAIL_SENDER_IN_SERVER === "0") return () => {};
  const stop = senderFromEnv().start(1000);
  return () => void stop();
}
