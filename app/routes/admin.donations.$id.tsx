import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { FormErrors, TextField } from "~/components/field";
import { CONTRIBUTOR_TYPE_LABELS, DonationStatusBadge, KIND_LABELS, METHOD_LABELS } from "~/components/donation-status";
import { dollarsToCents } from "~/lib/donation-form";
import { formatCents, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireStaff } from "~/lib/session.server";
import { requestRefund } from "~/models/donation-refunds.server";
import { recordOfflineRefund } from "~/models/offline-refunds.server";
import { getDonationDetail } from "~/models/donations.server";

export const meta: MetaFunction = () => [{ title: "Donation | Champions PAC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const detail = getDonationDetail(Number(params.id));
  if (!detail) throw new Response("No such donation.", { status: 404 });
  // A fresh key each time the page is shown: one refund per action, however often it is posted.
  return { ...detail, refundKey: crypto.randomUUID() };
}

const refundSchema = z.object({
  intent: z.literal("refund"),
  amount: z.string().trim().optional(),
  refundKey: z.string(),
});

const offlineRefundSchema = z.object({
  intent: z.literal("offline_refund"),
  amount: z.string({ required_error: "Enter the amount given back." }).trim(),
  refundedOn: z.string({ required_error: "Enter the day the money went back." }).trim(),
  reference: z.string().trim().max(200, "Keep the reference under 200 characters.").optional(),
});

type ActionResult = { ok: boolean; error: string | null };

/** A check, cash or in-kind gift given back: recorded in the ledger, dated the day it went back. */
async function offlineRefund(form: FormData, donationId: number, staffUserId: number) {
  const submission = parseWithZod(form, { schema: offlineRefundSchema });
  if (submission.status !== "success") return Response.json({ offlineRefund: submission.reply() }, { status: 400 });
  const amountCents = dollarsToCents(submission.value.amount);
  if (amountCents == null) {
    return Response.json(
      { offlineRefund: submission.reply({ fieldErrors: { amount: ["Enter the amount in dollars, e.g. 12.50."] } }) },
      { status: 400 },
    );
  }
  const result = recordOfflineRefund(
    { donationId, amountCents, refundedOn: submission.value.refundedOn, reference: submission.value.reference || null },
    staffUserId,
  );
  if (!result.ok) {
    const { form: formError, ...fieldErrors } = result.errors;
    return Response.json(
      {
        offlineRefund: submission.reply({
          formErrors: formError ? [formError] : undefined,
          fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, [v]])),
        }),
      },
      { status: 400 },
    );
  }
  return Response.json({ offlineRefund: submission.reply({ resetForm: true }), recorded: true });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await request.formData();
  if (form.get("intent") === "offline_refund") return offlineRefund(form, Number(params.id), staff.id);
  const parsed = refundSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ error: "Unknown request.", ok: false }, { status: 400 });
  const amountCents = parsed.data.amount ? dollarsToCents(parsed.data.amount) : null;
  if (parsed.data.amount && amountCents == null)
    return Response.json({ error: "Enter the amount in dollars, e.g. 12.50.", ok: false }, { status: 400 });
  const result = await requestRefund(Number(params.id), amountCents, staff.id, parsed.data.refundKey);
  if (!result.ok) return Response.json({ error: result.error, ok: false }, { status: 400 });
  return Response.json({ ok: true, error: null });
}

