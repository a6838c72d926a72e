/**
 * Models refuse by throwing a RuleViolation. Tests that check many outcomes in a row read them
 * more easily as values: `attempt` turns a refusal into `{ ok: false, errors, error }` and a
 * success into `{ ok: true, ...result }`. Any other error is rethrown.
 */
import { RuleViolation } from "~/models/rule-violation.server";

export type Attempt<T> =
  | ({ ok: true } & (T extends object ? T : { value: T }))
  | { ok: false; errors: Record<string, string>; error: string; status: number };

function success<T>(value: T): Attempt<T> {
  return (value !== null && typeof value === "object" ? { ok: true, ...value } : { ok: true, value }) as Attempt<T>;
}

function refusal<T>(error: unknown): Attempt<T> {
  if (!(error instanceof RuleViolation)) throw error;
  return { ok: false, errors: { ...error.errors }, error: error.message, status: error.status };
}

export function attempt<T>(write: () => T): Attempt<T> {
  try {
    return success(write());
  } catch (error) {
    return refusal<T>(error);
  }
}

export async function attemptAsync<T>(write: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return success(await write());
  } catch (error) {
    return refusal<T>(error);
  }
}
