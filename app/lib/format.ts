/** Display helpers shared by server and browser code. Money is integer cents everywhere else. */

export function formatCents(cents: number, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

/** A basis-point share (5812) as a percentage ("58.1%"). */
export function formatShare(bp: number | null | undefined): string {
  if (bp == null) return "—";
  return `${(bp / 100).toFixed(1)}%`;
}

const dayFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** A calendar day stored as YYYY-MM-DD, shown without shifting it through a time zone. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "—";
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** An instant stored in UTC, shown in the PAC's time zone. */
export function formatInstant(iso: string | null | undefined, timeZone = "America/Denver"): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

export const OUTCOME_LABELS = { won: "Won", lost: "Lost", runoff: "Runoff", pending: "Pending" } as const;
