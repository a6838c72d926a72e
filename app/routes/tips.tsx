import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { FormErrors, Honeypot, TextareaField, TextField } from "~/components/field";
import { emailField, honeypotField, optionalPersonName, optionalPlainText, personName, phoneField, plainText } from "~/lib/person-fields";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { submitTip } from "~/models/tips.server";

export const meta: MetaFunction = () => [
  { title: "Send a tip | Champions PAC" },
  { name: "description", content: "Something happening in your area that we should know about? Tell us." },
];

const schema = z.object({
  firstName: personName("your first name"),
  lastName: optionalPersonName("your last name"),
  email: emailField,
  phone: phoneField,
  area: personName("where it is happening", { max: 200 }),
  body: plainText("what is happening", 5000),
  website_url: honeypotField,
});

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "tips",
    thanksPath: "/tips/thanks",
    submit: (v) =>
      submitTip({ firstName: v.firstName, lastName: v.lastName, email: v.email, phone: v.phone, area: v.area, body: v.body }),
  });
}

export default function Tips() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="tips-title" className="stack narrow">
      <h1 id="tips-title">Something happening in your area?</h1>
      <p className="lede">A school board vote, a policy change, a meeting people should know about: tell us and our team will look into it.</p>
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="First name" field={fields.firstName} autoComplete="given-name" />
        <TextField label="Last name" field={fields.lastName} autoComplete="family-name" />
        <TextField label="Email" field={fields.email} type="email" autoComplete="email" />
        <TextField label="Phone (optional)" field={fields.phone} type="tel" autoComplete="tel" />
        <TextField label="Where is it happening?" field={fields.area} hint="A town, a neighborhood, a school or a board." />
        <TextareaField label="What is happening?" field={fields.body} rows={6} />
        <Honeypot />
        <div>
          <button type="submit">Send tip</button>
        </div>
      </Form>
    </section>
  );
}
