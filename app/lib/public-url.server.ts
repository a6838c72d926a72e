import { env } from "./env.server";

/** An absolute URL on this site, for links in emails and to providers (Stripe's return URLs). */
export function publicUrl(pathname: string): string {
  const base = env().PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(pathname, base.endsWith("/") ? base : `${base}/`).toString();
}
