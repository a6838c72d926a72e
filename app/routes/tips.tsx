import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { FormErrors, Honeypot, TextareaField, TextField } from "~/components/field";
import { personFormFields, personName, plainText } from "~/lib/person-fields";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { useReplyFor } from "~/components/intent-form";
import { PersonFields } from "~/components/person-fields";
import { submitTip } from "~/models/tips.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [
  { title: "Send a tip | Champions PAC" },
  { name: "description", content: "Something happening in your area that we should know about? Tell us." },
];

const schema = z.object({
  ...personFormFields,
  area: personName("where it is happening", { max: 200 }),
  body: plainText("what is happening", 5000),
});

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "tips",
    thanksPath: "/tips/thanks",
    submit: (v) => submitTip(v),
  });
}

export default function Tips() {
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="tips-title" className="stack narrow">
      <h1 id="tips-title">Something happening in your area?</h1>
      <p className="lede">
        A school board vote, a policy change, a meeting people should know about: tell us and our team will look into
        it.
      </p>
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <PersonFields fields={fields} />
        <TextField
          label="Where is it happening?"
          field={fields.area}
          hint="A town, a neighborhood, a school or a board."
        />
        <TextareaField label="What is happening?" field={fields.body} rows={6} />
        <Honeypot />
        <div>
          <button type="submit">Send tip</button>
        </div>
      </Form>
    </section>
  );
}
