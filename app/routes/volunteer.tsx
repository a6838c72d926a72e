import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { CheckboxField, FormErrors, Honeypot, TextareaField, TextField } from "~/components/field";
import { CheckboxGroup } from "~/components/checkbox-group";
import { optionalPlainText, personFormFields, personName } from "~/lib/person-fields";
import { VOLUNTEER_INTEREST_VALUES, VOLUNTEER_INTERESTS } from "~/lib/outreach-options";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { useReplyFor } from "~/components/intent-form";
import { PersonFields } from "~/components/person-fields";
import { signUpVolunteer } from "~/models/volunteers.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [
  { title: "Volunteer | Champions PAC" },
  { name: "description", content: "Help elect champions for our schools and neighborhoods." },
];

const schema = z.object({
  ...personFormFields,
  area: personName("your ZIP code or area"),
  interests: z
    .array(z.enum(VOLUNTEER_INTEREST_VALUES, { errorMap: () => ({ message: "Choose interests from the list." }) }))
    .max(VOLUNTEER_INTERESTS.length)
    .default([]),
  availability: optionalPlainText("your availability", 500),
  consentEmail: z.boolean().default(false),
});

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "volunteer",
    thanksPath: "/volunteer/thanks",
    submit: (v) => signUpVolunteer(v),
  });
}

export default function Volunteer() {
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="volunteer-title" className="stack narrow">
      <h1 id="volunteer-title">Volunteer with us</h1>
      <p className="lede">
        Knock on doors, make calls, host a house party, or help us find the next champion for your school board.
      </p>
      {/* The server checks every field and answers with messages next to them, with or without JavaScript. */}
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <PersonFields fields={fields} />
        <TextField
          label="ZIP code or area"
          field={fields.area}
          autoComplete="postal-code"
          hint="For example 88001, or “East Mesa”."
        />
        <CheckboxGroup
          legend="What would you like to help with?"
          field={fields.interests}
          options={VOLUNTEER_INTERESTS}
        />
        <TextareaField
          label="When are you available? (optional)"
          field={fields.availability}
          rows={3}
          hint="For example: weekday evenings, Saturday mornings."
        />
        <CheckboxField label="Email me about volunteer opportunities." field={fields.consentEmail} />
        <Honeypot />
        <div>
          <button type="submit">Sign up</button>
        </div>
      </Form>
    </section>
  );
}
