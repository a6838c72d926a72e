import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { FormErrors, TextField } from "~/components/field";
import { useReplyFor } from "~/components/intent-form";
import { handleIntent } from "~/lib/intent-action.server";
import { MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT, RESET_TTL_MINUTES } from "~/lib/password-rules";
import { completePasswordReset, openPasswordReset } from "~/models/password-resets.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [{ title: "Choose a new password | Champions PAC" }];

const schema = z
  .object({
    token: z.string({ required_error: "This link is incomplete." }).max(200),
    password: z
      .string({ required_error: "Enter a new password." })
      .min(MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT)
      .max(1024),
    confirm: z.string({ required_error: "Enter the new password again." }).max(1024),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const reset = openPasswordReset(token);
  if (!reset) return Response.json({ valid: false as const }, { status: 400 });
  return { valid: true as const, token: token!, email: reset.email };
}

// A refused form never sends the passwords back into the page.
export async function action({ request }: ActionFunctionArgs) {
  return handleIntent(
    await request.formData(),
    schema,
    (v) => completePasswordReset(v.token, v.password),
    () => redirect("/login?reset=done"),
    { hideFields: ["password", "confirm"] },
  );
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  if (!data.valid) {
    return (
      <section aria-labelledby="reset-title" className="stack narrow">
        <h1 id="reset-title">This link does not work</h1>
        <p>A password link works once, for {RESET_TTL_MINUTES} minutes. Ask for a new one if you still need it.</p>
        <p>
          <Link to="/forgot-password">Send me a new link</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="reset-title" className="stack narrow">
      <h1 id="reset-title">Choose a new password</h1>
      <p>For the staff account {data.email}. Signing in anywhere else ends when you save it.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="token" value={data.token} />
        <TextField
          label="New password"
          field={fields.password}
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        />
        <TextField label="New password again" field={fields.confirm} type="password" autoComplete="new-password" />
        <div>
          <button type="submit">Save the new password</button>
        </div>
      </Form>
    </section>
  );
}
