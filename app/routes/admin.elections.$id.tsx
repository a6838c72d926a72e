import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { ELECTION_KINDS } from "#db/enums";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { IntentButton, IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { contestIdSchema, contestSchema, electionSchema, noFields } from "~/lib/track-record-forms";
import { getElectionForAdmin, deleteElection, setElectionArchived, updateElection } from "~/models/elections.server";
import { createContest, deleteContest } from "~/models/contests.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.election.name ?? "Election"} | Champions PAC` },
];

const KIND_OPTIONS = ELECTION_KINDS.map((k) => ({ value: k, label: k[0].toUpperCase() + k.slice(1) }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = getElectionForAdmin(idParam(params.id));
  if (!page) throw new Response("Election not found", { status: 404 });
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const back = () => redirect(`/admin/elections/${id}`);
  switch (intentOf(formData)) {
    case "update":
      return handleIntent(formData, electionSchema, (v) => updateElection(id, v, staff.id), back);
    case "archive":
    case "unarchive":
      return handleIntent(
        formData,
        noFields,
        () => setElectionArchived(id, intentOf(formData) === "archive", staff.id),
        back,
      );
    case "delete":
      return handleIntent(
        formData,
        noFields,
        () => deleteElection(id, staff.id),
        () => redirect("/admin/elections"),
      );
    case "add-contest":
      return handleIntent(formData, contestSchema, (v) => createContest({ electionId: id, ...v }, staff.id), back);
    case "delete-contest":
      return handleIntent(formData, contestIdSchema, (v) => deleteContest(v.contestId, staff.id), back);
    default:
      return unknownIntent(intentOf(formData));
  }
}

export default function AdminElection() {
  const { election, contests, seatChoices, firstRoundChoices } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const [form, fields] = useIntentForm("update", electionSchema, {
    name: election.name,
    date: election.date,
    jurisdiction: election.jurisdiction,
    kind: election.kind,
  });
  const [contestForm, contestFields] = useIntentForm("add-contest", contestSchema, { seatsToFill: "1" });
  const contestErrors = useIntentErrors(["delete-contest"]);
  const electionErrors = useIntentErrors(["archive", "unarchive", "delete"]);
  return (
    <section aria-labelledby="election-title">
      <h1 id="election-title">{election.name}</h1>
      <p>
        <Link to={`/elections/${election.id}`}>Public page</Link> · <Link to="/admin/elections">All elections</Link>
        {election.archivedAt ? <span className="badge"> Archived</span> : null}
      </p>
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}

      <h2 id="contests-title">Contests</h2>
      <FormErrors errors={contestErrors} />
      {contests.length === 0 ? (
        <p>No contests yet.</p>
      ) : (
        <ul aria-labelledby="contests-title">
          {contests.map((c) => (
            <li key={c.id}>
              <Link to={`/admin/contests/${c.id}`}>
                Results: {c.bodyName}, {c.seatName}
              </Link>{" "}
              <span className="muted">({c.candidacyCount} candidates)</span>{" "}
              <IntentButton
                intent="delete-contest"
                label={`Delete contest for ${c.seatName}`}
                fields={{ contestId: c.id }}
                className="danger"
              />
            </li>
          ))}
        </ul>
      )}
      <h3 id="new-contest">Add a contest</h3>
      <Form method="post" {...getFormProps(contestForm)} className="stack" aria-labelledby="new-contest">
        <IntentInput intent="add-contest" />
        <FormErrors errors={contestForm.errors} id={contestForm.errorId} />
        <SelectField
          label="Seat"
          field={contestFields.seatId}
          options={[
            { value: "", label: "Choose a seat" },
            ...seatChoices.map((s) => ({ value: String(s.id), label: s.label })),
          ]}
        />
        <TextField label="Seats to fill" field={contestFields.seatsToFill} type="number" />
        {election.kind === "runoff" ? (
          <SelectField
            label="Runoff of"
            field={contestFields.firstRoundContestId}
            hint="The earlier contest for this seat that went to this runoff; its endorsement resolves with this result."
            options={[
              { value: "", label: "Not a runoff" },
              ...firstRoundChoices.map((c) => ({ value: String(c.id), label: c.label })),
            ]}
          />
        ) : null}
        <div>
          <button type="submit">Add contest</button>
        </div>
      </Form>

      <h2>Details</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <IntentInput intent="update" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Name" field={fields.name} />
        <TextField label="Election day" field={fields.date} type="date" />
        <TextField label="Jurisdiction" field={fields.jurisdiction} />
        <SelectField label="Kind" field={fields.kind} options={KIND_OPTIONS} />
        <div>
          <button type="submit">Save details</button>
        </div>
      </Form>

      <h2>Archive or delete</h2>
      <FormErrors errors={electionErrors} />
      <div className="actions">
        <IntentButton
          intent={election.archivedAt ? "unarchive" : "archive"}
          label={election.archivedAt ? "Restore from archive" : "Archive"}
          className="secondary"
        />
        <IntentButton intent="delete" label="Delete" className="danger" />
      </div>
    </section>
  );
}
