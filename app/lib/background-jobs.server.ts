/**
 * Jobs the server process runs beside HTTP (DESIGN §3): the email sender every second and the
 * daily Stripe reconciliation. app/cli/serve.ts loads the app's build and calls
 * `startBackgroundJobs` through the build's entry module, so the jobs share the build's module
 * instances (one database connection, one settings cache) with the routes; this file is that
 * one entry point and the one place that lists what runs.
 */
import { startEmailSenderJob } from "./email-sender-job.server";
import { startReconciliationJob } from "./reconciliation-job.server";

export function startBackgroundJobs(): () => void {
  const stops = [startEmailSenderJob(), startReconciliationJob()];
  return () => stops.forEach((stop) => stop());
}
