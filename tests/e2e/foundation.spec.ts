import { test, expect, createStaff } from "./fixtures";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the home page shows the endorsed slate and links to a candidate page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const slate = page.getByRole("region", { name: /slate/i });
    for (const name of ["Ray Jaramillo", "Terrie Dallman", "Maria Flores"]) {
      await expect(slate.getByRole("link", { name })).toBeVisible();
    }
    await expect(slate.getByText("Won").first()).toBeVisible();
    await slate.getByRole("link", { name: "Maria Flores" }).click();
    await expect(page).toHaveURL(/\/candidates\/maria-flores$/);
    await expect(page.getByRole("heading", { level: 1, name: "Maria Flores" })).toBeVisible();
    await expect(page.getByText("Las Cruces Public Schools Board of Education, District 3").first()).toBeVisible();
    await expect(page.getByText(/Paid for by/)).toBeVisible();
  });

  test("staff sign in with the form and reach the admin home", async ({ page }) => {
    const { email, password } = await createStaff("staff");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("do not match a staff account");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Staff overview" })).toBeVisible();
  });
});

test("a signed-in admin reaches the admin home and can sign out", async ({ adminPage: page }) => {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Staff overview" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});

test("a staff user is refused the admin-only staff accounts page", async ({ staffPage: page }) => {
  const response = await page.goto("/admin/staff");
  expect(response?.status()).toBe(403);
});

test.describe("admin pages, with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin changes the disclaimer in settings and the site footer shows it", async ({ adminPage: page }) => {
    await page.goto("/admin/settings");
    const disclaimer = page.getByLabel("Disclaimer");
    await disclaimer.fill("Vote for us");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The disclaimer must say who paid for it")).toBeVisible();

    const text = `Paid for by Champions PAC (champions.example.org). Not authorized by any candidate or candidate's committee. ${Date.now()}`;
    await page.getByLabel("Disclaimer").fill(text);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");
    await page.goto("/");
    await expect(page.locator(".site-footer")).toContainText(text);
  });

  test("an admin adds a staff account, which can then sign in", async ({ adminPage: page, browser }) => {
    const email = `new-staff-${Date.now()}@example.org`;
    await page.goto("/admin/staff");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Add account" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Add account" }).click();
    await expect(page.getByRole("cell", { name: email })).toBeVisible();

    const fresh = await browser.newContext({ javaScriptEnabled: false });
    const other = await fresh.newPage();
    await other.goto("/login");
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Password").fill("a long enough password");
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByRole("heading", { name: "Staff overview" })).toBeVisible();
    await fresh.close();
  });
});
