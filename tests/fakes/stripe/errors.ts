/**
 * Stripe's error envelope (https://docs.stripe.com/api/errors): `type` is one of api_error,
 * card_error, idempotency_error, invalid_request_error; `code` is from
 * https://docs.stripe.com/error-codes and comes with a `doc_url`; every error carries the
 * `request_log_url` of the request that failed.
 */
import type Stripe from "stripe";

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

/** Typed by the SDK's own definition of an API error, so the fake cannot drift from it. */
export type StripeErrorBody = Stripe.StripeRawError & { type: StripeErrorType; message: string };

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Omit<StripeErrorBody, "request_log_url" | "doc_url">,
  ) {
    super(body.message);
  }
}

export const errors = {
  resourceMissing: (kind: string, id: string, param = "id") =>
    new StripeApiError(404, {
      type: "invalid_request_error",
      code: "resource_missing",
      message: `No such ${kind}: '${id}'`,
      param,
    }),
  parameterMissing: (param: string) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      code: "parameter_missing",
      message: `Missing required param: ${param}.`,
      param,
    }),
  invalidInteger: (param: string, value: unknown) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      code: "parameter_invalid_integer",
      message: `Invalid integer: ${String(value)}`,
      param,
    }),
  invalidParam: (param: string, message: string) =>
    new StripeApiError(400, { type: "invalid_request_error", code: "parameter_invalid_empty", message, param }),
  /** A value outside a parameter's enum: Stripe names the parameter and the values it takes. */
  invalidEnum: (param: string, allowed: readonly string[]) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      message: `Invalid ${param}: must be one of ${allowed.join(", ")}`,
      param,
    }),
  idempotencyMismatch: (key: string) =>
    new StripeApiError(400, {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyInFlight: () =>
    new StripeApiError(409, {
      type: "idempotency_error",
      code: "idempotency_key_in_use",
      message:
        "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): please retry in a moment.",
    }),
  chargeAlreadyRefunded: (chargeId: string) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      code: "charge_already_refunded",
      message: `Charge ${chargeId} has already been refunded.`,
      param: "charge",
    }),
  refundTooLarge: (amount: number, remaining: number) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_large",
      message: `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`,
      param: "amount",
    }),
  chargeDisputed: (chargeId: string) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      code: "charge_disputed",
      message: `Charge ${chargeId} has been charged back; cannot issue a refund.`,
      param: "charge",
    }),
  cardDeclined: (chargeId: string, paymentIntent: Stripe.PaymentIntent) =>
    new StripeApiError(402, {
      type: "card_error",
      code: "card_declined",
      decline_code: "generic_decline",
      message: "Your card was declined.",
      charge: chargeId,
      payment_intent: paymentIntent,
    }),
  unrecognizedUrl: (method: string, path: string) =>
    new StripeApiError(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    }),
};

export function errorEnvelope(error: StripeApiError, requestId: string, created: number): { error: StripeErrorBody } {
  const body: StripeErrorBody = { ...error.body };
  if (body.code) body.doc_url = `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, "-")}`;
  body.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}?t=${created}`;
  return { error: body };
}
