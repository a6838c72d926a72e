/**
 * The sender against the errors Resend documents (https://resend.com/docs/api-reference/errors),
 * produced by the fake the way Resend produces them: each case here once lost or duplicated mail.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { emailOutbox, subscriptions } from "#db/schema";
import { createEmailSender, type EmailSenderOptions } from "~/lib/email-sender.server";
import { enqueueEmail } from "~/models/outbox.server";
import { retryOutboxEmail } from "~/models/outbox-admin.server";
import { getSenderHalt, resumeSender } from "~/models/email-sender-halt.server";
import { updateSettings } from "~/models/settings.server";
import { createStaffUser } from "~/models/staff-users.server";
import { auditLog } from "#db/schema";
import { startFakeResend, type FakeResend } from "../fakes/resend-server";
import { makeContact } from "../factories";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const START = Date.parse("2026-03-01T12:00:00.000Z");
let now = new Date(START);
beforeEach(() => {
  now = new Date(START);
});
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

function sender(over: Partial<EmailSenderOptions> = {}) {
  return createEmailSender({
    apiKey: "re_test",
    baseUrl: fake.url,
    ratePerSecond: 1000,
    backoff: { baseMs: 1000, maxMs: 10_000 },
    clock: () => now,
    random: () => 1,
    ...over,
  });
}

const rows = () => db().select().from(emailOutbox).orderBy(emailOutbox.id).all();
const row = (id: number) => db().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;

function receipt(n: number, to = `donor${n}@example.org`) {
  const id = enqueueEmail({
    template: "donation-receipt",
    to,
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
  })!;
  db().update(emailOutbox).set({ nextAttemptAt: now.toISOString() }).where(eq(emailOutbox.id, id)).run();
  return id;
}

const update = {
  title: "Kept their word",
  summary: "Two 5-0 votes.",
  bodyMarkdown: "**Yes.**",
  url: "https://example.org/updates/x",
};

function listMail(from: number, count: number, address = (n: number) => `member${n}@example.org`) {
  const ids: number[] = [];
  db().transaction((tx) => {
    for (let n = from; n < from + count; n += 1) {
      const c = makeContact(tx, { email: address(n), emailNormalized: address(n).toLowerCase() });
      tx.insert(subscriptions).values({ contactId: c.id, list: "updates", confirmedAt: now.toISOString() }).run();
      const id = enqueueEmail(
        {
          template: "impact-update",
          to: address(n),
          props: update,
          idempotencyKey: `impact-update:1:${c.id}`,
          contactId: c.id,
          list: "updates",
        },
        tx,
      )!;
      tx.update(emailOutbox).set({ nextAttemptAt: now.toISOString() }).where(eq(emailOutbox.id, id)).run();
      ids.push(id);
    }
  });
  return ids;
}

async function drainAll(s: ReturnType<typeof sender>, rounds = 50) {
  for (let i = 0; i < rounds; i += 1) {
    await s.runOnce();
    const due = rows().filter((r) => r.status === "queued");
    if (due.length === 0) return;
    advance(Math.max(0, Math.min(...due.map((r) => Date.parse(r.nextAttemptAt))) - now.getTime()) + 1);
  }
}

function expectEachOnce(addresses: string[]) {
  const received = fake.receivedBy();
  for (const a of addresses) expect(received.get(a), a).toBe(1);
  expect(rows().filter((r) => r.status !== "sent")).toEqual([]);
}

describe("a retried list batch", () => {
  it("goes out whole under its key, even when fresh mail fills the claim (no 409 for its second half)", async () => {
    const s = sender({ claimSize: 1 });
    listMail(0, 100);
    fake.fail({ kind: "status", status: 503 });
    expect(await s.runOnce({ maxUnits: 1 })).toMatchObject({ retried: 100 });
    // Fifty more members join before the failed batch's retry is due, and the sender next runs
    // after both are due: the newer mail comes first in the claim's order.
    advance(500);
    listMail(100, 50);
    advance(1500);
    await drainAll(s);
    const batchRequests = fake.requests.filter((r) => r.path === "/emails/batch");
    const firstKey = batchRequests[0].idempotencyKey;
    expect(batchRequests.filter((r) => r.idempotencyKey === firstKey).map((r) => [r.status, r.emails])).toEqual([
      [503, 100],
      [200, 100],
    ]);
    expect(fake.requests.filter((r) => r.status === 409)).toEqual([]);
    expectEachOnce(Array.from({ length: 150 }, (_, n) => `member${n}@example.org`));
  });
});

describe("account and setup errors", () => {
  const cases: Array<[string, () => void]> = [
    ["403 invalid_api_key", () => fake.configure({ invalidKeys: ["re_test"] })],
    ["401 missing_api_key", () => fake.fail({ kind: "error", error: "missing_api_key" })],
    ["401 restricted_api_key", () => fake.fail({ kind: "error", error: "restricted_api_key" })],
    ["403 validation_error (unverified domain)", () => fake.configure({ verifiedDomains: ["champions.example"] })],
    // The settings form refuses a malformed From; Resend may still refuse one it dislikes.
    ["422 invalid_from_address", () => fake.fail({ kind: "error", error: "invalid_from_address" })],
  ];
  it.each(cases)(
    "%s stops the sender, keeps every email waiting unspent, and shows staff why",
    async (_name, breakIt) => {
      const receipts = [receipt(1), receipt(2), receipt(3)];
      listMail(0, 3);
      breakIt();
      // One request at a time, so that the first refusal is the only request.
      const s = sender({ accountRetryMs: 15 * 60_000, concurrency: 1 });
      const stats = await s.runOnce();
      expect(stats.halted).toBe("account");
      expect(stats.requests).toBe(1);
      expect(rows().map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 6 }, () => ["queued", 0]));
      const halt = getSenderHalt()!;
      expect(halt).toMatchObject({ kind: "account" });
      expect(halt.reason).toMatch(/^(401|403|422) /);

      // Stopped: no request at all until it is time to look again, however often it runs.
      advance(60_000);
      expect(await s.runOnce()).toMatchObject({ requests: 0, halted: "account" });

      // Fixed (a new key, a verified domain); staff resume and everything goes out once.
      fake.configure({ invalidKeys: [], verifiedDomains: null });
      const staff = await createStaffUser({
        email: "staffer@example.org",
        password: "long enough password",
        role: "staff",
      });
      expect(resumeSender(staff.id)).toBe(true);
      expect(
        db()
          .select()
          .from(auditLog)
          .all()
          .map((a) => [a.entity, a.action]),
      ).toContainEqual(["email_sender", "resume"]);
      await drainAll(s);
      expect(getSenderHalt()).toBeNull();
      expectEachOnce([
        "donor1@example.org",
        "donor2@example.org",
        "donor3@example.org",
        "member0@example.org",
        "member1@example.org",
        "member2@example.org",
      ]);
      expect(receipts.map((id) => row(id).attempts)).toEqual([1, 1, 1]);
    },
  );
});

describe("the second path to staff", () => {
  it("tells the staff address once through the alert key when the main key is refused", async () => {
    receipt(1);
    fake.configure({ invalidKeys: ["re_test"] });
    const s = sender({
      concurrency: 1,
      alert: { apiKey: "re_alert_account", from: "Alerts <alerts@example.net>", baseUrl: fake.url },
    });
    await s.runOnce();
    advance(16 * 60_000);
    await s.runOnce();
    const alerts = fake.emails.filter((e) => e.to.includes("staff@example.org"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].subject).toMatch(/email sending is stopped/);
    expect(alerts[0].text).toMatch(/403 invalid_api_key/);
    expect(getSenderHalt()!.notifiedAt).not.toBeNull();
  });
});

describe("quotas", () => {
  it.each(["dailyQuota", "monthlyQuota"] as const)(
    "%s pauses the sender without spending attempts, however long it lasts",
    async (quota) => {
      for (let n = 1; n <= 6; n += 1) receipt(n);
      fake.configure({ [quota]: 2 });
      const s = sender({ quotaRetryMs: 60 * 60_000 });
      expect(await s.runOnce()).toMatchObject({ sent: 2, halted: "quota" });
      expect(getSenderHalt()).toMatchObject({ kind: "quota" });
      expect(getSenderHalt()!.reason).toMatch(
        quota === "dailyQuota" ? /daily_quota_exceeded/ : /monthly_quota_exceeded/,
      );
      // A day of hourly looks: one request each, nothing failed, no attempt spent.
      for (let hour = 0; hour < 24; hour += 1) {
        advance(60 * 60_000);
        const stats = await s.runOnce();
        expect(stats.requests).toBeLessThanOrEqual(1);
      }
      expect(rows().filter((r) => r.status === "failed")).toEqual([]);
      expect(
        rows()
          .filter((r) => r.status === "queued")
          .every((r) => r.attempts === 0),
      ).toBe(true);
      // A new day (month): room for the four that waited.
      fake.resetQuotas();
      fake.configure({ [quota]: 4 });
      advance(60 * 60_000);
      await drainAll(s);
      expectEachOnce([1, 2, 3, 4, 5, 6].map((n) => `donor${n}@example.org`));
    },
  );
});

describe("rate limits", () => {
  it("wait the retry-after the provider gives, without spending an attempt", async () => {
    const id = receipt(1);
    fake.fail({ kind: "error", error: "rate_limit_exceeded", retryAfterSeconds: 1 });
    const s = sender();
    expect(await s.runOnce()).toMatchObject({ waiting: 1, retried: 0 });
    expect(row(id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(Date.parse(row(id).nextAttemptAt) - now.getTime()).toBe(1000);
    advance(1000);
    expect(await s.runOnce()).toMatchObject({ sent: 1 });
    expect(row(id).attempts).toBe(1);
  });

  it("against the fake's per-second limit, every email still goes out once", async () => {
    fake.configure({ rateLimitPerSecond: 2 });
    for (let n = 1; n <= 6; n += 1) receipt(n);
    const s = createEmailSender({ apiKey: "re_test", baseUrl: fake.url, ratePerSecond: 50, concurrency: 4 });
    for (let i = 0; i < 20 && rows().some((r) => r.status !== "sent"); i += 1) {
      await s.runOnce();
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
    expectEachOnce([1, 2, 3, 4, 5, 6].map((n) => `donor${n}@example.org`));
    expect(rows().every((r) => r.attempts === 1)).toBe(true);
  });
});

describe("validation errors", () => {
  it("fail only the emails the provider names; the rest of the batch goes out", async () => {
    // The CSV import once took `ana@gmail.com,` as an address.
    const ids = listMail(0, 100, (n) => (n === 37 ? "ana@gmail.com," : `member${n}@example.org`));
    const stats = await sender().runOnce();
    expect(stats).toMatchObject({ sent: 99, failed: 1, requests: 1 });
    expect(row(ids[37])).toMatchObject({ status: "failed" });
    expect(row(ids[37]).lastError).toMatch(/Invalid `to` field/);
    expect(fake.emails).toHaveLength(99);
    expect(ids.filter((_, i) => i !== 37).every((id) => row(id).status === "sent")).toBe(true);
  });

  it("fail a single email at once, without stopping the sender", async () => {
    const bad = receipt(1, "not an address");
    const good = receipt(2);
    const stats = await sender().runOnce();
    expect(stats).toMatchObject({ sent: 1, failed: 1, halted: null });
    expect(row(bad).status).toBe("failed");
    expect(row(good).status).toBe("sent");
  });
});

describe("409 invalid_idempotent_request", () => {
  it("marks the email accepted earlier and never sends it again, even when staff retry", async () => {
    const id = receipt(1);
    fake.fail({ kind: "error", error: "invalid_idempotent_request" });
    expect(await sender().runOnce()).toMatchObject({ acceptedEarlier: 1, failed: 0 });
    expect(row(id)).toMatchObject({ status: "sent", lastEvent: "accepted_earlier" });
    const staff = await createStaffUser({
      email: "staffer@example.org",
      password: "long enough password",
      role: "staff",
    });
    expect(retryOutboxEmail(id, staff.id)).toBe(false);
    await drainAll(sender());
    expect(fake.emails).toHaveLength(0);
  });

  it("does not happen when settings change between a lost answer and its retry: the same bytes go again", async () => {
    const id = receipt(1);
    fake.fail({ kind: "drop" });
    const s = sender();
    expect(await s.runOnce()).toMatchObject({ retried: 1 });
    updateSettings({ pacName: "Champions PAC (renamed)" });
    await drainAll(s);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.emails).toHaveLength(1);
    expect(row(id)).toMatchObject({ status: "sent", providerMessageId: fake.emails[0].id });
  });
});

describe("idempotency keys", () => {
  it("differ between installations that share a Resend team, so neither's mail is swallowed", async () => {
    // Staging and production (or a restored backup) both have a donation #1 for another donor.
    receipt(1, "production-donor@example.org");
    await drainAll(sender());
    db().delete(emailOutbox).run();
    receipt(1, "staging-donor@example.org");
    await drainAll(sender());
    expect(fake.emails.map((e) => e.to[0]).sort()).toEqual([
      "production-donor@example.org",
      "staging-donor@example.org",
    ]);
    expect(rows().every((r) => r.status === "sent")).toBe(true);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(2);
  });
});
