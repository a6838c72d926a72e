import { formatCents } from "~/lib/format";

export interface DonorAggregateView {
  periodLabel: string;
  aggregateCents: number;
  limitCents: number;
  remainingCents: number;
  itemizable: boolean;
  profileLabel: string;
  history: Array<{ periodKey: string; periodLabel: string; cents: number; count: number }>;
}

/** A donor's giving for the current year or cycle against the limit, and earlier periods. */
export function DonorAggregate({ aggregate }: { aggregate: DonorAggregateView }) {
  return (
    <div className="stack">
      <p>
        <strong>{formatCents(aggregate.aggregateCents)}</strong> in the {aggregate.periodLabel} (
        {aggregate.profileLabel} rules), net of refunds. {formatCents(aggregate.remainingCents)} left under the{" "}
        {formatCents(aggregate.limitCents)} limit.{" "}
        {aggregate.itemizable ? <span className="badge badge-pending">Itemized in reports</span> : null}
      </p>
      {aggregate.history.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Giving by reporting period</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Gifts
                </th>
                <th scope="col" className="num">
                  Net given
                </th>
              </tr>
            </thead>
            <tbody>
              {aggregate.history.map((h) => (
                <tr key={h.periodKey}>
                  <td>{h.periodLabel}</td>
                  <td className="num">{h.count}</td>
                  <td className="num">{formatCents(h.cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
