import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors, TextareaField, TextField } from "~/components/field";
import { IntentInput, useIntentForm } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { newBodySchema } from "~/lib/track-record-forms";
import { createBody, listBodies } from "~/models/bodies.server";

export const meta: MetaFunction = () => [{ title: "Bodies | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { bodies: listBodies({ includeArchived: true }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  if (intentOf(formData) !== "create") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    newBodySchema,
    (v) => createBody(v, staff.id),
    (body) => redirect(`/admin/bodies/${body.id}`),
  );
}

export default function AdminBodies() {
  const { bodies } = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm("create", newBodySchema, { seatCount: "5" });
  return (
    <section aria-labelledby="bodies-title">
      <h1 id="bodies-title">Governing bodies</h1>
      <ul>
        {bodies.map((b) => (
          <li key={b.id}>
            <Link to={`/admin/bodies/${b.id}`}>{b.name}</Link> <span className="muted">{b.jurisdiction}</span>
            {b.archivedAt ? <span className="badge"> Archived</span> : null}
          </li>
        ))}
      </ul>
      <h2 id="new-body">Add a body</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="new-body">
        <IntentInput intent="create" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Name" field={fields.name} />
        <TextField label="Web address (optional)" field={fields.slug} hint="Made from the name when left empty." />
        <TextField label="Jurisdiction" field={fields.jurisdiction} />
        <TextField label="Number of seats" field={fields.seatCount} type="number" />
        <TextareaField
          label="Seat names (optional)"
          field={fields.seatNames}
          hint="One per line; District 1, District 2, … when left empty."
        />
        <div>
          <button type="submit">Add body</button>
        </div>
      </Form>
    </section>
  );
}
