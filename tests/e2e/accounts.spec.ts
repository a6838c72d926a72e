/**
 * A PAC with federal and state accounts, without JavaScript: an admin enables the second account
 * in the settings, a donor chooses the federal account on the donate page and pays through the
 * fake Stripe, and the gift is stored in that account. The settings are put back afterwards, so
 * the other specs see one account.
 */
import { test, expect, e2eDb } from "./fixtures";

test.use({ javaScriptEnabled: false });

test.afterAll(async () => {
  await e2eDb();
  const { updateSettings } = await import("~/models/settings.server");
  updateSettings({ complianceProfile: "new_mexico", additionalAccounts: [] });
});

test.describe.serial("federal and state accounts at once", () => {
  test("an admin enables the federal account beside the New Mexico one", async ({ adminPage: page }) => {
    await page.goto("/admin/settings");
    await page.getByLabel(/Also take gifts to the account under US federal PAC/).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect(page.getByLabel(/Also take gifts to the account under US federal PAC/)).toBeChecked();
    await expect(page.locator("#limit-in-force-us_federal")).toContainText("$5,000");
  });

  test("a donor gives to the federal account with plain form posts", async ({ page }) => {
    const email = `accounts-${Date.now()}@example.org`;
    await page.goto("/donate?amount=50");
    // Asked only because two accounts take gifts; the main account is chosen by default.
    await expect(page.getByRole("radio", { name: /New Mexico account/ })).toBeChecked();
    await page.getByRole("radio", { name: /Federal account/ }).check();
    await expect(page.getByText(/Federal law requires us to use our best efforts/).first()).toBeVisible();
    await page.getByLabel("First name").fill("Fed");
    await page.getByLabel("Last name").fill("Giver");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Street address").fill("3 Mesa Rd");
    await page.getByLabel("City").fill("Las Cruces");
    await page.getByLabel("State").fill("NM");
    await page.getByLabel("ZIP code").fill("88001");
    for (const label of [
      /US citizen/,
      /my own funds/,
      /card I use is my own/,
      /at least 18/,
      /not a federal contractor/,
    ])
      await page.getByLabel(label).check();
    await page.getByRole("button", { name: "Continue to secure payment" }).click();
    await page.getByRole("button", { name: "Pay $50.00" }).click();
    await expect(page.getByRole("heading", { name: "Thank you, Fed!" })).toBeVisible();

    const { db } = await e2eDb();
    const { donations } = await import("#db/schema");
    const { eq } = await import("drizzle-orm");
    await expect
      .poll(() => db().select().from(donations).where(eq(donations.donorEmail, email)).get()?.status)
      .toBe("succeeded");
    const gift = db().select().from(donations).where(eq(donations.donorEmail, email)).get()!;
    expect(gift.account).toBe("us_federal");
    expect(gift.aggregationPeriod).toMatch(/^\d{4}$/);
  });

  test("staff record a check to the federal account without employer or email, print the follow-up letter, and record the answer", async ({
    staffPage: page,
  }) => {
    await page.goto("/admin/donations/new");
    await page.getByLabel("Account", { exact: true }).selectOption({ label: "Federal account" });
    await page.getByLabel("Method").selectOption("check");
    await page.getByLabel("Amount or fair value (US dollars)").fill("1000");
    await page.getByLabel("Received on").fill("2026-03-10");
    await page.getByLabel("Check number").fill("777");
    await page.getByLabel("First name").fill("Letter");
    await page.getByLabel("Last name").fill("Writer");
    await page.getByLabel("Street address").fill("9 Adobe Ln");
    await page.getByLabel("City").fill("Las Cruces");
    await page.getByLabel("State").fill("NM");
    await page.getByLabel("ZIP code").fill("88005");
    await page.getByLabel(/US citizen or lawful permanent resident/).check();
    await page.getByLabel(/not a federal contractor/).check();
    await page.getByRole("button", { name: "Record gift" }).click();
    await expect(page.getByRole("heading", { name: "$1,000 from Letter Writer" })).toBeVisible();

    await page.goto("/admin/donations/information-requested");
    const row = page.getByRole("row", { name: /Letter Writer/ });
    await expect(row).toContainText("Federal account");
    await expect(row).toContainText("deposit by March 20, 2026");
    await expect(row).toContainText("employer and occupation");
    await row.getByRole("link", { name: "Print the letter" }).click();
    // The letter states the federal law word for word (11 CFR 104.7(b)(1)(i)(A)) and goes to the donor's address.
    await expect(
      page.getByText(
        "Federal law requires us to use our best efforts to collect and report the name, mailing address, occupation and name of employer of individuals whose contributions exceed $200 in a calendar year.",
      ),
    ).toBeVisible();
    await expect(page.locator("address")).toContainText("9 Adobe Ln");
    // On paper, the staff menu is left off.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".admin-nav")).toBeHidden();
    await expect(page.locator(".letter")).toBeVisible();
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "Mark as printed and mailed" }).click();
    await expect(page.getByRole("button", { name: "Mark as printed and mailed" })).toHaveCount(0);

    await page.goto("/admin/donations/information-requested");
    const form = page.getByRole("form", { name: "Answer from Letter Writer" });
    await form.getByLabel("Employer").fill("Self-employed");
    await form.getByLabel("Occupation").fill("Potter");
    await form.getByRole("button", { name: "Record the answer" }).click();
    await expect(page.getByRole("row", { name: /Letter Writer/ })).toHaveCount(0);
  });

  // 11 CFR 104.3(a)(4)(i): the federal report itemizes the $1,000 federal check; the New Mexico
  // report (NMSA 1978 § 1-19-31) leaves it out. The account is chosen with a plain GET form.
  test("the treasurer chooses the federal account on the report page and files that account's report", async ({
    adminPage: page,
  }) => {
    await page.goto("/admin/donations/report?from=2026-03-01&to=2026-03-31");
    // The main account by default.
    await expect(page.getByLabel("Account", { exact: true })).toHaveValue("new_mexico");
    await expect(page.getByText("Account: New Mexico account.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Letter Writer" })).toHaveCount(0);

    await page.getByLabel("Account", { exact: true }).selectOption({ label: "Federal account" });
    await page.getByRole("button", { name: "Show account" }).click();
    await expect(page).toHaveURL(/account=us_federal/);
    await expect(page).toHaveURL(/from=2026-03-01/);
    await expect(page.getByText("Account: Federal account.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Letter Writer" })).toBeVisible();
    await expect(page.getByLabel("FEC committee ID")).toBeVisible();
    await expect(page.getByRole("link", { name: /New Mexico contributions file/ })).toHaveCount(0);
    // Changing the days keeps the account.
    await page.getByRole("button", { name: "Show period" }).click();
    await expect(page).toHaveURL(/account=us_federal/);
    await expect(page.getByRole("cell", { name: "Letter Writer" })).toBeVisible();

    await page.getByRole("button", { name: "File this report" }).click();
    await expect(page.getByRole("heading", { name: /Filed report/ })).toBeVisible();
    await expect(page.getByText(/Account: Federal account\./)).toBeVisible();
    await expect(page.getByRole("cell", { name: "Letter Writer" }).first()).toBeVisible();
    const { db } = await e2eDb();
    const { filedReports } = await import("#db/schema");
    const { desc } = await import("drizzle-orm");
    expect(db().select().from(filedReports).orderBy(desc(filedReports.id)).get()!.profile).toBe("us_federal");
  });
});
