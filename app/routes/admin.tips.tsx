import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { TIP_STATUSES } from "#db/enums";
import { requireStaff } from "~/lib/session.server";
import { TIP_STATUS_LABELS } from "~/lib/outreach-options";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { FormErrors } from "~/components/field";
import { useIntentErrors } from "~/components/intent-form";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { listTips, setTipStatus } from "~/models/tips.server";

export const meta: MetaFunction = () => [{ title: "Tips | Champions PAC" }];

const actionSchema = z.object({
  intent: z.literal("status"),
  id: z.coerce.number().int().positive(),
  status: z.enum(TIP_STATUSES),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const status = z
    .enum(TIP_STATUSES)
    .optional()
    .catch(undefined)
    .parse(new URL(request.url).searchParams.get("status") || undefined);
  return { status: status ?? null, tips: listTips({ status }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const url = new URL(request.url);
  return handleIntent(
    await request.formData(),
    actionSchema,
    (value) => {
      if (!setTipStatus(value.id, value.status, staff.id)) throw new RuleViolation("That tip no longer exists.");
    },
    () => redirect(`${url.pathname}${url.search}`),
  );
}

export default function Tips() {
  const timeZone = useTimeZone();
  const { status, tips } = useLoaderData<typeof loader>();
  // Each tip has its own small form, so messages gather above the list.
  const errors = useIntentErrors(["status"]);
  return (
    <section aria-labelledby="tips-title" className="stack">
      <h1 id="tips-title">Tips inbox</h1>
      <nav aria-label="Tip status">
        <ul className="pipeline">
          <li>
            <Link to="/admin/tips" aria-current={!status ? "page" : undefined}>
              All
            </Link>
          </li>
          {TIP_STATUSES.map((s) => (
            <li key={s}>
              <Link to={`/admin/tips?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {TIP_STATUS_LABELS[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FormErrors errors={errors} />
      {tips.length === 0 ? <p>No tips here.</p> : null}
      {tips.map((t) => (
        <article key={t.id} id={`tip-${t.id}`} className="card stack" aria-labelledby={`tip-${t.id}-title`}>
          <h2 id={`tip-${t.id}-title`}>
            {t.area || "No area given"} <span className={`badge badge-${t.status}`}>{TIP_STATUS_LABELS[t.status]}</span>
          </h2>
          <p className="muted">
            From{" "}
            <Link to={`/admin/contacts/${t.contactId}`}>{[t.firstName, t.lastName].filter(Boolean).join(" ")}</Link> (
            {t.email}), {formatInstant(t.createdAt, timeZone)}
          </p>
          <p className="prewrap">{t.body}</p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="id" value={t.id} />
            <label htmlFor={`tip-status-${t.id}`}>Status</label>
            <select id={`tip-status-${t.id}`} name="status" defaultValue={t.status}>
              {TIP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {TIP_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary">
              Save
            </button>
          </Form>
        </article>
      ))}
    </section>
  );
}
