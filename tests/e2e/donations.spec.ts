/**
 * Giving end to end through the fake Stripe beside the server (PORT + 10): the donate form, the
 * hosted checkout page, the signed webhooks it sends, the thank-you page, and what staff see.
 */
import type { Locator, Page } from "@playwright/test";
import { test, expect, e2eDb } from "./fixtures";

const email = `monthly-${Date.now()}@example.org`;

async function raisedCents(page: Page): Promise<number> {
  return Number(await page.locator("[data-raised-cents]").first().getAttribute("data-raised-cents"));
}

test.describe.serial("a monthly gift with a refcode", () => {
  let raisedBefore = 0;

  test("a supporter gives $25 monthly with refcode email-0301 and reaches the thank-you page", async ({ page }) => {
    await page.goto("/donate?amount=25&refcode=email-0301");
    raisedBefore = await raisedCents(page);
    await expect(page.getByRole("radio", { name: "$25", exact: true })).toBeChecked();
    // One-time by default: monthly only by the donor's own choice.
    await expect(page.getByRole("radio", { name: "Give once" })).toBeChecked();
    await expect(page.getByRole("radio", { name: /every month/ })).not.toBeChecked();
    await page.getByRole("radio", { name: /every month/ }).check();
    await page.getByLabel("First name").fill("Rosa");
    await page.getByLabel("Last name").fill("Monthly");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Street address").fill("1 Main St");
    await page.getByLabel("City").fill("Las Cruces");
    await page.getByLabel("State").fill("NM");
    await page.getByLabel("ZIP code").fill("88001");
    await page.getByLabel("Employer").fill("Las Cruces Public Schools");
    await page.getByLabel("Occupation").fill("Teacher");
    await page.getByLabel(/US citizen or lawful permanent resident/).check();
    await page.getByLabel(/my own funds/).check();
    await page.getByLabel(/card I use is my own/).check();
    await page.getByLabel(/at least 18/).check();
    await page.getByRole("button", { name: "Continue to secure payment" }).click();

    await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
    await expect(page.getByText("Pay $25.00 per month")).toBeVisible();
    await page.getByRole("button", { name: "Pay $25.00" }).click();

    await expect(page.getByRole("heading", { name: "Thank you, Rosa!" })).toBeVisible();
    await expect(page.getByText("Your monthly gift of $25 per month")).toBeVisible();
    await expect(page.getByText("Your payment is confirmed")).toBeVisible();
  });

  test("staff see the gift with its refcode, the goal bar moved, and the receipt is in the outbox", async ({
    staffPage: page,
  }) => {
    await page.goto("/admin/donations?refcode=email-0301");
    const row = page.getByRole("row", { name: /Rosa Monthly/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText("$25");
    await expect(row).toContainText("Monthly");
    await expect(row).toContainText("Received");
    await expect(row).toContainText("email-0301");

    await page.goto("/admin/donations/dashboard");
    expect(await raisedCents(page)).toBe(raisedBefore + 2500);
    await expect(page.getByRole("row", { name: /email-0301/ })).toContainText("$25");

    const { db } = await e2eDb();
    const { emailOutbox } = await import("#db/schema");
    const { eq } = await import("drizzle-orm");
    const receipts = db().select().from(emailOutbox).where(eq(emailOutbox.toEmail, email)).all();
    expect(receipts.map((r) => r.template)).toEqual(["donation-receipt"]);
    const props = JSON.parse(receipts[0].propsJson);
    expect(props).toMatchObject({ amountCents: 2500, recurring: true });
    expect(props.manageUrl).toMatch(/\/donate\/manage\/\d+\?sig=/);

    // The receipt's cancel link opens the billing portal for this plan.
    await page.goto(props.manageUrl);
    await expect(page.getByRole("heading", { name: "Fake billing portal" })).toBeVisible();
    await expect(page.getByText("$25.00 per month, active")).toBeVisible();
  });

  test("staff refund it from the donation page, and the state changes when Stripe confirms", async ({
    staffPage: page,
  }) => {
    await page.goto("/admin/donations?refcode=email-0301");
    await page
      .getByRole("row", { name: /Rosa Monthly/ })
      .getByRole("link")
      .click();
    await expect(page.getByRole("heading", { name: "$25 from Rosa Monthly" })).toBeVisible();
    await page.getByLabel("Amount to refund (US dollars)").fill("10");
    await page.getByRole("button", { name: "Refund" }).click();
    await expect(page.getByText("Refund requested.")).toBeVisible();
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator(".badge").first().textContent();
        },
        { timeout: 10_000 },
      )
      .toBe("Partly refunded");
  });
});

