/**
 * The itemized-contributions query: each received gift whose donor's running aggregate for the
 * year or cycle (through that gift) reaches the profile's threshold, in the order the gifts were
 * recorded. Used in this thread (report page, filing, tests) and by the export worker
 * (itemized-export.worker.mjs), which receives the same SQL and parameters.
 *
 * The profile is a parameter, not read from settings here, so a report can be asked of any
 * account (a PAC with federal and state accounts files under both); only that account's gifts
 * are read.
 *
 * The query runs on its own read-only connection: better-sqlite3 keeps a connection busy while a
 * statement is being iterated, and a streamed download interleaves with other requests.
 */
import Database from "better-sqlite3";
import { databaseFile } from "#db/client";
import { nextDay, startOfDayUtc } from "~/lib/time-zone";
import { COUNTED_STATUSES, newMexicoElectionDays, periodForDay, type ComplianceProfile } from "./compliance.server";

export interface ItemizedRow {
  id: number;
  contactId: number;
  firstName: string;
  lastName: string;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  employer: string | null;
  occupation: string | null;
  receivedAt: string;
  method: string;
  amountCents: number;
  refundedCents: number;
  disputedCents: number;
  feeCents: number | null;
  period: string;
  aggregateCents: number;
  contributorType: string;
  inKindDescription: string | null;
}

/** What a report is asked of: a range of PAC-calendar days of one account, under that account's
 *  profile. An account is named by its profile (one account per regime), so `profile.key` is the
 *  account whose gifts the report covers. */
export interface ReportScope {
  fromDay: string;
  toDay: string;
  profile: ComplianceProfile;
  timeZone: string;
}

const STATUS_LIST = COUNTED_STATUSES.map((s) => `'${s}'`).join(", ");

// A gift's net as the period's report saw it: refunds and chargebacks dated after the period's
// end (@to) are reported in their own period (decision 008) and must not change who this one
// itemizes. Only the few gifts with any refund or dispute need the ledger.
const NET_AS_OF_END = `max(0, case when refunded_cents = 0 and disputed_cents = 0 then amount_cents else amount_cents + coalesce((
  select sum(e.amount_cents) from money_entries e
  where e.donation_id = donations.id and e.kind <> 'receipt' and e.kind <> 'fee' and e.effective_at < @to), 0) end)`;

// Two steps, both inside SQLite. First the running aggregate over the covering index
// donations_period_contact_idx (each period's gifts already in donor-then-date order, so no sort)
// picks the itemized gifts into a temporary table of ids; then those rows are read in id order,
// which walks the table forward instead of jumping around it. Memory stays flat: the temporary
// table holds two integers per itemized gift, and rows stream out one chunk at a time.
function selectItemizedSql(comparison: ">" | ">=", periodCount: number) {
  const periods = Array.from({ length: periodCount }, (_, i) => `@p${i}`).join(", ");
  return `
    insert into temp.itemized (id, aggregate_cents)
    select id, aggregate_cents from (
      select id, received_at,
             ${NET_AS_OF_END} as net,
             sum(${NET_AS_OF_END}) over (
               partition by aggregation_period, contact_id order by received_at rows unbounded preceding
             ) as aggregate_cents
      from donations indexed by donations_period_contact_idx
      where aggregation_period in (${periods || "null"}) and account = @account
        and status in (${STATUS_LIST}) and is_anonymous = 0
    )
    where received_at >= @from and received_at < @to and aggregate_cents ${comparison} @threshold and net > 0`;
}

export const READ_ITEMIZED_SQL = `
  select d.id, d.contact_id, d.donor_first_name, d.donor_last_name, d.donor_street, d.donor_city, d.donor_state,
         d.donor_zip, d.donor_employer, d.donor_occupation, d.received_at, d.method, d.amount_cents,
         d.refunded_cents, d.disputed_cents, d.fee_cents, d.aggregation_period, t.aggregate_cents,
         d.contributor_type, d.in_kind_description
  from temp.itemized t join donations d on d.id = t.id
  order by t.id`;

