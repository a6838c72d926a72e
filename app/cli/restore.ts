/**
 * `npm run restore -- <backup file>`: checks the backup and puts it in place of the database
 * (db/backup.ts). Stop the server and the worker first; the replaced database is kept beside it
 * as <name>.before-restore-<time>.
 */
import { databaseFile } from "#db/client";
import { restoreDatabase } from "#db/backup";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run restore -- <backup file>   (stop the server and the worker first)");
  process.exit(2);
}
try {
  const { tables } = restoreDatabase(file, databaseFile());
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  console.log(`Restored ${file} to ${databaseFile()} (${rows} rows). Start the server to apply any newer migrations.`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
