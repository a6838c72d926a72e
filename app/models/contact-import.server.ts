/**
 * CSV import of contacts: a preview that maps the file's columns to contact fields, then one
 * transaction that creates or updates a contact per row (dedupe by normalised email) and reports
 * what was created, updated, left unchanged and skipped, with line numbers for bad rows.
 */
import type Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { CsvError } from "csv-parse";
import { db, type Db, writeTransaction } from "#db/client";
import { type contacts } from "#db/schema";
import { isValidEmailAddress, normalizeEmail } from "~/lib/email-address";
import { IMPORT_FIELDS, type ImportField } from "~/lib/contact-import-fields";
import { recordAudit } from "./audit.server";
import { ensureTag } from "./contact-tags.server";
import { withBulkIndexing } from "./contact-search.server";

export { IMPORT_FIELDS, type ImportField };
/** For each contact field, the index of the CSV column that fills it. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

const HEADER_GUESSES: Record<string, ImportField> = {
  firstname: "firstName",
  first: "firstName",
  givenname: "firstName",
  lastname: "lastName",
  last: "lastName",
  surname: "lastName",
  familyname: "lastName",
  name: "fullName",
  fullname: "fullName",
  email: "email",
  emailaddress: "email",
  mail: "email",
  phone: "phone",
  phonenumber: "phone",
  mobile: "phone",
  cell: "phone",
  street: "street",
  address: "street",
  address1: "street",
  streetaddress: "street",
  city: "city",
  town: "city",
  state: "state",
  zip: "zip",
  zipcode: "zip",
  postalcode: "zip",
  postcode: "zip",
  employer: "employer",
  occupation: "occupation",
  jobtitle: "occupation",
  tags: "tags",
  tag: "tags",
};

export class CsvFormatError extends Error {}

interface ParsedRow {
  line: number;
  cells: string[];
}

/** Parses the whole file; each row carries the line number it starts on (the header is line 1). */
export function parseCsv(text: string): { header: string[]; rows: ParsedRow[] } {
  let records: string[][];
  try {
    // Empty lines come through as empty records so that counting them keeps line numbers right.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFormatError(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
  const blank = (r: string[]) => r.every((c) => c.trim() === "");
  let line = 1;
  let headerIndex = 0;
  // A quoted cell can hold line breaks, so a record may span several lines.
  const span = (r: string[]) => {
    let n = 1;
    for (const cell of r) for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n += 1;
    return n;
  };
  while (headerIndex < records.length && blank(records[headerIndex])) line += span(records[headerIndex++]);
  if (headerIndex >= records.length) throw new CsvFormatError("The file is empty.");
  const header = records[headerIndex];
  line += span(header);
  const rows: ParsedRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i];
    if (!blank(cells)) rows.push({ line, cells });
    line += span(cells);
  }
  return { header: header.map((h) => h.trim()), rows };
}

