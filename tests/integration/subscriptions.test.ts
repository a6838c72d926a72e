import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { emailOutbox, emailSuppressions, subscriptions, updates } from "#db/schema";
import { signEmailToken, verifyEmailToken } from "~/lib/email-tokens.server";
import { applyResendEvent } from "~/models/email-events.server";
import { enqueueImpactUpdate } from "~/models/impact-mailing.server";
import {
  confirmSubscription,
  getPreferences,
  listMailBlocks,
  requestSubscription,
  savePreferences,
  unsubscribe,
} from "~/models/subscriptions.server";
import { suppressEmail } from "~/models/email-suppressions.server";
import { makeContact } from "../factories";

function subscriptionOf(contactId: number, list: "updates" | "fundraising" | "volunteer") {
  return db()
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.contactId, contactId), eq(subscriptions.list, list)))
    .get();
}

describe("double opt-in", () => {
  it("records the wish, sends one confirmation with a signed link, and confirms only on that link", () => {
    expect(
      requestSubscription({ email: "Ana@Example.org", firstName: "Ana", lists: ["volunteer", "updates"] }),
    ).toEqual(["updates", "volunteer"]);
    // The same form sent again the same day does not send a second email.
    requestSubscription({ email: "ana@example.org", firstName: "Ana", lists: ["updates", "volunteer"] });
    const emails = db().select().from(emailOutbox).all();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: "subscription-confirm", list: null });
    const props = JSON.parse(emails[0].propsJson);
    expect(props.lists).toEqual(["updates", "volunteer"]);
    const token = new URL(props.confirmUrl).searchParams.get("token")!;
    const data = verifyEmailToken("confirm", token)!;
    expect(data.lists).toEqual(["updates", "volunteer"]);
    expect(subscriptionOf(data.contactId, "updates")!.confirmedAt).toBeNull();
    expect(listMailBlocks([{ contactId: data.contactId, email: "ana@example.org" }], "updates")).toEqual([
      "subscription to updates not confirmed",
    ]);

    confirmSubscription(data.contactId, data.lists);
    expect(subscriptionOf(data.contactId, "updates")!.confirmedAt).not.toBeNull();
    expect(listMailBlocks([{ contactId: data.contactId, email: "ana@example.org" }], "updates")).toEqual([null]);
    expect(listMailBlocks([{ contactId: data.contactId, email: "ana@example.org" }], "fundraising")).toEqual([
      "not subscribed to fundraising",
    ]);
    // Already active: nothing more to confirm, nothing sent.
    expect(requestSubscription({ email: "ana@example.org", firstName: "Ana", lists: ["updates"] })).toEqual([]);
  });

  it("refuses forged or cross-purpose tokens", () => {
    const token = signEmailToken("unsubscribe", { contactId: 7, lists: ["updates"] });
    expect(verifyEmailToken("unsubscribe", token)).toEqual({ contactId: 7, lists: ["updates"] });
    expect(verifyEmailToken("confirm", token)).toBeNull();
    expect(verifyEmailToken("unsubscribe", token.replace(/^7~/, "8~"))).toBeNull();
    expect(verifyEmailToken("unsubscribe", token.replace("~updates.", "~fundraising."))).toBeNull();
    expect(verifyEmailToken("unsubscribe", "garbage")).toBeNull();
    expect(verifyEmailToken("unsubscribe", null)).toBeNull();
  });
});

describe("unsubscribe and preferences", () => {
  it("unsubscribes idempotently, and the preferences page can bring a list back", () => {
    const c = makeContact(db(), { email: "b@example.org", emailNormalized: "b@example.org" });
    confirmSubscription(c.id, ["updates", "fundraising"]);
    unsubscribe(c.id, ["updates"]);
    unsubscribe(c.id, ["updates"]);
    expect(subscriptionOf(c.id, "updates")!.unsubscribedAt).not.toBeNull();
    expect(getPreferences(c.id)!.lists.map((l) => [l.list, l.subscribed])).toEqual([
      ["updates", false],
      ["fundraising", true],
      ["volunteer", false],
    ]);
    savePreferences(c.id, ["updates", "volunteer"]);
    expect(getPreferences(c.id)!.lists.map((l) => [l.list, l.subscribed])).toEqual([
      ["updates", true],
      ["fundraising", false],
      ["volunteer", true],
    ]);
  });
});

