import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { TERM_ROLES } from "#db/enums";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { IntentButton, IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { endTermSchema, termIdSchema, termSchema } from "~/lib/track-record-forms";
import { formatDay } from "~/lib/format";
import { createTerm, deleteTerm, endTerm, getTermsAdminPage } from "~/models/terms.server";

export const meta: MetaFunction = () => [{ title: "Terms | Champions PAC" }];

const ROLE_OPTIONS = TERM_ROLES.map((r) => ({ value: r, label: r.replace("_", " ") }));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return getTermsAdminPage();
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const back = () => redirect("/admin/terms");
  switch (intentOf(formData)) {
    case "create":
      return handleIntent(formData, termSchema, (v) => createTerm(v, staff.id), back);
    case "end":
      return handleIntent(formData, endTermSchema, (v) => endTerm(v.termId, v.endDate ?? null, staff.id), back);
    case "delete":
      return handleIntent(formData, termIdSchema, (v) => deleteTerm(v.termId, staff.id), back);
    default:
      return unknownIntent(intentOf(formData));
  }
}

export default function AdminTerms() {
  const { terms, candidates, seats } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const [form, fields] = useIntentForm("create", termSchema, { role: "member" });
  const rowErrors = useIntentErrors(["end", "delete"]);
  return (
    <section aria-labelledby="terms-title">
      <h1 id="terms-title">Terms</h1>
      <p className="hint">A won candidacy becomes a term from its contest's results page; add other terms here.</p>
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}
      <FormErrors errors={rowErrors} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Seat</th>
              <th scope="col">From</th>
              <th scope="col">Last day</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.candidateName}
                  {t.role !== "member" ? ` (${t.role.replace("_", " ")})` : ""}
                </td>
                <td>
                  {t.bodyName}, {t.seatName}
                </td>
                <td>{formatDay(t.startDate)}</td>
                <td>
                  <Form method="post" className="actions">
                    <IntentInput intent="end" />
                    <input type="hidden" name="termId" value={t.id} />
                    <label className="visually-hidden" htmlFor={`end-${t.id}`}>
                      Last day of {t.candidateName}'s term
                    </label>
                    <input
                      id={`end-${t.id}`}
                      name="endDate"
                      type="date"
                      defaultValue={t.endDate ?? ""}
                      style={{ width: "auto" }}
                    />
                    <button type="submit" className="secondary">
                      Save
                    </button>
                  </Form>
                </td>
                <td>
                  <IntentButton intent="delete" label="Delete" fields={{ termId: t.id }} className="danger" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="new-term">Add a term by hand</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="new-term">
        <IntentInput intent="create" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <SelectField
          label="Member"
          field={fields.candidateId}
          options={[
            { value: "", label: "Choose a candidate" },
            ...candidates.map((c) => ({ value: String(c.id), label: c.displayName })),
          ]}
        />
        <SelectField
          label="Seat"
          field={fields.seatId}
          options={[
            { value: "", label: "Choose a seat" },
            ...seats.map((s) => ({ value: String(s.id), label: s.label })),
          ]}
        />
        <TextField label="First day in office" field={fields.startDate} type="date" />
        <TextField
          label="Last day in office (optional)"
          field={fields.endDate}
          type="date"
          hint="Inclusive; leave empty while serving."
        />
        <SelectField label="Role" field={fields.role} options={ROLE_OPTIONS} />
        <div>
          <button type="submit">Add term</button>
        </div>
      </Form>
    </section>
  );
}
