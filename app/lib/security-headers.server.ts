/**
 * Headers every response carries (app/cli/serve.ts sets them before anything answers). The
 * Content-Security-Policy allows only this site's scripts plus the inline ones Remix writes into
 * each page, which carry the request's nonce; no page may be framed (clickjacking on staff forms).
 */
import crypto from "node:crypto";

export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // The goal bar's width and a few layout tweaks are style attributes, which cannot run code.
    "style-src-attr 'unsafe-inline'",
    // Impact updates may show images hosted elsewhere (Markdown written by staff).
    "img-src 'self' data: https:",
    "font-src 'self'",
    // `remix dev` reloads the page over a websocket.
    `connect-src 'self'${options.development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(
  nonce: string,
  options: { production: boolean; development?: boolean },
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // Browsers ignore it over plain HTTP, and a production site is served over HTTPS.
  if (options.production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
