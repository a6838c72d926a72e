import { formatCents } from "~/lib/format";

/** Progress toward the fundraising goal, readable by screen readers as a meter, with how many gave. */
export function GoalBar({
  raisedCents,
  goalCents,
  percent,
  donors,
}: {
  raisedCents: number;
  goalCents: number;
  percent: number;
  donors?: number;
}) {
  if (goalCents <= 0) return null;
  const people =
    donors === undefined ? "" : ` from ${donors.toLocaleString("en-US")} ${donors === 1 ? "donor" : "donors"}`;
  const label = `${formatCents(raisedCents)} raised${people} of our ${formatCents(goalCents)} goal`;
  return (
    <div className="goal">
      <p className="goal-label" id="goal-label">
        <strong>{formatCents(raisedCents)}</strong> raised
        {donors === undefined ? null : (
          <>
            {" "}
            from <strong data-donors={donors}>{donors.toLocaleString("en-US")}</strong>{" "}
            {donors === 1 ? "donor" : "donors"}
          </>
        )}{" "}
        of our {formatCents(goalCents)} goal
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
