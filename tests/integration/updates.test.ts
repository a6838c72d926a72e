import { db } from "#db/client";
import { auditLog } from "#db/schema";
import { seedDemo } from "#db/seed";
import { createStaffUser } from "~/models/staff-users.server";
import {
  createUpdate,
  editUpdate,
  getPublishedUpdate,
  listPublishedUpdates,
  setUpdateVisibility,
} from "~/models/updates.server";
import { loader as rssLoader } from "~/routes/updates[.]rss";
import { markdownToHtml } from "~/lib/markdown.server";

async function staff() {
  return createStaffUser({ email: "editor@example.org", password: "long enough password", role: "staff" });
}

const input = (title: string) => ({
  title,
  summary: "A short summary of what happened.",
  bodyMarkdown: "The board voted **5-0**.",
  candidateIds: [],
  measureIds: [],
  tagIds: [],
});

describe("impact updates", () => {
  it("keeps drafts off the site, lists public ones, and keeps members-only ones unlisted", async () => {
    const user = await staff();
    const draft = createUpdate(input("Draft news"), user.id);
    expect(getPublishedUpdate(draft.slug)).toBeNull();
    expect(listPublishedUpdates()).toHaveLength(0);

    setUpdateVisibility(draft.id, "public", user.id);
    expect(listPublishedUpdates().map((u) => u.slug)).toEqual(["draft-news"]);
    expect(getPublishedUpdate("draft-news")?.update.title).toBe("Draft news");

    const membersOnly = createUpdate(input("For members"), user.id);
    setUpdateVisibility(membersOnly.id, "members", user.id);
    expect(listPublishedUpdates().map((u) => u.slug)).toEqual(["draft-news"]);
    expect(getPublishedUpdate("for-members")).not.toBeNull();

    setUpdateVisibility(draft.id, "draft", user.id);
    expect(getPublishedUpdate("draft-news")).toBeNull();
  });

  it("keeps a published update's address and first publication date when it is edited", async () => {
    const user = await staff();
    const update = createUpdate(input("Original title"), user.id);
    const published = setUpdateVisibility(update.id, "public", user.id)!;
    const edited = editUpdate(update.id, input("A better title"), user.id)!;
    expect(edited.slug).toBe("original-title");
    setUpdateVisibility(update.id, "draft", user.id);
    const again = setUpdateVisibility(update.id, "public", user.id)!;
    expect(again.publishedAt).toBe(published.publishedAt);
  });

  it("gives two updates with one title distinct addresses and audits every write", async () => {
    const user = await staff();
    const a = createUpdate(input("Same title"), user.id);
    const b = createUpdate(input("Same title"), user.id);
    expect([a.slug, b.slug]).toEqual(["same-title", "same-title-2"]);
    expect(
      db()
        .select()
        .from(auditLog)
        .all()
        .filter((r) => r.entity === "update"),
    ).toHaveLength(2);
  });

  it("serves an RSS 2.0 feed of public updates with escaped text", async () => {
    seedDemo(db());
    const user = await staff();
    const u = createUpdate(
      { ...input("Budget <wins> & more"), bodyMarkdown: "<script>alert(1)</script> done" },
      user.id,
    );
    setUpdateVisibility(u.id, "public", user.id);
    const res = rssLoader();
    expect(res.headers.get("Content-Type")).toContain("application/rss+xml");
    const body = await res.text();
    expect(body).toContain("<title>Budget &lt;wins&gt; &amp; more</title>");
    expect(body).toContain("/updates/board-votes-to-protect-immigrant-students</link>");
    expect(body).not.toContain("<script>");
    expect(body.match(/<item>/g)).toHaveLength(2);
  });
});

describe("markdown", () => {
  it("escapes raw HTML and drops javascript: links", () => {
    const html = markdownToHtml(
      'Hi <img src=x onerror="alert(1)"> [click](javascript:alert(1)) [ok](https://lcps.net)',
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://lcps.net">ok</a>');
  });
});

describe("emailing an update", () => {
  it("refuses drafts, queues one email per confirmed subscriber, and never twice", async () => {
    const { emailUpdateToSubscribers } = await import("~/models/update-mailing.server");
    const { subscriptions, emailOutbox } = await import("#db/schema");
    const { makeContact } = await import("../factories");
    const user = await staff();
    const confirmed = makeContact(db(), { email: "member@example.org" });
    const unconfirmed = makeContact(db(), { email: "pending@example.org" });
    db()
      .insert(subscriptions)
      .values({ contactId: confirmed.id, list: "updates", confirmedAt: new Date().toISOString() })
      .run();
    db().insert(subscriptions).values({ contactId: unconfirmed.id, list: "updates" }).run();

    const update = createUpdate(input("Vote recap"), user.id);
    expect(emailUpdateToSubscribers(update.id, user.id)).toBe("draft");
    setUpdateVisibility(update.id, "public", user.id);
    expect(emailUpdateToSubscribers(update.id, user.id)).toBe(1);
    expect(emailUpdateToSubscribers(update.id, user.id)).toBe(0);
    const rows = db().select().from(emailOutbox).all();
    expect(rows.map((r) => [r.toEmail, r.template, r.list])).toEqual([
      ["member@example.org", "impact-update", "updates"],
    ]);
  });
});
