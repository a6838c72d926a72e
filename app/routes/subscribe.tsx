import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { FormErrors, Honeypot, TextField } from "~/components/field";
import { ListChoices } from "~/components/list-choices";
import { EMAIL_LISTS, LIST_LABELS } from "~/lib/email-lists";
import { emailField, personName } from "~/lib/person-fields";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { useReplyFor } from "~/components/intent-form";
import { requestSubscription } from "~/models/subscriptions.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [
  { title: "Get our emails | Champions PAC" },
  { name: "description", content: "Impact updates, fundraising appeals and volunteer opportunities by email." },
];

const schema = z.object({
  firstName: personName("your first name"),
  email: emailField,
  lists: z
    .array(z.enum(EMAIL_LISTS), { required_error: "Choose at least one kind of email." })
    .min(1, "Choose at least one kind of email."),
});

export async function loader() {
  return { lists: EMAIL_LISTS.map((list) => ({ list, label: LIST_LABELS[list] })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "subscribe",
    thanksPath: "/subscribe/thanks",
    submit: (v) => requestSubscription(v),
  });
}

export default function Subscribe() {
  const { lists } = useLoaderData<typeof loader>();
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    ...VALIDATE_ON_BLUR,
    defaultValue: { lists: ["updates"] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const chosen = (fields.lists.value as string[] | string | undefined) ?? ["updates"];
  const chosenList = Array.isArray(chosen) ? chosen : [chosen];
  return (
    <section aria-labelledby="subscribe-title" className="stack narrow">
      <h1 id="subscribe-title">Get our emails</h1>
      <p className="lede">
        Hear what the officials we endorsed did in office, and how you can help. We will ask you to confirm by email
        first.
      </p>
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="First name" field={fields.firstName} autoComplete="given-name" />
        <TextField label="Email" field={fields.email} type="email" autoComplete="email" />
        <ListChoices
          name={fields.lists.name}
          legend="What would you like to receive?"
          errors={fields.lists.errors}
          errorId={fields.lists.errorId}
          choices={lists.map(({ list, label }) => ({ list, label, checked: chosenList.includes(list) }))}
        />
        <Honeypot />
        <div>
          <button type="submit">Subscribe</button>
        </div>
      </Form>
    </section>
  );
}
