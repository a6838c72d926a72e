/**
 * The one way a route reads a numeric id from its URL. Anything that cannot be a row id (letters,
 * signs, decimals, exponents, hex, leading zeros, or more than 2^53) is a 404 page saying so, never
 * a 500: a hostile or mistyped address is not a crash.
 */
const ID = /^[1-9]\d{0,15}$/;

export function idParam(value: string | undefined, notFound = "There is no such page."): number {
  const id = value !== undefined && ID.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw new Response(notFound, { status: 404 });
  return id;
}
