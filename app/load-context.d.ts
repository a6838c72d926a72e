import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
    /** Resolves once the response's socket has room again: streamed downloads wait on it, because
     *  Remix writes a response body without regard to backpressure. */
    responseDrained?: () => Promise<void>;
  }
}
