import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/field";
import { IntentInput, useIntentErrors, useReplyNotice } from "~/components/intent-form";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { requireStaff } from "~/lib/session.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { EmailPreview } from "~/components/email-preview";
import { getOutboxEmail, retryOutboxEmail } from "~/models/outbox-admin.server";
import outboxStyles from "~/styles/outbox.css";
import { idParam } from "~/lib/id-param.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: outboxStyles }];

export const meta: MetaFunction = () => [{ title: "Email | Staff" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const view = await getOutboxEmail(idParam(params.id, "No such email"));
  if (!view) throw new Response("No such email", { status: 404 });
  return view;
}

const retrySchema = z.object({ intent: z.literal("retry") });

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const id = idParam(params.id, "No such email");
  if (intentOf(formData) !== "retry") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    retrySchema,
    () => {
      if (!retryOutboxEmail(id, staff.id)) throw new RuleViolation("Only a failed email can be tried again.");
    },
    () => Response.json({ intent: "retry", result: null, notice: "The email is queued again." } satisfies IntentReply),
  );
}

export default function OutboxEmail() {
  const timeZone = useTimeZone();
  const { row, message, renderError } = useLoaderData<typeof loader>();
  const errors = useIntentErrors(["retry"]);
  const notice = useReplyNotice();
  return (
    <section aria-labelledby="email-title" className="stack-wide">
      <p>
        <Link to="/admin/outbox">← Outbox</Link>
      </p>
      <h1 id="email-title">
        {row.template} to {row.toEmail}
      </h1>
      <dl className="email-meta">
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${row.status}`}>{row.status}</span>
        </dd>
        <dt>Attempts</dt>
        <dd>{row.attempts}</dd>
        <dt>Created</dt>
        <dd>{formatInstant(row.createdAt, timeZone)}</dd>
        <dt>Sent</dt>
        <dd>{formatInstant(row.sentAt, timeZone)}</dd>
        {row.status === "queued" && row.attempts > 0 ? (
          <>
            <dt>Next attempt</dt>
            <dd>{formatInstant(row.nextAttemptAt, timeZone)}</dd>
          </>
        ) : null}
        <dt>Provider id</dt>
        <dd>{row.providerMessageId ?? "—"}</dd>
        <dt>Last event</dt>
        <dd>{row.lastEvent ? `${row.lastEvent} (${formatInstant(row.lastEventAt, timeZone)})` : "—"}</dd>
        <dt>Idempotency key</dt>
        <dd>
          <code>{row.idempotencyKey}</code>
        </dd>
      </dl>
      {row.lastError ? (
        <p className="form-error" role="alert">
          Last error: {row.lastError}
        </p>
      ) : null}
      <FormErrors errors={errors} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {row.status === "failed" ? (
        <Form method="post">
          <IntentInput intent="retry" />
          <button type="submit">Try sending again</button>
        </Form>
      ) : null}
      {message ? (
        <EmailPreview
          subject={message.subject}
          from={message.from}
          to={message.to}
          html={message.html}
          text={message.text}
          headers={message.headers}
        />
      ) : (
        <p className="form-error">This email cannot be rendered: {renderError}</p>
      )}
    </section>
  );
}
