/**
 * Finding contacts by name, email, phone or tag. Typed text goes through the FTS5 index
 * (db/migrations/0001_contacts_fts.sql), so a search stays fast at 100k contacts; merged and
 * erased contacts are not in the index.
 */
import type Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";

export interface ContactFilters {
  q?: string | null;
  tag?: string | null;
}

export interface ContactListRow {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  zip: string | null;
  tags: string | null;
}

export const CONTACTS_PAGE_SIZE = 50;

// Matches come newest first, like the unfiltered list: FTS5 walks its index in rowid order, so
// the first page costs the same however many people share a surname (ranking would score them all).

/** Turns what staff typed into an FTS5 query of quoted prefix terms; null when nothing is searchable. */
export function ftsQuery(input: string | null | undefined): string | null {
  const raw = (input ?? "").trim().slice(0, 200);
  if (!raw) return null;
  // A phone number typed with punctuation is a single run of digits in the index.
  if (/^[\d\s().+-]+$/.test(raw)) {
    const digits = raw.replace(/\D/g, "");
    return digits.length ? `phone : "${digits}"*` : null;
  }
  const tokens = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return tokens.length ? tokens.map((t) => `"${t}"*`).join(" ") : null;
}

function tagCondition(tag: string | null | undefined): SQL {
  return tag
    ? sql`and exists (select 1 from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id and t.name = ${tag})`
    : sql``;
}

const columns = sql`c.id as id, c.first_name as firstName, c.last_name as lastName, c.email as email, c.phone as phone,
  c.city as city, c.zip as zip,
  (select group_concat(t.name, ', ') from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id) as tags`;

function query(filters: ContactFilters, limit: number, offset: number): SQL {
  const match = ftsQuery(filters.q);
  if (match) {
    return sql`select ${columns} from contacts_fts f join contacts c on c.id = f.rowid
      where contacts_fts match ${match} ${tagCondition(filters.tag)}
      order by f.rowid desc limit ${limit} offset ${offset}`;
  }
  return sql`select ${columns} from contacts c
    where c.merged_into_id is null and c.erased_at is null ${tagCondition(filters.tag)}
    order by c.id desc limit ${limit} offset ${offset}`;
}

export function searchContacts(filters: ContactFilters, page = 1, database: DbOrTx = db()) {
  const offset = (Math.max(1, page) - 1) * CONTACTS_PAGE_SIZE;
  // One extra row tells whether a next page exists without counting every match.
  const rows = database.all<ContactListRow>(query(filters, CONTACTS_PAGE_SIZE + 1, offset));
  return {
    rows: rows.slice(0, CONTACTS_PAGE_SIZE),
    hasMore: rows.length > CONTACTS_PAGE_SIZE,
    page: Math.max(1, page),
  };
}

export const CONTACT_EXPORT_HEADER = [
  "id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "street",
  "city",
  "state",
  "zip",
  "employer",
  "occupation",
  "tags",
  "created_at",
];

/** Every contact the filters match, in export column order. */
export function contactExportRows(filters: ContactFilters, database: DbOrTx = db()): unknown[][] {
  const match = ftsQuery(filters.q);
  const cols = sql`c.id, c.first_name, c.last_name, c.email, c.phone, c.street, c.city, c.state, c.zip, c.employer, c.occupation,
    (select group_concat(t.name, ';') from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id), c.created_at`;
  const statement = match
    ? sql`select ${cols} from contacts_fts f join contacts c on c.id = f.rowid where contacts_fts match ${match} ${tagCondition(filters.tag)} order by c.id`
    : sql`select ${cols} from contacts c where c.merged_into_id is null and c.erased_at is null ${tagCondition(filters.tag)} order by c.id`;
  return database.values<unknown[]>(statement);
}

/** Re-reads a contact's tag names into the index (after rows were moved onto it in bulk). */
export function refreshSearchTags(contactId: number, database: DbOrTx = db()): void {
  database.run(
    sql`update contacts_fts set tags = coalesce((select group_concat(t.name, ' ') from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = ${contactId}), '') where rowid = ${contactId}`,
  );
}

// The per-row triggers that keep the index in step (db/migrations/0001_contacts_fts.sql).
const ROW_TRIGGERS = ["contacts_fts_after_insert", "contacts_fts_after_update", "contact_tags_fts_after_insert"];

/**
 * For bulk writes such as a CSV import, inside the caller's transaction: runs `write` with the
 * per-row index triggers off, then indexes in one statement every contact created during `write`
 * and every existing one it marked as changed, which is several times faster than one index update
 * per row. The triggers come back before the transaction commits, so no other connection ever
 * sees them missing.
 */
export function withBulkIndexing<T>(client: Database.Database, write: (changed: (contactId: number) => void) => T): T {
  const saved = client
    .prepare(
      `select sql from sqlite_master where type = 'trigger' and name in (${ROW_TRIGGERS.map(() => "?").join(", ")})`,
    )
    .pluck()
    .all(...ROW_TRIGGERS) as string[];
  const lastIdBefore = (client.prepare("select coalesce(max(id), 0) from contacts").pluck().get() as number) ?? 0;
  for (const name of ROW_TRIGGERS) client.exec(`drop trigger if exists ${name}`);
  const changed = new Set<number>();
  const result = write((id) => changed.add(id));
  client.exec("create temp table if not exists bulk_changed (id integer primary key)");
  const mark = client.prepare("insert or ignore into temp.bulk_changed (id) values (?)");
  for (const id of changed) mark.run(id);
  client
    .prepare(`insert into temp.bulk_changed (id) select id from contacts where id > ? on conflict do nothing`)
    .run(lastIdBefore);
  client.exec(`
    delete from contacts_fts where rowid in (select id from temp.bulk_changed);
    insert into contacts_fts (rowid, name, email, phone, tags)
    select c.id, c.first_name || ' ' || c.last_name, coalesce(c.email_normalized, ''), coalesce(c.phone_digits, ''),
      coalesce((select group_concat(t.name, ' ') from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id), '')
    from temp.bulk_changed b join contacts c on c.id = b.id
    where c.merged_into_id is null and c.erased_at is null;
    delete from temp.bulk_changed;`);
  for (const statement of saved) client.exec(statement);
  return result;
}
