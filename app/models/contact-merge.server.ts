/**
 * Merging two records of one person. Every row that points at the duplicate, through any
 * reference in the personal-data map, moves to the survivor; the duplicate is kept, marked
 * merged_into_id, so old links still resolve.
 */
import { eq, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contacts, staffUsers } from "#db/schema";
import { recordAudit } from "./audit.server";
import { RuleViolation } from "./rule-violation.server";
import { CONTACT_REFERENCES } from "./personal-data-map";
import { contactReferences, describeUnclassified, unclassifiedReferences } from "./personal-data.server";
import { refreshSearchTags } from "./contact-search.server";

// Read from SQLite itself; re-exported for callers that list what a merge moves.
export { contactReferences };

const FILLABLE = ["phone", "phoneDigits", "street", "city", "state", "zip", "employer", "occupation"] as const;

export function mergeContacts(
  survivorId: number,
  duplicateId: number,
  staffUserId: number,
  database: DbOrTx = db(),
): { moved: Record<string, number> } {
  // The merge form names the other contact in its `other` field.
  if (survivorId === duplicateId) throw new RuleViolation("Choose two different contacts.", "other");
  return writeTransaction(database, (tx) => {
    const survivor = tx.select().from(contacts).where(eq(contacts.id, survivorId)).get();
    const duplicate = tx.select().from(contacts).where(eq(contacts.id, duplicateId)).get();
    if (!survivor || !duplicate) throw new RuleViolation("That contact does not exist.", "other");
    for (const c of [survivor, duplicate]) {
      if (c.mergedIntoId)
        throw new RuleViolation(`Contact #${c.id} was already merged into #${c.mergedIntoId}.`, "other");
      if (c.erasedAt) throw new RuleViolation(`Contact #${c.id} was erased and cannot be merged.`, "other");
    }
    const staffCount = tx
      .select({ n: sql<number>`count(*)` })
      .from(staffUsers)
      .where(sql`${staffUsers.contactId} in (${survivorId}, ${duplicateId})`)
      .get()!.n;
    if (staffCount > 1)
      throw new RuleViolation("Both contacts have staff accounts; disable one account first.", "other");
    const unclassified = unclassifiedReferences(tx);
    if (unclassified.length) throw new RuleViolation(describeUnclassified(unclassified));

    // The duplicate gives up its email first so the survivor can take it under the unique index.
    tx.update(contacts).set({ emailNormalized: null }).where(eq(contacts.id, duplicateId)).run();
    const patch: Partial<typeof contacts.$inferInsert> = {};
    if (!survivor.emailNormalized && duplicate.emailNormalized) {
      patch.email = duplicate.email;
      patch.emailNormalized = duplicate.emailNormalized;
    }
    if (!survivor.lastName && duplicate.lastName) patch.lastName = duplicate.lastName;
    for (const key of FILLABLE) if (!survivor[key] && duplicate[key]) patch[key] = duplicate[key];
    patch.updatedAt = new Date().toISOString();
    tx.update(contacts).set(patch).where(eq(contacts.id, survivorId)).run();

    const moved: Record<string, number> = {};
    for (const { table, column } of CONTACT_REFERENCES) {
      const t = sql.identifier(table);
      const c = sql.identifier(column);
      // A row the survivor already has (same tag, same list subscription) stays with the
      // survivor's copy; the duplicate's copy is then dropped.
      const result = tx.run(sql`update or ignore ${t} set ${c} = ${survivorId} where ${c} = ${duplicateId}`);
      tx.run(sql`delete from ${t} where ${c} = ${duplicateId}`);
      if (result.changes) moved[`${table}.${column}`] = result.changes;
    }

    tx.update(contacts)
      .set({ mergedIntoId: survivorId, updatedAt: new Date().toISOString() })
      .where(eq(contacts.id, duplicateId))
      .run();
    refreshSearchTags(survivorId, tx);
    recordAudit(
      {
        staffUserId,
        entity: "contact",
        entityId: survivorId,
        action: "merge",
        before: {
          duplicateId,
          duplicate: { firstName: duplicate.firstName, lastName: duplicate.lastName, email: duplicate.email },
        },
        after: { moved },
      },
      tx,
    );
    recordAudit(
      { staffUserId, entity: "contact", entityId: duplicateId, action: "merged_into", after: { survivorId } },
      tx,
    );
    return { moved };
  });
}
