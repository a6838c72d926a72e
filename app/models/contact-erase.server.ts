/**
 * Erasing a person on request, as the personal-data map (personal-data-map.ts) says: each
 * reference's rows are deleted, scrubbed or kept, and a staff account refuses erasure. Contribution
 * records keep the compliance snapshot that election law requires the PAC to keep, and the
 * contact page says what was kept and why.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { auditLog, contacts, emailOutbox, emailRendered } from "#db/schema";
import { recordAudit } from "./audit.server";
import { RuleViolation } from "./rule-violation.server";
import { CONTACT_REFERENCES, OTHER_PERSONAL_DATA, type LegalSource } from "./personal-data-map";
import { countReferencing, describeUnclassified, idsReferencing, unclassifiedReferences } from "./personal-data.server";

function assignments(set: Readonly<Record<string, string | null>>) {
  return sql.join(
    Object.entries(set).map(([column, value]) => sql`${sql.identifier(column)} = ${value}`),
    sql`, `,
  );
}

/** Erases the person, or throws a RuleViolation (nothing changed) when they cannot be erased. */
export function eraseContact(contactId: number, staffUserId: number, database: DbOrTx = db()): void {
  return writeTransaction(database, (tx) => {
    const contact = tx.select().from(contacts).where(eq(contacts.id, contactId)).get();
    if (!contact) throw new RuleViolation("That contact does not exist.");
    if (contact.erasedAt) throw new RuleViolation("This contact was already erased.");
    if (contact.mergedIntoId)
      throw new RuleViolation(`This record was merged into #${contact.mergedIntoId}; erase that contact instead.`);
    const unclassified = unclassifiedReferences(tx);
    if (unclassified.length) throw new RuleViolation(describeUnclassified(unclassified));
    for (const ref of CONTACT_REFERENCES) {
      if (ref.erase.action === "refuse" && countReferencing(ref, contactId, tx) > 0)
        throw new RuleViolation(ref.erase.refusal);
    }
    const now = new Date().toISOString();

    // Audit entries about rows that are about to go: found by id before the rows are deleted.
    const auditTargets = CONTACT_REFERENCES.flatMap((ref) => {
      if (!ref.auditEntity) return [];
      const ids = idsReferencing(ref, contactId, tx);
      return ids.length ? [and(eq(auditLog.entity, ref.auditEntity), inArray(auditLog.entityId, ids))] : [];
    });

    for (const ref of CONTACT_REFERENCES) {
      const table = sql.identifier(ref.table);
      const mine = sql`${sql.identifier(ref.column)} = ${contactId}`;
      const rule = ref.erase;
      if (rule.action === "delete") tx.run(sql`delete from ${table} where ${mine}`);
      if (rule.action === "scrub") {
        if (rule.deleteWhere) tx.run(sql`delete from ${table} where ${mine} and (${sql.raw(rule.deleteWhere)})`);
        tx.run(sql`update ${table} set ${assignments(rule.set)} where ${mine}`);
      }
    }
    // The kept rendering of their emails held their name and links; messages no row uses go.
    tx.delete(emailRendered)
      .where(
        sql`${emailRendered.id} not in (select ${emailOutbox.renderedId} from ${emailOutbox} where ${emailOutbox.renderedId} is not null)`,
      )
      .run();
    // Audit rows stay as the record of who did what; their copies of the person's details go.
    for (const target of [and(eq(auditLog.entity, "contact"), eq(auditLog.entityId, contactId)), ...auditTargets]) {
      tx.update(auditLog).set({ beforeJson: null, afterJson: null }).where(target).run();
    }

    tx.run(
      sql`update ${contacts} set ${assignments(OTHER_PERSONAL_DATA.contacts.columns)}, erased_at = ${now}, updated_at = ${now} where id = ${contactId}`,
    );
    recordAudit({ staffUserId, entity: "contact", entityId: contactId, action: "erase", after: { erasedAt: now } }, tx);
  });
}

/** What an erased contact's page lists as kept, each with the reason: records the law requires
 *  first, then what stays in part. */
export function keptAfterErasure(
  contactId: number,
  database: DbOrTx = db(),
): Array<{ what: string; why: string; sources: readonly LegalSource[] }> {
  const kept = [];
  for (const action of ["keep", "scrub"] as const) {
    for (const ref of CONTACT_REFERENCES) {
      const rule = ref.erase;
      if (rule.action !== action || !rule.kept) continue;
      const n = countReferencing(ref, contactId, database);
      if (n > 0) kept.push({ what: rule.kept.what(n), why: rule.kept.why, sources: rule.kept.sources ?? [] });
    }
  }
  const audit = OTHER_PERSONAL_DATA.auditLog.kept;
  kept.push({ what: audit.what(), why: audit.why, sources: [] });
  return kept;
}
