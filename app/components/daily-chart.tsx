import { formatCents, formatDay } from "~/lib/format";

/** Gifts per day as server-rendered SVG bars, with the same figures in a table for screen readers. */
export function DailyChart({
  days,
  title,
}: {
  days: Array<{ day: string; cents: number; count: number }>;
  title: string;
}) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...days.map((d) => d.cents));
  const slot = width / Math.max(1, days.length);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby="chart-title" width="100%">
        <title id="chart-title">{title}</title>
        <line x1={0} y1={height} x2={width} y2={height} stroke="currentColor" strokeWidth={1} />
        {days.map((d, i) => {
          const h = Math.round((d.cents / max) * (height - 10));
          return (
            <rect
              key={d.day}
              x={i * slot + 2}
              y={height - h}
              width={Math.max(1, slot - 4)}
              height={h}
              className="chart-bar"
            >
              <title>{`${formatDay(d.day)}: ${formatCents(d.cents)} from ${d.count} gifts`}</title>
            </rect>
          );
        })}
        <text x={0} y={height + 16} fontSize={12}>
          {formatDay(days[0]?.day)}
        </text>
        <text x={width} y={height + 16} fontSize={12} textAnchor="end">
          {formatDay(days.at(-1)?.day)}
        </text>
      </svg>
      <details>
        <summary>Figures by day</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">
                Gifts
              </th>
              <th scope="col" className="num">
                Net received
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{formatDay(d.day)}</td>
                <td className="num">{d.count}</td>
                <td className="num">{formatCents(d.cents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
