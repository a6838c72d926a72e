import { redirect, type AppLoadContext } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { RateLimiter } from "./rate-limit.server";
import { clientIp } from "./client-ip.server";

// Generous for a household sharing one address, tight enough that a script cannot fill the
// volunteer list or the staff inbox.
const limiter = new RateLimiter(10, 15 * 60 * 1000);

export const RATE_LIMITED_MESSAGE = "Too many submissions from your connection. Please wait 15 minutes and try again.";

/** Counts one submission of `form` from this client; false when it is over the limit. */
export function allowPublicSubmission(context: AppLoadContext | undefined, form: string): boolean {
  return limiter.hit(`${form}:${clientIp(context)}`);
}

/**
 * The action of a public form: a client over the limit is told to wait (429) before its body is
 * read; a filled honeypot gets the usual thank-you and stores nothing; bad input comes back with
 * its messages (400);
 * otherwise `submit` stores the submission and the visitor goes to the thank-you page.
 */
export async function handlePublicForm<Schema extends z.ZodTypeAny>(args: {
  request: Request;
  context: AppLoadContext | undefined;
  schema: Schema;
  form: string;
  thanksPath: string;
  submit: (value: z.output<Schema>) => void;
}) {
  // Counted before the body is parsed: invalid and honeypot posts use up the allowance too.
  if (!allowPublicSubmission(args.context, args.form)) {
    return Response.json({ status: "error", error: { "": [RATE_LIMITED_MESSAGE] } }, { status: 429 });
  }
  const formData = await args.request.formData();
  if (formData.get("website_url")) return redirect(args.thanksPath);
  const submission = parseWithZod(formData, { schema: args.schema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  args.submit(submission.value);
  return redirect(args.thanksPath);
}
