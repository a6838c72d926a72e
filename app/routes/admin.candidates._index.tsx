import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { candidateSchema } from "~/lib/track-record-forms";
import { FormErrors, TextareaField, TextField } from "~/components/field";
import { IntentInput, useIntentForm } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { createCandidate, listCandidates } from "~/models/candidates.server";

export const meta: MetaFunction = () => [{ title: "Candidates | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const showArchived = new URL(request.url).searchParams.get("archived") === "1";
  return { candidates: listCandidates({ includeArchived: showArchived }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  if (intentOf(formData) !== "create") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    candidateSchema,
    (value) => createCandidate(value, staff.id),
    (candidate) => redirect(`/admin/candidates/${candidate.id}`),
  );
}

export default function AdminCandidates() {
  const { candidates } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const [form, fields] = useIntentForm("create", candidateSchema);
  return (
    <section aria-labelledby="candidates-title">
      <h1 id="candidates-title">Candidates</h1>
      <p>
        {params.get("archived") === "1" ? (
          <Link to="/admin/candidates">Hide archived</Link>
        ) : (
          <Link to="?archived=1">Show archived</Link>
        )}
      </p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <Link to={`/admin/candidates/${c.id}`}>{c.displayName}</Link>
            {c.archivedAt ? <span className="badge"> Archived</span> : null}
          </li>
        ))}
      </ul>
      <h2 id="new-candidate">Add a candidate</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="new-candidate">
        <IntentInput intent="create" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Name" field={fields.displayName} />
        <TextField
          label="Web address (optional)"
          field={fields.slug}
          hint="Made from the name when left empty, e.g. maria-flores."
        />
        <TextField label="Email (optional)" field={fields.email} type="email" />
        <TextField label="Campaign website (optional)" field={fields.website} type="url" />
        <TextareaField label="Bio" field={fields.bio} />
        <div>
          <button type="submit">Add candidate</button>
        </div>
      </Form>
    </section>
  );
}
