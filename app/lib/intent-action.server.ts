/**
 * Admin pages hold several small forms, told apart by a hidden `intent` field. Each form's
 * submission is parsed with its own Zod schema; a business-rule refusal from the model comes back
 * as a 400 with the message next to its field (or above the form), exactly like a parse error.
 */
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { RuleViolation } from "~/models/rule-violation.server";

export interface IntentReply {
  intent: string;
  result: SubmissionResult<string[]> | null;
  notice?: string;
}

export function intentOf(formData: FormData): string {
  const value = formData.get("intent");
  return typeof value === "string" ? value : "";
}

export function unknownIntent(intent: string): Response {
  return Response.json({ intent, result: null, notice: "Unknown action." } satisfies IntentReply, { status: 400 });
}

export function handleIntent<Schema extends z.ZodTypeAny, T>(
  formData: FormData,
  schema: Schema,
  write: (value: z.output<Schema>) => T,
  done: (value: T) => Response,
): Response {
  const intent = intentOf(formData);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return Response.json({ intent, result: submission.reply() } satisfies IntentReply, { status: 400 });
  }
  try {
    return done(write(submission.value));
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    const onField = error.field && formData.has(error.field);
    const result = submission.reply(
      onField ? { fieldErrors: { [error.field!]: [error.message] } } : { formErrors: [error.message] },
    );
    return Response.json({ intent, result } satisfies IntentReply, { status: 400 });
  }
}

/** The id in a route param, or a 404 when it cannot be one. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}
