/**
 * Every page route in the Remix manifest, opened in Chromium with JavaScript on, hydrates without
 * a page error, a console error, a failed script or stylesheet, or the error page. Public routes
 * are opened signed out, admin routes signed in as an admin. Ids come from the demo data: the walk
 * follows the links on the pages it opens until every route with a parameter has a real URL; links
 * that only arrive by email are signed here with the server's own helpers. A new route is walked
 * the moment its file exists, and fails loudly if nothing leads to it.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, e2eDb, createStaff, signInContext } from "./fixtures";
import { manifestRoutes as allRoutes } from "../support/route-manifest";

interface PageRoute {
  id: string;
  path: string;
  pattern: RegExp;
  dynamic: number;
  /** False for resource routes (no component: files, feeds, redirects): there is no page to hydrate. */
  page: boolean;
}

/** Every route with a URL; resource routes are kept so that a link to one is not taken for a page. */
async function manifestRoutes(): Promise<PageRoute[]> {
  const byPath = new Map<string, PageRoute>();
  for (const route of await allRoutes()) {
    if (route.id === "root") continue;
    const page = /export default/.test(route.source);
    const full = route.path;
    if (byPath.has(full) && !route.index) continue;
    const segments = full.split("/").filter(Boolean);
    const source = segments
      .map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    byPath.set(full, {
      id: route.id,
      path: full,
      pattern: new RegExp(`^/${source}$`),
      dynamic: segments.filter((s) => s.startsWith(":")).length,
      page,
    });
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** The route a same-origin path belongs to: a fixed segment beats a parameter, as in Remix's ranking. */
function routeFor(routes: PageRoute[], pathname: string): PageRoute | undefined {
  return routes.filter((r) => r.pattern.test(pathname)).sort((a, b) => a.dynamic - b.dynamic)[0];
}

/**
 * The demo data has no gifts, subscribers or suggestions; one of each is made through the app's own
 * models, and the links that only reach people by email are signed with the app's own keys.
 */
async function activityAndEmailedLinks(): Promise<string[]> {
  await e2eDb();
  const { recordOfflineContribution } = await import("~/models/offline-contributions.server");
  const { submitReferral } = await import("~/models/referrals.server");
  const { requestSubscription } = await import("~/models/subscriptions.server");
  const { signEmailToken } = await import("~/lib/email-tokens.server");
  const { signPath } = await import("~/lib/signed-link.server");
  const { signedToken } = await import("~/lib/signed-token.server");
  const { OPT_IN_PURPOSE } = await import("~/models/referrals.server");
  const { contacts, donations, referrals } = await import("#db/schema");
  const { eq } = await import("drizzle-orm");
  const { db } = await import("#db/client");

  const stamp = `${process.pid}-${Date.now()}`;
  const email = `walker-${stamp}@example.org`;
  requestSubscription({ email, firstName: "Walker", lists: ["updates"] });
  submitReferral({
    referrer: { firstName: "Walker", email },
    suggestedName: `Suggested ${stamp}`,
    suggestedEmail: `suggested-${stamp}@example.org`,
    office: "Las Cruces City Council",
    reason: "Shows up for every neighbourhood meeting.",
    suggestedKnows: true,
  });
  const contact = db().select().from(contacts).where(eq(contacts.email, email)).get()!;
  const referral = db().select().from(referrals).where(eq(referrals.referrerContactId, contact.id)).get()!;
  const { user } = await createStaff("admin");
  const checkInput = {
    method: "check" as const,
    amountCents: 5_000,
    receivedOn: new Date().toISOString().slice(0, 10),
    isAnonymous: false,
    firstName: "Walker",
    lastName: "Check",
    email,
    street: "100 N Main St",
    city: "Las Cruces",
    state: "NM",
    zip: "88001",
    employer: null,
    occupation: null,
    checkNumber: "1001",
    inKindDescription: null,
    refcode: null,
    notForeignNational: true,
  };
  const check = recordOfflineContribution(checkInput, user.id);
  // The same name a unit away: a likely match waiting for staff, so the match review page has one to show.
  recordOfflineContribution(
    { ...checkInput, email: null, street: "100 N Main St Apt 5", checkNumber: "1002" },
    user.id,
  );
  const donation = db().select({ id: donations.id }).from(donations).where(eq(donations.id, check.donationId)).get();
  // A check without employer or email, so that the follow-up letter page has one to show.
  recordOfflineContribution(
    {
      method: "check",
      amountCents: 30_000,
      receivedOn: new Date().toISOString().slice(0, 10),
      isAnonymous: false,
      firstName: "Walker",
      lastName: `Letter ${stamp}`,
      email: null,
      street: "101 N Main St",
      city: "Las Cruces",
      state: "NM",
      zip: "88001",
      employer: null,
      occupation: null,
      checkNumber: "1002",
      inKindDescription: null,
      refcode: null,
      notForeignNational: true,
    },
    user.id,
  );
  // A filed report, so that the filed-report page has one to show.
  const { fileReport } = await import("~/models/filed-reports.server");
  const today = new Date().toISOString().slice(0, 10);
  fileReport({ from: today, to: today }, user.id);
  // A staff password link, read back from the email it is mailed in.
  const { requestPasswordReset } = await import("~/models/password-resets.server");
  const { emailOutbox } = await import("#db/schema");
  const { and } = await import("drizzle-orm");
  requestPasswordReset(user.emailNormalized);
  const resetMail = db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toEmail, user.emailNormalized), eq(emailOutbox.template, "staff-password-reset")))
    .get()!;
  const resetUrl = new URL((JSON.parse(resetMail.propsJson) as { resetUrl: string }).resetUrl);
  return [
    `${resetUrl.pathname}${resetUrl.search}`,
    `/subscribe/confirm?token=${signEmailToken("confirm", { contactId: contact.id, lists: ["updates"] })}`,
    `/unsubscribe?token=${signEmailToken("unsubscribe", { contactId: contact.id, lists: ["updates"] })}`,
    `/preferences?token=${signEmailToken("unsubscribe", { contactId: contact.id, lists: ["updates"] })}`,
    `/refer/follow/${referral.followToken}`,
    `/refer/opt-in/${signedToken(OPT_IN_PURPOSE, referral.id)}`,
    `/donate/details/${donation!.id}?sig=${signPath("donor-details", donation!.id)}`,
  ];
}

