/**
 * Itemized contributions for a filing period: each received gift whose donor's running aggregate
 * for the year or cycle (through that gift) reaches the profile's threshold. The CSV export
 * streams them; the report page shows the same rows and totals.
 *
 * The query runs on its own read-only connection: better-sqlite3 keeps a connection busy while
 * a statement is being iterated, and a streamed download interleaves with other requests.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { databaseFile } from "#db/client";
import { dayInZone, nextDay, startOfDayUtc } from "~/lib/time-zone";
import {
  COUNTED_STATUSES,
  complianceProfile,
  newMexicoElectionDays,
  periodForDay,
  type ComplianceProfile,
} from "./compliance.server";
import { DEFAULT_SETTINGS, getSettings } from "./settings.server";
import { receiptsInRange } from "./donation-stats.server";

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
      where aggregation_period in (${periods || "null"}) and status in (${STATUS_LIST}) and is_anonymous = 0
    )
    where received_at >= @from and received_at < @to and aggregate_cents ${comparison} @threshold and net > 0`;
}

const READ_ITEMIZED_SQL = `
  select d.id, d.contact_id, d.donor_first_name, d.donor_last_name, d.donor_street, d.donor_city, d.donor_state,
         d.donor_zip, d.donor_employer, d.donor_occupation, d.received_at, d.method, d.amount_cents,
         d.refunded_cents, d.disputed_cents, d.fee_cents, d.aggregation_period, t.aggregate_cents
  from temp.itemized t join donations d on d.id = t.id
  order by t.id`;

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

/** Columns of READ_ITEMIZED_SQL, read as arrays (no object per row on the hot path). */
type RawRow = [
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
];

function toRow(r: RawRow): ItemizedRow {
  const [
    id,
    contactId,
    firstName,
    lastName,
    street,
    city,
    state,
    zip,
    employer,
    occupation,
    receivedAt,
    method,
    amountCents,
    refundedCents,
    disputedCents,
    feeCents,
    period,
    aggregateCents,
  ] = r;
  return {
    id,
    contactId,
    firstName,
    lastName,
    street,
    city,
    state,
    zip,
    employer,
    occupation,
    receivedAt,
    method,
    amountCents,
    refundedCents,
    disputedCents,
    feeCents,
    period,
    aggregateCents,
  };
}

interface ItemizedQuery {
  selectSql: string;
  params: Record<string, string | number>;
}

function itemizedQuery(fromDay: string, toDay: string): ItemizedQuery {
  const settings = getSettings();
  const profile = complianceProfile(settings);
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
      from: startOfDayUtc(fromDay, settings.timeZone),
      to: startOfDayUtc(nextDay(toDay), settings.timeZone),
      threshold: profile.listsEveryNamedContributor ? 1 : profile.itemizeThresholdCents,
    },
  };
}

const CREATE_TEMP_SQL = "create temp table itemized (id integer primary key, aggregate_cents integer not null)";
// A modest page cache and no memory map: the export must not grow the server's memory.
const CACHE_PRAGMA = "cache_size = -16000";

