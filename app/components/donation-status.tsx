const LABELS: Record<string, string> = {
  pending: "Pending",
  succeeded: "Received",
  failed: "Failed",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  disputed: "Disputed",
};

export function DonationStatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{LABELS[status] ?? status}</span>;
}

export const METHOD_LABELS: Record<string, string> = { card: "Card", check: "Check", cash: "Cash", in_kind: "In-kind" };
export const KIND_LABELS: Record<string, string> = { one_time: "One-time", recurring: "Monthly" };
export const STATUS_LABELS = LABELS;
