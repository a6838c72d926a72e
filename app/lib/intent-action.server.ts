/**
 * The one way a form action runs. A submission is parsed with its form's Zod schema (Conform);
 * a parse error or a business-rule refusal from the model (a thrown RuleViolation) comes back as
 * a reply whose messages sit next to the fields they name, or above the form when they name no
 * field of it. Pages with several small forms tell them apart by a hidden `intent` field, and
 * each form shows only the reply addressed to it; a page with one form has the intent "".
 */
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { Submission, SubmissionResult } from "@conform-to/react";
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

export interface HandleOptions<Value> {
  /**
   * The form field a model's field name is shown on, when the form names it differently (the
   * donate form takes its amount from two fields, for one).
   */
  fieldFor?: (modelField: string, value: Value) => string;
  /** Fields never sent back in a reply (passwords), so a refused form does not echo them into the page. */
  hideFields?: string[];
}

/**
 * Parses `formData` with `schema`, then `write`s the value and answers with `done`'s response; a
 * parse error or a RuleViolation is answered with the form's reply instead (400, or the
 * violation's own status).
 */
export async function handleIntent<Schema extends z.ZodTypeAny, T>(
  formData: FormData,
  schema: Schema,
  write: (value: z.output<Schema>) => T | Promise<T>,
  done: (value: Awaited<T>, submission: Submission<unknown, string[], z.output<Schema>>) => Response,
  options: HandleOptions<z.output<Schema>> = {},
): Promise<Response> {
  const intent = intentOf(formData);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    const result = submission.reply({ hideFields: options.hideFields });
    return Response.json({ intent, result } satisfies IntentReply, { status: 400 });
  }
  let written: Awaited<T>;
  try {
    written = await write(submission.value);
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    const result = refusalReply(submission, error, formData, schema, options);
    return Response.json({ intent, result } satisfies IntentReply, { status: error.status });
  }
  return done(written, submission);
}

/** A refusal's messages placed on the form's fields; one naming no field of the form goes above it. */
function refusalReply<Value>(
  submission: Submission<unknown, string[], Value>,
  violation: RuleViolation,
  formData: FormData,
  schema: z.ZodTypeAny,
  { fieldFor, hideFields }: HandleOptions<Value>,
): SubmissionResult<string[]> {
  const known = new Set([...Object.keys(getZodConstraint(schema)), ...formData.keys()]);
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const [modelField, message] of Object.entries(violation.errors)) {
    const field =
      modelField && submission.status === "success" && fieldFor ? fieldFor(modelField, submission.value) : modelField;
    if (field && field !== "intent" && known.has(field)) (fieldErrors[field] ??= []).push(message);
    else formErrors.push(message);
  }
  return submission.reply({ fieldErrors, formErrors: formErrors.length ? formErrors : undefined, hideFields });
}