export default function DonationDetail() {
  const timeZone = useTimeZone();
  const { donation: d, plan, refundKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as
    (ActionResult & { offlineRefund?: SubmissionResult; recorded?: boolean }) | undefined;
  const result = data && "ok" in data ? data : undefined;
  const [offlineForm, offlineFields] = useForm({
    id: "offline-refund",
    lastResult: data?.offlineRefund,
    constraint: getZodConstraint(offlineRefundSchema),
  });
  const busy = useNavigation().state === "submitting";
  const refundable = d.amountCents - d.refundedCents;
  const received = ["succeeded", "partially_refunded", "disputed"].includes(d.status) && refundable > 0;
  const canRefund = d.method === "card" && received;
  const canRecordRefund = d.method !== "card" && received;
  return (
    <section aria-labelledby="donation-title" className="stack">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="donation-title">
        {formatCents(d.amountCents, d.currency)} from {[d.donorFirstName, d.donorLastName].filter(Boolean).join(" ")}
      </h1>
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <DonationStatusBadge status={d.status} />
        </dd>
        <dt>Received</dt>
        <dd>{formatInstant(d.receivedAt, timeZone)}</dd>
        <dt>From</dt>
        <dd>{CONTRIBUTOR_TYPE_LABELS[d.contributorType]}</dd>
        <dt>Kind and method</dt>
        <dd>
          {KIND_LABELS[d.kind]}, {METHOD_LABELS[d.method]}
          {d.checkNumber ? `, check ${d.checkNumber}` : ""}
        </dd>
        {d.inKindDescription ? (
          <>
            <dt>In-kind gift</dt>
            <dd>{d.inKindDescription}</dd>
          </>
        ) : null}
        <dt>Refcode</dt>
        <dd>{d.refcode ?? "—"}</dd>
        <dt>Refunded</dt>
        <dd>{formatCents(d.refundedCents)}</dd>
        {d.disputedCents > 0 ? (
          <>
            <dt>Held by a dispute</dt>
            <dd>{formatCents(d.disputedCents)}</dd>
          </>
        ) : null}
        <dt>Stripe fee</dt>
        <dd>{d.feeCents == null ? "—" : formatCents(d.feeCents)}</dd>
        <dt>Period</dt>
        <dd>{d.aggregationPeriod ?? "—"}</dd>
        <dt>Donor</dt>
        <dd>
          {d.isAnonymous ? (
            "Anonymous"
          ) : (
            <>
              {d.donorEmail ?? "no email"}
              <br />
              {[d.donorStreet, d.donorCity, d.donorState, d.donorZip].filter(Boolean).join(", ") || "no address"}
              <br />
              {d.donorEmployer ?? "employer not given"} · {d.donorOccupation ?? "occupation not given"}
            </>
          )}
        </dd>
        {plan ? (
          <>
            <dt>Monthly plan</dt>
            <dd>
              {formatCents(plan.amountCents)} a month,{" "}
              <span className={`badge badge-${plan.status}`}>{plan.status}</span>
            </dd>
          </>
        ) : null}
      </dl>
      {canRefund ? (
        <Form method="post" className="stack card">
          <h2>Refund</h2>
          <p className="hint" id="refund-hint">
            Leave the amount empty to refund the remaining {formatCents(refundable)}. The status changes when Stripe
            confirms the refund.
          </p>
          <input type="hidden" name="intent" value="refund" />
          <input type="hidden" name="refundKey" value={refundKey} />
          <div className="field">
            <label htmlFor="refund-amount">Amount to refund (US dollars)</label>
            <input id="refund-amount" name="amount" inputMode="decimal" aria-describedby="refund-hint" />
          </div>
          {result?.error ? (
            <p className="field-error" role="alert">
              {result.error}
            </p>
          ) : null}
          {result?.ok ? <p role="status">Refund requested. It will show here once Stripe confirms it.</p> : null}
          <div>
            <button type="submit" className="danger" disabled={busy}>
              Refund
            </button>
          </div>
        </Form>
      ) : null}
      {canRecordRefund ? (
        <Form method="post" className="stack card" {...getFormProps(offlineForm)}>
          <h2>Record a refund</h2>
          <p className="hint">
            When the PAC gives back all or part of this gift (up to {formatCents(refundable)}), record it here on the
            day the money went back. It is reported in that day's period.
          </p>
          <input type="hidden" name="intent" value="offline_refund" />
          <FormErrors errors={offlineForm.errors} id={offlineForm.errorId} />
          <TextField label="Amount given back (US dollars)" field={offlineFields.amount} />
          <TextField label="Day it went back" field={offlineFields.refundedOn} type="date" />
          <TextField label="Reference (optional)" field={offlineFields.reference} hint="For example, PAC check 1042." />
          {data?.recorded ? <p role="status">Refund recorded.</p> : null}
          <div>
            <button type="submit" className="danger" disabled={busy}>
              Record refund
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
