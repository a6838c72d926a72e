import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { ExcessRemedy } from "#db/enums";
import { useReplyFor } from "~/components/intent-form";
import { formatCents, formatDay, formatInstant } from "~/lib/format";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { requireStaff } from "~/lib/session.server";
import { useTimeZone } from "~/lib/use-time-zone";
import {
  excessQueue,
  reattributeExcess,
  refundExcessByCheck,
  refundExcessByStripe,
  type QueueItem,
} from "~/models/excessive-contributions.server";
import { plansPausedAtLimit } from "~/models/plan-limit-pause.server";

export const meta: MetaFunction = () => [{ title: "Excessive contributions | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { ...excessQueue(), pausedPlans: plansPausedAtLimit() };
}

/**
 * Each excess has one form per remedy; the form's intent is `<remedy>-<excess id>`, so a reply
 * (and its errors) reaches only the form it answers.
 */
const intentFor = (kind: ExcessRemedy, id: number) => `${kind}-${id}`;

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`).optional().default("");
const base = { intent: z.string(), id: z.coerce.number().int().positive() };
const stripeRefundSchema = z.object(base);
const checkRefundSchema = z.object({ ...base, refundedOn: text(10), reference: text(200) });
const reattributionSchema = z.object({
  ...base,
  firstName: text(100),
  lastName: text(100),
  email: text(254),
  street: text(200),
  city: text(100),
  state: text(2),
  zip: text(10),
  signedStatementOnFile: z.literal("on").optional(),
});

const RESOLVED = "Resolved. It is listed below with who resolved it and when.";

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const intent = intentOf(formData);
  const done = () => Response.json({ intent, result: null, notice: RESOLVED } satisfies IntentReply);
  switch (intent.replace(/-\d+$/, "")) {
    case "stripe_refund":
      return handleIntent(formData, stripeRefundSchema, (v) => refundExcessByStripe(v.id, staff.id), done);
    case "check_refund":
      return handleIntent(
        formData,
        checkRefundSchema,
        (v) => refundExcessByCheck(v.id, { refundedOn: v.refundedOn, reference: v.reference || null }, staff.id),
        done,
      );
    case "reattribution":
      return handleIntent(
        formData,
        reattributionSchema,
        (v) =>
          reattributeExcess(
            v.id,
            {
              firstName: v.firstName,
              lastName: v.lastName,
              email: v.email || null,
              street: v.street,
              city: v.city,
              state: v.state.toUpperCase(),
              zip: v.zip,
              signedStatementOnFile: v.signedStatementOnFile === "on",
            },
            staff.id,
          ),
        done,
      );
    default:
      return unknownIntent(intent);
  }
}

const REMEDY_LABELS: Record<ExcessRemedy, string> = {
  stripe_refund: "Refunded by Stripe",
  check_refund: "Refunded by check",
  reattribution: "Reattributed",
};

function deadlineText(item: QueueItem): string {
  if (item.daysLeft < 0) return `Overdue by ${-item.daysLeft} ${-item.daysLeft === 1 ? "day" : "days"}`;
  if (item.daysLeft === 0) return "Due today";
  return `${item.daysLeft} ${item.daysLeft === 1 ? "day" : "days"} left`;
}

export default function ExcessiveContributions() {
  const { open, resolved, pausedPlans } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const reply = useActionData<IntentReply>();
  return (
    <section aria-labelledby="excess-title" className="stack-wide">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="excess-title">Excessive contributions</h1>
      <p className="lede">
        Gifts that took a donor past the limit for the period. Each must be cured before its deadline: refunded, or
        where the law allows, reattributed to another contributor.
      </p>
      {reply?.notice === RESOLVED ? <p role="status">{reply.notice}</p> : null}
      {reply?.notice && reply.notice !== RESOLVED ? (
        <p className="field-error" role="alert">
          {reply.notice}
        </p>
      ) : null}

      <h2>To resolve ({open.length})</h2>
      {open.length === 0 ? <p>No excessive contribution is waiting.</p> : null}
      {open.map((item) => (
        <OpenExcess key={item.id} item={item} />
      ))}

      <h2>Monthly gifts paused at the limit ({pausedPlans.length})</h2>
      {pausedPlans.length === 0 ? (
        <p>No monthly gift is paused.</p>
      ) : (
        <ul>
          {pausedPlans.map((p) => (
            <li key={p.id}>
              {p.donorName}: {formatCents(p.amountCents)} a month, paused {formatInstant(p.pausedAt, timeZone)} because
              the next charge would pass the limit; collection resumes on {formatDay(p.resumesOn)}.
            </li>
          ))}
        </ul>
      )}

      <h2>Resolved</h2>
      {resolved.length === 0 ? (
        <p>Nothing resolved yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Donor</th>
                <th scope="col" className="num">
                  Excess
                </th>
                <th scope="col">Remedy</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {resolved.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={`/admin/donations/${item.donationId}`}>{item.donorName}</Link>
                  </td>
                  <td className="num">{formatCents(item.excessCents)}</td>
                  <td>
                    {REMEDY_LABELS[item.resolved!.remedy]}
                    {item.resolved!.note ? <div className="hint">{item.resolved!.note}</div> : null}
                  </td>
                  <td>{item.resolved!.by}</td>
                  <td>{formatInstant(item.resolved!.at, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

function Input({
  prefix,
  name,
  label,
  errors,
  type = "text",
}: {
  prefix: string;
  name: string;
  label: string;
  errors: Record<string, string>;
  type?: string;
}) {
  const id = `${prefix}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={errors[name]} />
    </div>
  );
}

