import { OUTCOME_LABELS } from "~/lib/format";

export function OutcomeBadge({ outcome }: { outcome: keyof typeof OUTCOME_LABELS | null }) {
  if (!outcome) return <span className="badge">No contest recorded</span>;
  return <span className={`badge badge-${outcome}`}>{OUTCOME_LABELS[outcome]}</span>;
}
