import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { EMAIL_LISTS, OUTBOX_STATUSES } from "#db/enums";
import { requireStaff } from "~/lib/session.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { isTemplate, listOutbox, releaseHeldEmails, retryAllFailed, templateNames } from "~/models/outbox-admin.server";
import { resumeSender } from "~/models/email-sender-halt.server";
import { FormErrors } from "~/components/field";
import outboxStyles from "~/styles/outbox.css";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: outboxStyles }];

export const meta: MetaFunction = () => [{ title: "Email outbox | Staff" }];

const filterSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  template: z.string().max(100).optional().catch(undefined),
  list: z
    .enum([...EMAIL_LISTS, "none"])
    .optional()
    .catch(undefined),
  q: z.string().trim().max(254).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const template = filters.template && isTemplate(filters.template) ? filters.template : undefined;
  // The names come from the email registry, which stays on the server.
  return { ...listOutbox({ ...filters, template, q: filters.q || null }), templates: templateNames() };
}

/** The page's three one-button forms; each answers with what it changed. */
interface OutboxReply extends IntentReply {
  released?: number;
  retried?: number;
  resumed?: boolean;
}

const buttonSchema = z.object({ intent: z.string() });

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const intent = intentOf(formData);
  const reply = (extra: Partial<OutboxReply>) =>
    Response.json({ intent, result: null, ...extra } satisfies OutboxReply);
  switch (intent) {
    case "release-held":
      return handleIntent(
        formData,
        buttonSchema,
        () => releaseHeldEmails(staff.id),
        (released) => reply({ released }),
      );
    case "retry-failed":
      return handleIntent(
        formData,
        buttonSchema,
        () => retryAllFailed(staff.id),
        (retried) => reply({ retried }),
      );
    case "resume-sender":
      return handleIntent(
        formData,
        buttonSchema,
        () => resumeSender(staff.id),
        (resumed) => reply({ resumed }),
      );
    default:
      return unknownIntent(intent);
  }
}

export default function Outbox() {
  const timeZone = useTimeZone();
  const { rows, page, hasMore, counts, templates } = useLoaderData<typeof loader>();
  const result = useActionData<OutboxReply>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <section aria-labelledby="outbox-title" className="stack-wide">
      <h1 id="outbox-title">Email outbox</h1>
      <p>
        Every email the app sends waits here until it is delivered.{" "}
        <Link to="/admin/outbox/templates">Preview the templates</Link>.
      </p>
      <ul className="stat-grid" aria-label="Emails by status">
        {OUTBOX_STATUSES.map((s) => (
          <li key={s} className="card">
            <Link to={`?status=${s}`}>
              <span className={`badge badge-${s}`}>{s}</span> {counts[s]}
            </Link>
          </li>
        ))}
      </ul>
      {counts.held > 0 ? (
        <Form method="post" className="notice actions">
          <span>
            {counts.held} email{counts.held === 1 ? " is" : "s are"} held because no Resend API key was set when they
            were due. Once the key is configured, release them to send them.
          </span>
          <input type="hidden" name="intent" value="release-held" />
          <button type="submit">Release held emails</button>
        </Form>
      ) : null}
      {counts.failed > 0 ? (
        <Form method="post" className="notice actions">
          <span>
            {counts.failed} email{counts.failed === 1 ? " has" : "s have"} failed (including any not sent on purpose,
            which stay as they are). Once the cause is fixed, try them all again.
          </span>
          <input type="hidden" name="intent" value="retry-failed" />
          <button type="submit">Retry all failed</button>
        </Form>
      ) : null}
      <FormErrors errors={result?.notice ? [result.notice] : undefined} />
      {result?.retried !== undefined ? (
        <p className="notice" role="status">
          Queued {result.retried} failed email{result.retried === 1 ? "" : "s"} again.
        </p>
      ) : null}
      {result?.resumed !== undefined ? (
        <p className="notice" role="status">
          {result.resumed ? "The sender tries again now." : "The sender was not stopped."}
        </p>
      ) : null}
      {result?.released !== undefined ? (
        <p className="notice" role="status">
          Released {result.released} email{result.released === 1 ? "" : "s"}.
        </p>
      ) : null}
      <Form method="get" className="filters actions" aria-label="Filter emails">
        <label>
          Status{" "}
          <select name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">Any</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Template{" "}
          <select name="template" defaultValue={params.get("template") ?? ""}>
            <option value="">Any</option>
            {templates.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          List{" "}
          <select name="list" defaultValue={params.get("list") ?? ""}>
            <option value="">Any</option>
            <option value="none">Not list mail</option>
            {EMAIL_LISTS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Recipient <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col">Created</th>
              <th scope="col">Last error or event</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/admin/outbox/${r.id}`}>{r.template}</Link>
                  {r.list ? <span className="muted"> ({r.list})</span> : null}
                </td>
                <td>{r.toEmail}</td>
                <td>
                  <span className={`badge badge-${r.status}`}>{r.status}</span>
                </td>
                <td className="num">{r.attempts}</td>
                <td>{formatInstant(r.createdAt, timeZone)}</td>
                <td>{[r.lastEvent, r.lastError].filter(Boolean).join(": ")}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6}>No emails match.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav className="pagination" aria-label="Pages">
        {page > 1 ? <Link to={pageLink(page - 1)}>Newer</Link> : null}
        {hasMore ? <Link to={pageLink(page + 1)}>Older</Link> : null}
      </nav>
    </section>
  );
}
