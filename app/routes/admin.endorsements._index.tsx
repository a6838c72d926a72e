import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { CheckboxField, FormErrors, SelectField, TextareaField, TextField } from "~/components/field";
import { IntentInput, useIntentForm } from "~/components/intent-form";
import { STATUS_LABELS } from "~/components/track-record";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { newEndorsementSchema } from "~/lib/track-record-forms";
import { dayInZone } from "~/lib/time-zone";
import { useTimeZone } from "~/lib/use-time-zone";
import { createEndorsement, getEndorsementFormChoices, listEndorsementsForAdmin } from "~/models/endorsements.server";

export const meta: MetaFunction = () => [{ title: "Endorsements | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { endorsements: listEndorsementsForAdmin(), choices: getEndorsementFormChoices() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  if (intentOf(formData) !== "create") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    newEndorsementSchema,
    (v) => createEndorsement(v, staff.id),
    (e) => redirect(`/admin/endorsements/${e.id}`),
  );
}

export default function AdminEndorsements() {
  const { endorsements, choices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const timeZone = useTimeZone();
  const [form, fields] = useIntentForm("create", newEndorsementSchema, {
    candidateId: params.get("candidateId") ?? "",
    contestId: params.get("contestId") ?? "",
    cycle: dayInZone(new Date(), timeZone).slice(0, 4),
    status: "considering",
    isPublic: "on",
  });
  return (
    <section aria-labelledby="endorsements-title">
      <h1 id="endorsements-title">Endorsements</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Candidate</th>
              <th scope="col">Contest</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {endorsements.map((e) => (
              <tr key={e.id}>
                <td>{e.cycle}</td>
                <td>
                  <Link to={`/admin/endorsements/${e.id}`}>{e.candidateName}</Link>
                </td>
                <td>{e.electionName ? `${e.electionName}: ${e.bodyName}, ${e.seatName}` : "—"}</td>
                <td>
                  <span className={`badge badge-${e.status}`}>{STATUS_LABELS[e.status]}</span>
                  {e.isPublic ? null : <span className="muted"> (hidden)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="new-endorsement">Record an endorsement decision</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="new-endorsement">
        <IntentInput intent="create" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <SelectField
          label="Candidate"
          field={fields.candidateId}
          options={[
            { value: "", label: "Choose a candidate" },
            ...choices.candidates.map((c) => ({ value: String(c.id), label: c.displayName })),
          ]}
        />
        <SelectField
          label="Contest (optional)"
          field={fields.contestId}
          options={[
            { value: "", label: "No contest yet" },
            ...choices.contests.map((c) => ({ value: String(c.id), label: c.label })),
          ]}
        />
        <TextField
          label="Cycle"
          field={fields.cycle}
          hint="Groups the slate on the public endorsements page, e.g. 2026."
        />
        <SelectField
          label="Status"
          field={fields.status}
          options={[
            { value: "considering", label: "Considering" },
            { value: "endorsed", label: "Endorsed" },
          ]}
        />
        <TextareaField
          label="Rationale"
          field={fields.rationale}
          hint="Required for a decision; shown on the candidate's public page."
        />
        <fieldset className="stack">
          <legend>Decided on an earlier day?</legend>
          <TextField
            label="Decision date"
            field={fields.decidedOn}
            type="date"
            hint="Leave empty when deciding now. An endorsement counts in the win rate only if decided before election day."
          />
          <TextField
            label="Source link"
            field={fields.sourceUrl}
            hint="Required for an earlier date: where the endorsement was announced."
          />
          <TextField
            label="Note"
            field={fields.note}
            hint="Required for an earlier date; shown publicly beside the date."
          />
        </fieldset>
        <CheckboxField label="Show on public pages" field={fields.isPublic} />
        <div>
          <button type="submit">Save endorsement</button>
        </div>
      </Form>
    </section>
  );
}
