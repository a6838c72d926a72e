import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import {
  auditLog,
  contactNotes,
  contacts,
  contactTags,
  donations,
  emailOutbox,
  referrals,
  subscriptions,
  tips,
  volunteers,
} from "#db/schema";
import { upsertContact } from "~/models/contacts.server";
import { contactExportRows, CONTACT_EXPORT_HEADER, ftsQuery, searchContacts } from "~/models/contact-search.server";
import { addTag, tagsOf } from "~/models/contact-tags.server";
import { addContactNote } from "~/models/contact-notes.server";
import { contactReferences, mergeContacts as mergeContactsOrRefuse } from "~/models/contact-merge.server";
import { eraseContact as eraseContactOrRefuse, keptAfterErasure } from "~/models/contact-erase.server";
import { CsvFormatError, importContacts, previewCsv } from "~/models/contact-import.server";
import { getContactRecord } from "~/models/contact-record.server";
import { signUpVolunteer } from "~/models/volunteers.server";
import { submitReferral } from "~/models/referrals.server";
import { submitTip } from "~/models/tips.server";
import { createStaffUser } from "~/models/staff-users.server";
import { toCsv } from "~/lib/csv";
import { parseCsv } from "~/models/contact-import.server";
import { makeContact } from "../factories";
import { attempt } from "../support/attempt";
const mergeContacts = (...args: Parameters<typeof mergeContactsOrRefuse>) =>
  attempt(() => mergeContactsOrRefuse(...args));
const eraseContact = (...args: Parameters<typeof eraseContactOrRefuse>) => attempt(() => eraseContactOrRefuse(...args));

const staffUser = () =>
  createStaffUser({ email: `staff${Math.random()}@example.org`, password: "correct horse battery", role: "staff" });
const contact = (id: number) => db().select().from(contacts).where(eq(contacts.id, id)).get()!;

function donation(contactId: number, over: Partial<typeof donations.$inferInsert> = {}) {
  return db()
    .insert(donations)
    .values({
      contactId,
      amountCents: 5000,
      status: "succeeded",
      donorFirstName: "Ana",
      donorLastName: "López",
      donorEmail: "ana@example.org",
      donorStreet: "1 Main St",
      donorEmployer: "LCPS",
      donorOccupation: "Teacher",
      ...over,
    })
    .returning()
    .get();
}

describe("dedupe by normalised email", () => {
  it("finds the same person whatever the case and spacing, and never erases a known field with a blank", () => {
    const first = upsertContact({
      firstName: "Ana",
      email: "Ana.Lopez@Example.org",
      phone: "575 555 0101",
      city: "Las Cruces",
    });
    const again = upsertContact({ firstName: "Ana", lastName: "López", email: "  ana.lopez@example.ORG", phone: "" });
    expect(again.id).toBe(first.id);
    expect(again.phone).toBe("575 555 0101");
    expect(again.city).toBe("Las Cruces");
    expect(again.lastName).toBe("López");
    expect(
      db()
        .select({ n: sql<number>`count(*)` })
        .from(contacts)
        .get()!.n,
    ).toBe(1);
  });
});

describe("search", () => {
  it("finds contacts by name prefix without accents, email, phone digits and tag, leaving merged ones out", async () => {
    const ana = upsertContact({
      firstName: "Ana",
      lastName: "López",
      email: "ana@example.org",
      phone: "(575) 555-0101",
    });
    const bo = upsertContact({ firstName: "Bo", lastName: "Lopes", email: "bo@other.net" });
    addTag(bo.id, "Precinct Captain", null);
    const ids = (q: string, tag?: string) =>
      searchContacts({ q, tag })
        .rows.map((r) => r.id)
        .sort();
    expect(ids("lopez")).toEqual([ana.id]);
    expect(ids("lop")).toEqual([ana.id, bo.id]);
    expect(ids("ana@exa")).toEqual([ana.id]);
    expect(ids("575-555-01")).toEqual([ana.id]);
    expect(ids("precinct")).toEqual([bo.id]);
    expect(ids("", "precinct-captain")).toEqual([bo.id]);
    expect(ids('"); drop table contacts; --')).toEqual([]);
    expect(ftsQuery("  ")).toBeNull();
    const staff = await staffUser();
    expect(mergeContacts(ana.id, bo.id, staff.id).ok).toBe(true);
    expect(ids("lop")).toEqual([ana.id]);
    expect(ids("precinct")).toEqual([ana.id]);
  });
});

