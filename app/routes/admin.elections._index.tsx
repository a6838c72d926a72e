import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { ELECTION_KINDS } from "#db/enums";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { IntentInput, useIntentForm } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { electionSchema } from "~/lib/track-record-forms";
import { formatDay } from "~/lib/format";
import { createElection, listElections } from "~/models/elections.server";

export const meta: MetaFunction = () => [{ title: "Elections | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { elections: listElections({ includeArchived: true }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  if (intentOf(formData) !== "create") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    electionSchema,
    (v) => createElection(v, staff.id),
    (e) => redirect(`/admin/elections/${e.id}`),
  );
}

const KIND_OPTIONS = ELECTION_KINDS.map((k) => ({ value: k, label: k[0].toUpperCase() + k.slice(1) }));

export default function AdminElections() {
  const { elections } = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm("create", electionSchema, { kind: "regular" });
  return (
    <section aria-labelledby="elections-title">
      <h1 id="elections-title">Elections</h1>
      <ul>
        {elections.map((e) => (
          <li key={e.id}>
            <Link to={`/admin/elections/${e.id}`}>{e.name}</Link> <span className="muted">{formatDay(e.date)}</span>
            {e.archivedAt ? <span className="badge"> Archived</span> : null}
          </li>
        ))}
      </ul>
      <h2 id="new-election">Add an election</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="new-election">
        <IntentInput intent="create" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Name" field={fields.name} />
        <TextField label="Election day" field={fields.date} type="date" />
        <TextField label="Jurisdiction" field={fields.jurisdiction} />
        <SelectField label="Kind" field={fields.kind} options={KIND_OPTIONS} />
        <div>
          <button type="submit">Add election</button>
        </div>
      </Form>
    </section>
  );
}
