/**
 * A fresh, real, migrated SQLite database for every test: a copy of the template, opened as the
 * process-wide connection that the models use.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeDatabase, useDatabase } from "#db/client";
import { templateDbPath, TMP_DIR } from "./paths";

const TEMPLATE_DB = templateDbPath();

let counter = 0;
let current: string | null = null;

export function freshDatabaseFile(): string {
  counter += 1;
  const file = path.join(TMP_DIR, `test-${process.pid}-${counter}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  return file;
}

function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

beforeEach(() => {
  current = freshDatabaseFile();
  process.env.DATABASE_URL = current;
  useDatabase(current);
});

afterEach(() => {
  closeDatabase();
  if (current) removeDatabase(current);
  current = null;
});