describe("merge", () => {
  it("moves every row that points at the duplicate and marks it merged", async () => {
    const staff = await staffUser();
    const keep = makeContact(db(), { firstName: "Ana", lastName: "López", email: "ana@example.org", phone: null });
    const dup = makeContact(db(), {
      firstName: "Ana",
      lastName: "Lopez",
      email: "ana.work@example.org",
      phone: "575-555-0101",
      city: "Mesilla",
    });
    addTag(keep.id, "donor", null);
    addTag(dup.id, "donor", null);
    addTag(dup.id, "volunteer", null);
    donation(dup.id);
    signUpVolunteer({
      firstName: "Ana",
      email: "ana.work@example.org",
      area: "Mesilla",
      interests: [],
      consentEmail: true,
    });
    submitTip({ firstName: "Ana", email: "ana.work@example.org", area: "", body: "A tip" });
    submitReferral({
      referrer: { firstName: "Ana", email: "ana.work@example.org" },
      suggestedName: "Luis",
      office: "",
      reason: "",
      suggestedKnows: false,
    });
    addContactNote(dup.id, "Met at the forum", staff.id);
    db()
      .insert(subscriptions)
      .values([
        { contactId: keep.id, list: "updates" },
        { contactId: dup.id, list: "updates" },
        { contactId: dup.id, list: "volunteer" },
      ])
      .run();

    const result = mergeContacts(keep.id, dup.id, staff.id);
    expect(result.ok).toBe(true);

    // Every foreign key to contacts, read from the database itself, now points away from the duplicate.
    const refs = contactReferences();
    expect(refs.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        "donations",
        "volunteers",
        "referrals",
        "tips",
        "email_outbox",
        "contact_notes",
        "contact_tags",
        "subscriptions",
        "candidates",
        "staff_users",
        "recurring_plans",
      ]),
    );
    for (const { table, column } of refs) {
      const left = db().get<{ n: number }>(
        sql`select count(*) as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${dup.id}`,
      )!;
      expect(left.n, `${table}.${column}`).toBe(0);
    }
    expect(db().select().from(donations).where(eq(donations.contactId, keep.id)).all()).toHaveLength(1);
    expect(db().select().from(volunteers).where(eq(volunteers.contactId, keep.id)).all()).toHaveLength(1);
    expect(db().select().from(tips).where(eq(tips.contactId, keep.id)).all()).toHaveLength(1);
    expect(db().select().from(referrals).where(eq(referrals.referrerContactId, keep.id)).all()).toHaveLength(1);
    expect(db().select().from(contactNotes).where(eq(contactNotes.contactId, keep.id)).all()).toHaveLength(1);
    expect(db().select().from(emailOutbox).where(eq(emailOutbox.contactId, keep.id)).all().length).toBeGreaterThan(0);
    expect(tagsOf(keep.id).map((t) => t.name)).toEqual(["donor", "volunteer"]);
    expect(
      db()
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.contactId, keep.id))
        .all()
        .map((s) => s.list)
        .sort(),
    ).toEqual(["updates", "volunteer"]);

    const survivor = contact(keep.id);
    expect(survivor.phone).toBe("575-555-0101");
    expect(survivor.city).toBe("Mesilla");
    expect(survivor.email).toBe("ana@example.org");
    const merged = contact(dup.id);
    expect(merged.mergedIntoId).toBe(keep.id);
    expect(merged.emailNormalized).toBeNull();
    // The duplicate's address now finds the survivor's record? No: it is free for a new sign-up, and the survivor keeps its own.
    expect(db().select().from(auditLog).where(eq(auditLog.action, "merge")).all()).toHaveLength(1);
    expect(mergeContacts(keep.id, dup.id, staff.id).ok).toBe(false);
    expect(mergeContacts(keep.id, keep.id, staff.id).ok).toBe(false);
  });

  it("takes the duplicate's email when the survivor has none", async () => {
    const staff = await staffUser();
    const keep = makeContact(db(), { firstName: "Luis", email: null });
    const dup = makeContact(db(), { firstName: "Luis", email: "luis@example.org" });
    expect(mergeContacts(keep.id, dup.id, staff.id).ok).toBe(true);
    expect(contact(keep.id).emailNormalized).toBe("luis@example.org");
  });
});

