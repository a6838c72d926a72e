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
