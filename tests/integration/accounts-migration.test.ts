/**
 * Migration 0012 gives every existing gift an account: the profile configured when it runs, so a
 * federal PAC's history stays federal and a New Mexico PAC's stays New Mexico's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openDatabase } from "#db/client";
import { migrationsFolder } from "#db/migrate";

function foldersUpTo(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  journal.entries = journal.entries.slice(0, cut + 1);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

it.each([
  ['"us_federal"', "us_federal"],
  ['"new_mexico"', "new_mexico"],
  [null, "new_mexico"],
  ['"no_such_profile"', "new_mexico"],
])("with the profile setting %s, existing gifts belong to the %s account", (stored, expected) => {
  const file = path.join(os.tmpdir(), `accounts-migration-${process.pid}-${Date.now()}-${expected}.db`);
  const { sqlite, db } = openDatabase(file);
  try {
    migrate(db, { migrationsFolder: foldersUpTo("0013_excessive_contributions") });
    if (stored)
      sqlite
        .prepare("insert into settings (key, value, updated_at) values ('complianceProfile', ?, '2026-01-01')")
        .run(stored);
    sqlite.prepare("insert into contacts (id, first_name, last_name) values (1, 'Ana', 'Ruiz')").run();
    sqlite
      .prepare(
        `insert into donations (contact_id, amount_cents, status, donor_first_name, donor_last_name, aggregation_period, received_at)
         values (1, 5000, 'succeeded', 'Ana', 'Ruiz', '2026', '2026-02-01T18:00:00.000Z')`,
      )
      .run();
    const totalBefore = sqlite.prepare("select net_cents from donation_totals").get();
    migrate(db, { migrationsFolder });
    expect(sqlite.prepare("select account from donations").get()).toEqual({ account: expected });
    // Added in place: the totals trigger survived and the total did not move.
    expect(sqlite.prepare("select net_cents from donation_totals").get()).toEqual(totalBefore);
    expect(
      sqlite
        .prepare("select count(*) as n from sqlite_master where type = 'trigger' and name like 'donation_totals%'")
        .get(),
    ).toEqual({ n: 3 });
  } finally {
    sqlite.close();
    for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  }
});
