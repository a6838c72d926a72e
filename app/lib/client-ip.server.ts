import type { AppLoadContext } from "@remix-run/node";

/**
 * The client's address as the HTTP server saw it (app/cli/serve.ts puts it in the load context;
 * it honours X-Forwarded-For only when TRUST_PROXY says a proxy sits in front).
 */
export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp || "unknown";
}
