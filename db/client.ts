/**
 * The one database connection of a process.
 *
 * better-sqlite3 is synchronous, so a drizzle transaction is a plain function call: a model can
 * write its rows and enqueue its emails in one transaction without any awaits in between.
 * Import only from `*.server.ts` modules and scripts, never from browser code.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
/** The `tx` handed to `db().transaction(tx => …)`; models accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

interface Connection {
  file: string;
  sqlite: Database.Database;
  db: Db;
}

let current: Connection | null = null;

export function databaseFile(): string {
  return process.env.DATABASE_URL?.replace(/^file:/, "") || "data/champions.db";
}

export function openDatabase(file: string): Connection {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Writers wait for each other instead of failing at once with SQLITE_BUSY.
  sqlite.pragma("busy_timeout = 5000");
  // Safe with WAL: a crash may lose the last commits' durability, never consistency.
  sqlite.pragma("synchronous = NORMAL");
  return { file, sqlite, db: drizzle(sqlite, { schema }) };
}

/** The process-wide connection, opened on first use from DATABASE_URL. */
export function db(): Db {
  if (!current) current = openDatabase(databaseFile());
  return current.db;
}

export function sqlite(): Database.Database {
  db();
  return current!.sqlite;
}

/** Switches the process to another database file (the test harness and CLIs use it). */
export function useDatabase(file: string): Db {
  closeDatabase();
  current = openDatabase(file);
  return current.db;
}

export function closeDatabase(): void {
  current?.sqlite.close();
  current = null;
}

export { schema };
