/**
 * Brings a database up to date: applies migrations, loads the demo data into an empty database
 * (not in production unless SEED_DEMO=1), and outside production creates the demo admin.
 */
import fs from "node:fs";
import path from "node:path";
import { useDatabase, databaseFile, closeDatabase, StorageError } from "#db/client";
import { runMigrations } from "#db/migrate";
import { DEMO_ADMIN, seedDemo } from "#db/seed";
import { staffUsers } from "#db/schema";
import { createStaffUser } from "~/models/staff-users.server";

export async function prepareDatabase(options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const production = process.env.NODE_ENV === "production";
  const file = databaseFile();
  // The default location is ours to create on a first run; a configured one must already exist
  // (a typo or an unmounted volume must not start an empty database somewhere else).
  if (!process.env.DATABASE_URL) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // In production a missing file means a lost one (deleted, or the wrong volume), not a first
  // start: refuse rather than come back empty. The first deployment says DATABASE_CREATE=1.
  if (production && !fs.existsSync(file) && process.env.DATABASE_CREATE !== "1") {
    throw new StorageError(
      `The database file ${path.resolve(file)} does not exist. If this is the first start, set DATABASE_CREATE=1 once; otherwise restore a backup (npm run restore).`,
    );
  }
  const database = useDatabase(file);
  runMigrations(database);
  log(`Database ${file}: migrations applied.`);

  const wantDemo = process.env.SEED_DEMO ? process.env.SEED_DEMO === "1" : !production;
  if (wantDemo && seedDemo(database)) log("Loaded the demo data set (labelled as demo data).");

  if (!production && !database.select({ id: staffUsers.id }).from(staffUsers).limit(1).get()) {
    await createStaffUser({ ...DEMO_ADMIN, role: "admin", firstName: "Demo", lastName: "Admin" }, database);
    log(`Created the demo admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (development only).`);
  }
  closeDatabase();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await prepareDatabase();
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    console.error(`Refusing to start: ${error.message}`);
    process.exit(1);
  }
}