describe("Resend events", () => {
  it("suppresses a hard bounce and a complaint for list mail, not a transient bounce, and keeps the latest event", () => {
    const c = makeContact(db(), { email: "c@example.org", emailNormalized: "c@example.org" });
    db()
      .insert(emailOutbox)
      .values({
        template: "volunteer-welcome",
        toEmail: "c@example.org",
        idempotencyKey: "k1",
        status: "sent",
        providerMessageId: "re_1",
      })
      .run();
    applyResendEvent({
      type: "email.delivered",
      created_at: "2026-03-01T10:00:02.000Z",
      data: { email_id: "re_1", to: ["c@example.org"] },
    });
    // An older event arriving late does not overwrite the newer one.
    applyResendEvent({
      type: "email.sent",
      created_at: "2026-03-01T10:00:00.000Z",
      data: { email_id: "re_1", to: ["c@example.org"] },
    });
    expect(db().select().from(emailOutbox).get()).toMatchObject({
      lastEvent: "delivered",
      lastEventAt: "2026-03-01T10:00:02.000Z",
    });

    applyResendEvent({
      type: "email.bounced",
      created_at: "2026-03-01T10:01:00.000Z",
      data: { email_id: "re_1", to: ["c@example.org"], bounce: { type: "Transient" } },
    });
    expect(db().select().from(emailSuppressions).all()).toHaveLength(0);
    const outcome = applyResendEvent({
      type: "email.complained",
      created_at: "2026-03-01T10:02:00.000Z",
      data: { email_id: "re_1", to: ["C@example.org"] },
    });
    expect(outcome).toEqual({ recorded: true, suppressed: 1 });
    applyResendEvent({
      type: "email.complained",
      created_at: "2026-03-01T10:02:00.000Z",
      data: { email_id: "re_1", to: ["c@example.org"] },
    });
    expect(db().select().from(emailSuppressions).all()).toEqual([
      expect.objectContaining({ emailNormalized: "c@example.org", reason: "complaint" }),
    ]);
    expect(listMailBlocks([{ contactId: c.id, email: "c@example.org" }], "updates")).toEqual([
      "address suppressed (complaint)",
    ]);
  });
});

describe("impact update mailing", () => {
  it("enqueues one list email per confirmed, subscribed, unsuppressed member, once", () => {
    const make = (n: number) => makeContact(db(), { email: `m${n}@example.org`, emailNormalized: `m${n}@example.org` });
    const [ok1, ok2, unconfirmed, gone, suppressed, otherList] = [1, 2, 3, 4, 5, 6].map(make);
    confirmSubscription(ok1.id, ["updates"]);
    confirmSubscription(ok2.id, ["updates"]);
    db().insert(subscriptions).values({ contactId: unconfirmed.id, list: "updates" }).run();
    confirmSubscription(gone.id, ["updates"]);
    unsubscribe(gone.id, ["updates"]);
    confirmSubscription(suppressed.id, ["updates"]);
    suppressEmail("m5@example.org", "bounce");
    confirmSubscription(otherList.id, ["fundraising"]);
    const update = db()
      .insert(updates)
      .values({ slug: "kept-their-word", title: "Kept their word", summary: "5-0", bodyMarkdown: "**yes**" })
      .returning()
      .get();

    expect(enqueueImpactUpdate(update.id)).toBe(2);
    expect(enqueueImpactUpdate(update.id)).toBe(0);
    const rows = db().select().from(emailOutbox).orderBy(emailOutbox.id).all();
    expect(rows.map((r) => [r.toEmail, r.list, r.idempotencyKey])).toEqual([
      ["m1@example.org", "updates", `impact-update:${update.id}:${ok1.id}`],
      ["m2@example.org", "updates", `impact-update:${update.id}:${ok2.id}`],
    ]);
    expect(JSON.parse(rows[0].propsJson)).toEqual({
      title: "Kept their word",
      summary: "5-0",
      bodyMarkdown: "**yes**",
      url: expect.stringMatching(/\/updates\/kept-their-word$/),
    });
  });
});
