import { fileURLToPath } from "node:url";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { identityKeys } from "../app/lib/donor-identity-keys";
import { writeTransaction, type Db } from "./client";
import { donorIdentities } from "./schema";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

function hasTable(database: Db, name: string): boolean {
  return database.all(sql`select 1 from sqlite_master where type = 'table' and name = ${name}`).length > 0;
}

export function runMigrations(database: Db): void {
  const identitiesExisted = hasTable(database, "donor_identities");
  migrate(database, { migrationsFolder });
  if (!identitiesExisted) backfillDonorIdentities(database);
}

/**
 * Once, when migration 0015 creates donor_identities: the details every earlier named gift was
 * given with, so that earlier donors (checks without email included) are matched by name and
 * address from the first gift after the upgrade. The keys are normalised in code (street
 * abbreviations, ZIP+4), which SQL alone cannot do.
 */
export function backfillDonorIdentities(database: Db): void {
  const rows = database.all<{
    contactId: number;
    firstName: string;
    lastName: string;
    email: string | null;
    street: string | null;
    city: string | null;
    state: string | null;
    zip: string | null;
  }>(sql`
    select distinct contact_id as contactId, donor_first_name as firstName, donor_last_name as lastName,
      lower(trim(donor_email)) as email, donor_street as street, donor_city as city, donor_state as state, donor_zip as zip
    from donations where is_anonymous = 0 and status <> 'failed'`);
  const seen = new Set<string>();
  const values: (typeof donorIdentities.$inferInsert)[] = [];
  for (const row of rows) {
    const keys = identityKeys(row);
    if (!keys.firstKey && !keys.lastKey) continue;
    const id = [row.contactId, keys.nameKey, keys.addressKey, keys.emailNormalized].join("\u0000");
    if (seen.has(id)) continue;
    seen.add(id);
    values.push({
      contactId: row.contactId,
      nameKey: keys.nameKey,
      addressKey: keys.addressKey,
      emailNormalized: keys.emailNormalized,
      firstKey: keys.firstKey,
      lastKey: keys.lastKey,
      streetKey: keys.streetKey,
      zip5: keys.zip5,
      cityKey: keys.cityKey,
      stateKey: keys.stateKey,
    });
  }
  writeTransaction(database, (tx) => {
    for (let i = 0; i < values.length; i += 500)
      tx.insert(donorIdentities)
        .values(values.slice(i, i + 500))
        .run();
  });
}
