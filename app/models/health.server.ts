import { sql } from "drizzle-orm";
import { db } from "#db/client";

/** Throws when the database cannot answer. */
export function checkDatabase(): void {
  db().get(sql`select 1`);
}
