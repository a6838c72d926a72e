/**
 * The personal-data map (personal-data-map.ts) checked against the database it describes.
 */
import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { CONTACT_REFERENCES } from "./personal-data-map";

export interface ColumnRef {
  table: string;
  column: string;
}

/** Every foreign key to contacts, as SQLite itself reports them. */
export function contactReferences(database: DbOrTx = db()): ColumnRef[] {
  return database.all<ColumnRef>(sql`
    select m.name as "table", p."from" as "column"
    from sqlite_master m join pragma_foreign_key_list(m.name) p
    where m.type = 'table' and p."table" = 'contacts' and m.name <> 'contacts'
    order by m.name, p."from"`);
}

/** Foreign keys to contacts that the map does not classify. Merge and erasure refuse while there
 *  are any: they cannot know what such a table holds, and must not claim a person was erased. */
export function unclassifiedReferences(database: DbOrTx = db()): ColumnRef[] {
  const known = new Set(CONTACT_REFERENCES.map((r) => `${r.table}.${r.column}`));
  return contactReferences(database).filter((r) => !known.has(`${r.table}.${r.column}`));
}

export function describeUnclassified(refs: ColumnRef[]): string {
  return `${refs.map((r) => `${r.table}.${r.column}`).join(", ")} ${refs.length === 1 ? "is" : "are"} not in the personal-data map (app/models/personal-data-map.ts); nothing was changed.`;
}

/** How many rows of `ref` point at the contact. */
export function countReferencing(ref: ColumnRef, contactId: number, database: DbOrTx = db()): number {
  return database.get<{ n: number }>(
    sql`select count(*) as n from ${sql.identifier(ref.table)} where ${sql.identifier(ref.column)} = ${contactId}`,
  )!.n;
}

/** The ids of the rows of `ref` that point at the contact. */
export function idsReferencing(ref: ColumnRef, contactId: number, database: DbOrTx = db()): number[] {
  return database
    .all<{ id: number }>(
      sql`select id from ${sql.identifier(ref.table)} where ${sql.identifier(ref.column)} = ${contactId}`,
    )
    .map((r) => r.id);
}