test("staff record a check and find it in the filing report and its CSV", async ({ staffPage: page }) => {
  await page.goto("/admin/donations/new");
  await page.getByLabel("Method").selectOption("check");
  await page.getByLabel("Amount or fair value (US dollars)").fill("250");
  await page.getByLabel("Received on").fill("2026-03-10");
  await page.getByLabel("Check number").fill("4321");
  await page.getByLabel("First name").fill("Dolores");
  await page.getByLabel("Last name").fill("Check");
  // New Mexico reports list every contributor's address (NMSA 1978 § 1-19-31(A)).
  await fillStaffAddress(page);
  await page.getByLabel("Email").fill(`check-${Date.now()}@example.org`);
  await page.getByRole("button", { name: "Record gift" }).click();
  // $250 makes the donor itemizable; a check in hand is recorded all the same (deposit within 10
  // days, 11 CFR 103.3(a)) and the missing employer and occupation are asked for afterwards.
  await expect(page.getByRole("heading", { name: "$250 from Dolores Check" })).toBeVisible();
  await expect(page.getByText("Check, check 4321")).toBeVisible();
  await page.goto("/admin/donations/information-requested");
  const form = page.getByRole("form", { name: "Answer from Dolores Check" });
  await form.getByLabel("Employer").fill("NMSU");
  await form.getByLabel("Occupation").fill("Professor");
  await form.getByRole("button", { name: "Record the answer" }).click();
  await expect(page.getByRole("form", { name: "Answer from Dolores Check" })).toHaveCount(0);

  await page.goto("/admin/donations/report?from=2026-03-01&to=2026-03-31");
  await expect(page.getByRole("row", { name: /Dolores Check/ })).toContainText("NMSU / Professor");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download itemized CSV" }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += chunk;
  expect(text.split("\n")[0]).toContain("full_name,street,city,state,zip,employer,occupation,date");
  expect(text).toMatch(/Dolores Check,.*,NMSU,Professor,2026-03-10,check,250\.00,0\.00,250\.00,2026-primary,/);

  await page.goto("/admin/donations/dashboard");
  await expect(page.getByRole("img", { name: /Net donations received per day/ })).toBeVisible();
});

/** The mailing address on the staff's offline-gift form, and the donor's confirmation that they
 *  are a citizen or permanent resident (52 U.S.C. 30121). */
async function fillStaffAddress(page: Page) {
  await page.getByLabel("Street address").fill("200 E Griggs Ave");
  await page.getByLabel("City").fill("Las Cruces");
  await page.getByLabel("State").fill("NM");
  await page.getByLabel("ZIP code").fill("88001");
  await page.getByLabel("They are a US citizen or lawful permanent resident").check();
}

