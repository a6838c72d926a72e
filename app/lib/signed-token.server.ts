import { sign, signatureMatches } from "./signing.server";

// A link proves which record it is for without a stored token.
const signId = (purpose: string, id: number) => sign("signed-token", `${purpose}:${id}`);

export function signedToken(purpose: string, id: number): string {
  return `${id}.${signId(purpose, id)}`;
}

/** The id the token was made for, or null when it was not signed by us for this purpose. */
export function verifySignedToken(purpose: string, token: string): number | null {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  return signatureMatches(signId(purpose, id), match[2]) ? id : null;
}
