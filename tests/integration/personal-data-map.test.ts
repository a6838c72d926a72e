/**
 * The personal-data map against the real, migrated database: every foreign key to contacts is
 * classified, erasure does to each reference exactly what the map says, merge and erasure refuse
 * while a table is unclassified, and staff notices are found by the contact id they carry.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { db, openDatabase } from "#db/client";
import { migrationsFolder } from "#db/migrate";
import {
  attributionEntries,
  auditLog,
  candidates,
  contacts,
  donations,
  donorIdentities,
  donorMatchReviews,
  emailOutbox,
  excessiveContributions,
  informationRequests,
  recurringPlans,
} from "#db/schema";
import { CONTACT_REFERENCES, OTHER_PERSONAL_DATA } from "~/models/personal-data-map";
import { contactReferences, unclassifiedReferences } from "~/models/personal-data.server";
import { eraseContact, keptAfterErasure } from "~/models/contact-erase.server";
import { mergeContacts } from "~/models/contact-merge.server";
import { getContactRecord } from "~/models/contact-record.server";
import { signUpVolunteer } from "~/models/volunteers.server";
import { submitTip } from "~/models/tips.server";
import { submitReferral } from "~/models/referrals.server";
import { addContactNote } from "~/models/contact-notes.server";
import { addTag } from "~/models/contact-tags.server";
import { confirmSubscription } from "~/models/subscriptions.server";
import { createStaffUser } from "~/models/staff-users.server";
import { enqueueEmail } from "~/models/outbox.server";
import { recordAudit } from "~/models/audit.server";
import { makeContact } from "../factories";
import { attempt } from "../support/attempt";

/** Columns of contacts that hold no personal data: bookkeeping every row has. */
const CONTACT_BOOKKEEPING = ["id", "merged_into_id", "erased_at", "created_at", "updated_at"];

const rowsOf = (table: string, column: string, id: number) =>
  db().all<Record<string, unknown>>(
    sql`select * from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id} order by rowid`,
  );

describe("the personal-data map", () => {
  it("classifies every foreign key to contacts that SQLite reports, and nothing that is not there", () => {
    const tables = db()
      .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .map((t) => t.name);
    const reported: string[] = [];
    for (const table of tables) {
      for (const fk of db().all<{ table: string; from: string }>(
        sql`select * from pragma_foreign_key_list(${table})`,
      )) {
        if (fk.table === "contacts") reported.push(`${table}.${fk.from}`);
      }
    }
    const classified = CONTACT_REFERENCES.map((r) => `${r.table}.${r.column}`);
    // A table added later that points at contacts fails here until personal-data-map.ts says what
    // merge, erasure and the timeline do with it.
    expect(
      reported.filter((r) => !classified.includes(r)),
      "unclassified references to contacts",
    ).toEqual([]);
    expect(
      classified.filter((c) => !reported.includes(c)),
      "map entries with no such foreign key",
    ).toEqual([]);
    expect(new Set(classified).size).toBe(classified.length);
    expect(contactReferences().length).toBe(reported.length);
  });

  it("names only columns that exist, and every personal column of contacts", () => {
    const columnsOf = (table: string) =>
      db()
        .all<{ name: string }>(sql`select name from pragma_table_info(${table})`)
        .map((c) => c.name);
    for (const ref of CONTACT_REFERENCES) {
      if (ref.erase.action !== "scrub") continue;
      for (const column of Object.keys(ref.erase.set)) expect(columnsOf(ref.table)).toContain(column);
      // The fixed condition is valid SQL on its table.
      if (ref.erase.deleteWhere)
        db().get(sql`select count(*) from ${sql.identifier(ref.table)} where ${sql.raw(ref.erase.deleteWhere)}`);
    }
    const personal = Object.keys(OTHER_PERSONAL_DATA.contacts.columns);
    expect(columnsOf("contacts").filter((c) => !personal.includes(c) && !CONTACT_BOOKKEEPING.includes(c))).toEqual([]);
  });

  it("stops merge and erasure, naming the table, while a reference to contacts is unclassified", async () => {
    const staff = await createStaffUser({
      email: "staff@example.org",
      password: "correct horse battery",
      role: "staff",
    });
    const a = makeContact(db(), { firstName: "Ana" });
    const b = makeContact(db(), { firstName: "Ana" });
    db().run(sql`create table pledge_cards (id integer primary key, owner_id integer references contacts(id))`);
    db().run(sql`insert into pledge_cards (owner_id) values (${a.id})`);
    expect(unclassifiedReferences()).toEqual([{ table: "pledge_cards", column: "owner_id" }]);
    const erased = attempt(() => eraseContact(a.id, staff.id));
    expect(erased).toMatchObject({ ok: false, error: expect.stringContaining("pledge_cards.owner_id") });
    expect(attempt(() => mergeContacts(a.id, b.id, staff.id))).toMatchObject({
      ok: false,
      error: expect.stringContaining("pledge_cards"),
    });
    expect(db().select().from(contacts).where(eq(contacts.id, a.id)).get()).toMatchObject({
      firstName: "Ana",
      erasedAt: null,
    });
  });
});

