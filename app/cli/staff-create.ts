/**
 * Creates a staff account: `npm run staff:create -- --email you@pac.org --role admin`.
 * The password is read from STAFF_PASSWORD or typed at the prompt, never passed as an argument
 * (arguments end up in shell history and process lists).
 */
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { useDatabase, databaseFile } from "#db/client";
import { runMigrations } from "#db/migrate";
import { STAFF_ROLES } from "#db/schema";
import { createStaffUser, findStaffUserByEmail, type StaffRole } from "~/models/staff-users.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "staff" }, name: { type: "string" } },
});

if (!values.email || !STAFF_ROLES.includes(values.role as StaffRole)) {
  console.error("Usage: npm run staff:create -- --email you@example.org --role admin|staff [--name 'First Last']");
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Password (at least 12 characters): ");
  rl.close();
  return answer;
}

const database = useDatabase(databaseFile());
runMigrations(database);
if (findStaffUserByEmail(values.email)) {
  console.error(`A staff account for ${values.email} already exists.`);
  process.exit(1);
}
const [firstName, ...rest] = (values.name ?? values.email.split("@")[0]).split(" ");
try {
  const user = await createStaffUser({
    email: values.email,
    password: await readPassword(),
    role: values.role as StaffRole,
    firstName,
    lastName: rest.join(" "),
  });
  console.log(`Created ${user.role} ${user.emailNormalized} (id ${user.id}).`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
