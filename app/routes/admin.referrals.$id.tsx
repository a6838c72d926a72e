import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { REFERRAL_STATUSES } from "#db/enums";
import { requireStaff } from "~/lib/session.server";
import { REFERRAL_STATUS_LABELS } from "~/lib/outreach-options";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { FormErrors } from "~/components/field";
import {
  createCandidateFromReferral,
  getReferral,
  needsOptIn,
  recordReferralOptIn,
  setReferralStatus,
} from "~/models/referrals.server";

export const meta: MetaFunction = () => [{ title: "Referral | Champions PAC" }];

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("status"),
    status: z.enum(REFERRAL_STATUSES, { errorMap: () => ({ message: "Choose a stage." }) }),
  }),
  z.object({ intent: z.literal("create-candidate") }),
  z.object({ intent: z.literal("record-opt-in") }),
]);

function referralId(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = getReferral(referralId(params));
  if (!found) throw new Response("That referral does not exist.", { status: 404 });
  return { ...found, waitingForOptIn: needsOptIn(found.referral) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = referralId(params);
  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success")
    return Response.json({ errors: ["That request was not understood."] }, { status: 400 });
  const value = submission.value;
  if (value.intent === "status") {
    const result = setReferralStatus(id, value.status, staff.id);
    if (!result.ok) return Response.json({ errors: [result.error] }, { status: 400 });
  } else if (value.intent === "create-candidate") {
    const result = createCandidateFromReferral(id, staff.id);
    if (!result.ok) return Response.json({ errors: [result.error] }, { status: 400 });
  } else if (!recordReferralOptIn(id, staff.id)) {
    return Response.json({ errors: ["That referral does not exist."] }, { status: 404 });
  }
  return redirect(`/admin/referrals/${id}`);
}

export default function ReferralPage() {
  const timeZone = useTimeZone();
  const { referral, referrer, candidate, waitingForOptIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const referrerName = [referrer.firstName, referrer.lastName].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="referral-title" className="stack">
      <p>
        <Link to="/admin/referrals">← All referrals</Link>
      </p>
      <h1 id="referral-title">{referral.suggestedName}</h1>
      <FormErrors errors={result?.errors} />
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
            <input type="hidden" name="intent" value="record-opt-in" />
            <button type="submit" className="secondary">
              They agreed another way (record opt-in)
            </button>
          </Form>
        </div>
      ) : null}

      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="status" />
        <label htmlFor="referral-status">Move to stage</label>
        <select id="referral-status" name="status" defaultValue={referral.status}>
          {REFERRAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {REFERRAL_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
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
          <input type="hidden" name="intent" value="create-candidate" />
          <p>Creates a contact and a candidate record from this suggestion, and links them here.</p>
          <div>
            <button type="submit">Create candidate</button>
          </div>
        </Form>
      )}
    </section>
  );
}
