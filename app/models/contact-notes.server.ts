import { db, type DbOrTx, writeTransaction } from "#db/client";
import { contactNotes } from "#db/schema";
import { recordAudit } from "./audit.server";

export function addContactNote(contactId: number, body: string, staffUserId: number, database: DbOrTx = db()) {
  return writeTransaction(database, (tx) => {
    const note = tx.insert(contactNotes).values({ contactId, staffUserId, body }).returning().get();
    recordAudit(
      { staffUserId, entity: "contact", entityId: contactId, action: "note_add", after: { noteId: note.id } },
      tx,
    );
    return note;
  });
}