describe("erasure follows the map", () => {
  it("deletes, scrubs or keeps every reference's rows as classified, finding staff notices by id", async () => {
    const staff = await createStaffUser({
      email: "staff@example.org",
      password: "correct horse battery",
      role: "staff",
    });
    const { contact: ana, volunteer } = signUpVolunteer({
      firstName: "Ana",
      lastName: "López",
      email: "ana@example.org",
      phone: "575-555-0101",
      area: "Mesilla",
      interests: ["events"],
      consentEmail: true,
    });
    submitTip({ firstName: "Ana", lastName: "López", email: "ana@example.org", area: "", body: "At 2 Elm St…" });
    submitReferral({
      referrer: { firstName: "Ana", lastName: "López", email: "ana@example.org" },
      suggestedName: "Luis Ortega",
      suggestedEmail: "luis@example.org",
      office: "Council",
      reason: "",
      suggestedKnows: true,
    });
    addContactNote(ana.id, "Prefers Spanish", staff.id);
    addTag(ana.id, "donor", staff.id);
    confirmSubscription(ana.id, ["updates"]);
    const plan = db().insert(recurringPlans).values({ contactId: ana.id, amountCents: 1500 }).returning().get();
    db()
      .insert(donations)
      .values({
        contactId: ana.id,
        amountCents: 1500,
        status: "succeeded",
        kind: "recurring",
        recurringPlanId: plan.id,
        donorFirstName: "Ana",
        donorLastName: "López",
        donorStreet: "1 Main St",
        donorEmployer: "LCPS",
        donorOccupation: "Teacher",
        receivedAt: new Date().toISOString(),
      })
      .run();
    db().insert(candidates).values({ contactId: ana.id, slug: "ana-lopez", displayName: "Ana López" }).run();
    const gift = db().select().from(donations).where(eq(donations.contactId, ana.id)).get()!;
    db()
      .insert(excessiveContributions)
      .values({
        donationId: gift.id,
        contactId: ana.id,
        periodKey: "2026",
        limitCents: 500_000,
        excessCents: 1500,
        receivedAt: gift.receivedAt!,
        deadlineDay: "2026-12-30",
        deadlineSource: "11 CFR 103.3(b)(3)",
      })
      .run();
    db()
      .insert(attributionEntries)
      .values({
        donationId: gift.id,
        contactId: ana.id,
        periodKey: "2026",
        kind: "reattribution",
        amountCents: 500,
        effectiveAt: gift.receivedAt!,
        source: "test:reattribution",
      })
      .run();
    // Matching keys, and a review each way: her gift queued against another contact, and another's against her.
    const other = makeContact(db(), { firstName: "Anna", lastName: "Lopez" });
    const othersGift = db()
      .insert(donations)
      .values({
        contactId: other.id,
        amountCents: 1000,
        status: "succeeded",
        donorFirstName: "Anna",
        donorLastName: "Lopez",
        receivedAt: gift.receivedAt,
      })
      .returning()
      .get();
    db()
      .insert(donorIdentities)
      .values({ contactId: ana.id, nameKey: "ana lopez", firstKey: "ana", lastKey: "lopez" })
      .run();
    db()
      .insert(donorMatchReviews)
      .values([
        { donationId: gift.id, contactId: ana.id, candidateContactId: other.id, reason: "first_name_variant" },
        { donationId: othersGift.id, contactId: other.id, candidateContactId: ana.id, reason: "first_name_variant" },
      ])
      .run();
    db()
      .insert(informationRequests)
      .values({ donationId: gift.id, contactId: ana.id, account: "new_mexico", periodKey: "2026", channel: "letter" })
      .run();
    // A notice about her under a key that names nothing: erasure must still find it, by id.
    enqueueEmail({
      template: "tip-staff-notice",
      to: "staff-inbox@example.org",
      props: { name: "Ana López", email: "ana@example.org", area: "", text: "…", adminUrl: "https://x" },
      idempotencyKey: "imported-notice-7",
      aboutContactId: ana.id,
    });
    recordAudit({
      staffUserId: staff.id,
      entity: "volunteer",
      entityId: volunteer.id,
      action: "update",
      before: { notes: "Ana López, 575-555-0101" },
    });
    // One message to her and one about her were already sent: their rows stay, emptied.
    const sentTo = db().select().from(emailOutbox).where(eq(emailOutbox.contactId, ana.id)).get()!;
    const sentAbout = db().select().from(emailOutbox).where(eq(emailOutbox.aboutContactId, ana.id)).get()!;
    db()
      .update(emailOutbox)
      .set({ status: "sent", sentAt: new Date().toISOString() })
      .where(sql`${emailOutbox.id} in (${sentTo.id}, ${sentAbout.id})`)
      .run();

    const before = new Map<string, Record<string, unknown>[]>();
    for (const ref of CONTACT_REFERENCES) {
      if (ref.erase.action === "refuse") continue;
      const rows = rowsOf(ref.table, ref.column, ana.id);
      // A reference added to the map needs a row above, so that what erasure does to it is tested.
      expect(rows.length, `no ${ref.table}.${ref.column} row to erase`).toBeGreaterThan(0);
      before.set(`${ref.table}.${ref.column}`, rows);
    }

    expect(attempt(() => eraseContact(ana.id, staff.id))).toMatchObject({ ok: true });

    for (const ref of CONTACT_REFERENCES) {
      const key = `${ref.table}.${ref.column}`;
      const after = rowsOf(ref.table, ref.column, ana.id);
      const rule = ref.erase;
      if (rule.action === "delete") expect(after, key).toEqual([]);
      if (rule.action === "keep") expect(after, key).toEqual(before.get(key));
      if (rule.action === "scrub") {
        expect(after.length, key).toBeGreaterThan(0);
        for (const row of after) expect(row, key).toMatchObject(rule.set);
        // What stays of a scrubbed row says nothing about her.
        expect(JSON.stringify(after), key).not.toMatch(/Ana|López|ana@example\.org|575-555|Elm St/);
        if (rule.deleteWhere) {
          const unsent = db().get<{ n: number }>(
            sql`select count(*) as n from ${sql.identifier(ref.table)} where ${sql.identifier(ref.column)} = ${ana.id} and (${sql.raw(rule.deleteWhere)})`,
          )!;
          expect(unsent.n, key).toBe(0);
        }
      }
    }
    // Nothing left anywhere in the outbox or the audit log names her, and staff's address stays.
    const outbox = JSON.stringify(db().select().from(emailOutbox).all());
    expect(outbox).not.toMatch(/López|ana@example\.org|Elm St/);
    expect(db().select().from(emailOutbox).where(eq(emailOutbox.id, sentAbout.id)).get()!.toEmail).not.toBe("erased");
    expect(JSON.stringify(db().select().from(auditLog).all())).not.toMatch(/López|575-555/);
    // Kept things are listed with their reasons, the law's first.
    const kept = keptAfterErasure(ana.id);
    expect(kept[0]).toMatchObject({ what: expect.stringMatching(/^1 contribution record/) });
    expect(kept[0].sources.map((s) => s.cite)).toEqual(
      expect.arrayContaining(["52 U.S.C. 30102(c), (d)", "11 CFR 104.14(b)", "1.10.13.29(A) NMAC"]),
    );
    expect(kept.map((k) => k.what).join("\n")).toMatch(/recurring donation plan[\s\S]*candidate profile/);
  });

  it("refuses while the person has a staff account", async () => {
    const staff = await createStaffUser({
      email: "staff@example.org",
      password: "correct horse battery",
      role: "staff",
    });
    expect(attempt(() => eraseContact(staff.contactId, staff.id))).toMatchObject({
      ok: false,
      error: "This person has a staff account. Remove the account before erasing them.",
    });
  });
});

