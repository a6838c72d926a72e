/**
 * Migration 0005 moves existing gifts into the money ledger: a database at migration 0004 with
 * received, refunded, disputed and pending gifts gets one entry per movement, and the amounts
 * derived from the entries equal what the rows held.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openDatabase } from "#db/client";
import { migrationsFolder } from "#db/migrate";
import { donationMoney } from "~/models/money-ledger.server";

function foldersUpTo(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  journal.entries = journal.entries.slice(0, cut + 1);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

it("moves received gifts, refunds, disputes and fees into dated entries", () => {
  const file = path.join(os.tmpdir(), `ledger-migration-${process.pid}-${Date.now()}.db`);
  const { sqlite, db } = openDatabase(file);
  try {
    migrate(db, { migrationsFolder: foldersUpTo("0004_donation_totals") });
    sqlite.prepare("insert into contacts (id, first_name, last_name) values (1, 'Ana', 'Ruiz')").run();
    const insert = sqlite.prepare(
      `insert into donations (contact_id, amount_cents, refunded_cents, disputed_cents, fee_cents, status, donor_first_name, donor_last_name, received_at, updated_at, stripe_charge_id)
       values (1, @amount, @refunded, @disputed, @fee, @status, 'Ana', 'Ruiz', @received, '2026-05-01T00:00:00.000Z', @charge)`,
    );
    insert.run({
      amount: 5_000,
      refunded: 0,
      disputed: 0,
      fee: 175,
      status: "succeeded",
      received: "2026-02-01T18:00:00.000Z",
      charge: "ch_a",
    });
    insert.run({
      amount: 8_000,
      refunded: 3_000,
      disputed: 0,
      fee: 262,
      status: "partially_refunded",
      received: "2026-02-02T18:00:00.000Z",
      charge: "ch_b",
    });
    insert.run({
      amount: 2_000,
      refunded: 0,
      disputed: 2_000,
      fee: null,
      status: "disputed",
      received: "2026-02-03T18:00:00.000Z",
      charge: "ch_c",
    });
    insert.run({ amount: 9_900, refunded: 0, disputed: 0, fee: null, status: "pending", received: null, charge: null });
    const totalBefore = sqlite.prepare("select net_cents from donation_totals").get();

    migrate(db, { migrationsFolder });
    const kinds = sqlite
      .prepare("select donation_id, kind, amount_cents from money_entries order by donation_id, id")
      .all();
    expect(kinds).toEqual([
      { donation_id: 1, kind: "receipt", amount_cents: 5_000 },
      { donation_id: 1, kind: "fee", amount_cents: -175 },
      { donation_id: 2, kind: "receipt", amount_cents: 8_000 },
      { donation_id: 2, kind: "refund", amount_cents: -3_000 },
      { donation_id: 2, kind: "fee", amount_cents: -262 },
      { donation_id: 3, kind: "receipt", amount_cents: 2_000 },
      { donation_id: 3, kind: "dispute_withdrawal", amount_cents: -2_000 },
    ]);
    expect(donationMoney(2, db)).toMatchObject({
      receivedCents: 8_000,
      refundedCents: 3_000,
      disputedCents: 0,
      feeCents: 262,
    });
    expect(donationMoney(3, db)).toMatchObject({ disputedCents: 2_000, feeCents: null });
    expect(donationMoney(4, db).receivedAt).toBeNull();
    expect(sqlite.prepare("select net_cents from donation_totals").get()).toEqual(totalBefore);
    // Append-only: an edit or a delete of an entry is refused by the database itself.
    expect(() => sqlite.prepare("update money_entries set amount_cents = 0 where id = 1").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from money_entries where id = 1").run()).toThrow(/append-only/);
  } finally {
    sqlite.close();
    for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  }
});
