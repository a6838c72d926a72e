import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DailyChart } from "~/components/daily-chart";
import { GoalBar } from "~/components/goal-bar";
import { formatCents } from "~/lib/format";
import { requireStaff } from "~/lib/session.server";
import { donationDashboard } from "~/models/donation-stats.server";
import { excessAttention } from "~/models/excessive-contributions.server";

export const meta: MetaFunction = () => [{ title: "Fundraising | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { ...donationDashboard(), attention: excessAttention() };
}

export default function FundraisingDashboard() {
  const { goal, perDay, byRefcode, attention } = useLoaderData<typeof loader>();
  const last30 = perDay.reduce((s, d) => s + d.cents, 0);
  return (
    <section aria-labelledby="fundraising-title" className="stack-wide">
      <h1 id="fundraising-title">Fundraising</h1>
      {attention.open || attention.pausedPlans ? (
        <p className="notice" role="status">
          <Link to="/admin/donations/excessive">
            Excessive contributions to resolve: {attention.open}
            {attention.overdue ? ` (${attention.overdue} overdue)` : ""}; monthly gifts paused at the limit:{" "}
            {attention.pausedPlans}.
          </Link>
        </p>
      ) : null}
      <div className="stat-grid">
        <div className="stat">
          <strong data-testid="total-raised">{formatCents(goal.raisedCents)}</strong>
          Total raised (net of refunds)
        </div>
        <div className="stat">
          <strong>{formatCents(last30)}</strong>
          Last 30 days
        </div>
        <div className="stat">
          <strong>{goal.percent}%</strong>
          Of the {formatCents(goal.goalCents)} goal
        </div>
      </div>
      <GoalBar {...goal} />
      <h2>Donations per day</h2>
      <DailyChart days={perDay} title="Net donations received per day over the last 30 days" />
      <h2>Totals by refcode</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Refcode</th>
              <th scope="col" className="num">
                Gifts
              </th>
              <th scope="col" className="num">
                Net received
              </th>
            </tr>
          </thead>
          <tbody>
            {byRefcode.map((r) => (
              <tr key={r.refcode ?? "(none)"}>
                <td>
                  {r.refcode ? (
                    <Link to={`/admin/donations?${new URLSearchParams({ refcode: r.refcode })}`}>{r.refcode}</Link>
                  ) : (
                    "(none)"
                  )}
                </td>
                <td className="num">{r.count}</td>
                <td className="num">{formatCents(r.cents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
