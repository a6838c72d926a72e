/**
 * The treasurer cures an excessive contribution (11 CFR 103.3(b)(3); NMSA 1978 § 1-19-34.7(A)) by
 * refunding the excess, files the period's report, records a late refund dated inside it, and sees
 * the amendment (filed reports are frozen). Plain form posts: JavaScript is off.
 */
import { test, expect } from "./fixtures";

test.use({ javaScriptEnabled: false });

const dollars = (text: string) => Number(text.replace(/[$,]/g, ""));

test("the treasurer refunds an excessive gift's excess, files the report, records a late refund and sees the amendment", async ({
  adminPage: page,
}) => {
  const lastName = `Excess${Date.now()}`;
  // A $6,000 check: over the limit under either profile ($5,000 a year federal, $5,500 a cycle in New Mexico).
  await page.goto("/admin/donations/new");
  await page.getByLabel("Method").selectOption("check");
  await page.getByLabel("Amount or fair value (US dollars)").fill("6000");
  await page.getByLabel("Received on").fill("2025-02-17");
  await page.getByLabel("Check number").fill("6000");
  await page.getByLabel("First name").fill("Maxine");
  await page.getByLabel("Last name").fill(lastName);
  await page.getByLabel("Email").fill(`${lastName.toLowerCase()}@example.org`);
  await page.getByLabel("Street address").fill("200 E Griggs Ave");
  await page.getByLabel("City").fill("Las Cruces");
  await page.getByLabel("State").fill("NM");
  await page.getByLabel("ZIP code").fill("88001");
  await page.getByLabel("Employer").fill("NMSU");
  await page.getByLabel("Occupation").fill("Engineer");
  await page.getByLabel("They are a US citizen or lawful permanent resident").check();
  const contractor = page.getByLabel("They are not a federal contractor");
  if (await contractor.count()) await contractor.check();
  await page.getByRole("button", { name: "Record gift" }).click();
  await expect(page.getByText(/would pass the limit/)).toBeVisible();

  // Deposited all the same, to be cured before the deadline.
  await page.getByLabel("Deposit it even if it passes the donor's limit").check();
  await page.getByLabel("They are a US citizen or lawful permanent resident").check();
  if (await contractor.count()) await contractor.check();
  await page.getByRole("button", { name: "Record gift" }).click();
  await expect(page.getByRole("heading", { name: `$6,000 from Maxine ${lastName}` })).toBeVisible();
  const giftUrl = page.url();

  // The queue: the excess, its deadline (60 days from February 17, 2025: long past, so overdue).
  await page.goto("/admin/donations/excessive");
  const card = page.getByRole("article", { name: new RegExp(`over the limit: Maxine ${lastName}`) });
  await expect(card).toBeVisible();
  const heading = await card.getByRole("heading").first().innerText();
  const excess = dollars(/^(\$[\d,]+)/.exec(heading)![1]);
  expect(excess).toBeGreaterThan(0);
  await expect(card.getByText(/Overdue by \d+ days/)).toBeVisible();
  await expect(card.getByText("April 18, 2025", { exact: false })).toBeVisible();

  // A date before the gift is refused next to its field; then the check that went back.
  await card.getByLabel("Day the check went out").fill("2025-01-02");
  await card.getByRole("button", { name: /refunded by check/ }).click();
  const again = page.getByRole("article", { name: new RegExp(`over the limit: Maxine ${lastName}`) });
  await expect(again.getByText(/Enter the day the money went back/)).toBeVisible();
  await again.getByLabel("Day the check went out").fill("2025-02-24");
  await again.getByLabel("Reference (e.g. PAC check 1042)").fill("PAC check 311");
  await again.getByRole("button", { name: /refunded by check/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resolved." })).toBeVisible();
  const resolvedRow = page.getByRole("row", { name: new RegExp(`Maxine ${lastName}`) });
  await expect(resolvedRow).toContainText("Refunded by check");
  await expect(resolvedRow).toContainText("PAC check 311");
  await expect(page.getByRole("article", { name: new RegExp(`Maxine ${lastName}`) })).toHaveCount(0);

  // File February 2025.
  await page.goto("/admin/donations/report?from=2025-02-01&to=2025-02-28");
  await page.getByRole("button", { name: "File this report" }).click();
  await expect(page.getByRole("heading", { name: /Filed report: .* to / })).toBeVisible();
  const filedUrl = page.url();

  // A late refund: $100 more went back on February 26, recorded after filing.
  await page.goto(giftUrl);
  await page.getByLabel("Amount given back (US dollars)").fill("100");
  await page.getByLabel("Day it went back").fill("2025-02-26");
  await page.getByRole("button", { name: "Record refund" }).click();
  await expect(page.getByText("Refund recorded.")).toBeVisible();

  // The filed report still says what it said; the change is an amendment to file.
  await page.goto(filedUrl);
  await expect(page.getByRole("heading", { name: "An amendment is due" })).toBeVisible();
  const change = page.getByText(/Refunded in the period: \$[\d,]+ filed, \$[\d,]+ now/);
  await expect(change).toBeVisible();
  const [, filed, now] = /\$([\d,]+) filed, \$([\d,]+) now/.exec(await change.innerText())!;
  expect(dollars(now) - dollars(filed)).toBe(100);
  expect(dollars(filed)).toBeGreaterThanOrEqual(excess);
  await page.getByRole("button", { name: "File the amendment" }).click();
  await expect(page.getByText(/amending/)).toBeVisible();
});
