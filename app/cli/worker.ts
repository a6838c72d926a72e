/**
 * `npm run worker`: the email sender alone, for deployments that run it apart from the web
 * server (set EMAIL_SENDER_IN_SERVER=0 there). Several workers may run at once: claims are atomic.
 */
import { prepareDatabase } from "./prepare";
import { senderFromEnv } from "~/lib/email-sender-job.server";
import { env } from "~/lib/env.server";
import { closeDatabase } from "#db/client";

await prepareDatabase();
if (!env().RESEND_API_KEY) console.log("RESEND_API_KEY is not set: due emails will be held for staff to read.");
const stop = senderFromEnv().start(1000);
console.log(`Email worker running at up to ${env().EMAIL_RATE_PER_SECOND} requests per second.`);

async function shutdown() {
  await stop();
  closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
