import fs from "node:fs";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { freshDatabaseFile } from "../setup/fresh-database";

describe("migrations", () => {
  it("apply to an empty database and create every table in WAL mode with foreign keys on", () => {
    const file = freshDatabaseFile().replace(/\.db$/, "-empty.db");
    fs.rmSync(file, { force: true });
    const { sqlite, db } = openDatabase(file);
    try {
      expect(sqlite.prepare("select count(*) as n from sqlite_master where type = 'table'").get()).toEqual({ n: 0 });
      runMigrations(db);
      const tables = sqlite
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
        )
        .all()
        .map((r) => (r as { name: string }).name);
      for (const name of [
        "contacts",
        "candidates",
        "votes",
        "donations",
        "stripe_events",
        "email_outbox",
        "subscriptions",
      ]) {
        expect(tables).toContain(name);
      }
      expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
      // Applying again is a no-op.
      runMigrations(db);
    } finally {
      sqlite.close();
      for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
    }
  });
});