/** Presses Tab until the element has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Could not reach the element with the Tab key");
}

test("a donation made with the keyboard alone", async ({ page }) => {
  await page.goto("/donate?refcode=keyboard");
  await tabTo(page, page.getByRole("radio", { name: "$10", exact: true }));
  await page.keyboard.press("ArrowRight"); // $25
  await page.keyboard.press("ArrowRight"); // $50
  await expect(page.getByRole("radio", { name: "$50", exact: true })).toBeChecked();
  const fields: Array<[string, string]> = [
    ["First name", "Keyla"],
    ["Last name", "Board"],
    ["Email", `keyboard-${Date.now()}@example.org`],
    ["Street address", "5 Key St"],
    ["City", "Mesilla"],
    ["State", "NM"],
    ["ZIP code", "88046"],
  ];
  for (const [label, value] of fields) {
    await tabTo(page, page.getByLabel(label, { exact: true }));
    await page.keyboard.type(value);
  }
  await tabTo(page, page.getByLabel("I am retired or not employed"));
  await page.keyboard.press("Space");
  for (const label of [/US citizen/, /my own funds/, /card I use is my own/, /at least 18/]) {
    await tabTo(page, page.getByLabel(label));
    await page.keyboard.press("Space");
  }
  await tabTo(page, page.getByRole("button", { name: "Continue to secure payment" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Pay $50.00" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Thank you, Keyla!" })).toBeVisible();
  await expect(page.getByText("Your gift of $50 keeps our work going.")).toBeVisible();
});

test("the form refuses a gift over the limit and says how much is still possible", async ({ page }) => {
  await page.goto("/donate");
  // $6,000: over New Mexico's $5,500 per cycle (NMSA 1978 § 1-19-34.7(A)(1), adjusted 2023).
  await page.getByLabel("Other amount (US dollars)").fill("6000");
  await page.getByLabel("First name").fill("Big");
  await page.getByLabel("Last name").fill("Giver");
  await page.getByLabel("Email").fill(`big-${Date.now()}@example.org`);
  await page.getByLabel("Street address").fill("9 Money Rd");
  await page.getByLabel("City").fill("Las Cruces");
  await page.getByLabel("State").fill("NM");
  await page.getByLabel("ZIP code").fill("88001");
  await page.getByLabel("Employer").fill("Self");
  await page.getByLabel("Occupation").fill("Investor");
  for (const label of [/US citizen/, /my own funds/, /card I use is my own/, /at least 18/])
    await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Continue to secure payment" }).click();
  await expect(page.getByText(/You can still give up to \$5,500/)).toBeVisible();
  await expect(page.getByLabel("Other amount (US dollars)")).toHaveAttribute("aria-invalid", "true");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a one-time gift works with plain form posts, and errors show next to their fields", async ({ page }) => {
    await page.goto("/donate?amount=12.34&refcode=nojs");
    await expect(page.getByLabel("Other amount (US dollars)")).toHaveValue("12.34");
    await page.getByRole("button", { name: "Continue to secure payment" }).click();
    await expect(page.getByText("Enter your first name.")).toBeVisible();
    await expect(page.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("First name").fill("Plain");
    await page.getByLabel("Last name").fill("Post");
    await page.getByLabel("Email").fill(`nojs-${Date.now()}@example.org`);
    await page.getByLabel("Street address").fill("2 Form Ave");
    await page.getByLabel("City").fill("Las Cruces");
    await page.getByLabel("State").fill("NM");
    await page.getByLabel("ZIP code").fill("88001");
    for (const label of [/US citizen/, /my own funds/, /card I use is my own/, /at least 18/])
      await page.getByLabel(label).check();
    await page.getByRole("button", { name: "Continue to secure payment" }).click();
    await page.getByRole("button", { name: "Pay $12.34" }).click();
    await expect(page.getByRole("heading", { name: "Thank you, Plain!" })).toBeVisible();
    await expect(page.getByText("Your gift of $12.34 keeps our work going.")).toBeVisible();
  });
});

test.describe("Stripe reconciliation, with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin runs a reconciliation from the donations pages and sees it recorded", async ({ adminPage: page }) => {
    await page.goto("/admin/donations");
    await page.getByRole("link", { name: "Stripe reconciliation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Stripe reconciliation" })).toBeVisible();
    await page.getByRole("button", { name: "Reconcile now" }).click();
    const runs = page.getByRole("table").last();
    await expect(runs.getByRole("row").nth(1)).toContainText("Finished");
    await expect(page.getByText("None: the books agree with Stripe.")).toBeVisible();
  });

  test("a staff member who is not an admin cannot run one", async ({ staffPage: page }) => {
    await page.goto("/admin/donations/reconciliation");
    const response = await page.request.post("/admin/donations/reconciliation", { form: { intent: "run" } });
    expect(response.status()).toBe(403);
  });
});

test.describe("a check given back, with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("staff record part of a check as refunded; the refund shows in its own period", async ({ staffPage: page }) => {
    await page.goto("/admin/donations/new");
    await page.getByLabel("Method").selectOption("check");
    await page.getByLabel("Amount or fair value (US dollars)").fill("150");
    await page.getByLabel("Received on").fill("2026-05-04");
    await page.getByLabel("Check number").fill("5150");
    await page.getByLabel("First name").fill("Refunda");
    await page.getByLabel("Last name").fill("Check");
    // New Mexico reports list every contributor's address (NMSA 1978 § 1-19-31(A)).
    await fillStaffAddress(page);
    await page.getByLabel("Employer").fill("NMSU");
    await page.getByLabel("Occupation").fill("Librarian");
    await page.getByRole("button", { name: "Record gift" }).click();
    await expect(page.getByRole("heading", { name: "$150 from Refunda Check" })).toBeVisible();

    await page.getByLabel("Amount given back (US dollars)").fill("500");
    await page.getByLabel("Day it went back").fill("2026-06-02");
    await page.getByRole("button", { name: "Record refund" }).click();
    await expect(page.getByText(/Enter an amount between \$0\.01 and \$150/)).toBeVisible();
    await page.getByLabel("Amount given back (US dollars)").fill("50");
    await page.getByLabel("Day it went back").fill("2026-06-02");
    await page.getByRole("button", { name: "Record refund" }).click();
    await expect(page.getByText("Refund recorded.")).toBeVisible();
    await expect(page.getByText("Partly refunded").first()).toBeVisible();

    await page.goto("/admin/donations/report?from=2026-06-01&to=2026-06-30");
    const checks = page.getByRole("row", { name: /^Check/ });
    await expect(checks).toContainText("$50");
  });
});

test.describe("filed reports, with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the treasurer files a period's report, records a refund dated inside it, and files the amendment", async ({
    adminPage: page,
  }) => {
    // A check in a quiet period of its own (the e2e database has other gifts elsewhere).
    await page.goto("/admin/donations/new");
    await page.getByLabel("Method").selectOption("check");
    await page.getByLabel("Amount or fair value (US dollars)").fill("300");
    await page.getByLabel("Received on").fill("2025-08-12");
    await page.getByLabel("Check number").fill("808");
    await page.getByLabel("First name").fill("Filed");
    await page.getByLabel("Last name").fill("Report");
    // New Mexico reports list every contributor's address (NMSA 1978 § 1-19-31(A)).
    await fillStaffAddress(page);
    await page.getByLabel("Employer").fill("NMSU");
    await page.getByLabel("Occupation").fill("Registrar");
    await page.getByRole("button", { name: "Record gift" }).click();
    const giftUrl = page.url();

    await page.goto("/admin/donations/report?from=2025-08-01&to=2025-08-31");
    await page.getByRole("button", { name: "File this report" }).click();
    await expect(page.getByRole("heading", { name: /Filed report: .* to / })).toBeVisible();
    await expect(page.getByText("The period's report still says what was filed.")).toBeVisible();
    const filedUrl = page.url();

    // The check came back in August, but is recorded in the app after filing.
    await page.goto(giftUrl);
    await page.getByLabel("Amount given back (US dollars)").fill("100");
    await page.getByLabel("Day it went back").fill("2025-08-20");
    await page.getByRole("button", { name: "Record refund" }).click();
    await expect(page.getByText("Refund recorded.")).toBeVisible();

    await page.goto(filedUrl);
    await expect(page.getByRole("heading", { name: "An amendment is due" })).toBeVisible();
    await expect(page.getByText(/Refunded in the period: \$0 filed, \$100 now/)).toBeVisible();
    await page.getByRole("button", { name: "File the amendment" }).click();
    await expect(page.getByText(/amending/)).toBeVisible();
    await expect(page.getByText("The period's report still says what was filed.")).toBeVisible();
  });
  test("the treasurer picks a New Mexico report period, sees a late contribution, downloads the contributions file and files the period", async ({
    adminPage: page,
  }) => {
    // $1,500 received the Friday before the November 3, 2026 general election: after 5:00 p.m. on
    // the Tuesday before and more than $1,000 (NMSA 1978 § 1-19-29(B)(5)).
    const last = `Late${Date.now()}`;
    await page.goto("/admin/donations/new");
    await page.getByLabel("Method").selectOption("check");
    await page.getByLabel("Amount or fair value (US dollars)").fill("1500");
    await page.getByLabel("Received on").fill("2026-10-30");
    await page.getByLabel("Check number").fill("1029");
    await page.getByLabel("First name").fill("Marisol");
    await page.getByLabel("Last name").fill(last);
    await fillStaffAddress(page);
    await page.getByLabel("Employer").fill("Memorial Medical Center");
    await page.getByLabel("Occupation").fill("Nurse");
    await page.getByRole("button", { name: "Record gift" }).click();
    await expect(page.getByRole("heading", { name: `$1,500 from Marisol ${last}` })).toBeVisible();

    await page.goto("/admin/donations/report");
    await page.getByLabel("Report period", { exact: true }).selectOption("2026-fourth-general");
    await page.getByRole("button", { name: "Show report period" }).click();
    await expect(
      page.getByRole("heading", { name: /Fourth general report 2026, October 28, 2026 to December 31, 2026/ }),
    ).toBeVisible();
    await expect(page.getByText(/Due January 7, 2027/)).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: `Marisol ${last}` })).toContainText(
      "more than $1,000 after 5:00 p.m. on the Tuesday before",
    );

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download New Mexico contributions file (CSV)" }).click();
    let text = "";
    for await (const chunk of await (await download).createReadStream()) text += chunk;
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFentry_type,contributor_type,first_name,last_name,entity_name,street,city,state,zip,date,amount,occupation,employer,in_kind_description,aggregate_for_election,election_cycle,late_contribution,donation_id",
    );
    expect(text).toContain(
      `Contribution,Individual,Marisol,${last},,200 E Griggs Ave,Las Cruces,NM,88001,2026-10-30,1500.00,Nurse,Memorial Medical Center,,`,
    );
    expect(text).toMatch(new RegExp(`${last},.*,2026-general,yes,\\d+\r\n`));

    await page.getByRole("button", { name: "File this report" }).click();
    await expect(page.getByRole("heading", { name: /Filed report: Fourth general report 2026, / })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download New Mexico contributions file as filed" })).toBeVisible();
  });
});
