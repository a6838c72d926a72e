import { Form, useActionData } from "@remix-run/react";
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { z } from "zod";

interface IntentReply {
  intent: string;
  result: SubmissionResult<string[]> | null;
  notice?: string;
}

/**
 * Conform's form for one `intent` of a page with several forms: only the reply addressed to this
 * intent reaches it, so errors show next to the right fields.
 */
export function useIntentForm<Schema extends z.ZodTypeAny>(
  intent: string,
  schema: Schema,
  defaultValue?: Record<string, unknown>,
) {
  const reply = useActionData<IntentReply>();
  const lastResult = reply && reply.intent === intent ? reply.result : undefined;
  return useForm({
    id: intent,
    lastResult,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/**
 * The Conform result of the last reply addressed to `intent` (a page with one form uses ""), for
 * `useForm({ lastResult })`.
 */
export function useReplyFor(intent = ""): SubmissionResult<string[]> | undefined {
  const reply = useActionData<IntentReply>();
  return reply && reply.intent === intent ? (reply.result ?? undefined) : undefined;
}

/** The page-level notice of a reply (e.g. an unknown action), shown once above the forms. */
export function useReplyNotice(): string | undefined {
  return useActionData<IntentReply>()?.notice;
}

export function IntentInput({ intent }: { intent: string }) {
  return <input type="hidden" name="intent" value={intent} />;
}

/** A one-button form (archive, delete, …); `fields` travel as hidden inputs. */
export function IntentButton({
  intent,
  label,
  fields = {},
  className,
  action,
}: {
  intent: string;
  label: string;
  fields?: Record<string, string | number>;
  className?: string;
  action?: string;
}) {
  return (
    <Form method="post" action={action} className="inline-form">
      <IntentInput intent={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className}>
        {label}
      </button>
    </Form>
  );
}

/** Form-level errors of the reply when it answers one of `intents` (for one-button forms). */
export function useIntentErrors(intents: string[]): string[] {
  const reply = useActionData<IntentReply>();
  if (!reply || !intents.includes(reply.intent) || !reply.result?.error) return [];
  return Object.values(reply.result.error).flatMap((e) => e ?? []);
}
