/**
 * Unsubscribes that hold for an address, not just for a contact row (emailOptOuts in
 * db/schema.ts), and the contact a link in an old email now stands for: a contact merged into
 * another lives on as the survivor, so an unsubscribe or preferences link sent before the merge
 * acts on the survivor (DESIGN §2: one row per human).
 */
import { and, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { contacts, emailOptOuts, type EmailList } from "#db/schema";
import { normalizeEmail } from "~/lib/email-address";

type Contact = typeof contacts.$inferSelect;

/** The contact and every contact it was merged into, oldest first; empty when it never existed. */
export function mergeChain(contactId: number, database: DbOrTx = db()): Contact[] {
  const chain: Contact[] = [];
  let id: number | null = contactId;
  // A merge chain cannot loop (a merged contact cannot be merged again), but stay bounded.
  while (id != null && chain.length < 50) {
    const contact = database.select().from(contacts).where(eq(contacts.id, id)).get();
    if (!contact) break;
    chain.push(contact);
    id = contact.mergedIntoId;
  }
  return chain;
}

/** The contact that now stands for this id (itself unless it was merged away). */
export function currentContact(contactId: number, database: DbOrTx = db()): Contact | null {
  const chain = mergeChain(contactId, database);
  return chain[chain.length - 1] ?? null;
}

/** The addresses these contacts had, normalized (a merged-away contact keeps its `email`). */
export function addressesOf(chain: Contact[]): string[] {
  return [
    ...new Set(
      chain
        .flatMap((c) => [c.emailNormalized, c.email])
        .filter((e): e is string => Boolean(e))
        .map(normalizeEmail),
    ),
  ];
}

export function recordOptOuts(addresses: string[], lists: readonly EmailList[], database: DbOrTx = db()): void {
  for (const emailNormalized of addresses) {
    for (const list of lists)
      database.insert(emailOptOuts).values({ emailNormalized, list }).onConflictDoNothing().run();
  }
}

/** A confirmed opt-in (double opt-in, or the preferences page reached from the address) lifts them. */
export function liftOptOuts(addresses: string[], lists: readonly EmailList[], database: DbOrTx = db()): void {
  if (addresses.length === 0 || lists.length === 0) return;
  database
    .delete(emailOptOuts)
    .where(and(inArray(emailOptOuts.emailNormalized, addresses), inArray(emailOptOuts.list, [...lists])))
    .run();
}

/** Which of these normalized addresses opted out of the list. */
export function optedOut(addresses: string[], list: EmailList, database: DbOrTx = db()): Set<string> {
  if (addresses.length === 0) return new Set();
  return new Set(
    database
      .select({ email: emailOptOuts.emailNormalized })
      .from(emailOptOuts)
      .where(and(eq(emailOptOuts.list, list), inArray(emailOptOuts.emailNormalized, addresses)))
      .all()
      .map((r) => r.email),
  );
}
