import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { FormErrors, Honeypot, TextField } from "~/components/field";
import { useReplyFor } from "~/components/intent-form";
import { emailField } from "~/lib/person-fields";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { requestPasswordReset } from "~/models/password-resets.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [{ title: "Reset your password | Champions PAC" }];

const schema = z.object({ email: emailField });

// The same answer (the "sent" page) whether or not the address has an account, and the shared
// per-connection limit of public forms, so the form tells a stranger nothing and mails nobody twice over.
export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "password-reset",
    thanksPath: "/forgot-password/sent",
    submit: (v) => requestPasswordReset(v.email),
  });
}

export default function ForgotPassword() {
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="forgot-title" className="stack narrow">
      <h1 id="forgot-title">Reset your staff password</h1>
      <p>Enter the email address of your staff account. We will send it a link to choose a new password.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Email" field={fields.email} type="email" autoComplete="username" />
        <Honeypot />
        <div>
          <button type="submit">Send the link</button>
        </div>
      </Form>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}
