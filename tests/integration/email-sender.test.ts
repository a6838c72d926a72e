/**
 * The outbox sender against a local server that speaks Resend's API, through the real SDK.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { emailOutbox, subscriptions } from "#db/schema";
import { createEmailSender, type EmailSenderOptions } from "~/lib/email-sender.server";
import { enqueueEmail } from "~/models/outbox.server";
import { suppressEmail } from "~/models/email-suppressions.server";
import { unsubscribe } from "~/models/subscriptions.server";
import { startFakeResend, type FakeResend } from "../fakes/resend-server";
import { makeContact } from "../factories";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const receipt = (n: number) => ({
  template: "donation-receipt" as const,
  to: `donor${n}@example.org`,
  props: {
    donorName: "Ana",
    amountCents: 2500,
    currency: "usd",
    receivedAt: "2026-02-03T17:30:00.000Z",
    recurring: false,
    manageUrl: null,
    donationId: n,
  },
  idempotencyKey: `donation-receipt:${n}`,
});

const update = {
  title: "Kept their word",
  summary: "Two 5-0 votes.",
  bodyMarkdown: "**Yes.**",
  url: "https://example.org/updates/x",
};

function sender(over: Partial<EmailSenderOptions> = {}) {
  return createEmailSender({
    apiKey: "re_test",
    baseUrl: fake.url,
    ratePerSecond: 1000,
    backoff: { baseMs: 1000, maxMs: 10_000 },
    ...over,
  });
}

function row(id: number) {
  return db().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
}

function subscriber(n: number, list: "updates" | "fundraising" = "updates") {
  const contact = makeContact(db(), { email: `member${n}@example.org`, emailNormalized: `member${n}@example.org` });
  db().insert(subscriptions).values({ contactId: contact.id, list, confirmedAt: new Date().toISOString() }).run();
  return contact;
}

describe("email sender", () => {
  it("sends a queued email once, with the row's idempotency key, and records the provider id", async () => {
    const id = enqueueEmail(receipt(1))!;
    const stats = await sender().runOnce();
    expect(stats.sent).toBe(1);
    expect(fake.emails).toHaveLength(1);
    const [email] = fake.emails;
    expect(email.to).toEqual(["donor1@example.org"]);
    // The business key plus the random id the row got when enqueued (unique per installation).
    expect(email.idempotencyKey).toBe(`donation-receipt:1/${row(id).sendId}`);
    expect(row(id).sendId).toMatch(/^[0-9a-f]{32}$/);
    expect(email.subject).toContain("$25");
    expect(email.html).toContain("Not authorized by any candidate");
    expect(email.text).not.toMatch(/<[a-z][^>]*>/i);
    expect(row(id)).toMatchObject({ status: "sent", providerMessageId: email.id, attempts: 1 });
    await sender().runOnce();
    expect(fake.emails).toHaveLength(1);
  });

  it("never sends an email enqueued in a transaction that rolled back", async () => {
    expect(() =>
      db().transaction((tx) => {
        enqueueEmail(receipt(2), tx);
        throw new Error("the business write failed");
      }),
    ).toThrow("the business write failed");
    await sender().runOnce();
    expect(fake.requests).toHaveLength(0);
    expect(db().select().from(emailOutbox).all()).toHaveLength(0);
  });

  it("retries 500 and 503 with backoff, then sends exactly once", async () => {
    let now = new Date("2026-03-01T12:00:00.000Z");
    const id = enqueueEmail(receipt(3))!;
    db().update(emailOutbox).set({ nextAttemptAt: now.toISOString() }).where(eq(emailOutbox.id, id)).run();
    fake.fail({ kind: "status", status: 500 }, { kind: "status", status: 502 }, { kind: "status", status: 503 });
    const s = sender({ clock: () => now, random: () => 1 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(await s.runOnce()).toMatchObject({ retried: 1, sent: 0 });
      const r = row(id);
      expect(r.status).toBe("queued");
      expect(r.lastError).toMatch(/^(500|502|503)/);
      delays.push(Date.parse(r.nextAttemptAt) - now.getTime());
      // Not due yet: nothing goes out.
      expect(await s.runOnce()).toMatchObject({ sent: 0, requests: 0 });
      now = new Date(r.nextAttemptAt);
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(await s.runOnce()).toMatchObject({ sent: 1 });
    expect(fake.emails).toHaveLength(1);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 502, 503, 200]);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey))).toEqual(
      new Set([`donation-receipt:3/${row(id).sendId}`]),
    );
    expect(row(id)).toMatchObject({ status: "sent", attempts: 4, providerMessageId: fake.emails[0].id });
  });

  it("gives up after the attempt limit and marks the row failed with the provider's error", async () => {
    let now = new Date("2026-03-01T12:00:00.000Z");
    const id = enqueueEmail(receipt(4))!;
    db().update(emailOutbox).set({ nextAttemptAt: now.toISOString() }).where(eq(emailOutbox.id, id)).run();
    fake.fail(...Array.from({ length: 3 }, () => ({ kind: "status", status: 500 }) as const));
    const s = sender({ clock: () => now, maxAttempts: 3 });
    for (let i = 0; i < 3; i += 1) {
      await s.runOnce();
      now = new Date(Date.parse(row(id).nextAttemptAt) + 1);
    }
    expect(row(id)).toMatchObject({ status: "failed", attempts: 3 });
    expect(row(id).lastError).toMatch(/After 3 attempt\(s\): 500/);
    expect(fake.emails).toHaveLength(0);
  });

  it("does not send twice when the sender stops between the send and the mark", async () => {
    const id = enqueueEmail(receipt(5))!;
    let now = new Date(Date.now() + 1);
    const crashing = sender({
      clock: () => now,
      afterSend: () => {
        throw new Error("process killed");
      },
    });
    await crashing.runOnce();
    expect(fake.emails).toHaveLength(1);
    expect(row(id).status).toBe("sending");

    // Within the lease nobody takes the row over; after it, another sender resends it.
    const next = sender({ clock: () => now, leaseMs: 60_000 });
    expect(await next.runOnce()).toMatchObject({ requests: 0 });
    now = new Date(now.getTime() + 61_000);
    expect(await next.runOnce()).toMatchObject({ sent: 1, requests: 1 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.emails).toHaveLength(1);
    expect(row(id)).toMatchObject({ status: "sent", providerMessageId: fake.emails[0].id });
  });

  it("does not send twice when the provider's answer is lost after it accepted the email", async () => {
    const id = enqueueEmail(receipt(6))!;
    let now = new Date(Date.now() + 1);
    fake.fail({ kind: "drop" });
    const s = sender({ clock: () => now });
    expect(await s.runOnce()).toMatchObject({ retried: 1 });
    now = new Date(row(id).nextAttemptAt);
    expect(await s.runOnce()).toMatchObject({ sent: 1 });
    expect(fake.emails).toHaveLength(1);
    expect(row(id).providerMessageId).toBe(fake.emails[0].id);
  });

  it("sends list mail through the batch endpoint, at most 100 per request, each with one-click headers", async () => {
    for (let n = 0; n < 250; n += 1) {
      const c = subscriber(n);
      enqueueEmail({
        template: "impact-update",
        to: c.email!,
        props: update,
        idempotencyKey: `impact-update:1:${c.id}`,
        contactId: c.id,
        list: "updates",
      });
    }
    const stats = await sender().runOnce();
    expect(stats).toMatchObject({ sent: 250, requests: 3 });
    expect(fake.requests.map((r) => [r.path, r.emails])).toEqual([
      ["/emails/batch", 100],
      ["/emails/batch", 100],
      ["/emails/batch", 50],
    ]);
    for (const email of fake.emails) {
      expect(email.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      // One https-able one-click URI only (RFC 8058): no mailto: that nobody reads.
      expect(email.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/[^>]+\/unsubscribe\/one-click\?token=[^>]+>$/);
      expect(email.headers["List-Id"]).toBe('"Champions PAC updates" <updates.example.org>');
      expect(email.html).toContain("/unsubscribe?token=");
    }
    // Every recipient's link is their own.
    expect(new Set(fake.emails.map((e) => e.headers["List-Unsubscribe"])).size).toBe(250);
  });

  it("gives no list mail to a suppressed or unsubscribed address, but still sends its receipts", async () => {
    const kept = subscriber(1);
    const suppressed = subscriber(2);
    const gone = subscriber(3);
    const unconfirmed = makeContact(db(), { email: "member4@example.org", emailNormalized: "member4@example.org" });
    db().insert(subscriptions).values({ contactId: unconfirmed.id, list: "updates" }).run();
    for (const c of [kept, suppressed, gone, unconfirmed]) {
      enqueueEmail({
        template: "impact-update",
        to: c.email!,
        props: update,
        idempotencyKey: `impact-update:1:${c.id}`,
        contactId: c.id,
        list: "updates",
      });
      enqueueEmail({ ...receipt(c.id), to: c.email!, contactId: c.id });
    }
    suppressEmail("MEMBER2@example.org", "complaint");
    unsubscribe(gone.id, ["updates"]);
    const stats = await sender().runOnce();
    expect(stats).toMatchObject({ sent: 5, skipped: 3 });
    const listMail = fake.emails.filter((e) => e.headers["List-Unsubscribe"]);
    expect(listMail.map((e) => e.to[0])).toEqual(["member1@example.org"]);
    const receipts = fake.emails
      .filter((e) => !e.headers["List-Unsubscribe"])
      .map((e) => e.to[0])
      .sort();
    expect(receipts).toEqual([
      "member1@example.org",
      "member2@example.org",
      "member3@example.org",
      "member4@example.org",
    ]);
    const skipped = db().select().from(emailOutbox).where(eq(emailOutbox.lastEvent, "skipped")).all();
    expect(skipped.map((r) => r.lastError).sort()).toEqual([
      "Not sent: address suppressed (complaint)",
      "Not sent: address unsubscribed from updates",
      "Not sent: subscription to updates not confirmed",
    ]);
  });

  it("two senders running at once never send one row twice", async () => {
    for (let n = 0; n < 40; n += 1) enqueueEmail(receipt(100 + n));
    const a = sender({ claimSize: 3 });
    const b = sender({ claimSize: 3 });
    const [sa, sb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(sa.sent + sb.sent).toBe(40);
    expect(sa.sent).toBeGreaterThan(0);
    expect(sb.sent).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(40);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(40);
  });

  it("holds due rows when no API key is configured", async () => {
    const id = enqueueEmail(receipt(7))!;
    expect(await createEmailSender({ apiKey: null, ratePerSecond: 2 }).runOnce()).toMatchObject({ held: 1 });
    expect(row(id).status).toBe("held");
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps to the configured rate", async () => {
    for (let n = 0; n < 11; n += 1) enqueueEmail(receipt(200 + n));
    const started = Date.now();
    await sender({ ratePerSecond: 20 }).runOnce();
    const elapsed = Date.now() - started;
    expect(fake.emails).toHaveLength(11);
    expect(elapsed).toBeGreaterThanOrEqual(480);
  });
});
