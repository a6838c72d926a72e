/**
 * The email registry (emails/index.ts) holds every template file, and every registered email
 * renders its preview props inside the shared layout with a plain-text version that holds no
 * HTML. The snapshots show a reviewer each email's text as a recipient reads it.
 */
import fs from "node:fs";
import path from "node:path";
import { EMAILS, TEMPLATE_NAMES, type TemplateName } from "#emails/index";
import { renderEmail } from "#emails/render";

const brand = {
  pacName: "Champions PAC",
  pacAddress: "PO Box 1234, Las Cruces, NM 88004",
  pacUrl: "https://champions.example.org",
  disclaimer:
    "Paid for by Champions PAC (PO Box 1234, Las Cruces, NM 88004). Not authorized by any candidate or candidate's committee.",
};
const frame = { brand, timeZone: "America/Denver" };

const emailsDir = path.resolve("emails");
// Every .tsx at the top of emails/ is a template, except the renderer.
const templateFiles = fs
  .readdirSync(emailsDir)
  .filter((f) => f.endsWith(".tsx") && f !== "render.tsx")
  .sort();

describe("the email registry", () => {
  it("finds the template files", () => {
    expect(templateFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(templateFiles)("registers %s under its file name", async (file) => {
    const name = file.replace(/\.tsx$/, "");
    const mod = (await import(/* @vite-ignore */ path.join(emailsDir, file))) as { default?: unknown };
    expect(mod.default, `${file} must export its defineEmail(...) as default`).toBeDefined();
    expect(EMAILS[name as TemplateName], `${file} is missing from EMAILS in emails/index.ts`).toBe(mod.default);
  });

  it("holds nothing but those files", () => {
    expect([...TEMPLATE_NAMES].sort()).toEqual(templateFiles.map((f) => f.replace(/\.tsx$/, "")));
  });
});

describe.each(TEMPLATE_NAMES.map((name) => ({ name })))("$name", ({ name }) => {
  it("renders HTML with the PAC's identity and a plain-text version without HTML", async () => {
    const email = await renderEmail(name, EMAILS[name].previewProps, frame);
    expect(email.subject.length).toBeGreaterThan(3);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain("Not authorized by any candidate");
    expect(email.html).toContain(brand.pacAddress);
    expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    expect(email.text).toContain("Not authorized by any candidate");
    expect(email.html).not.toContain("Unsubscribe");
    expect({ subject: email.subject, text: email.text }).toMatchSnapshot();
  });
});

it("list mail carries the unsubscribe and preferences links in both versions", async () => {
  const email = await renderEmail("impact-update", EMAILS["impact-update"].previewProps, {
    ...frame,
    unsubscribeUrl: "https://champions.example.org/unsubscribe?token=t1",
    preferencesUrl: "https://champions.example.org/preferences?token=t1",
  });
  expect(email.html).toContain('href="https://champions.example.org/unsubscribe?token=t1"');
  expect(email.text).toContain("https://champions.example.org/unsubscribe?token=t1");
  expect(email.text).toContain("https://champions.example.org/preferences?token=t1");
});

it("escapes what people typed into a staff notice", async () => {
  const props = { ...EMAILS["tip-staff-notice"].previewProps, text: "<script>alert(1)</script> & more" };
  const email = await renderEmail("tip-staff-notice", props, frame);
  expect(email.html).not.toContain("<script>");
  expect(email.html).toContain("&lt;script&gt;");
});

it("dates a receipt on the PAC's calendar, in whatever time zone the settings name", async () => {
  // 06:30 UTC on February 4 is still February 3 in Denver (UTC-7) but already February 4 in New York (UTC-5).
  const props = { ...EMAILS["donation-receipt"].previewProps, receivedAt: "2026-02-04T06:30:00.000Z" };
  const denver = await renderEmail("donation-receipt", props, { brand, timeZone: "America/Denver" });
  const newYork = await renderEmail("donation-receipt", props, { brand, timeZone: "America/New_York" });
  expect(denver.text).toContain("on February 3, 2026");
  expect(newYork.text).toContain("on February 4, 2026");
});
