import { createContext, useContext } from "react";

/** The request's CSP nonce, set by app/entry.server.tsx; empty in the browser, which hides it. */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
