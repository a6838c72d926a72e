/**
 * One address rule at every entry point, at least as strict as Resend (modelled by the fake
 * Resend server, itself checked against Resend's published definition).
 */
import fs from "node:fs";
import path from "node:path";
import { isValidEmailAddress } from "~/lib/email-address";
import { emailField, optionalEmailField } from "~/lib/person-fields";
import { donationFormSchema } from "~/lib/donation-form";
import { settingsFormSchema } from "~/lib/settings-form";
import { candidateSchema } from "~/lib/track-record-forms";
import { startFakeResend } from "../fakes/resend-server";
import { Resend } from "resend";

const BAD = [
  "ana@gmail.com,",
  "ana@gmail.com;",
  "ana@gmail",
  "ana",
  "@example.org",
  "ana@",
  "a..b@example.org",
  ".ana@example.org",
  "ana.@example.org",
  "ana@-example.org",
  "ana@example-.org",
  "ana@exa_mple.org",
  "ana@example.o",
  "ana@example.123",
  "a b@example.org",
  '"a b"@example.org',
  "ana@[192.0.2.1]",
  "ana@@example.org",
  "<ana@example.org>",
  "Ana <ana@example.org>",
  "ana@example..org",
  "ánä@example.org",
  `${"a".repeat(65)}@example.org`,
  `ana@${"a".repeat(64)}.org`,
  `ana@${Array.from({ length: 30 }, () => "abcdefghi").join(".")}.org`,
];
const GOOD = [
  "ana@example.org",
  "Ana.Diaz+news@mail.example.co.uk",
  "o'brien@example.ie",
  "x@ab.io",
  "first_last-1@sub-domain.example.org",
];

it("rejects the malformed addresses and accepts ordinary ones", () => {
  for (const a of BAD) expect(isValidEmailAddress(a), a).toBe(false);
  for (const a of GOOD) expect(isValidEmailAddress(a), a).toBe(true);
});

it("accepts nothing that Resend (the fake modelled on it) refuses", async () => {
  const fake = await startFakeResend();
  try {
    const resend = new Resend("re_rule", { baseUrl: fake.url });
    const candidates = [...BAD, ...GOOD];
    const { data } = await resend.batch.send(
      candidates.map((to) => ({ from: "PAC <hello@example.org>", to, subject: "s", text: "t" })),
      { batchValidation: "permissive" },
    );
    const refused = new Set(data!.errors.map((e) => candidates[e.index]));
    for (const a of candidates) if (refused.has(a)) expect(isValidEmailAddress(a), a).toBe(false);
  } finally {
    await fake.close();
  }
});

it("is the rule of every form that stores an address", () => {
  const bad = "ana@gmail.com,";
  expect(emailField.safeParse(bad).success).toBe(false);
  expect(optionalEmailField.safeParse(bad).success).toBe(false);
  expect(emailField.safeParse("ana@example.org").success).toBe(true);
  const donation = donationFormSchema({ federal: true }).safeParse({ email: bad });
  expect(donation.success).toBe(false);
  expect(JSON.stringify(donation.error!.flatten().fieldErrors.email)).toMatch(/valid email/);
  expect(
    settingsFormSchema.safeParse({ staffNotifyEmail: bad }).error!.flatten().fieldErrors.staffNotifyEmail,
  ).toBeTruthy();
  expect(candidateSchema.safeParse({ email: bad }).error!.flatten().fieldErrors.email).toBeTruthy();
  // The sender address too: Resend refuses any other form with invalid_from_address.
  for (const from of [
    "Champions PAC <hello@>",
    "Champions PAC hello@example.org",
    "hello@example",
    "<hello@example.org",
  ]) {
    expect(settingsFormSchema.safeParse({ fromEmail: from }).error!.flatten().fieldErrors.fromEmail, from).toBeTruthy();
  }
  expect(
    settingsFormSchema.safeParse({ fromEmail: "Champions PAC <hello@example.org>" }).error?.flatten().fieldErrors
      .fromEmail,
  ).toBeUndefined();
  // No other address check is left in the app (login only looks an address up, it stores none).
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (
        /\.(ts|tsx)$/.test(entry.name) &&
        entry.name !== "login.tsx" &&
        /\.email\(/.test(fs.readFileSync(file, "utf8"))
      )
        offenders.push(file);
    }
  };
  walk(path.resolve("app"));
  expect(offenders).toEqual([]);
});
