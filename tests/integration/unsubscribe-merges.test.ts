/**
 * An unsubscribe holds: links sent before a merge act on the surviving contact, and an opt-out
 * is kept by address, so a later contact with that address gets no list mail either
 * (CAN-SPAM, 15 U.S.C. § 7704(a)(4): no commercial mail after an opt-out request; RFC 8058 for
 * the one-click link).
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { contacts, emailOutbox, subscriptions, updates } from "#db/schema";
import { signEmailToken } from "~/lib/email-tokens.server";
import { mergeContacts as mergeContactsOrRefuse } from "~/models/contact-merge.server";
import { enqueueImpactUpdate } from "~/models/impact-mailing.server";
import { createStaffUser } from "~/models/staff-users.server";
import { confirmSubscription, getPreferences, listMailBlocks } from "~/models/subscriptions.server";
import { makeContact } from "../factories";
import { attempt } from "../support/attempt";
const mergeContacts = (...args: Parameters<typeof mergeContactsOrRefuse>) =>
  attempt(() => mergeContactsOrRefuse(...args));

async function oneClick(token: string) {
  const { action } = await import("~/routes/unsubscribe_.one-click");
  const request = new Request(`http://localhost/unsubscribe/one-click?token=${token}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  return (await action({ request, params: {}, context: {} } as never)) as Response;
}

function subscribed(email: string) {
  const c = makeContact(db(), { email, emailNormalized: email.toLowerCase() });
  db().insert(subscriptions).values({ contactId: c.id, list: "updates", confirmedAt: new Date().toISOString() }).run();
  return c;
}

function publishUpdate() {
  return db()
    .insert(updates)
    .values({
      slug: `u-${Math.random().toString(36).slice(2)}`,
      title: "Kept their word",
      summary: "S",
      bodyMarkdown: "B",
      visibility: "public",
      publishedAt: new Date().toISOString(),
    })
    .returning()
    .get().id;
}

const impactRecipients = () =>
  db()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.template, "impact-update"))
    .all()
    .map((r) => r.toEmail);

it("an unsubscribe link from before a merge stops the list for the surviving contact", async () => {
  const staff = await createStaffUser({
    email: "staffer@example.org",
    password: "long enough password",
    role: "staff",
  });
  // The same person twice: the list subscription sits on the duplicate, whose email went out.
  const duplicate = subscribed("ana.diaz@example.org");
  const survivor = makeContact(db(), { email: "ana@example.org", emailNormalized: "ana@example.org" });
  const token = signEmailToken("unsubscribe", { contactId: duplicate.id, lists: ["updates"] });
  expect(mergeContacts(survivor.id, duplicate.id, staff.id)).toMatchObject({ ok: true });
  expect(listMailBlocks([{ contactId: survivor.id, email: "ana@example.org" }], "updates")).toEqual([null]);

  expect((await oneClick(token)).status).toBe(200);
  expect(listMailBlocks([{ contactId: survivor.id, email: "ana@example.org" }], "updates")).toEqual([
    "address unsubscribed from updates",
  ]);
  expect(enqueueImpactUpdate(publishUpdate())).toBe(0);
  // The preferences link of the old email shows (and edits) the survivor.
  expect(getPreferences(duplicate.id)).toMatchObject({
    email: "ana@example.org",
    lists: expect.arrayContaining([expect.objectContaining({ list: "updates", subscribed: false })]),
  });
});

it("an opt-out is kept by address: a later contact with that address gets no list mail until it opts in again", async () => {
  const first = subscribed("Bo@Example.org");
  expect((await oneClick(signEmailToken("unsubscribe", { contactId: first.id, lists: ["updates"] }))).status).toBe(200);
  // The record is erased or re-keyed, and the address comes back through an import or a form.
  db()
    .update(contacts)
    .set({ email: "other@example.org", emailNormalized: "other@example.org" })
    .where(eq(contacts.id, first.id))
    .run();
  const again = subscribed("bo@example.org");
  expect(listMailBlocks([{ contactId: again.id, email: "bo@example.org" }], "updates")).toEqual([
    "address unsubscribed from updates",
  ]);
  expect(enqueueImpactUpdate(publishUpdate())).toBe(0);
  expect(impactRecipients()).toEqual([]);

  // A confirmed opt-in from the address itself lifts it.
  confirmSubscription(again.id, ["updates"]);
  expect(listMailBlocks([{ contactId: again.id, email: "bo@example.org" }], "updates")).toEqual([null]);
  expect(enqueueImpactUpdate(publishUpdate())).toBe(1);
});