export function guessMapping(header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  header.forEach((h, index) => {
    const field = HEADER_GUESSES[h.toLowerCase().replace(/[^a-z0-9]/g, "")];
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

export function previewCsv(text: string, sampleSize = 5) {
  const { header, rows } = parseCsv(text);
  return { header, sample: rows.slice(0, sampleSize), rowCount: rows.length, mapping: guessMapping(header) };
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: Array<{ line: number; reason: string }>;
}

const CONTACT_COLUMNS = [
  "firstName",
  "lastName",
  "phone",
  "street",
  "city",
  "state",
  "zip",
  "employer",
  "occupation",
] as const;
const MAX_CELL = 500;
const COLUMN_NAMES: Record<(typeof CONTACT_COLUMNS)[number], string> = {
  firstName: "first_name",
  lastName: "last_name",
  phone: "phone",
  street: "street",
  city: "city",
  state: "state",
  zip: "zip",
  employer: "employer",
  occupation: "occupation",
};

type Values = Record<(typeof CONTACT_COLUMNS)[number], string | null> & { email: string | null; tags: string[] };

function readRow(cells: string[], mapping: ColumnMapping): Values | string {
  const cell = (field: ImportField) => {
    const index = mapping[field];
    if (index === undefined) return null;
    // Our own export guards formula-like cells with a leading apostrophe; take it off again.
    const value = (cells[index] ?? "").trim().replace(/^'(?=[=+\-@])/, "");
    return value.length ? value : null;
  };
  const values: Values = {
    firstName: cell("firstName"),
    lastName: cell("lastName"),
    email: cell("email"),
    phone: cell("phone"),
    street: cell("street"),
    city: cell("city"),
    state: cell("state"),
    zip: cell("zip"),
    employer: cell("employer"),
    occupation: cell("occupation"),
    tags: (cell("tags") ?? "")
      .split(/[;,]/)
      .map((t) => t.trim())
      .filter(Boolean),
  };
  const full = cell("fullName");
  if (full && !values.firstName) {
    const [first, ...rest] = full.split(/\s+/);
    values.firstName = first;
    values.lastName ??= rest.join(" ") || null;
  }
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "string" && (value.length > MAX_CELL || (/[<>]/.test(value) && key !== "email"))) {
      return `the ${key} value is longer than ${MAX_CELL} characters or contains < or >`;
    }
  }
  if (values.email && !isValidEmailAddress(values.email))
    return `"${values.email.slice(0, 60)}" is not a valid email address`;
  if (!values.email && !values.firstName) return "the row has neither a name nor an email address";
  return values;
}

/**
 * Imports the file in one transaction. Takes the database itself (not a transaction): the rows are
 * written through prepared statements on the SQLite connection, which 100k-row files need.
 */
export function importContacts(
  text: string,
  mapping: ColumnMapping,
  staffUserId: number | null,
  database: Db = db(),
): ImportReport {
  const { rows } = parseCsv(text);
  if (mapping.email === undefined && mapping.firstName === undefined && mapping.fullName === undefined) {
    throw new CsvFormatError("Map at least the email or the name column.");
  }
  // drizzle() returns the database with its better-sqlite3 connection attached as $client.
  const client = (database as Db & { $client: Database.Database }).$client;
  // A large file touches index pages all over a big table; a bigger page cache for the duration
  // saves re-reading them.
  const previousCacheSize = client.pragma("cache_size", { simple: true }) as number;
  client.pragma("cache_size = -65536");
  try {
    return importRows(rows, mapping, staffUserId, database, client);
  } finally {
    client.pragma(`cache_size = ${Number(previousCacheSize)}`);
  }
}

function importRows(
  rows: ParsedRow[],
  mapping: ColumnMapping,
  staffUserId: number | null,
  database: Db,
  client: Database.Database,
): ImportReport {
  const findByEmail = client.prepare("select * from contacts where email_normalized = ?");
  const insert = client.prepare(
    `insert into contacts (first_name, last_name, email, email_normalized, phone, phone_digits, street, city, state, zip, employer, occupation)
     values (@firstName, @lastName, @email, @emailNormalized, @phone, @phoneDigits, @street, @city, @state, @zip, @employer, @occupation)`,
  );
  const insertTag = client.prepare("insert or ignore into contact_tags (contact_id, tag_id) values (?, ?)");
  const updates = new Map<string, Database.Statement>();
  const updateStatement = (keys: string[]) => {
    const cacheKey = keys.join(",");
    let statement = updates.get(cacheKey);
    if (!statement) {
      const columns = keys.map(
        (k) => `${k === "phoneDigits" ? "phone_digits" : COLUMN_NAMES[k as keyof typeof COLUMN_NAMES]} = ?`,
      );
      statement = client.prepare(`update contacts set ${columns.join(", ")}, updated_at = ? where id = ?`);
      updates.set(cacheKey, statement);
    }
    return statement;
  };

  return writeTransaction(database, (tx) =>
    withBulkIndexing(client, (changed) => {
      const report: ImportReport = { created: 0, updated: 0, unchanged: 0, skipped: [] };
      const seen = new Map<string, number>();
      const tagIds = new Map<string, number>();
      const tag = (contactId: number, name: string) => {
        let id = tagIds.get(name);
        if (id === undefined) tagIds.set(name, (id = ensureTag(name, tx)));
        insertTag.run(contactId, id);
      };

      for (const row of rows) {
        const values = readRow(row.cells, mapping);
        if (typeof values === "string") {
          report.skipped.push({ line: row.line, reason: values });
          continue;
        }
        const emailNormalized = values.email ? normalizeEmail(values.email) : null;
        if (emailNormalized) {
          const earlier = seen.get(emailNormalized);
          if (earlier !== undefined) {
            report.skipped.push({ line: row.line, reason: `same email as line ${earlier}` });
            continue;
          }
          seen.set(emailNormalized, row.line);
        }
        const phoneDigits = values.phone?.replace(/\D/g, "") || null;
        const existing = emailNormalized
          ? (findByEmail.get(emailNormalized) as Record<string, string | null> | undefined)
          : undefined;
        if (!existing) {
          const id = Number(
            insert.run({
              ...values,
              tags: undefined,
              firstName: values.firstName ?? "",
              lastName: values.lastName ?? "",
              emailNormalized,
              phoneDigits,
            }).lastInsertRowid,
          );
          report.created += 1;
          for (const t of values.tags) tag(id, t);
          continue;
        }
        // A blank cell never erases what we already know.
        const patch: Partial<typeof contacts.$inferInsert> = {};
        for (const key of CONTACT_COLUMNS) {
          const value = values[key];
          if (value && value !== existing[COLUMN_NAMES[key]]) patch[key] = value;
        }
        if (patch.phone) patch.phoneDigits = phoneDigits;
        const id = Number(existing.id);
        const keys = Object.keys(patch) as Array<keyof typeof COLUMN_NAMES | "phoneDigits">;
        if (keys.length) {
          updateStatement(keys).run(...keys.map((k) => patch[k]), new Date().toISOString(), id);
          report.updated += 1;
        } else {
          report.unchanged += 1;
        }
        for (const t of values.tags) tag(id, t);
        if (patch.firstName || patch.lastName || patch.phone || values.tags.length) changed(id);
      }
      recordAudit(
        {
          staffUserId,
          entity: "contact_import",
          entityId: null,
          action: "import",
          after: {
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            skipped: report.skipped.length,
          },
        },
        tx,
      );
      return report;
    }),
  );
}
