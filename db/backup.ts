/**
 * Online backups and restores of the SQLite database.
 *
 * A backup is `VACUUM INTO`: one read transaction, so it is a consistent snapshot even while the
 * server and the worker keep writing (WAL readers never block writers, nor writers them), and it
 * finishes whatever the write load; SQLite's page-by-page backup API starts over whenever another
 * connection writes, so it may never finish on a busy database. The result is a single compact
 * file with no WAL beside it, written under a temporary name and renamed into place.
 *
 * A restore checks the backup, then swaps it in for the database file and removes the old WAL
 * and shared-memory files (a stale WAL replayed onto another database would corrupt it). The
 * server must be stopped while it runs.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  tables: Record<string, number>;
}

function tableCounts(sqlite: Database.Database): Record<string, number> {
  const names = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' order by name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names.map((n) => [
      n,
      sqlite
        .prepare(`select count(*) from "${n.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

/** Refuses a file that is not a sound database of this app. */
export function verifyBackup(file: string): Record<string, number> {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = sqlite.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`${file} failed SQLite's integrity check: ${String(check)}`);
    const migrations = sqlite
      .prepare("select count(*) from sqlite_master where name = '__drizzle_migrations'")
      .pluck()
      .get();
    if (!migrations) throw new Error(`${file} is not a Champions CRM database (it has no migrations table).`);
    return tableCounts(sqlite);
  } finally {
    sqlite.close();
  }
}

export function defaultBackupFile(databaseFile: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return path.join(
    path.dirname(path.resolve(databaseFile)),
    "backups",
    `${path.basename(databaseFile, ".db")}-${stamp}.db`,
  );
}

export function backupDatabase(databaseFile: string, dest = defaultBackupFile(databaseFile)): BackupResult {
  const started = performance.now();
  if (fs.existsSync(dest)) throw new Error(`${dest} already exists; choose another name.`);
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  const temporary = `${dest}.partial-${process.pid}`;
  fs.rmSync(temporary, { force: true });
  const source = new Database(databaseFile, { fileMustExist: true });
  try {
    // Waits out a writer's lock rather than failing; the copy itself only reads.
    source.pragma("busy_timeout = 10000");
    source.prepare("vacuum into ?").run(temporary);
  } finally {
    source.close();
  }
  const tables = verifyBackup(temporary);
  const fd = fs.openSync(temporary, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(temporary, dest);
  return { file: dest, bytes: fs.statSync(dest).size, ms: performance.now() - started, tables };
}

export function restoreDatabase(backupFile: string, databaseFile: string): { tables: Record<string, number> } {
  const tables = verifyBackup(backupFile);
  const target = path.resolve(databaseFile);
  if (!fs.existsSync(path.dirname(target))) throw new Error(`The directory of ${target} does not exist.`);
  // Keep what was there, in case the restore was a mistake.
  if (fs.existsSync(target)) {
    const aside = `${target}.before-restore-${Date.now()}`;
    try {
      const old = new Database(target, { fileMustExist: true });
      try {
        old.prepare("vacuum into ?").run(aside);
      } finally {
        old.close();
      }
    } catch {
      fs.copyFileSync(target, aside); // unreadable as a database: keep the bytes as they are
    }
  }
  const incoming = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(backupFile, incoming);
  const fd = fs.openSync(incoming, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(incoming, target);
  const reopened = new Database(target);
  try {
    reopened.pragma("journal_mode = WAL");
  } finally {
    reopened.close();
  }
  return { tables };
}
