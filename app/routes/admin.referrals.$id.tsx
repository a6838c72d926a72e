import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { z } from "zod";
import { REFERRAL_STATUSES } from "#db/enums";
import { requireStaff } from "~/lib/session.server";
import { REFERRAL_STATUS_LABELS } from "~/lib/outreach-options";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { FormErrors, SelectField } from "~/components/field";
import { IntentInput, useIntentErrors, useIntentForm } from "~/components/intent-form";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { RuleViolation } from "~/models/rule-violation.server";
import {
  createCandidateFromReferral,
  getReferral,
  needsOptIn,
  recordReferralOptIn,
  setReferralStatus,
} from "~/models/referrals.server";

export const meta: MetaFunction = () => [{ title: "Referral | Champions PAC" }];

const statusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(REFERRAL_STATUSES, { errorMap: () => ({ message: "Choose a stage." }) }),
});
const buttonSchema = z.object({ intent: z.string() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = getReferral(idParam(params.id));
  if (!found) throw new Response("That referral does not exist.", { status: 404 });
  return { ...found, waitingForOptIn: needsOptIn(found.referral) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const intent = intentOf(formData);
  const reload = () => redirect(`/admin/referrals/${id}`);
  switch (intent) {
    case "status":
      return handleIntent(formData, statusSchema, (v) => setReferralStatus(id, v.status, staff.id), reload);
    case "create-candidate":
      return handleIntent(formData, buttonSchema, () => createCandidateFromReferral(id, staff.id), reload);
    case "record-opt-in":
      return handleIntent(
        formData,
        buttonSchema,
        () => {
          if (!recordReferralOptIn(id, staff.id)) throw new RuleViolation("That referral no longer exists.");
        },
        reload,
      );
    default:
      return unknownIntent(intent);
  }
}

export default function ReferralPage() {
  const timeZone = useTimeZone();
  const { referral, referrer, candidate, waitingForOptIn } = useLoaderData<typeof loader>();
  const [statusForm, statusFields] = useIntentForm("status", statusSchema, { status: referral.status });
  const buttonErrors = useIntentErrors(["create-candidate", "record-opt-in"]);
  const referrerName = [referrer.firstName, referrer.lastName].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="referral-title" className="stack">
      <p>
        <Link to="/admin/referrals">← All referrals</Link>
      </p>
      <h1 id="referral-title">{referral.suggestedName}</h1>
      <FormErrors errors={buttonErrors} />
      <dl className="details">
        <dt>Stage</dt>
        <dd>
          <span className={`badge badge-${referral.status}`}>{REFERRAL_STATUS_LABELS[referral.status]}</span>
        </dd>
        <dt>Office or board</dt>
        <dd>{referral.office || "—"}</dd>
        <dt>Their email</dt>
        <dd>{referral.suggestedEmail ?? "—"}</dd>
        <dt>Their phone</dt>
        <dd>{referral.suggestedPhone ?? "—"}</dd>
        <dt>Opted in</dt>
        <dd>
          {referral.suggestedOptedInAt
            ? formatInstant(referral.suggestedOptedInAt, timeZone)
            : referral.suggestedEmail
              ? "Not yet (invitation sent)"
              : "No email given; no invitation sent"}
        </dd>
        <dt>Knows who suggested them</dt>
        <dd>{referral.suggestedKnows ? "Yes" : "No"}</dd>
        <dt>Suggested by</dt>
        <dd>
          <Link to={`/admin/contacts/${referrer.id}`}>{referrerName}</Link> ({referrer.email ?? "no email"}),{" "}
          {formatInstant(referral.createdAt, timeZone)}
        </dd>
      </dl>
      <h2>Why they would be a good elected leader</h2>
      <p className="prewrap">{referral.reason || "—"}</p>

      {waitingForOptIn ? (
        <div className="notice stack">
          <p>They have not agreed to be contacted yet. Staff reach out only after they opt in from the invitation.</p>
          <Form method="post">
            <IntentInput intent="record-opt-in" />
            <button type="submit" className="secondary">
              They agreed another way (record opt-in)
            </button>
          </Form>
        </div>
      ) : null}

      <Form method="post" className="actions" {...getFormProps(statusForm)}>
        <IntentInput intent="status" />
        <FormErrors errors={statusForm.errors} id={statusForm.errorId} />
        <SelectField
          label="Move to stage"
          field={statusFields.status}
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: REFERRAL_STATUS_LABELS[s] }))}
        />
        <button type="submit">Save stage</button>
      </Form>

      <h2>Candidate record</h2>
      {candidate ? (
        <p>
          Linked to candidate <Link to={`/admin/candidates/${candidate.id}`}>{candidate.displayName}</Link> (
          <Link to={`/admin/contacts/${candidate.contactId}`}>contact record</Link>).
        </p>
      ) : (
        <Form method="post" className="stack">
          <IntentInput intent="create-candidate" />
          <p>Creates a contact and a candidate record from this suggestion, and links them here.</p>
          <div>
            <button type="submit">Create candidate</button>
          </div>
        </Form>
      )}
    </section>
  );
}