function Attest({ prefix, label, errors }: { prefix: string; label: string; errors: Record<string, string> }) {
  const id = `${prefix}-signedStatementOnFile`;
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name="signedStatementOnFile"
          aria-invalid={errors.signedStatementOnFile ? true : undefined}
          aria-describedby={errors.signedStatementOnFile ? `${id}-error` : undefined}
        />
        <span>{label}</span>
      </label>
      <FieldError id={`${id}-error`} message={errors.signedStatementOnFile} />
    </div>
  );
}

function OpenExcess({ item }: { item: QueueItem }) {
  const overdue = item.daysLeft < 0;
  const titleId = `excess-${item.id}-title`;
  return (
    <article className={`card stack${overdue ? " overdue" : ""}`} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {formatCents(item.excessCents)} over the limit: {item.donorName}
      </h3>
      <dl className="details">
        <dt>Gift</dt>
        <dd>
          <Link to={`/admin/donations/${item.donationId}`}>
            {formatCents(item.giftCents)} received {formatDay(item.receivedDay)}
          </Link>
        </dd>
        <dt>Period</dt>
        <dd>{item.periodLabel}</dd>
        <dt>Deadline</dt>
        <dd>
          {formatDay(item.deadlineDay)}:{" "}
          {overdue ? (
            <strong className="badge badge-failed">{deadlineText(item)}</strong>
          ) : (
            <span className="badge badge-pending">{deadlineText(item)}</span>
          )}
          <div className="hint">{item.deadlineSource}</div>
        </dd>
      </dl>
      {item.remedies.map(({ kind, rule }) => {
        if (kind === "stripe_refund" && item.method !== "card") return null;
        if (kind === "check_refund" && item.method === "card") return null;
        return <RemedyForm key={kind} item={item} kind={kind} rule={rule} />;
      })}
    </article>
  );
}

/** One remedy's form for one excess; the reply to it puts each message next to its field. */
function RemedyForm({ item, kind, rule }: { item: QueueItem; kind: ExcessRemedy; rule: string }) {
  const busy = useNavigation().state === "submitting";
  const intent = intentFor(kind, item.id);
  const result = useReplyFor(intent);
  const e: Record<string, string> = Object.fromEntries(
    Object.entries(result?.error ?? {}).flatMap(([name, messages]) => (messages?.length ? [[name, messages[0]]] : [])),
  );
  const prefix = intent;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={item.id} />
      {e[""] ? (
        <p className="field-error" role="alert">
          {e[""]}
        </p>
      ) : null}
      {kind === "stripe_refund" ? (
        <p className="hint">
          Refunds {formatCents(item.excessCents)} to the donor&apos;s card ({rule}).
        </p>
      ) : null}
      {kind === "check_refund" ? (
        <>
          <p className="hint">
            Record the PAC check that returned {formatCents(item.excessCents)} ({rule}).
          </p>
          <Input prefix={prefix} name="refundedOn" label="Day the check went out" type="date" errors={e} />
          <Input prefix={prefix} name="reference" label="Reference (e.g. PAC check 1042)" errors={e} />
        </>
      ) : null}
      {kind === "reattribution" ? (
        <fieldset className="stack">
          <legend>Reattribute to another contributor, e.g. a spouse ({rule})</legend>
          <Input prefix={prefix} name="firstName" label="First name" errors={e} />
          <Input prefix={prefix} name="lastName" label="Last name" errors={e} />
          <Input prefix={prefix} name="email" label="Email (optional)" type="email" errors={e} />
          <Input prefix={prefix} name="street" label="Street address" errors={e} />
          <Input prefix={prefix} name="city" label="City" errors={e} />
          <Input prefix={prefix} name="state" label="State" errors={e} />
          <Input prefix={prefix} name="zip" label="ZIP code" errors={e} />
          <Attest prefix={prefix} label="A written reattribution signed by both contributors is on file" errors={e} />
        </fieldset>
      ) : null}
      <div>
        <button type="submit" disabled={busy} className={kind.endsWith("refund") ? "danger" : undefined}>
          {kind === "stripe_refund"
            ? `Refund ${formatCents(item.excessCents)} by Stripe`
            : kind === "check_refund"
              ? `Record ${formatCents(item.excessCents)} refunded by check`
              : "Reattribute the excess"}
        </button>
      </div>
    </Form>
  );
}
