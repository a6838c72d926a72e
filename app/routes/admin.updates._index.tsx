import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { handleIntent } from "~/lib/intent-action.server";
import { useReplyFor } from "~/components/intent-form";
import { requireStaff } from "~/lib/session.server";
import { updateFormSchema } from "~/lib/update-form";
import { createUpdate, listAllUpdates, listLinkOptions } from "~/models/updates.server";
import { UpdateForm } from "~/components/update-form";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";

export const meta: MetaFunction = () => [{ title: "Impact updates | Staff" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { updates: listAllUpdates(), options: listLinkOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  return handleIntent(
    await request.formData(),
    updateFormSchema,
    (v) => createUpdate(v, staff.id),
    (update) => redirect(`/admin/updates/${update.id}`),
  );
}

export default function AdminUpdates() {
  const timeZone = useTimeZone();
  const { updates, options } = useLoaderData<typeof loader>();
  const lastResult = useReplyFor("save");
  return (
    <section aria-labelledby="updates-title">
      <h1 id="updates-title">Impact updates</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {updates.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/updates/${u.id}`}>{u.title}</Link>
                </td>
                <td>
                  <span className={`badge badge-${u.visibility === "draft" ? "pending" : "active"}`}>
                    {u.visibility}
                  </span>
                </td>
                <td>{formatInstant(u.publishedAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Write a new update</h2>
      <p className="hint">It is saved as a draft; publish it from its page.</p>
      <UpdateForm lastResult={lastResult} options={options} submitLabel="Save draft" />
    </section>
  );
}