describe("import", () => {
  const header = "First Name,Last Name,Email,Phone,City,Tags";

  it("handles a BOM, CRLF line ends, quoted fields with commas, quotes and line breaks", () => {
    const text =
      "\uFEFF" +
      [
        header,
        `"María","López, Jr.",maria@example.org,575-555-0101,"Las Cruces","donor;volunteer"`,
        `"Said ""Sam""",Smith,sam@example.org,,"Mesilla`,
        `Park",`,
        "",
        "Bad,Row,not-an-email,,,",
      ].join("\r\n") +
      "\r\n";
    const preview = previewCsv(text);
    expect(preview.header).toEqual(["First Name", "Last Name", "Email", "Phone", "City", "Tags"]);
    expect(preview.mapping).toEqual({ firstName: 0, lastName: 1, email: 2, phone: 3, city: 4, tags: 5 });
    const report = importContacts(text, preview.mapping, null);
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    // The quoted line break and the empty line both count: the bad row is on line 6.
    expect(report.skipped.map((s) => s.line)).toEqual([6]);
    const maria = db().select().from(contacts).where(eq(contacts.emailNormalized, "maria@example.org")).get()!;
    expect([maria.firstName, maria.lastName, maria.phoneDigits, maria.city]).toEqual([
      "María",
      "López, Jr.",
      "5755550101",
      "Las Cruces",
    ]);
    expect(tagsOf(maria.id).map((t) => t.name)).toEqual(["donor", "volunteer"]);
    const sam = db().select().from(contacts).where(eq(contacts.emailNormalized, "sam@example.org")).get()!;
    expect(sam.firstName).toBe('Said "Sam"');
    expect(sam.city).toBe("Mesilla\r\nPark");
    // Imported rows are searchable, and the per-row index triggers are back afterwards.
    expect(searchContacts({ q: "lopez jr" }).rows.map((r) => r.id)).toEqual([maria.id]);
    expect(searchContacts({ q: "volunteer" }).rows.map((r) => r.id)).toEqual([maria.id]);
    const later = upsertContact({ firstName: "Zed", email: "zed@example.org" });
    addTag(later.id, "late", null);
    expect(searchContacts({ q: "late" }).rows.map((r) => r.id)).toEqual([later.id]);
  });

  it("dedupes by email against existing contacts and within the file, and reports bad rows by line", () => {
    makeContact(db(), { firstName: "Ana", lastName: "López", email: "ana@example.org", city: null });
    makeContact(db(), { firstName: "Bo", lastName: "Diaz", email: "bo@example.org" });
    const text = [
      header,
      "Ana,López,ANA@example.org,,Las Cruces,", // line 2: updates the city
      "Bo,Diaz,bo@example.org,,,", // line 3: nothing new
      "Cy,Ng,cy@example.org,,,", // line 4: created
      "Cy,Ng,Cy@Example.org,,,", // line 5: duplicate of line 4
      "Dee,,not-an-email,,,", // line 6: bad email
      ",,,,,", // line 7: blank row is ignored
      ",,,555,,", // line 8: no name, no email
      `"${"x".repeat(600)}",,long@example.org,,,`, // line 9: too long
      "<script>alert(1)</script>,,xss@example.org,,,", // line 10: markup
    ].join("\n");
    const report = importContacts(text, previewCsv(text).mapping, null);
    expect(report.created).toBe(1);
    expect(report.updated).toBe(1);
    expect(report.unchanged).toBe(1);
    expect(report.skipped.map((s) => s.line)).toEqual([5, 6, 8, 9, 10]);
    expect(report.skipped[0].reason).toMatch(/same email as line 4/);
    expect(report.skipped[1].reason).toMatch(/not a valid email/);
    expect(db().select().from(contacts).where(eq(contacts.emailNormalized, "ana@example.org")).get()!.city).toBe(
      "Las Cruces",
    );
    expect(
      db()
        .select({ n: sql<number>`count(*)` })
        .from(contacts)
        .get()!.n,
    ).toBe(3);
  });

  it("skips addresses Resend would refuse, such as a trailing comma inside a quoted cell", () => {
    const text = [header, 'Ana,Diaz,"ana@gmail.com,",,,', "Bo,Li,bo@gmail,,,", "Cy,Ng,cy@example.org,,,"].join("\n");
    const report = importContacts(text, previewCsv(text).mapping, null);
    expect(report.created).toBe(1);
    expect(report.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, '"ana@gmail.com," is not a valid email address'],
      [3, '"bo@gmail" is not a valid email address'],
    ]);
  });

  it("refuses a malformed file and stores nothing", () => {
    expect(() => importContacts(`${header}\n"unclosed,x,y@example.org`, { firstName: 0, email: 2 }, null)).toThrow(
      CsvFormatError,
    );
    expect(() => importContacts("", { email: 0 }, null)).toThrow(CsvFormatError);
    expect(db().select().from(contacts).all()).toHaveLength(0);
  });
});

