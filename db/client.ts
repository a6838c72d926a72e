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
  /** The file's identity when it was opened: a file deleted or replaced under us changes it. */
  identity: { dev: number; ino: number } | null;
}

/** A database the process cannot use safely; the message says what to fix. */
export class StorageError extends Error {
  override name = "StorageError";
}

let current: Connection | null = null;

export function databaseFile(): string {
  return process.env.DATABASE_URL?.replace(/^file:/, "") || "data/champions.db";
}

function fileIdentity(file: string): { dev: number; ino: number } | null {
  if (file === ":memory:") return null;
  const stat = fs.statSync(file);
  return { dev: stat.dev, ino: stat.ino };
}

/**
 * Opens a database file, refusing clearly what would otherwise fail later or silently: a missing
 * directory (a typo in DATABASE_URL, an unmounted volume) and a file or directory we cannot
 * write (SQLite would open it read-only and fail on the first write, or keep no WAL).
 */
export function openDatabase(file: string, options: { mustExist?: boolean } = {}): Connection {
  if (file !== ":memory:") {
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) {
      throw new StorageError(
        `The database directory ${dir} does not exist. Create it, or point DATABASE_URL at the right place.`,
      );
    }
    if (options.mustExist && !fs.existsSync(file)) {
      throw new StorageError(`The database file ${path.resolve(file)} does not exist.`);
    }
    for (const target of [dir, ...(fs.existsSync(file) ? [file] : [])]) {
      try {
        fs.accessSync(target, fs.constants.W_OK);
        // Root passes access() on anything; a file its owner may not write is meant read-only.
        if ((fs.statSync(target).mode & 0o200) === 0) throw new Error("read-only");
      } catch {
        throw new StorageError(
          `The database ${target === dir ? "directory" : "file"} ${target} is read-only: the server needs to write it (and its -wal and -shm files beside it).`,
        );
      }
    }
  }
  const sqlite = new Database(file);
  if (sqlite.readonly) {
    sqlite.close();
    throw new StorageError(`The database ${file} opened read-only.`);
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Writers wait for each other instead of failing at once with SQLITE_BUSY.
  sqlite.pragma("busy_timeout = 5000");
  // Safe with WAL: a crash may lose the last commits' durability, never consistency.
  sqlite.pragma("synchronous = NORMAL");
  return { file, sqlite, db: drizzle(sqlite, { schema }), identity: fileIdentity(file) };
}

/**
 * Runs `fn` in a write transaction that takes SQLite's write lock at BEGIN (BEGIN IMMEDIATE).
 * A deferred transaction that reads first and writes later cannot wait for another writer: when
 * its snapshot is stale, SQLite refuses it at once (SQLITE_BUSY_SNAPSHOT) instead of honouring the
 * busy timeout. Taking the lock first means it waits its turn, then reads current data. Every
 * transaction that writes goes through here; inside another transaction it becomes a savepoint.
 */
export function writeTransaction<T>(database: DbOrTx, fn: (tx: Tx) => T): T {
  // A file deleted or replaced under us would take this write into the void: refuse it loudly.
  // (A stat costs microseconds; the write itself costs far more.)
  if (current && database === current.db) checkFileIdentity();
  return (database as Db).transaction(fn, { behavior: "immediate" });
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

/** Closes the connection; SQLite checkpoints the WAL into the main file, so after a clean stop
 *  the `.db` file alone holds every commit. */
export function closeDatabase(): void {
  if (current?.sqlite.open) {
    try {
      current.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    } catch {
      // A busy or vanished file: close() still checkpoints what it can.
    }
    current.sqlite.close();
  }
  current = null;
}

/** Where the process's connection came from, for the health check. */
export function currentConnection(): Readonly<Connection> | null {
  return current;
}

/**
 * Throws a StorageError when the file we opened is no longer the one at its path (deleted or
 * replaced: our writes would go to an unlinked inode and vanish).
 */
export function checkFileIdentity(): void {
  const conn = current;
  if (!conn?.identity) return;
  let now: { dev: number; ino: number };
  try {
    now = fileIdentity(conn.file)!;
  } catch {
    throw new StorageError(`The database file ${conn.file} was deleted while the server was running.`);
  }
  if (now.dev !== conn.identity.dev || now.ino !== conn.identity.ino) {
    throw new StorageError(
      `The database file ${conn.file} was replaced while the server was running; restart the server.`,
    );
  }
}

export { schema };
