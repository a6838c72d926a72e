import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors } from "~/components/field";
import { IntentButton, IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { MeasureFields } from "~/components/measure-fields";
import { TallyText } from "~/components/track-record";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { measureSchema, noFields, preferredVoteChangeSchema, voteEventIdSchema } from "~/lib/track-record-forms";
import { formatDay } from "~/lib/format";
import { deleteMeasure, getMeasureAdminPage, setMeasureArchived, updateMeasure } from "~/models/measures.server";
import { deleteVoteEvent, setPreferredVote, setVoteEventArchived } from "~/models/vote-events.server";
import { PREFERRED_LABELS } from "~/lib/preferred-vote";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.measure.title ?? "Measure"} | Champions PAC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = getMeasureAdminPage(idParam(params.id));
  if (!page) throw new Response("Measure not found", { status: 404 });
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const back = () => redirect(`/admin/measures/${id}`);
  switch (intentOf(formData)) {
    case "update":
      return handleIntent(formData, measureSchema, (v) => updateMeasure(id, v, staff.id), back);
    case "archive":
    case "unarchive":
      return handleIntent(
        formData,
        noFields,
        () => setMeasureArchived(id, intentOf(formData) === "archive", staff.id),
        back,
      );
    case "delete":
      return handleIntent(
        formData,
        noFields,
        () => deleteMeasure(id, staff.id),
        () => redirect("/admin/measures"),
      );
    case "delete-vote":
      return handleIntent(formData, voteEventIdSchema, (v) => deleteVoteEvent(v.voteEventId, staff.id), back);
    case "archive-vote":
    case "unarchive-vote":
      return handleIntent(
        formData,
        voteEventIdSchema,
        (v) => setVoteEventArchived(v.voteEventId, intentOf(formData) === "archive-vote", staff.id),
        back,
      );
    case "preferred-vote":
      return handleIntent(
        formData,
        preferredVoteChangeSchema,
        (v) =>
          setPreferredVote(
            v.voteEventId,
            { preferredVote: v.preferredVote, preferredReason: v.preferredReason },
            staff.id,
          ),
        back,
      );
    default:
      return unknownIntent(intentOf(formData));
  }
}

export default function AdminMeasure() {
  const { measure, voteEvents, bodies } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = useReplyNotice();
  const [form, fields] = useIntentForm("update", measureSchema, {
    bodyId: String(measure.bodyId),
    title: measure.title,
    summary: measure.summary,
    kind: measure.kind,
    sourceUrl: measure.sourceUrl ?? "",
    pacPosition: measure.pacPosition,
    introducedOn: measure.introducedOn ?? "",
  });
  const voteErrors = useIntentErrors(["delete-vote", "archive-vote", "unarchive-vote", "preferred-vote"]);
  const measureErrors = useIntentErrors(["archive", "unarchive", "delete"]);
  return (
    <section aria-labelledby="measure-title">
      <h1 id="measure-title">{measure.title}</h1>
      <p>
        <Link to={`/measures/${measure.id}`}>Public page</Link> · <Link to="/admin/measures">All measures</Link>
        {measure.archivedAt ? <span className="badge"> Archived</span> : null}
      </p>
      {params.get("saved") === "vote" ? (
        <p className="notice" role="status">
          Vote recorded.
        </p>
      ) : null}
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}

      <h2>Votes</h2>
      <FormErrors errors={voteErrors} />
      {voteEvents.length === 0 ? <p>No vote recorded yet.</p> : null}
      <ul>
        {voteEvents.map((e) => (
          <li key={e.id} className="stack">
            <div>
              {formatDay(e.date)}
              {e.motion ? `, ${e.motion}` : ""}:{" "}
              <TallyText tally={e.tally} result={e.result} overrideReason={e.resultOverrideReason} />
              {e.archivedAt ? <span className="badge"> Archived</span> : null}
            </div>
            <div>
              Scored as: <strong>{PREFERRED_LABELS[e.preferredVote ?? "none"]}</strong>
              {e.preferredReason ? <span className="muted"> ({e.preferredReason})</span> : null}
            </div>
            <Form method="post" className="inline-form" aria-label={`Scoring of the vote of ${formatDay(e.date)}`}>
              <IntentInput intent="preferred-vote" />
              <input type="hidden" name="voteEventId" value={e.id} />
              <label>
                Preferred vote{" "}
                <select name="preferredVote" defaultValue={e.preferredVote ?? "none"}>
                  <option value="none">Not scored</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              </label>{" "}
              <label>
                Why (one line) <input name="preferredReason" defaultValue={e.preferredReason} maxLength={300} />
              </label>{" "}
              <button type="submit" className="secondary">
                Change scoring
              </button>
            </Form>
            <p className="hint">
              A change after the vote is published adds a dated correction line on the public pages.
            </p>
            <div className="actions">
              <IntentButton
                intent={e.archivedAt ? "unarchive-vote" : "archive-vote"}
                label={`${e.archivedAt ? "Restore" : "Archive"} the vote of ${formatDay(e.date)}`}
                fields={{ voteEventId: e.id }}
                className="secondary"
              />
              <IntentButton
                intent="delete-vote"
                label={`Delete the vote of ${formatDay(e.date)}`}
                fields={{ voteEventId: e.id }}
                className="secondary"
              />
            </div>
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" to={`/admin/measures/${measure.id}/vote`}>
          Record a vote
        </Link>
      </p>

      <h2>Details</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <IntentInput intent="update" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <MeasureFields fields={fields} bodies={bodies} />
        <div>
          <button type="submit">Save details</button>
        </div>
      </Form>

      <h2>Archive or delete</h2>
      <FormErrors errors={measureErrors} />
      <div className="actions">
        <IntentButton
          intent={measure.archivedAt ? "unarchive" : "archive"}
          label={measure.archivedAt ? "Restore from archive" : "Archive"}
          className="secondary"
        />
        <IntentButton intent="delete" label="Delete" className="danger" />
      </div>
    </section>
  );
}
