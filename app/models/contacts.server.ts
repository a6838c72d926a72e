import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { contacts } from "#db/schema";
import { normalizeEmail } from "~/lib/email-address";

export type Contact = typeof contacts.$inferSelect;

export interface ContactInput {
  firstName: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  street?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  employer?: string | null;
  occupation?: string | null;
}

function digits(phone: string | null | undefined): string | null {
  const d = phone?.replace(/\D/g, "") ?? "";
  return d.length ? d : null;
}

export function findContactByEmail(email: string, database: DbOrTx = db()): Contact | undefined {
  return database
    .select()
    .from(contacts)
    .where(eq(contacts.emailNormalized, normalizeEmail(email)))
    .get();
}

/**
 * One row per human: finds the contact by normalised email and fills in only the fields it
 * lacks, or creates it. Whoever types an address into a public form does not prove they own
 * it, so a submission never replaces a name, phone or address we already hold (the submitted
 * values are kept on the submission; see `submittedDetails`). Blank fields never erase anything.
 */
export function upsertContact(input: ContactInput, database: DbOrTx = db()): Contact {
  const email = input.email?.trim() || null;
  const existing = email ? findContactByEmail(email, database) : undefined;
  const fields = {
    firstName: input.firstName.trim(),
    lastName: input.lastName?.trim() ?? "",
    phone: input.phone?.trim() || null,
    phoneDigits: digits(input.phone),
    street: input.street?.trim() || null,
    city: input.city?.trim() || null,
    state: input.state?.trim() || null,
    zip: input.zip?.trim() || null,
    employer: input.employer?.trim() || null,
    occupation: input.occupation?.trim() || null,
  };
  if (!existing) {
    return database
      .insert(contacts)
      .values({ ...fields, email, emailNormalized: email ? normalizeEmail(email) : null })
      .returning()
      .get();
  }
  const patch: Partial<typeof contacts.$inferInsert> = {};
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, string | null][]) {
    if (value && !existing[key]) patch[key] = value;
  }
  if (Object.keys(patch).length === 0) return existing;
  patch.updatedAt = new Date().toISOString();
  return database.update(contacts).set(patch).where(eq(contacts.id, existing.id)).returning().get();
}

/**
 * The person fields of a submission as typed (blank ones left out), as JSON for the
 * submission's row: staff compare them with the contact and accept what is right.
 */
export function submittedDetails(input: ContactInput): string {
  const entries = Object.entries(input).filter(([, v]) => typeof v === "string" && v.trim() !== "");
  return JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, (v as string).trim()])));
}

/** Submitted values that differ from what the contact holds (for staff to review). */
export function detailsDiffering(contact: Contact, submittedJson: string | null): Record<string, string> {
  if (!submittedJson) return {};
  let submitted: Record<string, unknown>;
  try {
    submitted = JSON.parse(submittedJson) as Record<string, unknown>;
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(submitted)) {
    if (typeof value !== "string" || key === "email") continue;
    const held = (contact as unknown as Record<string, unknown>)[key];
    if (typeof held === "string" || held === null) {
      if ((held ?? "").trim().toLowerCase() !== value.toLowerCase()) out[key] = value;
    }
  }
  return out;
}

export function fullName(c: Pick<Contact, "firstName" | "lastName">): string {
  return [c.firstName, c.lastName].filter(Boolean).join(" ");
}
