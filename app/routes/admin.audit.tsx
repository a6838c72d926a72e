import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/lib/session.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { DAY } from "~/lib/track-record-forms";
import { listAuditLog } from "~/models/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Audit log | Champions PAC" }];

// The log shows every staff member's changes, staff accounts included, with before/after values:
// an oversight tool, so only admins read it.
export const handle = { adminOnly: true };

const filtersSchema = z.object({
  entity: z.string().max(60).optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  staffUserId: z.coerce.number().int().positive().optional().catch(undefined),
  entityId: z.coerce.number().int().positive().optional().catch(undefined),
  from: DAY.optional().catch(undefined),
  to: DAY.optional().catch(undefined),
  page: z.coerce.number().int().positive().max(100000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  return listAuditLog(filtersSchema.parse(params));
}

function Json({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  let pretty = value;
  try {
    pretty = JSON.stringify(JSON.parse(value), null, 1);
  } catch {
    // shown as stored
  }
  return (
    <details>
      <summary>Show</summary>
      <pre className="audit-json">{pretty}</pre>
    </details>
  );
}

export default function AuditLog() {
  const timeZone = useTimeZone();
  const { rows, total, page, pages, entities, actions, staff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <Form method="get" className="audit-filters" aria-label="Filter the log">
        <div className="field">
          <label htmlFor="f-entity">What</label>
          <select id="f-entity" name="entity" defaultValue={params.get("entity") ?? ""}>
            <option value="">Everything</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-action">Action</label>
          <select id="f-action" name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">Any</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-staff">Who</label>
          <select id="f-staff" name="staffUserId" defaultValue={params.get("staffUserId") ?? ""}>
            <option value="">Anyone</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.email}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-id">Record id</label>
          <input id="f-id" name="entityId" type="number" min={1} defaultValue={params.get("entityId") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" name="from" type="date" defaultValue={params.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" name="to" type="date" defaultValue={params.get("to") ?? ""} />
        </div>
        <div className="actions">
          <button type="submit">Filter</button>
          <Link to="/admin/audit">Clear</Link>
        </div>
      </Form>
      <p role="status">
        {total.toLocaleString("en-US")} entries{pages > 1 ? `, page ${page} of ${pages}` : ""}.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Action</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatInstant(r.createdAt, timeZone)}</td>
                <td>{r.staffEmail ?? "system"}</td>
                <td>
                  {r.entity}
                  {r.entityId ? ` #${r.entityId}` : ""}
                </td>
                <td>{r.action}</td>
                <td>
                  <Json value={r.beforeJson} />
                </td>
                <td>
                  <Json value={r.afterJson} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? <Link to={pageLink(page - 1)}>Newer</Link> : null}
          {page < pages ? <Link to={pageLink(page + 1)}>Older</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
