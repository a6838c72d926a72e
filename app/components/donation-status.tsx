import type { CONTRIBUTOR_TYPES } from "#db/enums";
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

export const CONTRIBUTOR_TYPE_LABELS: Record<(typeof CONTRIBUTOR_TYPES)[number], string> = {
  individual: "An individual (their own money)",
  business: "A business or corporation",
  union: "A labor union",
  political_committee: "A political committee (PAC)",
  party: "A political party",
  other: "Another organization",
};
