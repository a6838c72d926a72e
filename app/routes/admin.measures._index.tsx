import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors } from "~/components/field";
import { IntentInput, useIntentForm } from "~/components/intent-form";
import { MeasureFields } from "~/components/measure-fields";
import { POSITION_LABELS } from "~/components/track-record";
import { requireStaff } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { measureSchema } from "~/lib/track-record-forms";
import { formatDay } from "~/lib/format";
import { listBodies } from "~/models/bodies.server";
import { createMeasure, listMeasures } from "~/models/measures.server";

export const meta: MetaFunction = () => [{ title: "Measures | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { measures: listMeasures({ includeArchived: true }), bodies: listBodies() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  if (intentOf(formData) !== "create") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    measureSchema,
    (v) => createMeasure(v, staff.id),
    (m) => redirect(`/admin/measures/${m.id}`),
  );
}

export default function AdminMeasures() {
  const { measures, bodies } = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm("create", measureSchema, { kind: "resolution", pacPosition: "none" });
  return (
    <section aria-labelledby="measures-title">
      <h1 id="measures-title">Measures</h1>
      <ul>
        {measures.map((m) => (
          <li key={m.id}>
            <Link to={`/admin/measures/${m.id}`}>{m.title}</Link>{" "}
            <span className="muted">
              {m.bodyName}, {formatDay(m.introducedOn)}, {POSITION_LABELS[m.pacPosition]}
            </span>
            {m.archivedAt ? <span className="badge"> Archived</span> : null}
          </li>
        ))}
      </ul>
      <h2 id="new-measure">Add a measure</h2>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="new-measure">
        <IntentInput intent="create" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <MeasureFields fields={fields} bodies={bodies} />
        <div>
          <button type="submit">Add measure</button>
        </div>
      </Form>
    </section>
  );
}
