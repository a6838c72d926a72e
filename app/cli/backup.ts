/**
 * `npm run backup [-- <file>]`: a consistent copy of the live database (db/backup.ts), safe to
 * run while the server and the worker are writing. Without a file name it writes
 * backups/<name>-<UTC time>.db beside the database.
 */
import { databaseFile } from "#db/client";
import { backupDatabase } from "#db/backup";

const dest = process.argv[2];
try {
  const result = backupDatabase(databaseFile(), dest);
  const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Backed up ${databaseFile()} to ${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB, ${rows} rows, ${Math.round(result.ms)} ms.`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
