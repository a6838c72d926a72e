import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { ExcessRemedy } from "#db/enums";
import { formatCents, formatDay, formatInstant } from "~/lib/format";
import { requireStaff } from "~/lib/session.server";
import { useTimeZone } from "~/lib/use-time-zone";
import {
  excessQueue,
  reattributeExcess,
  redesignateExcess,
  refundExcessByCheck,
  refundExcessByStripe,
  type QueueItem,
  type RemedyResult,
} from "~/models/excessive-contributions.server";
import { plansPausedAtLimit } from "~/models/plan-limit-pause.server";

export const meta: MetaFunction = () => [{ title: "Excessive contributions | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { ...excessQueue(), pausedPlans: plansPausedAtLimit() };
}

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`).optional().default("");
const base = { id: z.coerce.number().int().positive() };
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("stripe_refund"), ...base }),
  z.object({
    intent: z.literal("check_refund"),
    ...base,
    refundedOn: text(10),
    reference: text(200),
  }),
  z.object({
    intent: z.literal("reattribution"),
    ...base,
    firstName: text(100),
    lastName: text(100),
    email: text(254),
    street: text(200),
    city: text(100),
    state: text(2),
    zip: text(10),
    signedStatementOnFile: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("redesignation"), ...base, signedStatementOnFile: z.literal("on").optional() }),
]);

type ActionData = { id: number | null; intent: string | null; errors: Record<string, string>; done?: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    const id = Number(form.id) || null;
    return Response.json({ id, intent: String(form.intent ?? ""), errors } satisfies ActionData, { status: 400 });
  }
  const v = parsed.data;
  let result: RemedyResult;
  switch (v.intent) {
    case "stripe_refund":
      result = await refundExcessByStripe(v.id, staff.id);
      break;
    case "check_refund":
      result = refundExcessByCheck(v.id, { refundedOn: v.refundedOn, reference: v.reference || null }, staff.id);
      break;
    case "reattribution":
      result = reattributeExcess(
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
      );
      break;
    case "redesignation":
      result = redesignateExcess(v.id, { signedStatementOnFile: v.signedStatementOnFile === "on" }, staff.id);
      break;
  }
  if (!result.ok)
    return Response.json({ id: v.id, intent: v.intent, errors: result.errors } satisfies ActionData, { status: 400 });
  return Response.json({ id: v.id, intent: v.intent, errors: {}, done: true } satisfies ActionData);
}

const REMEDY_LABELS: Record<ExcessRemedy, string> = {
  stripe_refund: "Refunded by Stripe",
  check_refund: "Refunded by check",
  reattribution: "Reattributed",
  redesignation: "Redesignated",
};

function deadlineText(item: QueueItem): string {
  if (item.daysLeft < 0) return `Overdue by ${-item.daysLeft} ${-item.daysLeft === 1 ? "day" : "days"}`;
  if (item.daysLeft === 0) return "Due today";
  return `${item.daysLeft} ${item.daysLeft === 1 ? "day" : "days"} left`;
}

export default function ExcessiveContributions() {
  const { open, resolved, pausedPlans } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <section aria-labelledby="excess-title" className="stack-wide">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="excess-title">Excessive contributions</h1>
      <p className="lede">
        Gifts that took a donor past the limit for the period. Each must be cured before its deadline: refunded, or
        where the law allows, reattributed to another contributor or redesignated to another election.
      </p>
      {data?.done ? <p role="status">Resolved. It is listed below with who resolved it and when.</p> : null}
      {data && !data.id && data.errors.form ? (
        <p className="field-error" role="alert">
          {data.errors.form}
        </p>
      ) : null}

      <h2>To resolve ({open.length})</h2>
      {open.length === 0 ? <p>No excessive contribution is waiting.</p> : null}
      {open.map((item) => (
        <OpenExcess key={item.id} item={item} errors={data?.id === item.id ? data.errors : {}} intent={data?.intent} />
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

function OpenExcess({
  item,
  errors,
  intent,
}: {
  item: QueueItem;
  errors: Record<string, string>;
  intent: string | null | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const overdue = item.daysLeft < 0;
  const titleId = `excess-${item.id}-title`;
  const errorsFor = (kind: ExcessRemedy) => (intent === kind ? errors : {});
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
      {intent && errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {item.remedies.map(({ kind, rule }) => {
        const prefix = `${kind}-${item.id}`;
        const e = errorsFor(kind);
        if (kind === "stripe_refund" && item.method !== "card") return null;
        if (kind === "check_refund" && item.method === "card") return null;
        return (
          <Form key={kind} method="post" className="stack">
            <input type="hidden" name="intent" value={kind} />
            <input type="hidden" name="id" value={item.id} />
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
                <Attest
                  prefix={prefix}
                  label="A written reattribution signed by both contributors is on file"
                  errors={e}
                />
              </fieldset>
            ) : null}
            {kind === "redesignation" ? (
              <fieldset className="stack">
                <legend>
                  Redesignate to the {item.nextPeriod.label} ({rule})
                </legend>
                <Attest prefix={prefix} label="The contributor's signed redesignation is on file" errors={e} />
              </fieldset>
            ) : null}
            <div>
              <button type="submit" disabled={busy} className={kind.endsWith("refund") ? "danger" : undefined}>
                {kind === "stripe_refund"
                  ? `Refund ${formatCents(item.excessCents)} by Stripe`
                  : kind === "check_refund"
                    ? `Record ${formatCents(item.excessCents)} refunded by check`
                    : kind === "reattribution"
                      ? "Reattribute the excess"
                      : "Redesignate the excess"}
              </button>
            </div>
          </Form>
        );
      })}
    </article>
  );
}
