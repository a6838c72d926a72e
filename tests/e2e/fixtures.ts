/**
 * Playwright fixtures. `staffPage` signs in by creating a session row in the server's database and
 * setting its signed cookie, so tests do not type into the login form (one test does).
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { E2E_DATABASE, E2E_SESSION_SECRET } from "../../playwright.config";

process.env.SESSION_SECRET = E2E_SESSION_SECRET;
process.env.NODE_ENV = "production";

let counter = 0;

/** Opens the e2e server's database in this process (WAL lets both processes use it). */
export async function e2eDb() {
  const client = await import("#db/client");
  // Models that open their own connection (the itemized report's reader) find the file by the env.
  process.env.DATABASE_URL = E2E_DATABASE;
  client.useDatabase(E2E_DATABASE);
  return client;
}

export async function createStaff(role: "admin" | "staff" = "admin") {
  await e2eDb();
  const { createStaffUser } = await import("~/models/staff-users.server");
  counter += 1;
  const email = `e2e-${role}-${process.pid}-${Date.now()}-${counter}@example.org`;
  const password = "e2e-password-long-enough";
  const user = await createStaffUser({ email, password, role, firstName: "E2E", lastName: role });
  return { user, email, password };
}

/** Signs a browser context in as a new staff user of `role`. */
export async function signInContext(context: BrowserContext, role: "admin" | "staff") {
  const { user } = await createStaff(role);
  const { createSession } = await import("~/models/sessions.server");
  const { serializeSessionCookie } = await import("~/lib/session.server");
  const header = await serializeSessionCookie(createSession(user.id).id);
  const value = header.split(";")[0].split("=").slice(1).join("=");
  const baseURL = new URL(base.info().project.use.baseURL ?? "http://localhost:3210");
  await context.addCookies([
    { name: "__session", value, domain: baseURL.hostname, path: "/", httpOnly: true, secure: true, sameSite: "Lax" },
  ]);
  return user;
}

export const test = base.extend<{ staffPage: Page; adminPage: Page }>({
  adminPage: async ({ page }, use) => {
    await signInContext(page.context(), "admin");
    await use(page);
  },
  staffPage: async ({ page }, use) => {
    await signInContext(page.context(), "staff");
    await use(page);
  },
});

export { expect };
