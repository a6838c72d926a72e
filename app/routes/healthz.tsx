import { checkDatabase } from "~/models/health.server";

/** Liveness and database check for load balancers and the test harness; also the benchmarks' trivial route. */
export function loader() {
  checkDatabase();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
