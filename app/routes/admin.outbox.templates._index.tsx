import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/session.server";
import { templateNames } from "~/models/outbox-admin.server";

export const meta: MetaFunction = () => [{ title: "Email templates | Staff" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { templates: templateNames() };
}

export default function EmailTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="templates-title" className="stack">
      <p>
        <Link to="/admin/outbox">← Outbox</Link>
      </p>
      <h1 id="templates-title">Email templates</h1>
      <p>Each email the app sends, shown with demo content and the PAC's current name, address and disclaimer.</p>
      <ul>
        {templates.map((t) => (
          <li key={t}>
            <Link to={`/admin/outbox/templates/${t}`}>{t}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