/** Columns of READ_ITEMIZED_SQL, read as arrays (no object per row on the hot path). */
export type RawRow = [
  id: number,
  contactId: number,
  firstName: string,
  lastName: string,
  street: string | null,
  city: string | null,
  state: string | null,
  zip: string | null,
  employer: string | null,
  occupation: string | null,
  receivedAt: string,
  method: string,
  amountCents: number,
  refundedCents: number,
  disputedCents: number,
  feeCents: number | null,
  period: string,
  aggregateCents: number,
  contributorType: string,
  inKindDescription: string | null,
];

/** How many columns READ_ITEMIZED_SQL reads. */
export const ROW_WIDTH = 20;

export const CREATE_TEMP_SQL = "create temp table itemized (id integer primary key, aggregate_cents integer not null)";
// A modest page cache and no memory map: the export must not grow the server's memory.
export const CACHE_PRAGMA = "cache_size = -16000";

/** Every period a range of days touches: its ends and each boundary a period can change at. */
export function periodsInRange(fromDay: string, toDay: string, profile: ComplianceProfile): string[] {
  const days = new Set([fromDay, toDay]);
  for (let year = Number(fromDay.slice(0, 4)); year <= Number(toDay.slice(0, 4)); year++) {
    // Periods change on January 1 and the day after a primary (NMSA 1978 § 1-1-3.1).
    const { primary } = newMexicoElectionDays(year);
    for (const day of [`${year}-01-01`, primary, nextDay(primary)]) {
      if (day >= fromDay && day <= toDay) days.add(day);
    }
  }
  return [...new Set([...days].map((day) => periodForDay(day, profile).key))].sort();
}

export interface ItemizedQuery {
  selectSql: string;
  params: Record<string, string | number>;
}

/** The statement and parameters that pick a scope's itemized gifts. */
export function itemizedQuery({ fromDay, toDay, profile, timeZone }: ReportScope): ItemizedQuery {
  const periods = periodsInRange(fromDay, toDay, profile);
  return {
    // New Mexico lists every named contributor (NMSA 1978 § 1-19-31(A)); federal reports itemize
    // only those whose year's aggregate passes $200 (11 CFR 104.3(a)(4)(i)).
    selectSql: selectItemizedSql(
      profile.listsEveryNamedContributor ? ">=" : profile.itemizeRule === "over" ? ">" : ">=",
      periods.length,
    ),
    params: {
      ...Object.fromEntries(periods.map((p, i) => [`p${i}`, p])),
      // A gift belongs to one account; its report lists only that account's gifts.
      account: profile.key,
      from: startOfDayUtc(fromDay, timeZone),
      to: startOfDayUtc(nextDay(toDay), timeZone),
      threshold: profile.listsEveryNamedContributor ? 1 : profile.itemizeThresholdCents,
    },
  };
}

/** The raw rows of a scope, read in this thread on a read-only connection of its own. */
export function* readItemizedRows(scope: ReportScope, file = databaseFile()): Generator<RawRow> {
  const query = itemizedQuery(scope);
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  try {
    connection.pragma(CACHE_PRAGMA);
    connection.exec(CREATE_TEMP_SQL);
    connection.prepare(query.selectSql).run(query.params);
    yield* connection.prepare(READ_ITEMIZED_SQL).raw(true).iterate() as IterableIterator<RawRow>;
  } finally {
    connection.close();
  }
}

export function toItemizedRow(r: RawRow): ItemizedRow {
  return {
    id: r[0],
    contactId: r[1],
    firstName: r[2],
    lastName: r[3],
    street: r[4],
    city: r[5],
    state: r[6],
    zip: r[7],
    employer: r[8],
    occupation: r[9],
    receivedAt: r[10],
    method: r[11],
    amountCents: r[12],
    refundedCents: r[13],
    disputedCents: r[14],
    feeCents: r[15],
    period: r[16],
    aggregateCents: r[17],
    contributorType: r[18],
    inKindDescription: r[19],
  };
}

/** The itemized rows of a scope in the order they were recorded (donation id), each with the
 *  donor's running aggregate for its period. */
export function* itemizedContributions(scope: ReportScope, file = databaseFile()): Generator<ItemizedRow> {
  for (const raw of readItemizedRows(scope, file)) yield toItemizedRow(raw);
}
