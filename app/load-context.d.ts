import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
    /** Resolves once the response's socket has room again: streamed downloads wait on it, because
     *  Remix writes a response body without regard to backpressure. */
    responseDrained?: () => Promise<void>;
    /** This response's Content-Security-Policy nonce (app/lib/security-headers.server.ts). */
    cspNonce?: string;
    /** Names this request in the logs (app/lib/request-log.server.ts). */
    requestId?: string;
  }
}
