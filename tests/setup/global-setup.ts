/**
 * Migrates one template database per set of migrations; each test then starts from a copy of it
 * (tests/setup/fresh-database.ts), which is far cheaper than migrating per test.
 */
import fs from "node:fs";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { templateDbPath, TMP_DIR } from "./paths";

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const template = templateDbPath();
  if (fs.existsSync(template)) return;
  const building = `${template}.${process.pid}.tmp`;
  const { sqlite, db } = openDatabase(building);
  runMigrations(db);
  // Fold the WAL into the main file so that the one file holds everything, then publish it
  // atomically under its final name.
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  fs.renameSync(building, template);
}