function* itemizedRaw(fromDay: string, toDay: string, file: string): Generator<RawRow> {
  const query = itemizedQuery(fromDay, toDay);
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

// The streamed download runs the same queries on a worker thread: the server keeps answering
// other requests while SQLite works, and the reads overlap with building and sending the CSV.
// Credits in shared memory bound how many batches wait in the queue, so memory stays flat.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const credits = new Int32Array(workerData.credits);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  db.pragma(workerData.cachePragma);
  db.exec(workerData.createTempSql);
  db.prepare(workerData.selectSql).run(workerData.params);
  let batch = [];
  const send = () => {
    while (Atomics.load(credits, 0) <= 0) Atomics.wait(credits, 0, Atomics.load(credits, 0), 1000);
    Atomics.sub(credits, 0, 1);
    parentPort.postMessage(batch);
    batch = [];
  };
  // Rows laid end to end in one flat array: far cheaper to pass between threads than an array of rows.
  const width = workerData.width;
  for (const row of db.prepare(workerData.readSql).raw(true).iterate()) {
    for (let i = 0; i < width; i++) batch.push(row[i]);
    if (batch.length === workerData.batchSize * width) send();
  }
  if (batch.length) send();
  parentPort.postMessage(null);
} finally {
  db.close();
}
`;

const BATCH_ROWS = 2000;
/** Columns of READ_ITEMIZED_SQL. */
const ROW_WIDTH = 18;
const BATCHES_IN_FLIGHT = 2;

async function* itemizedCsvFromWorker(
  fromDay: string,
  toDay: string,
  file: string,
  timeZone: string,
): AsyncGenerator<string> {
  const { line } = csvLineFactory(timeZone);
  const query = itemizedQuery(fromDay, toDay);
  const credits = new Int32Array(new SharedArrayBuffer(4));
  credits[0] = BATCHES_IN_FLIGHT;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file,
      credits: credits.buffer,
      cachePragma: CACHE_PRAGMA,
      createTempSql: CREATE_TEMP_SQL,
      selectSql: query.selectSql,
      readSql: READ_ITEMIZED_SQL,
      params: query.params,
      batchSize: BATCH_ROWS,
      width: ROW_WIDTH,
    },
  });
  const queue: Array<unknown[] | null | Error> = [];
  let wake: (() => void) | null = null;
  const push = (item: unknown[] | null | Error) => {
    queue.push(item);
    wake?.();
    wake = null;
  };
  worker.on("message", (batch: unknown[] | null) => push(batch));
  worker.on("error", (error) => push(error));
  worker.on("exit", (code) => push(code === 0 ? null : new Error(`export worker stopped with code ${code}`)));
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift()!;
      if (item === null) return;
      if (item instanceof Error) throw item;
      Atomics.add(credits, 0, 1);
      Atomics.notify(credits, 0);
      const lines: string[] = [];
      for (let o = 0; o < item.length; o += ROW_WIDTH) lines.push(line(item, o));
      yield lines.join("\n") + "\n";
    }
  } finally {
    // Also reached when the download is abandoned: the worker and its connection go away.
    void worker.terminate();
  }
}

/** Yields the itemized rows of a date range (PAC-calendar days, inclusive) in the order they were
 *  recorded (donation id), each with the donor's running aggregate for its period. */
export function* itemizedContributions(fromDay: string, toDay: string, file = databaseFile()): Generator<ItemizedRow> {
  for (const raw of itemizedRaw(fromDay, toDay, file)) yield toRow(raw);
}

// ───────────── CSV ─────────────

export const ITEMIZED_CSV_HEADER = [
  "donation_id",
  "full_name",
  "street",
  "city",
  "state",
  "zip",
  "employer",
  "occupation",
  "date",
  "method",
  "amount",
  "refunded",
  "aggregate_for_period",
  "period",
  "stripe_fee",
  "net",
];

/** Builds the function that turns a row into a CSV line (with its per-export day cache). */
function csvLineFactory(timeZone: string) {
  const formula = /^[=+\-@\t\r]/;
  const special = /[",\r\n]/;
  const cell = (value: string | null): string => {
    if (value == null) return "";
    // Spreadsheets run cells that start like a formula; a donor's name must never do that.
    const s = formula.test(value) ? `'${value}` : value;
    return special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // Cents as dollars with two decimals, by integer arithmetic (no floating point on money).
  const money = (cents: number | null): string => {
    if (cents == null) return "";
    const abs = cents < 0 ? -cents : cents;
    const rest = abs % 100;
    return `${cents < 0 ? "-" : ""}${(abs - rest) / 100}.${rest < 10 ? "0" : ""}${rest}`;
  };
  const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  // Days change with the hour at most, so one time-zone conversion per hour of data is enough.
  const dayByHour = new Map<string, string>();
  const dayOf = (instant: string): string => {
    const hour = instant.slice(0, 13);
    let day = dayByHour.get(hour);
    if (!day) {
      const parts = dayFormat.formatToParts(new Date(instant));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
      day = `${get("year")}-${get("month")}-${get("day")}`;
      if (dayByHour.size > 100_000) dayByHour.clear();
      dayByHour.set(hour, day);
    }
    return day;
  };
  // Reads one row at offset `o` of `r`: a row array, or a batch of rows laid end to end.
  const line = (r: ArrayLike<unknown>, o = 0): string => {
    const [
      id,
      firstName,
      lastName,
      street,
      city,
      state,
      zip,
      employer,
      occupation,
      receivedAt,
      method,
      amount,
      refunded,
      disputed,
      fee,
      period,
      aggregate,
    ] = [
      r[o],
      r[o + 2],
      r[o + 3],
      r[o + 4],
      r[o + 5],
      r[o + 6],
      r[o + 7],
      r[o + 8],
      r[o + 9],
      r[o + 10],
      r[o + 11],
      r[o + 12],
      r[o + 13],
      r[o + 14],
      r[o + 15],
      r[o + 16],
      r[o + 17],
    ] as [
      number,
      string,
      string,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string,
      string,
      number,
      number,
      number,
      number | null,
      string,
      number,
    ];
    const net = amount - refunded - disputed - (fee ?? 0);
    return (
      `${id},${cell(lastName ? `${firstName} ${lastName}` : firstName)},${cell(street)},${cell(city)},${cell(state)},${cell(zip)},` +
      `${cell(employer)},${cell(occupation)},${dayOf(receivedAt)},${method},${money(amount)},${money(refunded)},` +
      `${money(aggregate)},${cell(period)},${money(fee)},${money(net)}`
    );
  };
  return { line, money };
}

