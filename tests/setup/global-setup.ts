/**
 * Migrates one template database per test run; each test then starts from a copy of it
 * (tests/setup/fresh-database.ts), which is far cheaper than migrating per test.
 */
import fs from "node:fs";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const { sqlite, db } = openDatabase(TEMPLATE_DB);
  runMigrations(db);
  // Fold the WAL into the main file so that copying the one file copies everything.
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
