import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { REFERRAL_STATUSES } from "#db/enums";
import { requireStaff } from "~/lib/session.server";
import { REFERRAL_STATUS_LABELS } from "~/lib/outreach-options";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { listReferrals, needsOptIn } from "~/models/referrals.server";

export const meta: MetaFunction = () => [{ title: "Candidate referrals | Champions PAC" }];

const filtersSchema = z.object({
  status: z.enum(REFERRAL_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const filters = filtersSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const rows = listReferrals(filters).map((r) => ({ ...r, waitingForOptIn: needsOptIn(r) }));
  return { filters, rows };
}

export default function Referrals() {
  const timeZone = useTimeZone();
  const { filters, rows } = useLoaderData<typeof loader>();
  const byStatus = REFERRAL_STATUSES.map((status) => ({
    status,
    rows: rows.filter((r) => r.status === status),
  })).filter((group) => !filters.status || group.status === filters.status);
  return (
    <section aria-labelledby="referrals-title" className="stack">
      <h1 id="referrals-title">Candidate referrals</h1>
      <Form method="get" className="filters" aria-label="Filter referrals">
        <div className="field">
          <label htmlFor="r-q">Name or office</label>
          <input id="r-q" name="q" defaultValue={filters.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="r-status">Stage</label>
          <select id="r-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">All stages</option>
            {REFERRAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {REFERRAL_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="secondary">
            Filter
          </button>
        </div>
      </Form>
      <div className="pipeline-board">
        {byStatus.map((group) => (
          <section key={group.status} aria-labelledby={`stage-${group.status}`} className="card">
            <h2 id={`stage-${group.status}`}>
              {REFERRAL_STATUS_LABELS[group.status]} ({group.rows.length})
            </h2>
            {group.rows.length === 0 ? (
              <p className="muted">None</p>
            ) : (
              <ul className="stack">
                {group.rows.map((r) => (
                  <li key={r.id}>
                    <Link to={`/admin/referrals/${r.id}`}>{r.suggestedName}</Link>
                    <br />
                    <span className="muted">
                      {r.office} · from {[r.referrerFirstName, r.referrerLastName].filter(Boolean).join(" ")} ·{" "}
                      {formatInstant(r.createdAt, timeZone)}
                    </span>
                    {r.waitingForOptIn ? <span className="badge badge-pending">Awaiting opt-in</span> : null}
                    {r.candidateId ? <span className="badge badge-won">Candidate</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}