interface Visit {
  url: string;
  problems: string[];
}

/** Opens `url`, waits for hydration and the network to settle, and lists what went wrong. */
async function visit(page: Page, url: string): Promise<Visit & { links: string[] }> {
  const problems: string[] = [];
  const onError = (e: Error) => problems.push(`page error: ${e.message}`);
  const onConsole = (m: { type(): string; text(): string }) => {
    // The outbox previews an email in a frame sandboxed without scripts (app/components/email-preview.tsx);
    // emails carry no script, and Chromium reports the scripts the test driver itself tries to run
    // in that frame, now and then. That refusal is the sandbox working, not a page error.
    if (/about:srcdoc.*sandboxed and the 'allow-scripts' permission is not set/.test(m.text())) return;
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  };
  const onFailed = (r: { resourceType(): string; url(): string; failure(): { errorText: string } | null }) => {
    if (["script", "stylesheet"].includes(r.resourceType()))
      problems.push(`${r.resourceType()} failed: ${r.url()} ${r.failure()?.errorText ?? ""}`);
  };
  const onResponse = (r: { status(): number; url(): string; request(): { resourceType(): string } }) => {
    if (["script", "stylesheet"].includes(r.request().resourceType()) && r.status() >= 400)
      problems.push(`${r.request().resourceType()} ${r.status()}: ${r.url()}`);
  };
  page.on("pageerror", onError);
  page.on("console", onConsole);
  page.on("requestfailed", onFailed);
  page.on("response", onResponse);
  try {
    const response = await page.goto(url, { waitUntil: "networkidle" });
    const status = response?.status() ?? 0;
    if (status >= 400) problems.push(`answered ${status}`);
    const hydrated = await page
      .waitForFunction(
        () =>
          Boolean(
            (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state
              .initialized,
          ),
        null,
        { timeout: 5_000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (!hydrated) problems.push("never hydrated");
    if (await page.locator("[data-error-boundary]").count())
      problems.push(
        `shows the error page: ${(await page.locator("[data-error-boundary]").innerText()).replace(/\s+/g, " ")}`,
      );
    const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    return { url, problems, links };
  } finally {
    page.off("pageerror", onError);
    page.off("console", onConsole);
    page.off("requestfailed", onFailed);
    page.off("response", onResponse);
  }
}

/**
 * Opens every static route of `routes`, the given extra URLs, then follows links until each route
 * with a parameter has been opened once through a real link.
 */
async function walk(page: Page, routes: PageRoute[], extra: string[]) {
  const origin = new URL(page.url() === "about:blank" ? test.info().project.use.baseURL! : page.url()).origin;
  const pages = routes.filter((r) => r.page);
  const queue = [
    ...pages
      .filter((r) => r.dynamic === 0 && !extra.some((u) => r.pattern.test(new URL(u, origin).pathname)))
      .map((r) => r.path),
    ...extra,
  ];
  const covered = new Set<string>();
  const seen = new Set<string>(queue);
  const visits: Visit[] = [];
  while (queue.length) {
    const url = queue.shift()!;
    const result = await visit(page, url);
    // Repeated React errors say nothing new: keep the first few, shortened, so the report stays readable.
    visits.push({
      url,
      problems: [...new Set(result.problems.map((p) => p.split("\n")[0].slice(0, 240)))].slice(0, 4),
    });
    const route = routeFor(routes, new URL(url, origin).pathname);
    if (route) covered.add(route.id);
    for (const href of result.links) {
      const link = new URL(href);
      if (link.origin !== origin) continue;
      const target = routeFor(routes, link.pathname);
      if (!target?.page || covered.has(target.id) || target.dynamic === 0) continue;
      const next = link.pathname + link.search;
      if (seen.has(next) || queue.some((q) => routeFor(routes, new URL(q, origin).pathname)?.id === target.id))
        continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return { visits, missing: pages.filter((r) => !covered.has(r.id)).map((r) => r.path) };
}

const isAdmin = (r: PageRoute) => r.path === "/admin" || r.path.startsWith("/admin/");

async function anonymousPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

test.describe.serial("every route with JavaScript on", () => {
  test.describe.configure({ timeout: 240_000 });
  let emailed: string[] = [];
  test.beforeAll(async () => {
    emailed = await activityAndEmailedLinks();
  });

  test("public pages hydrate with no error", async ({ browser }) => {
    const routes = (await manifestRoutes()).filter((r) => !isAdmin(r));
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(["/", "/donate", "/subscribe"]));
    const { context, page } = await anonymousPage(browser);
    try {
      const { visits, missing } = await walk(page, routes, emailed);
      expect(missing, "no link and no emailed sample reaches these routes").toEqual([]);
      expect(visits.filter((v) => v.problems.length).map((v) => `${v.url}: ${v.problems.join("; ")}`)).toEqual([]);
      expect(visits.length).toBeGreaterThanOrEqual(routes.filter((r) => r.page).length);
    } finally {
      await context.close();
    }
  });

  test("admin pages hydrate with no error for an admin", async ({ browser }) => {
    const routes = (await manifestRoutes()).filter(isAdmin);
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(["/admin", "/admin/staff"]));
    const { context, page } = await anonymousPage(browser);
    try {
      await signInContext(context, "admin");
      const { visits, missing } = await walk(page, routes, []);
      expect(missing, "no admin page links to these routes").toEqual([]);
      expect(visits.filter((v) => v.problems.length).map((v) => `${v.url}: ${v.problems.join("; ")}`)).toEqual([]);
      expect(visits.length).toBeGreaterThanOrEqual(routes.filter((r) => r.page).length);
    } finally {
      await context.close();
    }
  });
});

test("no browser script carries the database layer", async ({ page }) => {
  // The server built the assets this run serves; the same build the walk above loaded.
  const port = new URL(test.info().project.use.baseURL!).port;
  const assets = path.resolve(`tests/.tmp/build-${port}/assets`);
  await page.goto("/");
  const scripts = fs.readdirSync(assets, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(10);
  // drizzle's table classes name themselves with these strings, and minifying keeps them.
  const carrying = scripts.filter((f) =>
    /"SQLiteTable"|"SQLiteText"/.test(fs.readFileSync(path.join(assets, f), "utf8")),
  );
  expect(carrying, "these browser scripts include drizzle: import enums from #db/enums, not #db/schema").toEqual([]);
});
