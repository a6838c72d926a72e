import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { FormErrors, TextField } from "~/components/field";
import { CONTRIBUTOR_TYPE_LABELS, DonationStatusBadge, KIND_LABELS, METHOD_LABELS } from "~/components/donation-status";
import { dollarsToCents } from "~/lib/donation-form";
import { formatCents, formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { IntentInput, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { requestRefund } from "~/models/donation-refunds.server";
import { recordOfflineRefund } from "~/models/offline-refunds.server";
import { getDonationDetail } from "~/models/donations.server";
import { donationIdentity } from "~/models/donor-match-reviews.server";
import { getSettings } from "~/models/settings.server";

export const meta: MetaFunction = () => [{ title: "Donation | Champions PAC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const detail = getDonationDetail(idParam(params.id));
  if (!detail) throw new Response("No such donation.", { status: 404 });
  // A fresh key each time the page is shown: one refund per action, however often it is posted.
  const accountLabel = getSettings().accountLabels[detail.donation.account];
  return { ...detail, accountLabel, identity: donationIdentity(detail.donation.id), refundKey: crypto.randomUUID() };
}

const dollars = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .refine((v) => dollarsToCents(v) != null, "Enter the amount in dollars, e.g. 12.50.");

const refundSchema = z.object({
  intent: z.literal("refund"),
  amount: dollars("").optional(),
  refundKey: z.string(),
});

const offlineRefundSchema = z.object({
  intent: z.literal("offline_refund"),
  amount: dollars("Enter the amount given back."),
  refundedOn: z.string({ required_error: "Enter the day the money went back." }).trim(),
  reference: z.string().trim().max(200, "Keep the reference under 200 characters.").optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const donationId = idParam(params.id);
  const formData = await request.formData();
  const intent = intentOf(formData);
  // The form empties once the refund is taken, so a second one is typed afresh.
  const done =
    (notice: string) =>
    (_: unknown, submission: { reply: (options: { resetForm: true }) => SubmissionResult<string[]> }) =>
      Response.json({ intent, result: submission.reply({ resetForm: true }), notice } satisfies IntentReply);
  switch (intent) {
    // A card gift goes back through Stripe; the books change when its webhook arrives.
    case "refund":
      return handleIntent(
        formData,
        refundSchema,
        (v) => requestRefund(donationId, v.amount ? dollarsToCents(v.amount) : null, staff.id, v.refundKey),
        done("Refund requested. It will show here once Stripe confirms it."),
      );
    // A check, cash or in-kind gift given back: recorded in the ledger, dated the day it went back.
    case "offline_refund":
      return handleIntent(
        formData,
        offlineRefundSchema,
        (v) =>
          recordOfflineRefund(
            {
              donationId,
              amountCents: dollarsToCents(v.amount)!,
              refundedOn: v.refundedOn,
              reference: v.reference || null,
            },
            staff.id,
          ),
        done("Refund recorded."),
      );
    default:
      return unknownIntent(intent);
  }
}

export default function DonationDetail() {
  const timeZone = useTimeZone();
  const { donation: d, plan, identity, refundKey, accountLabel } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const [refundForm, refundFields] = useIntentForm("refund", refundSchema);
  const [offlineForm, offlineFields] = useIntentForm("offline_refund", offlineRefundSchema);
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
        <dt>Account</dt>
        <dd>{accountLabel}</dd>
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
        <dt>Contact</dt>
        <dd>
          <Link to={`/admin/contacts/${d.contactId}`}>Contact #{d.contactId}</Link>
          {identity.review ? (
            <>
              {" · "}
              <Link to={`/admin/donations/matches/${identity.review.id}`}>
                {identity.review.status === "open"
                  ? "may be another donor: waiting for review"
                  : identity.review.status === "same_person"
                    ? "match confirmed by staff"
                    : "a different person, staff decided"}
              </Link>
            </>
          ) : null}
        </dd>
        {identity.jointShares.length ? (
          <>
            <dt>Joint check</dt>
            <dd>
              {identity.jointShares.map((s) => (
                <Link key={s.id} to={`/admin/donations/${s.id}`}>
                  {formatCents(s.amountCents)} from {[s.firstName, s.lastName].filter(Boolean).join(" ")}
                </Link>
              ))}{" "}
              (11 CFR 110.1(k)(1))
            </dd>
          </>
        ) : null}
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
        <Form method="post" className="stack card" {...getFormProps(refundForm)}>
          <h2>Refund</h2>
          <p className="hint" id="refund-hint">
            Leave the amount empty to refund the remaining {formatCents(refundable)}. The status changes when Stripe
            confirms the refund.
          </p>
          <IntentInput intent="refund" />
          <input type="hidden" name="refundKey" value={refundKey} />
          <FormErrors errors={refundForm.errors} id={refundForm.errorId} />
          <TextField label="Amount to refund (US dollars)" field={refundFields.amount} />
          {notice?.startsWith("Refund requested") ? <p role="status">{notice}</p> : null}
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
          <IntentInput intent="offline_refund" />
          <FormErrors errors={offlineForm.errors} id={offlineForm.errorId} />
          <TextField label="Amount given back (US dollars)" field={offlineFields.amount} />
          <TextField label="Day it went back" field={offlineFields.refundedOn} type="date" />
          <TextField label="Reference (optional)" field={offlineFields.reference} hint="For example, PAC check 1042." />
          {notice === "Refund recorded." ? <p role="status">{notice}</p> : null}
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
