import { formatCents } from "~/lib/format";

/** Progress toward the fundraising goal, readable by screen readers as a meter. */
export function GoalBar({ raisedCents, goalCents, percent }: { raisedCents: number; goalCents: number; percent: number }) {
  if (goalCents <= 0) return null;
  const label = `${formatCents(raisedCents)} raised of our ${formatCents(goalCents)} goal`;
  return (
    <div className="goal">
      <p className="goal-label" id="goal-label">
        <strong>{formatCents(raisedCents)}</strong> raised of our {formatCents(goalCents)} goal
      </p>
      <div
        className="progress"
        role="meter"
        aria-labelledby="goal-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        data-raised-cents={raisedCents}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
