import type { ActionFunctionArgs } from "@remix-run/node";
import { databaseHealth } from "~/models/health.server";

function answer(): Response {
  const health = databaseHealth();
  const headers = { "Content-Type": "text/plain", "Cache-Control": "no-store" };
  // The reason names a file or an SQLite error, no secret; an operator needs it at a glance.
  if (!health.ok) return new Response(`database: ${health.error}`, { status: 503, headers });
  return new Response("ok", { headers });
}

/** Liveness and storage check for load balancers and the test harness (a write probe and the
 *  database file's identity); also the benchmarks' trivial route. */
export function loader() {
  return answer();
}

/** The benchmarks' trivial POST: reads the body and answers, beside routes such as the Stripe webhook. */
export async function action({ request }: ActionFunctionArgs) {
  await request.text();
  return answer();
}
