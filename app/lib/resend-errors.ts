/**
 * What each error Resend documents means for the outbox, by its `name`
 * (https://resend.com/docs/api-reference/errors; the names are the SDK's RESEND_ERROR_CODE_KEY):
 *
 * - `account`: the key, the sending domain or the sender setup is refused. Nothing will go out
 *   until someone fixes it, so the sender stops and the emails wait; none of them is at fault.
 * - `quota`: the daily or monthly sending quota is used up; the sender pauses until it resets.
 * - `rate`: too many requests per second; wait `retry-after`, then send the same request.
 * - `in_progress`: a request with this key is still being processed; ask again shortly.
 * - `accepted_earlier`: a request with this key and another body was accepted before
 *   (409 invalid_idempotent_request); the email went out then and must not go out again.
 * - `invalid`: this request (these emails) can never be accepted as it is.
 * - `transient`: a provider or network failure; retry with backoff, a limited number of times.
 */
export type ResendErrorClass =
  "account" | "quota" | "rate" | "in_progress" | "accepted_earlier" | "invalid" | "transient";

export interface ProviderError {
  message: string;
  statusCode: number | null;
  name: string;
}

const BY_NAME: Record<string, ResendErrorClass> = {
  missing_api_key: "account",
  restricted_api_key: "account",
  invalid_api_key: "account",
  invalid_from_address: "account",
  invalid_access: "account",
  invalid_region: "account",
  not_found: "account",
  method_not_allowed: "account",
  daily_quota_exceeded: "quota",
  monthly_quota_exceeded: "quota",
  rate_limit_exceeded: "rate",
  concurrent_idempotent_requests: "in_progress",
  invalid_idempotent_request: "accepted_earlier",
  invalid_idempotency_key: "invalid",
  invalid_attachment: "invalid",
  invalid_parameter: "invalid",
  missing_required_field: "invalid",
  security_error: "invalid",
  application_error: "transient",
  internal_server_error: "transient",
};

export function classifyResendError(error: ProviderError): ResendErrorClass {
  if (error.statusCode == null) return "transient"; // no answer: the network or the SDK
  if (error.name === "validation_error") {
    // 403: the sending domain is not verified (or only test sends are allowed); 401: the key is
    // not valid for sending. Both are the account's setup, not the email's.
    return error.statusCode === 401 || error.statusCode === 403 ? "account" : "invalid";
  }
  const known = BY_NAME[error.name];
  if (known) return known;
  if (error.statusCode === 401 || error.statusCode === 403) return "account";
  if (error.statusCode === 429) return "rate";
  if (error.statusCode >= 500) return "transient";
  return "invalid";
}

export function describeProviderError(error: ProviderError): string {
  return `${error.statusCode ?? "network"} ${error.name}: ${error.message}`;
}
