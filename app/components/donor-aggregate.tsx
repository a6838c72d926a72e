import { formatCents } from "~/lib/format";

export interface AccountAggregateView {
  account: string;
  accountLabel: string;
  periodLabel: string;
  aggregateCents: number;
  limitCents: number;
  remainingCents: number;
  itemizable: boolean;
  profileLabel: string;
}

export interface DonorAggregateView {
  accounts: AccountAggregateView[];
  history: Array<{
    account: string;
    accountLabel: string;
    periodKey: string;
    periodLabel: string;
    cents: number;
    count: number;
  }>;
}

/** A donor's giving for the current year or cycle against the limit, in each account taking gifts
 *  (each against its own limit), and earlier periods. */
export function DonorAggregate({ aggregate }: { aggregate: DonorAggregateView }) {
  const several = aggregate.accounts.length > 1;
  return (
    <div className="stack">
      {aggregate.accounts.map((a) => (
        <p key={a.account} data-account={a.account}>
          {several ? <>{a.accountLabel}: </> : null}
          <strong>{formatCents(a.aggregateCents)}</strong> in the {a.periodLabel} ({a.profileLabel} rules), net of
          refunds. {formatCents(a.remainingCents)} left under the {formatCents(a.limitCents)} limit.{" "}
          {a.itemizable ? <span className="badge badge-pending">Itemized in reports</span> : null}
        </p>
      ))}
      {aggregate.history.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Giving by reporting period</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {several ? <th scope="col">Account</th> : null}
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
                <tr key={`${h.account}-${h.periodKey}`}>
                  <td>{h.periodLabel}</td>
                  {several ? <td>{h.accountLabel}</td> : null}
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
