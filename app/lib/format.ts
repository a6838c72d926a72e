/**
 * Display helpers shared by server and browser code. Money is integer cents everywhere else.
 * An instant is shown in the PAC's time zone (settings.timeZone), which every caller passes:
 * routes read it with `useTimeZone()` (app/lib/use-time-zone.ts), emails from their frame.
 * No formatter here picks a zone of its own (tests/unit/time-zone-display.test.ts checks).
 */

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

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * A calendar day stored as YYYY-MM-DD ("February 7, 2017"). A day belongs to no time zone, so it
 * is written out from its digits rather than passed through a clock.
 */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "—";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month || Number(match[3]) < 1 || Number(match[3]) > 31) return day;
  return `${month} ${Number(match[3])}, ${match[1]}`;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(kind: "instant" | "date", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      "en-US",
      kind === "instant" ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "long", timeZone },
    );
    instantFormats.set(key, format);
  }
  return format;
}

/** An instant stored in UTC, shown with its time in the given zone ("Feb 3, 2026, 10:30 AM"). */
export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "—";
  return cachedFormat("instant", timeZone).format(new Date(iso));
}

/** The calendar day an instant falls on in the given zone ("February 3, 2026"). */
export function formatInstantDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "—";
  return cachedFormat("date", timeZone).format(new Date(iso));
}

export const OUTCOME_LABELS = { won: "Won", lost: "Lost", runoff: "Runoff", pending: "Pending" } as const;
