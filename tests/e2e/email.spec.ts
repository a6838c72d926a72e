/**
 * Email end to end: the server's own sender delivers to the fake Resend beside it (PORT + 20),
 * and the tests open what it received and follow its links, with JavaScript off.
 */
import { Webhook } from "standardwebhooks";
import { test, expect, e2eDb } from "./fixtures";
import { E2E_RESEND_WEBHOOK_SECRET, fetchFakeEmails, type FakeEmail } from "../fakes/resend-server";

test.use({ javaScriptEnabled: false });

function fakeUrl(baseURL: string | undefined) {
  const url = new URL(baseURL ?? "http://localhost:3210");
  return `http://127.0.0.1:${Number(url.port) + 20}`;
}

async function waitForEmail(baseURL: string | undefined, match: (e: FakeEmail) => boolean): Promise<FakeEmail> {
  let found: FakeEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await fetchFakeEmails(fakeUrl(baseURL))).emails.find(match);
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

function link(html: string, path: string): string {
  const match = new RegExp(`href="([^"]*${path.replace(/[/?]/g, "\\$&")}[^"]*)"`).exec(html);
  if (!match) throw new Error(`No link to ${path} in the email`);
  return match[1].replaceAll("&amp;", "&");
}

test("subscribe, confirm by email, receive an impact update and leave with one click", async ({ page, baseURL }) => {
  const address = `reader-${Date.now()}@example.org`;
  await page.goto("/subscribe");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();

  await page.getByLabel("First name").fill("Reader");
  await page.getByRole("textbox", { name: "Email" }).fill(address);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const confirm = await waitForEmail(baseURL, (e) => e.to.includes(address) && /Confirm/.test(e.subject));
  expect(confirm.headers["List-Unsubscribe"]).toBeUndefined();
  await page.goto(link(confirm.html!, "/subscribe/confirm?token="));
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("heading", { name: "You are subscribed" })).toBeVisible();

  const { db } = await e2eDb();
  const { updates } = await import("#db/schema");
  const update = db().select().from(updates).limit(1).get();
  expect(update, "the demo data has an impact update").toBeTruthy();
  const { enqueueImpactUpdate } = await import("~/models/impact-mailing.server");
  expect(enqueueImpactUpdate(update!.id)).toBeGreaterThan(0);

  const impact = await waitForEmail(baseURL, (e) => e.to.includes(address) && e.subject === update!.title);
  expect(impact.batch).toBe(true);
  expect(impact.html).toContain("Not authorized by any candidate");
  expect(impact.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  const oneClick = /^<(https?:\/\/[^>]+)>/.exec(impact.headers["List-Unsubscribe"])![1];

  // What Gmail does: a POST with this exact body, no cookies, no redirect followed.
  const response = await page.request.post(oneClick, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
    maxRedirects: 0,
  });
  expect(response.status()).toBe(200);

  await page.goto(link(impact.html!, "/preferences?token="));
  await expect(page.getByRole("heading", { name: "Email preferences" })).toBeVisible();
  await expect(page.getByLabel(/Impact updates/)).not.toBeChecked();
  await page.getByLabel(/Volunteer opportunities/).check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status")).toContainText("saved");
  await expect(page.getByLabel(/Volunteer opportunities/)).toBeChecked();

  // The unsubscribed reader is left out of the next mailing.
  const { subscriptions, contacts } = await import("#db/schema");
  const { eq, and } = await import("drizzle-orm");
  const contact = db().select().from(contacts).where(eq(contacts.emailNormalized, address)).get()!;
  const row = db()
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.contactId, contact.id), eq(subscriptions.list, "updates")))
    .get()!;
  expect(row.unsubscribedAt).not.toBeNull();
});