describe("the timeline follows the map", () => {
  it("shows each reference the map puts on the timeline, including notices to staff about the person", () => {
    const { contact: ana } = signUpVolunteer({
      firstName: "Ana",
      email: "ana@example.org",
      area: "Mesilla",
      interests: [],
      consentEmail: true,
    });
    const kinds = new Set(getContactRecord(ana.id)!.timeline.map((e) => e.kind));
    for (const kind of ["volunteer", "email", "staff-notice", "created"]) expect(kinds).toContain(kind);
    const timelineKinds = new Set(CONTACT_REFERENCES.map((r) => r.timeline).filter(Boolean));
    expect([...timelineKinds].sort()).toEqual(
      ["donation", "email", "note", "referral", "staff-notice", "subscription", "tip", "volunteer"].sort(),
    );
  });
});

describe("migration of staff notices", () => {
  it("gives notices enqueued before the column existed the id of the person they announced", () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
    const at = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith("_outbox_about_contact"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    fs.mkdirSync(path.join(dir, "meta"));
    const upTo = (n: number) => {
      fs.writeFileSync(
        path.join(dir, "meta/_journal.json"),
        JSON.stringify({ ...journal, entries: journal.entries.slice(0, n) }),
      );
      for (const e of journal.entries.slice(0, n))
        fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
      return dir;
    };
    const file = path.join(os.tmpdir(), `about-contact-${process.pid}-${Date.now()}.db`);
    const { sqlite, db: database } = openDatabase(file);
    try {
      migrate(database, { migrationsFolder: upTo(at) });
      sqlite.exec(`
        insert into contacts (id, first_name) values (1, 'Ana'), (2, 'Ben'), (3, 'Cy');
        insert into volunteers (id, contact_id) values (40, 1);
        insert into tips (id, contact_id, body) values (41, 2, 'x');
        insert into referrals (id, referrer_contact_id, suggested_name) values (42, 3, 'Luis');
        insert into email_outbox (template, to_email, idempotency_key) values
          ('volunteer-staff-notice', 'staff@example.org', 'volunteer-staff-notice:40'),
          ('tip-staff-notice', 'staff@example.org', 'tip-staff-notice:41'),
          ('referral-staff-notice', 'staff@example.org', 'referral-staff-notice:42'),
          ('volunteer-welcome', 'ana@example.org', 'volunteer-welcome:40');
      `);
      migrate(database, { migrationsFolder: upTo(at + 1) });
      expect(sqlite.prepare("select idempotency_key, about_contact_id from email_outbox order by id").all()).toEqual([
        { idempotency_key: "volunteer-staff-notice:40", about_contact_id: 1 },
        { idempotency_key: "tip-staff-notice:41", about_contact_id: 2 },
        { idempotency_key: "referral-staff-notice:42", about_contact_id: 3 },
        { idempotency_key: "volunteer-welcome:40", about_contact_id: null },
      ]);
    } finally {
      sqlite.close();
      for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
