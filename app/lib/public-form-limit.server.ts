import { redirect, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { RateLimiter } from "./rate-limit.server";
import { clientIp } from "./client-ip.server";
import { handleIntent, type HandleOptions, type IntentReply } from "./intent-action.server";

// Generous for a household sharing one address, tight enough that a script cannot fill the
// volunteer list or the staff inbox.
const limiter = new RateLimiter(10, 15 * 60 * 1000);

export const RATE_LIMITED_MESSAGE = "Too many submissions from your connection. Please wait 15 minutes and try again.";

/** The hidden field people never see (`<Honeypot />`); bots fill every field. */
export const HONEYPOT_FIELD = "website_url";

/** Counts one submission of `form` from this client; false when it is over the limit. */
export function allowPublicSubmission(context: AppLoadContext | undefined, form: string): boolean {
  return limiter.hit(`${form}:${clientIp(context)}`);
}

/**
 * The action of every public form, the one place the honeypot is read: a client over the limit
 * is told to wait (429) before its body is read; a filled honeypot gets the usual thank-you and
 * nothing is stored or opened; bad input, or a model's RuleViolation, comes back with each message
 * next to its field (the action helper); otherwise `submit` stores the submission and the visitor
 * goes to the thank-you page (or wherever `done` sends them: the donate form goes to Stripe).
 */
export async function handlePublicForm<Schema extends z.ZodTypeAny, T>(
  args: {
    request: Request;
    context: AppLoadContext | undefined;
    schema: Schema;
    form: string;
    thanksPath: string;
    submit: (value: z.output<Schema>) => T | Promise<T>;
    done?: (value: Awaited<T>) => Response;
  } & HandleOptions<z.output<Schema>>,
): Promise<Response> {
  // Counted before the body is parsed: invalid and honeypot posts use up the allowance too.
  if (!allowPublicSubmission(args.context, args.form)) {
    const result = { status: "error" as const, error: { "": [RATE_LIMITED_MESSAGE] } };
    return Response.json({ intent: "", result } satisfies IntentReply, { status: 429 });
  }
  const formData = await args.request.formData();
  if (formData.get(HONEYPOT_FIELD)) return redirect(args.thanksPath);
  return handleIntent(formData, args.schema, args.submit, args.done ?? (() => redirect(args.thanksPath)), {
    fieldFor: args.fieldFor,
  });
}