test("staff read the outbox, preview templates and retry a failed email", async ({ adminPage: page, baseURL }) => {
  const { db } = await e2eDb();
  const { emailOutbox } = await import("#db/schema");
  const { eq } = await import("drizzle-orm");
  const { enqueueEmail } = await import("~/models/outbox.server");
  const to = `retry-${Date.now()}@example.org`;
  const id = db().transaction((tx) => {
    const id = enqueueEmail(
      { template: "volunteer-welcome", to, props: { firstName: "Rita" }, idempotencyKey: `e2e-retry:${to}` },
      tx,
    )!;
    // As the sender leaves a row after its last attempt.
    tx.update(emailOutbox)
      .set({
        status: "failed",
        attempts: 8,
        lastError: "After 8 attempt(s): 503 internal_server_error: Injected failure.",
      })
      .where(eq(emailOutbox.id, id))
      .run();
    return id;
  });

  await page.goto("/admin/outbox?status=failed");
  await page.getByRole("link", { name: "volunteer-welcome" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/outbox/${id}$`));
  await expect(page.getByRole("alert")).toContainText("503 internal_server_error");
  const frame = page.locator("iframe.email-frame");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator("iframe.email-frame").getByText("Welcome aboard, Rita!")).toBeVisible();
  await expect(page.locator("pre.email-text")).toContainText(/Welcome aboard, Rita!/i);

  await page.getByRole("button", { name: "Try sending again" }).click();
  await expect(page.getByRole("status")).toContainText("queued again");
  const sent = await waitForEmail(baseURL, (e) => e.to.includes(to));
  // The business key plus the row's random send id (unique across installations).
  expect(sent.idempotencyKey).toBe(
    `e2e-retry:${to}/${db().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!.sendId}`,
  );
  await expect.poll(() => db().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!.status).toBe("sent");

  await page.goto("/admin/outbox/templates");
  await page.getByRole("link", { name: "donation-receipt" }).click();
  await expect(page.getByRole("heading", { name: "Preview: donation-receipt" })).toBeVisible();
  await expect(page.frameLocator("iframe.email-frame").getByText(/Paid for by/)).toBeVisible();
});

test("the Resend webhook refuses a bad signature and suppresses a bounced address", async ({ request }) => {
  const address = `bounce-${Date.now()}@example.org`;
  const payload = JSON.stringify({
    type: "email.bounced",
    created_at: new Date().toISOString(),
    data: { email_id: "not-ours", to: [address], bounce: { type: "Permanent", message: "No such mailbox" } },
  });
  const bad = await request.post("/webhooks/resend", {
    headers: {
      "svix-id": "msg_1",
      "svix-timestamp": String(Math.floor(Date.now() / 1000)),
      "svix-signature": "v1,bm90IGEgc2lnbmF0dXJl",
    },
    data: payload,
  });
  expect(bad.status()).toBe(400);

  const { db } = await e2eDb();
  const { emailSuppressions } = await import("#db/schema");
  const { eq } = await import("drizzle-orm");
  expect(
    db().select().from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, address)).get(),
  ).toBeUndefined();

  const at = new Date();
  const signature = new Webhook(E2E_RESEND_WEBHOOK_SECRET).sign("msg_2", at, payload);
  const good = await request.post("/webhooks/resend", {
    headers: {
      "svix-id": "msg_2",
      "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
      "svix-signature": signature,
      "Content-Type": "application/json",
    },
    data: payload,
  });
  expect(good.status()).toBe(200);
  expect(
    db().select().from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, address)).get()?.reason,
  ).toBe("bounce");
});

test.describe("with JavaScript on", () => {
  test.use({ javaScriptEnabled: true });

  test("a member subscribes from the footer link and confirms by email", async ({ page, baseURL }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const address = `js-reader-${Date.now()}@example.org`;
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: /email/i }).first().click();
    await expect(page).toHaveURL(/\/subscribe$/);
    await page.waitForFunction(() =>
      Boolean(
        (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
      ),
    );

    // Client-side validation runs (the route's script loaded): the message appears without a round trip.
    await page.getByLabel("First name").fill("Jo");
    await page.getByRole("textbox", { name: "Email" }).fill("not-an-address");
    await page.getByRole("textbox", { name: "Email" }).blur();
    await expect(page.getByText(/valid email/i)).toBeVisible();

    await page.getByRole("textbox", { name: "Email" }).fill(address);
    await page.getByLabel(/Volunteer opportunities/).check();
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    const confirm = await waitForEmail(baseURL, (e) => e.to.includes(address) && /Confirm/.test(e.subject));
    await page.goto(link(confirm.html!, "/subscribe/confirm?token="));
    await page.getByRole("button", { name: "Confirm my subscription" }).click();
    await expect(page.getByRole("heading", { name: "You are subscribed" })).toBeVisible();
    expect(errors).toEqual([]);

    const { db } = await e2eDb();
    const { contacts, subscriptions } = await import("#db/schema");
    const { eq } = await import("drizzle-orm");
    const rows = db()
      .select({ list: subscriptions.list, confirmedAt: subscriptions.confirmedAt })
      .from(subscriptions)
      .innerJoin(contacts, eq(contacts.id, subscriptions.contactId))
      .where(eq(contacts.email, address))
      .all();
    expect(rows.map((r) => r.list).sort()).toEqual(["updates", "volunteer"]);
    expect(rows.every((r) => r.confirmedAt)).toBe(true);
  });
});

test("a refused API key stops the sender with a banner for staff; after the fix one click sends what waited", async ({
  adminPage: page,
  baseURL,
}) => {
  const { db } = await e2eDb();
  const { emailOutbox } = await import("#db/schema");
  const { eq } = await import("drizzle-orm");
  const { enqueueEmail } = await import("~/models/outbox.server");
  const fake = fakeUrl(baseURL);
  const configure = (body: unknown) =>
    fetch(`${fake}/__fake/configure`, { method: "POST", body: JSON.stringify(body) });
  // Resend answers 403 invalid_api_key from now on (the key was revoked).
  await configure({ invalidKeys: ["re_e2e_fake_key"] });
  try {
    const to = `halted-${Date.now()}@example.org`;
    const id = enqueueEmail({
      template: "volunteer-welcome",
      to,
      props: { firstName: "Hal" },
      idempotencyKey: `e2e-halt:${to}`,
    })!;
    await page.goto("/admin");
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("alert")).toContainText("Email sending is stopped", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("alert")).toContainText("invalid_api_key");
    const row = db().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
    expect(row).toMatchObject({ status: "queued", attempts: 0 });

    // A new key is in place; staff try again from the banner.
    await configure({ invalidKeys: [] });
    await page.getByRole("button", { name: "Try sending now" }).click();
    const sent = await waitForEmail(baseURL, (e) => e.to.includes(to));
    expect(sent.subject).toBeTruthy();
    await page.goto("/admin");
    await expect(page.getByRole("alert")).toHaveCount(0);
  } finally {
    await configure({ invalidKeys: [] });
  }
});

test("staff retry every failed email at once, and the audit log records it", async ({ adminPage: page, baseURL }) => {
  const { db } = await e2eDb();
  const { emailOutbox } = await import("#db/schema");
  const { inArray } = await import("drizzle-orm");
  const { enqueueEmail } = await import("~/models/outbox.server");
  const stamp = Date.now();
  const ids = [1, 2, 3].map((n) => {
    const id = enqueueEmail({
      template: "volunteer-welcome",
      to: `bulk-${stamp}-${n}@example.org`,
      props: { firstName: "Bo" },
      idempotencyKey: `e2e-bulk:${stamp}:${n}`,
    })!;
    db()
      .update(emailOutbox)
      .set({ status: "failed", attempts: 8, lastError: "After 8 attempt(s): 503" })
      .where(inArray(emailOutbox.id, [id]))
      .run();
    return id;
  });
  await page.goto("/admin/outbox");
  await page.getByRole("button", { name: "Retry all failed" }).click();
  await expect(page.getByRole("status")).toContainText(/Queued \d+ failed emails? again/);
  for (const n of [1, 2, 3]) await waitForEmail(baseURL, (e) => e.to.includes(`bulk-${stamp}-${n}@example.org`));
  await expect
    .poll(() =>
      db()
        .select()
        .from(emailOutbox)
        .where(inArray(emailOutbox.id, ids))
        .all()
        .every((r) => r.status === "sent"),
    )
    .toBe(true);
  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "retry_all_failed" }).first()).toBeVisible();
});

test("a welcome to an address that bounces comes back as a signed event: the row says bounced and the address is suppressed", async ({
  page,
}) => {
  const { db } = await e2eDb();
  const { emailOutbox, emailSuppressions } = await import("#db/schema");
  const { eq } = await import("drizzle-orm");
  // Resend's test address for a hard bounce, with a label to keep runs apart.
  const address = `bounced+${Date.now()}@resend.dev`;
  await page.goto("/volunteer");
  await page.getByLabel("First name").fill("Bea");
  await page.getByLabel("Last name").fill("Ouncer");
  await page.getByLabel("Email", { exact: true }).fill(address);
  await page.getByLabel("ZIP code or area").fill("88005");
  await page.getByLabel("Knocking on doors").check();
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/volunteer\/thanks$/);
  await expect
    .poll(() => db().select().from(emailOutbox).where(eq(emailOutbox.toEmail, address)).get()?.lastEvent, {
      timeout: 15_000,
    })
    .toBe("bounced");
  expect(
    db().select().from(emailSuppressions).where(eq(emailSuppressions.emailNormalized, address)).get()?.reason,
  ).toBe("bounce");
});