describe("export", () => {
  it("exports the filtered list as CSV that imports back, guarding formula-like cells", () => {
    const a = upsertContact({
      firstName: "Ana",
      lastName: "López, Jr.",
      email: "ana@example.org",
      phone: "+1 575 555 0101",
    });
    upsertContact({ firstName: '=HYPERLINK("x")', email: "evil@example.org" });
    upsertContact({ firstName: "Bo", email: "bo@example.org" });
    addTag(a.id, "donor", null);
    const all = contactExportRows({});
    expect(all).toHaveLength(3);
    const onlyDonors = contactExportRows({ tag: "donor" });
    expect(onlyDonors.map((r) => r[0])).toEqual([a.id]);
    expect(contactExportRows({ q: "bo" })).toHaveLength(1);
    const csv = toCsv(CONTACT_EXPORT_HEADER, all);
    expect(csv.split("\r\n")[0]).toBe(CONTACT_EXPORT_HEADER.join(","));
    expect(csv).toContain(`"López, Jr."`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const parsed = parseCsv(csv);
    expect(parsed.rows).toHaveLength(3);
    expect(parsed.rows[0].cells[2]).toBe("López, Jr.");
    expect(parsed.rows[0].cells[11]).toBe("donor");
  });
});

describe("erase", () => {
  it("removes personal data, keeps the contribution snapshot, and says what was kept and why", async () => {
    const staff = await staffUser();
    const { contact: ana } = signUpVolunteer({
      firstName: "Ana",
      lastName: "López",
      email: "ana@example.org",
      phone: "575-555-0101",
      area: "88001",
      interests: ["events"],
      consentEmail: true,
    });
    upsertContact({
      firstName: "Ana",
      email: "ana@example.org",
      street: "1 Main St",
      employer: "LCPS",
      occupation: "Teacher",
    });
    const gift = donation(ana.id);
    addTag(ana.id, "donor", null);
    addContactNote(ana.id, "Prefers Spanish", staff.id);
    submitTip({ firstName: "Ana", email: "ana@example.org", area: "", body: "My neighbour at 2 Elm St said…" });
    db().insert(subscriptions).values({ contactId: ana.id, list: "updates" }).run();

    expect(eraseContact(ana.id, staff.id)).toEqual({ ok: true });

    const erased = contact(ana.id);
    expect(erased).toMatchObject({
      firstName: "Erased",
      lastName: "",
      email: null,
      emailNormalized: null,
      phone: null,
      phoneDigits: null,
      street: null,
      employer: null,
      occupation: null,
    });
    expect(erased.erasedAt).not.toBeNull();
    for (const table of [volunteers, tips, contactNotes, contactTags, subscriptions]) {
      expect(db().select().from(table).where(eq(table.contactId, ana.id)).all()).toHaveLength(0);
    }
    const mail = db().select().from(emailOutbox).all();
    expect(mail.some((m) => m.toEmail.includes("ana@example.org") || m.propsJson.includes("López"))).toBe(false);
    expect(JSON.stringify(db().select().from(auditLog).where(eq(auditLog.entityId, ana.id)).all())).not.toContain(
      "ana@example.org",
    );
    // The compliance snapshot on the gift is kept.
    const kept = db().select().from(donations).where(eq(donations.id, gift.id)).get()!;
    expect([kept.donorFirstName, kept.donorStreet, kept.donorEmployer]).toEqual(["Ana", "1 Main St", "LCPS"]);
    expect(keptAfterErasure(ana.id)[0].why).toMatch(/Election law/);
    expect(searchContacts({ q: "ana" }).rows).toHaveLength(0);
    expect(getContactRecord(ana.id)!.kept.length).toBeGreaterThan(0);
    // The address is free again: a new sign-up makes a new record.
    expect(upsertContact({ firstName: "Ana", email: "ana@example.org" }).id).not.toBe(ana.id);
    expect(eraseContact(ana.id, staff.id).ok).toBe(false);
  });

  it("refuses to erase a staff member's contact", async () => {
    const staff = await staffUser();
    expect(eraseContact(staff.contactId, staff.id).ok).toBe(false);
  });
});

describe("contact record", () => {
  it("shows donations, sign-ups, referrals made, emails, notes and audit rows on one timeline", async () => {
    const staff = await staffUser();
    const { contact: ana } = signUpVolunteer({
      firstName: "Ana",
      email: "ana@example.org",
      area: "88001",
      interests: [],
      consentEmail: true,
    });
    submitReferral({
      referrer: { firstName: "Ana", email: "ana@example.org" },
      suggestedName: "Luis Ortega",
      office: "Council",
      reason: "",
      suggestedKnows: true,
    });
    donation(ana.id, { receivedAt: new Date().toISOString() });
    addContactNote(ana.id, "Called back", staff.id);
    const record = getContactRecord(ana.id)!;
    const kinds = new Set(record.timeline.map((e) => e.kind));
    for (const kind of ["volunteer", "referral", "donation", "email", "note", "audit", "created"])
      expect(kinds).toContain(kind);
    expect(record.referralsMade[0].suggestedName).toBe("Luis Ortega");
  });
});
