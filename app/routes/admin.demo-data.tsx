import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAdmin } from "~/lib/session.server";
import { handleIntent, intentOf, unknownIntent } from "~/lib/intent-action.server";
import { noFields } from "~/lib/track-record-forms";
import { IntentButton, useIntentErrors } from "~/components/intent-form";
import { FormErrors } from "~/components/field";
import { isDemoLoaded, removeDemoData } from "~/models/demo-data.server";

export const meta: MetaFunction = () => [{ title: "Demo data | Staff" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { loaded: isDemoLoaded() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await request.formData();
  if (intentOf(formData) !== "remove") return unknownIntent(intentOf(formData));
  return handleIntent(
    formData,
    noFields,
    () => removeDemoData(admin.id),
    () => redirect("/admin/demo-data?removed=1"),
  );
}

export default function AdminDemoData() {
  const { loaded } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors = useIntentErrors(["remove"]);
  return (
    <section aria-labelledby="demo-title">
      <h1 id="demo-title">Demo data</h1>
      {params.get("removed") ? (
        <p className="notice" role="status">
          The demo data was removed.
        </p>
      ) : null}
      <FormErrors errors={errors} />
      {loaded ? (
        <>
          <p>
            The site shows the demo data set (the 2017 LCPS board election and votes) and a banner saying so. Removing
            it deletes its people, races, votes and update, and anything staff added to the demo board; the PAC's name
            and disclaimer go back to the defaults unless you changed them. It is recorded in the audit log and is not
            loaded again.
          </p>
          <IntentButton intent="remove" label="Remove demo data" className="danger" />
        </>
      ) : (
        <p>No demo data is loaded.</p>
      )}
    </section>
  );
}