/** Cents as dollars with two decimals, by integer arithmetic (no zone plays a part in it). */
export const centsToDecimal = csvLineFactory(DEFAULT_SETTINGS.timeZone).money;

const CSV_HEADER_LINE = ITEMIZED_CSV_HEADER.join(",") + "\n";

/** The CSV as chunks of text, computed in this thread (tests, scripts). */
export function* itemizedCsvChunks(
  fromDay: string,
  toDay: string,
  file = databaseFile(),
  rowsPerChunk = BATCH_ROWS,
): Generator<string> {
  const { line } = csvLineFactory(getSettings().timeZone);
  yield CSV_HEADER_LINE;
  let lines: string[] = [];
  for (const r of itemizedRaw(fromDay, toDay, file)) {
    lines.push(line(r));
    if (lines.length >= rowsPerChunk) {
      yield lines.join("\n") + "\n";
      lines = [];
    }
  }
  if (lines.length) yield lines.join("\n") + "\n";
}

/** The CSV as chunks of text for a streamed download, read on a worker thread; memory stays flat
 *  whatever the range. */
export async function* itemizedCsvStream(
  fromDay: string,
  toDay: string,
  file = databaseFile(),
): AsyncGenerator<string> {
  yield CSV_HEADER_LINE;
  yield* itemizedCsvFromWorker(fromDay, toDay, file, getSettings().timeZone);
}

// ───────────── Report page ─────────────

export interface FilingReport {
  rows: ItemizedRow[];
  shown: number;
  itemizedCount: number;
  itemizedTotalCents: number;
  /** what the itemized gifts brought in, before any refund */
  itemizedReceivedCents: number;
}

/** The report page: totals over every itemized row, the first `limit` rows listed. */
export function itemizedReport(fromDay: string, toDay: string, limit = 500): FilingReport {
  const rows: ItemizedRow[] = [];
  let itemizedCount = 0;
  let itemizedTotalCents = 0;
  let itemizedReceivedCents = 0;
  for (const r of itemizedContributions(fromDay, toDay)) {
    itemizedCount += 1;
    itemizedReceivedCents += r.amountCents;
    itemizedTotalCents += r.amountCents - r.refundedCents - r.disputedCents;
    if (rows.length < limit) rows.push(r);
  }
  return { rows, shown: rows.length, itemizedCount, itemizedTotalCents, itemizedReceivedCents };
}

/** A range of PAC-calendar days; by default the current calendar year so far. */
export function resolveRange(range: { from?: string; to?: string }) {
  const today = dayInZone(new Date(), getSettings().timeZone);
  const from = range.from ?? `${(range.to ?? today).slice(0, 4)}-01-01`;
  const to = range.to ?? today;
  return from <= to ? { fromDay: from, toDay: to } : { fromDay: to, toDay: from };
}

/** The streamed CSV download of a range: its file name and its chunks. */
export function itemizedExport(range: { from?: string; to?: string }) {
  const { fromDay, toDay } = resolveRange(range);
  return { filename: `itemized-contributions-${fromDay}-to-${toDay}.csv`, chunks: itemizedCsvStream(fromDay, toDay) };
}

/** The filing-period report page: receipts by method and the itemized contributions. */
export function filingReport(range: { from?: string; to?: string }) {
  const { fromDay, toDay } = resolveRange(range);
  const receipts = receiptsInRange(fromDay, toDay);
  const itemized = itemizedReport(fromDay, toDay);
  // Receipts of the period, itemized or not, before the period's refunds, which are reported apart.
  return {
    fromDay,
    toDay,
    receipts,
    itemized,
    unitemizedCents: receipts.receivedCents - itemized.itemizedReceivedCents,
  };
}
