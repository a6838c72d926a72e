/**
 * Jobs the server process runs beside HTTP (DESIGN §3): app/cli/serve.ts calls
 * `startBackgroundJobs` once and the returned function on shutdown.
 */
import { startEmailSenderJob } from "./email-sender-job.server";
import { startReconciliationJob } from "./reconciliation-job.server";

type Stop = () => void;
const starters: Array<() => Stop> = [startEmailSenderJob, startReconciliationJob];

export function startBackgroundJobs(): Stop {
  const stops = starters.map((start) => start());
  return () => stops.forEach((stop) => stop());
}
