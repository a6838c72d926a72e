import { eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { staffUsers, type STAFF_ROLES } from "#db/schema";
import { normalizeEmail } from "~/lib/email-address";
import { MIN_PASSWORD_LENGTH } from "~/lib/password-rules";
import { decoyHash, hashPassword, verifyPassword } from "~/lib/password.server";
import { upsertContact } from "./contacts.server";
import { RuleViolation } from "./rule-violation.server";

export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffUser = typeof staffUsers.$inferSelect;

export { MIN_PASSWORD_LENGTH };

export async function createStaffUser(
  input: { email: string; password: string; role: StaffRole; firstName?: string; lastName?: string },
  database = db(),
): Promise<StaffUser> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new RuleViolation(`Use at least ${MIN_PASSWORD_LENGTH} characters.`, "password");
  }
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(database, (tx) => {
    // One account per address: sign-in looks staff up by their normalised email.
    if (findStaffUserByEmail(input.email, tx)) {
      throw new RuleViolation("A staff account with this email already exists.", "email");
    }
    const contact = upsertContact(
      { firstName: input.firstName ?? input.email.split("@")[0], lastName: input.lastName, email: input.email },
      tx,
    );
    return tx
      .insert(staffUsers)
      .values({
        contactId: contact.id,
        emailNormalized: normalizeEmail(input.email),
        passwordHash,
        role: input.role,
      })
      .returning()
      .get();
  });
}

export function findStaffUserByEmail(email: string, database: DbOrTx = db()): StaffUser | undefined {
  return database
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.emailNormalized, normalizeEmail(email)))
    .get();
}

export function getStaffUser(id: number, database: DbOrTx = db()): StaffUser | undefined {
  return database.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
}

/** Same answer, and about the same time, for an unknown email and a wrong password. */
export async function verifyStaffLogin(email: string, password: string): Promise<StaffUser | null> {
  const user = findStaffUserByEmail(email);
  if (!user || user.disabledAt) {
    await verifyPassword(await decoyHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function setStaffPassword(staffUserId: number, password: string, database: DbOrTx = db()) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const passwordHash = await hashPassword(password);
  database.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, staffUserId)).run();
}

export function listStaffUsers(database: DbOrTx = db()) {
  return database
    .select({
      id: staffUsers.id,
      email: staffUsers.emailNormalized,
      role: staffUsers.role,
      disabledAt: staffUsers.disabledAt,
      createdAt: staffUsers.createdAt,
    })
    .from(staffUsers)
    .orderBy(staffUsers.emailNormalized)
    .all();
}
