import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps } from "@conform-to/react";
import { VOTE_OPTIONS } from "#db/enums";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { IntentInput, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { OPTION_LABELS } from "~/components/track-record";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { DAY, rollCallSchema } from "~/lib/track-record-forms";
import { formatDay } from "~/lib/format";
import { getRollCallSheet } from "~/models/measures.server";
import { recordVoteEvent } from "~/models/vote-events.server";

export const meta: MetaFunction = () => [{ title: "Record a vote | Champions PAC" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const raw = new URL(request.url).searchParams.get("date");
  const day = raw && DAY.safeParse(raw).success ? raw : null;
  const sheet = getRollCallSheet(idParam(params.id), day);
  if (!sheet) throw new Response("Measure not found", { status: 404 });
  return { ...sheet, badDate: Boolean(raw) && !day };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  if (intentOf(formData) !== "record") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    rollCallSchema,
    (v) =>
      recordVoteEvent(
        id,
        {
          date: v.date,
          motion: v.motion,
          result: v.result,
          overrideReason: v.overrideReason,
          preferredVote: v.preferredVote,
          preferredReason: v.preferredReason,
          roll: v.roll,
        },
        staff.id,
      ),
    () => redirect(`/admin/measures/${id}?saved=vote`),
  );
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>["members"][number];

/** Keyed by the day, so choosing another day gives a fresh grid of that day's members. */
function RollCallForm({ day, members }: { day: string; members: Member[] }) {
  const [form, fields] = useIntentForm("record", rollCallSchema, {
    date: day,
    result: "derive",
    preferredVote: "none",
    roll: members.map((m) => ({ termId: String(m.termId) })),
  });
  const roll = fields.roll.getFieldList();
  return (
    <Form
      method="post"
      action={`?date=${day}`}
      {...getFormProps(form)}
      className="stack roll-call"
      aria-labelledby="roll-title"
    >
      <h2 id="roll-title">Roll call of {formatDay(day)}</h2>
      <IntentInput intent="record" />
      <input {...getInputProps(fields.date, { type: "hidden" })} key={fields.date.key} />
      <FormErrors errors={[...(form.errors ?? []), ...(fields.roll.errors ?? [])]} id={form.errorId} />
      <TextField label="Motion" field={fields.motion} hint='e.g. "Adopt the resolution on second reading".' />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Seat</th>
              <th scope="col">Member</th>
              <th scope="col">Vote</th>
            </tr>
          </thead>
          <tbody>
            {roll.map((line, i) => {
              const member = members[i];
              const f = line.getFieldset();
              return (
                <tr key={member.termId}>
                  <td>{member.seatName}</td>
                  <th scope="row" id={`member-${member.termId}`}>
                    {member.displayName}
                  </th>
                  <td>
                    <input {...getInputProps(f.termId, { type: "hidden" })} key={f.termId.key} />
                    <fieldset
                      role="radiogroup"
                      aria-invalid={f.option.errors ? true : undefined}
                      aria-describedby={f.option.errors ? f.option.errorId : undefined}
                    >
                      <legend>How {member.displayName} voted</legend>
                      {VOTE_OPTIONS.map((o) => (
                        <label key={o}>
                          <input
                            type="radio"
                            name={f.option.name}
                            value={o}
                            defaultChecked={f.option.initialValue === o}
                          />
                          {OPTION_LABELS[o]}
                        </label>
                      ))}
                    </fieldset>
                    {f.option.errors ? (
                      <p id={f.option.errorId} className="field-error" role="alert">
                        {f.option.errors.join(" ")}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SelectField
        label="Result"
        field={fields.result}
        hint="Derived from the roll call under the body's passing rule; record another result only with a reason."
        options={[
          { value: "derive", label: "From the votes and the body's rule" },
          { value: "passed", label: "Passed" },
          { value: "failed", label: "Failed" },
        ]}
      />
      <TextField
        label="Reason for a different result"
        field={fields.overrideReason}
        hint="Only when the result differs from the roll call's, e.g. the motion needed a two-thirds vote."
      />
      <SelectField
        label="PAC's preferred vote"
        field={fields.preferredVote}
        hint="Scored roll calls count in every member's alignment score. Procedural votes (to table, to adjourn) are scored only when chosen here."
        options={[
          { value: "none", label: "Not scored" },
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
      <TextField
        label="Why (one line)"
        field={fields.preferredReason}
        hint='Shown on the public pages, e.g. "A yes adopts the policy the PAC supports".'
      />
      <div>
        <button type="submit">Record vote</button>
      </div>
    </Form>
  );
}

export default function RollCall() {
  const { measure, day, members, badDate } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  return (
    <section aria-labelledby="vote-title">
      <h1 id="vote-title">Record a vote</h1>
      <p>
        <Link to={`/admin/measures/${measure.id}`}>{measure.title}</Link>, {measure.bodyName}
      </p>
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}

      <Form method="get" className="stack">
        <div className="field">
          <label htmlFor="meeting-day">Meeting day</label>
          <p id="meeting-day-hint" className="hint">
            The roll call lists the members holding a seat on that day.
          </p>
          <input
            id="meeting-day"
            name="date"
            type="date"
            defaultValue={day ?? ""}
            required
            aria-invalid={badDate || undefined}
            aria-describedby={badDate ? "meeting-day-hint meeting-day-error" : "meeting-day-hint"}
          />
          {badDate ? (
            <p id="meeting-day-error" className="field-error" role="alert">
              Enter a date as YYYY-MM-DD.
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="secondary">
            Show the members
          </button>
        </div>
      </Form>

      {day ? (
        members.length === 0 ? (
          <p role="status">
            No one held a seat on {measure.bodyName} on {formatDay(day)}.
          </p>
        ) : (
          <RollCallForm key={day} day={day} members={members} />
        )
      ) : null}
    </section>
  );
}
