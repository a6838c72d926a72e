import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { PASSING_RULES } from "#db/enums";
import { PASSING_RULE_LABELS } from "~/lib/tally";
import { IntentButton, IntentInput, useIntentErrors, useIntentForm, useReplyNotice } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { idParam } from "~/lib/id-param.server";
import { bodySchema, noFields, seatIdSchema, seatSchema } from "~/lib/track-record-forms";
import { getBodyForAdmin, deleteBody, setBodyArchived, updateBody } from "~/models/bodies.server";
import { addSeat, deleteSeat, setSeatArchived } from "~/models/seats.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.body.name ?? "Body"} | Champions PAC` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = getBodyForAdmin(idParam(params.id));
  if (!page) throw new Response("Body not found", { status: 404 });
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id);
  const formData = await request.formData();
  const back = () => redirect(`/admin/bodies/${id}`);
  switch (intentOf(formData)) {
    case "update":
      return handleIntent(formData, bodySchema, (v) => updateBody(id, v, staff.id), back);
    case "archive":
    case "unarchive":
      return handleIntent(
        formData,
        noFields,
        () => setBodyArchived(id, intentOf(formData) === "archive", staff.id),
        back,
      );
    case "delete":
      return handleIntent(
        formData,
        noFields,
        () => deleteBody(id, staff.id),
        () => redirect("/admin/bodies"),
      );
    case "add-seat":
      return handleIntent(formData, seatSchema, (v) => addSeat(id, v.name, staff.id), back);
    case "archive-seat":
    case "unarchive-seat":
      return handleIntent(
        formData,
        seatIdSchema,
        (v) => setSeatArchived(v.seatId, intentOf(formData) === "archive-seat", staff.id),
        back,
      );
    case "delete-seat":
      return handleIntent(formData, seatIdSchema, (v) => deleteSeat(v.seatId, staff.id), back);
    default:
      return unknownIntent(intentOf(formData));
  }
}

export default function AdminBody() {
  const { body, seats } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const [form, fields] = useIntentForm("update", bodySchema, {
    name: body.name,
    slug: body.slug,
    jurisdiction: body.jurisdiction,
    seatCount: String(body.seatCount),
    passingRule: body.passingRule,
  });
  const [seatForm, seatFields] = useIntentForm("add-seat", seatSchema);
  const seatErrors = useIntentErrors(["archive-seat", "unarchive-seat", "delete-seat"]);
  const bodyErrors = useIntentErrors(["archive", "unarchive", "delete"]);
  return (
    <section aria-labelledby="body-title">
      <h1 id="body-title">{body.name}</h1>
      <p>
        <Link to={`/bodies/${body.slug}`}>Public page</Link> · <Link to="/admin/bodies">All bodies</Link>
        {body.archivedAt ? <span className="badge"> Archived</span> : null}
      </p>
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}

      <h2>Details</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <IntentInput intent="update" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Name" field={fields.name} />
        <TextField label="Web address" field={fields.slug} />
        <TextField label="Jurisdiction" field={fields.jurisdiction} />
        <TextField label="Number of seats" field={fields.seatCount} type="number" />
        <SelectField
          label="A motion passes with"
          field={fields.passingRule}
          hint="The result of every roll call is derived from this rule unless staff record an override with a reason."
          options={PASSING_RULES.map((r) => ({ value: r, label: PASSING_RULE_LABELS[r] }))}
        />
        <div>
          <button type="submit">Save details</button>
        </div>
      </Form>

      <h2>Seats</h2>
      <FormErrors errors={seatErrors} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Seat</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {seats.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.name} {s.archivedAt ? <span className="badge">Archived</span> : null}
                </td>
                <td className="actions">
                  <IntentButton
                    intent={s.archivedAt ? "unarchive-seat" : "archive-seat"}
                    label={s.archivedAt ? `Restore ${s.name}` : `Archive ${s.name}`}
                    fields={{ seatId: s.id }}
                    className="secondary"
                  />
                  <IntentButton
                    intent="delete-seat"
                    label={`Delete ${s.name}`}
                    fields={{ seatId: s.id }}
                    className="danger"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" {...getFormProps(seatForm)} className="stack">
        <IntentInput intent="add-seat" />
        <FormErrors errors={seatForm.errors} id={seatForm.errorId} />
        <TextField label="New seat name" field={seatFields.name} />
        <div>
          <button type="submit">Add seat</button>
        </div>
      </Form>

      <h2>Archive or delete</h2>
      <FormErrors errors={bodyErrors} />
      <div className="actions">
        <IntentButton
          intent={body.archivedAt ? "unarchive" : "archive"}
          label={body.archivedAt ? "Restore from archive" : "Archive"}
          className="secondary"
        />
        <IntentButton intent="delete" label="Delete" className="danger" />
      </div>
    </section>
  );
}
