import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/session.server";
import { getOverviewCounts } from "~/models/dashboard.server";

export const meta: MetaFunction = () => [{ title: "Staff overview | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return getOverviewCounts();
}

export default function AdminHome() {
  const counts = useLoaderData<typeof loader>();
  const stats: Array<[string, number]> = [
    ["Contacts", counts.contacts],
    ["Candidates", counts.candidates],
    ["Endorsements", counts.endorsed],
    ["Recorded votes", counts.voteEvents],
    ["Donations", counts.donations],
    ["Emails held", counts.outboxHeld],
  ];
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Staff overview</h1>
      <div className="stat-grid">
        {stats.map(([label, value]) => (
          <div className="stat" key={label}>
            <strong>{value.toLocaleString("en-US")}</strong>
            {label}
          </div>
        ))}
      </div>
    </section>
  );
}
