import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors, SelectField, TextareaField, TextField } from "~/components/field";
import { IntentButton, IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { STATUS_LABELS } from "~/components/track-record";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { endorsementStatusSchema, noFields } from "~/lib/track-record-forms";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import {
  changeEndorsementStatus,
  ENDORSEMENT_TRANSITIONS,
  getEndorsement,
  setEndorsementPublic,
} from "~/models/endorsements.server";

export const meta: MetaFunction = () => [{ title: "Endorsement | Champions PAC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const row = getEndorsement(idParam(params.id));
  if (!row) throw new Response("Endorsement not found", { status: 404 });
  return { ...row, next: ENDORSEMENT_TRANSITIONS[row.endorsement.status] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const back = () => redirect(`/admin/endorsements/${id}`);
  switch (intentOf(formData)) {
    case "status":
      return handleIntent(formData, endorsementStatusSchema, (v) => changeEndorsementStatus(id, v, staff.id), back);
    case "publish":
    case "unpublish":
      return handleIntent(
        formData,
        noFields,
        () => setEndorsementPublic(id, intentOf(formData) === "publish", staff.id),
        back,
      );
    default:
      return unknownIntent(intentOf(formData));
  }
}

export default function AdminEndorsement() {
  const timeZone = useTimeZone();
  const { endorsement, candidateName, candidateSlug, next } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const [form, fields] = useIntentForm("status", endorsementStatusSchema, {
    status: next[0],
    rationale: endorsement.rationale,
  });
  const publishErrors = useIntentErrors(["publish", "unpublish"]);
  return (
    <section aria-labelledby="endorsement-title">
      <h1 id="endorsement-title">
        {candidateName}, {endorsement.cycle}
      </h1>
      <p>
        <span className={`badge badge-${endorsement.status}`}>{STATUS_LABELS[endorsement.status]}</span>{" "}
        {endorsement.decidedAt ? (
          <span className="muted">decided {formatInstant(endorsement.decidedAt, timeZone)}</span>
        ) : null}{" "}
        {endorsement.rescindedAt ? (
          <span className="muted">rescinded {formatInstant(endorsement.rescindedAt, timeZone)}</span>
        ) : null}{" "}
        {endorsement.isPublic ? "Shown on public pages." : "Hidden from public pages."}
      </p>
      {endorsement.sourceUrl || endorsement.note ? (
        <p>
          {endorsement.note}{" "}
          {endorsement.sourceUrl ? (
            <a href={endorsement.sourceUrl} rel="noopener noreferrer">
              Source
            </a>
          ) : null}
        </p>
      ) : null}
      <p className="hint">
        Once its election is decided, an endorsement made before election day counts in the public win rate whatever its
        status or visibility; the endorsements page lists it if it is rescinded or hidden.
      </p>
      <p>
        <Link to={`/candidates/${candidateSlug}`}>Public page</Link> ·{" "}
        <Link to="/admin/endorsements">All endorsements</Link>
      </p>
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}
      {endorsement.rationale ? <blockquote>{endorsement.rationale}</blockquote> : null}

      <h2 id="status-title">Change status</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="status-title">
        <IntentInput intent="status" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <SelectField
          label="New status"
          field={fields.status}
          options={next.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <TextareaField
          label="Rationale"
          field={fields.rationale}
          hint="Required for endorsed, declined and rescinded; shown publicly."
        />
        {next.includes("endorsed") ? (
          <fieldset className="stack">
            <legend>Endorsed on an earlier day?</legend>
            <TextField
              label="Decision date"
              field={fields.decidedOn}
              type="date"
              hint="Leave empty when deciding now."
            />
            <TextField
              label="Source link"
              field={fields.sourceUrl}
              hint="Required for an earlier date: where it was announced."
            />
            <TextField
              label="Note"
              field={fields.note}
              hint="Required for an earlier date; shown publicly beside the date."
            />
          </fieldset>
        ) : null}
        <div>
          <button type="submit">Change status</button>
        </div>
      </Form>

      <h2>Visibility</h2>
      <FormErrors errors={publishErrors} />
      <IntentButton
        intent={endorsement.isPublic ? "unpublish" : "publish"}
        label={endorsement.isPublic ? "Hide from public pages" : "Show on public pages"}
        className="secondary"
      />
    </section>
  );
}
