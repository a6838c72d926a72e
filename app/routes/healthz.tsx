import type { ActionFunctionArgs } from "@remix-run/node";
import { checkDatabase } from "~/models/health.server";

/** Liveness and database check for load balancers and the test harness; also the benchmarks' trivial route. */
export function loader() {
  checkDatabase();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

/** The benchmarks' trivial POST: reads the body and answers, beside routes such as the Stripe webhook. */
export async function action({ request }: ActionFunctionArgs) {
  await request.text();
  checkDatabase();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
