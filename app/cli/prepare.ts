/**
 * Brings a database up to date: applies migrations, loads the demo data into an empty database
 * (not in production unless SEED_DEMO=1), and outside production creates the demo admin.
 */
import { useDatabase, databaseFile, closeDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";
import { DEMO_ADMIN, seedDemo } from "#db/seed";
import { staffUsers } from "#db/schema";
import { createStaffUser } from "~/models/staff-users.server";

export async function prepareDatabase(options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const production = process.env.NODE_ENV === "production";
  const file = databaseFile();
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
  await prepareDatabase();
}
