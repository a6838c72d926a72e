/**
 * Staff password reset end to end, with JavaScript off: a staff member asks for a link, opens the
 * email the server's sender delivered to the fake Resend, chooses a new password and signs in with
 * it; the same link is refused the second time, and an expired one is refused too.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, e2eDb, createStaff } from "./fixtures";
import { fetchFakeEmails, type FakeEmail } from "../fakes/resend-server";

function fakeUrl(baseURL: string | undefined) {
  const url = new URL(baseURL ?? "http://localhost:3210");
  return `http://127.0.0.1:${Number(url.port) + 20}`;
}

async function resetEmails(baseURL: string | undefined, to: string): Promise<FakeEmail[]> {
  return (await fetchFakeEmails(fakeUrl(baseURL))).emails.filter(
    (e) => e.to.includes(to) && e.subject === "Reset your staff password",
  );
}

async function waitForResetEmail(baseURL: string | undefined, to: string, count: number): Promise<FakeEmail> {
  await expect.poll(async () => (await resetEmails(baseURL, to)).length, { timeout: 15_000 }).toBe(count);
  return (await resetEmails(baseURL, to)).at(-1)!;
}

function resetLink(email: FakeEmail): string {
  const match = /href="([^"]*\/reset-password\?token=[^"]*)"/.exec(email.html ?? "");
  if (!match) throw new Error("No reset link in the email");
  return match[1].replaceAll("&amp;", "&");
}

async function askForLink(page: Page, email: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("staff reset a forgotten password by email; the link works once and not after 30 minutes", async ({
    page,
    baseURL,
  }) => {
    const { email } = await createStaff("staff");
    // An address with no account gets the same page and no email.
    await askForLink(page, `nobody-${Date.now()}@example.org`);

    await askForLink(page, email);
    const message = await waitForResetEmail(baseURL, email, 1);
    const link = resetLink(message);
    expect(message.text ?? message.html).toMatch(/30 minutes/);

    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("New password again").fill("short");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("a fresh staff passphrase");
    await page.getByLabel("New password again").fill("a fresh staff passphrase");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page).toHaveURL(/\/login\?reset=done/);
    await expect(page.getByText("Your password was changed")).toBeVisible();

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a fresh staff passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Staff overview" })).toBeVisible();

    // The same link again: refused.
    const reused = await page.goto(link);
    expect(reused?.status()).toBe(400);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();

    // A new link, left for more than 30 minutes: refused.
    await page.context().clearCookies();
    await askForLink(page, email);
    const late = resetLink(await waitForResetEmail(baseURL, email, 2));
    const { db } = await e2eDb();
    const { passwordResets, staffUsers } = await import("#db/schema");
    const { and, eq, isNull } = await import("drizzle-orm");
    const user = db().select().from(staffUsers).where(eq(staffUsers.emailNormalized, email)).get()!;
    db()
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
      .where(and(eq(passwordResets.staffUserId, user.id), isNull(passwordResets.usedAt)))
      .run();
    const expired = await page.goto(late);
    expect(expired?.status()).toBe(400);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  });
});

test("the new-password page, empty and with the server's errors, has no axe violations", async ({ page }) => {
  const { email } = await createStaff("staff");
  const { db } = await e2eDb();
  const { requestPasswordReset } = await import("~/models/password-resets.server");
  const { emailOutbox } = await import("#db/schema");
  const { and, eq } = await import("drizzle-orm");
  requestPasswordReset(email);
  const row = db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toEmail, email), eq(emailOutbox.template, "staff-password-reset")))
    .get()!;
  const url = new URL((JSON.parse(row.propsJson) as { resetUrl: string }).resetUrl);
  // The same WCAG rules as every public form (accessibility.spec.ts).
  const axe = async () =>
    (
      await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze()
    ).violations.map((v) => `${v.id}: ${v.help}`);
  await page.goto(`${url.pathname}${url.search}`);
  expect(await axe()).toEqual([]);
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page
    .getByRole("button", { name: "Save the new password" })
    .evaluate((button) => HTMLFormElement.prototype.submit.call((button as HTMLButtonElement).form!));
  expect((await response).status()).toBe(400);
  await expect(page.locator(".field-error").first()).toBeVisible();
  expect(await axe()).toEqual([]);
});
