/** The running total behind the goal bar must always equal the sum it replaces. */
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { donations } from "#db/schema";
import { COUNTED_STATUSES, netCentsSql } from "~/models/compliance.server";
import { totalRaisedCents } from "~/models/donation-stats.server";
import { makeContact } from "../factories";

function summed(): number {
  const row = db()
    .select({ total: sql<number>`coalesce(sum(${netCentsSql}), 0)` })
    .from(donations)
    .where(inArray(donations.status, [...COUNTED_STATUSES]))
    .get();
  return Number(row?.total ?? 0);
}

describe("total raised", () => {
  it("follows every insert, status change, refund, dispute and delete", () => {
    const contact = makeContact(db());
    const give = (amountCents: number, status: (typeof donations.$inferInsert)["status"]) =>
      db()
        .insert(donations)
        .values({ contactId: contact.id, amountCents, status, donorFirstName: "Ana", donorLastName: "Diaz" })
        .returning()
        .get();

    expect(totalRaisedCents()).toBe(0);
    const a = give(2500, "succeeded");
    const pending = give(10_000, "pending");
    give(700, "failed");
    expect(totalRaisedCents()).toBe(2500);

    db().update(donations).set({ status: "succeeded" }).where(eq(donations.id, pending.id)).run();
    expect(totalRaisedCents()).toBe(12_500);

    db()
      .update(donations)
      .set({ refundedCents: 4000, status: "partially_refunded" })
      .where(eq(donations.id, pending.id))
      .run();
    db().update(donations).set({ disputedCents: 2500, status: "disputed" }).where(eq(donations.id, a.id)).run();
    expect(totalRaisedCents()).toBe(6000);

    db().update(donations).set({ disputedCents: 0, status: "succeeded" }).where(eq(donations.id, a.id)).run();
    db().delete(donations).where(eq(donations.id, pending.id)).run();
    expect(totalRaisedCents()).toBe(2500);
    expect(totalRaisedCents()).toBe(summed());
  });
});
