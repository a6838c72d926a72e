import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { CheckboxField, FormErrors, Honeypot, TextareaField, TextField } from "~/components/field";
import { optionalEmailField, personFormFields, personName, phoneField, plainText } from "~/lib/person-fields";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { useReplyFor } from "~/components/intent-form";
import { PersonFields } from "~/components/person-fields";
import { submitReferral } from "~/models/referrals.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [
  { title: "Suggest a candidate | Champions PAC" },
  { name: "description", content: "Know someone who would be a good elected leader? Tell us." },
];

const schema = z.object({
  ...personFormFields,
  suggestedName: personName("their name", { max: 120 }),
  suggestedEmail: optionalEmailField,
  suggestedPhone: phoneField,
  office: personName("the office or board", { max: 200 }),
  reason: plainText("why they would be a good elected leader", 4000),
  suggestedKnows: z.boolean().default(false),
});

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "refer",
    thanksPath: "/refer/thanks",
    submit: (v) =>
      submitReferral({
        referrer: { firstName: v.firstName, lastName: v.lastName, email: v.email, phone: v.phone },
        suggestedName: v.suggestedName,
        suggestedEmail: v.suggestedEmail,
        suggestedPhone: v.suggestedPhone,
        office: v.office,
        reason: v.reason,
        suggestedKnows: v.suggestedKnows,
      }),
  });
}

export default function Refer() {
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="refer-title" className="stack narrow">
      <h1 id="refer-title">Suggest a candidate</h1>
      <p className="lede">
        The best elected leaders are often people who never thought of running. If you know someone who would be a good
        one, tell us about them.
      </p>
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset className="stack">
          <legend>Your details</legend>
          <PersonFields fields={fields} your emailHint="We send you a link to follow what happens." />
        </fieldset>
        <fieldset className="stack">
          <legend>The person you suggest</legend>
          <TextField label="Their name" field={fields.suggestedName} autoComplete="off" />
          <TextField
            label="Their email (optional)"
            field={fields.suggestedEmail}
            type="email"
            autoComplete="off"
            hint="We invite them by email, and contact them only after they say yes."
          />
          <TextField label="Their phone (optional)" field={fields.suggestedPhone} type="tel" autoComplete="off" />
          <TextField
            label="Office or board"
            field={fields.office}
            hint="For example: LCPS Board of Education, District 2."
          />
          <TextareaField label="Why would they be a good elected leader?" field={fields.reason} rows={5} />
          <CheckboxField
            label="They know I am suggesting them, and you may tell them it was me."
            field={fields.suggestedKnows}
          />
        </fieldset>
        <Honeypot />
        <div>
          <button type="submit">Send suggestion</button>
        </div>
      </Form>
    </section>
  );
}
