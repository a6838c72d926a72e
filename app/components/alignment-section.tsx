/**
 * A member's alignment score with its basis: how many scored roll calls it rests on, the votes
 * missed (shown apart), the board's average on the same roll calls, and a warning when the score
 * rests on too few votes or only on unanimous ones.
 */
import type { AlignmentScore } from "~/models/alignment.server";

const pct = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

export function AlignmentSection({ alignment: a }: { alignment: AlignmentScore }) {
  return (
    <section aria-labelledby="alignment-title" className="card">
      <h2 id="alignment-title">Alignment score</h2>
      {a.counted === 0 ? (
        <p>No scored votes yet.</p>
      ) : (
        <>
          <p>
            <strong className="score">{pct(a.aligned, a.counted)}</strong>{" "}
            <span>
              {a.aligned} of {a.counted} scored {a.counted === 1 ? "vote" : "votes"} matched the PAC's preferred vote.
            </span>
          </p>
          <ul className="score-basis">
            <li>
              Board average on the same roll calls:{" "}
              <strong>{a.board.counted ? pct(a.board.aligned, a.board.counted) : "—"}</strong>{" "}
              <span className="muted">
                ({a.board.aligned} of {a.board.counted} members' yes/no votes)
              </span>
            </li>
            {a.fewVotes || a.onlyUnanimous ? (
              <li className="score-warning">
                {a.fewVotes ? `Based on only ${a.counted} scored ${a.counted === 1 ? "vote" : "votes"}` : "Based"}
                {a.onlyUnanimous ? `${a.fewVotes ? ", all" : " only on"} unanimous ones` : ""}: read it with care.
              </li>
            ) : null}
          </ul>
        </>
      )}
      <p>
        Missed votes (absent or abstaining on scored roll calls): <strong>{a.missed}</strong>
        <span className="muted">, not counted in the score.</span>
      </p>
      <p className="muted">
        The PAC chooses which roll calls to score and its preferred vote on each (a yes to table a measure the PAC
        supports counts against it); other roll calls are not scored.{" "}
        {a.countsUnanimous
          ? "Unanimous votes are included."
          : `Unanimous votes are left out${a.leftOutUnanimous ? ` (${a.leftOutUnanimous} left out)` : ""}.`}
      </p>
    </section>
  );
}
