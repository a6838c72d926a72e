/**
 * Messages frozen at their first send (see emailRendered in db/schema.ts): stored once per
 * distinct content, read back for every retry.
 */
import crypto from "node:crypto";
import { inArray } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { emailRendered } from "#db/schema";
import type { RenderedMessage } from "~/lib/outbox-render.server";

/** Stores the messages (equal ones once) and returns their ids, in input order. */
export function storeRendered(messages: RenderedMessage[], database: DbOrTx = db()): number[] {
  return writeTransaction(database, (tx) => {
    const byHash = new Map<string, number>();
    return messages.map((message) => {
      const json = JSON.stringify(message);
      const hash = crypto.createHash("sha256").update(json).digest("hex");
      let id = byHash.get(hash);
      if (id == null) {
        tx.insert(emailRendered).values({ hash, json }).onConflictDoNothing({ target: emailRendered.hash }).run();
        id = tx
          .select({ id: emailRendered.id })
          .from(emailRendered)
          .where(inArray(emailRendered.hash, [hash]))
          .get()!.id;
        byHash.set(hash, id);
      }
      return id;
    });
  });
}

export function loadRendered(ids: number[], database: DbOrTx = db()): Map<number, RenderedMessage> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map(
    database
      .select()
      .from(emailRendered)
      .where(inArray(emailRendered.id, unique))
      .all()
      .map((r) => [r.id, JSON.parse(r.json) as RenderedMessage]),
  );
}
