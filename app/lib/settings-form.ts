import { z } from "zod";
import { COMPLIANCE_PROFILES, type ComplianceProfileKey } from "~/lib/compliance-profiles";
import { dollarsToCents } from "~/lib/donation-form";
import { isValidEmailAddress, isValidFromAddress } from "./email-address";

const text = (label: string, max = 300) =>
  z
    .string({ required_error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `Keep the ${label} under ${max} characters.`);

const dollars = (label: string) =>
  z.string({ required_error: `Enter the ${label}.` }).transform((v, ctx) => {
    const cents = dollarsToCents(v);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} in dollars, like 25000 or 25,000.00.` });
      return z.NEVER;
    }
    return cents;
  });

function validTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const accountLabels = z.object(
  Object.fromEntries(COMPLIANCE_PROFILES.map((key) => [key, text("account's name", 80)])) as {
    [K in ComplianceProfileKey]: ReturnType<typeof text>;
  },
);

/** The admin settings form: dollars in, integer cents out. */
export const settingsFormSchema = z.object({
  pacName: text("PAC's legal name", 120),
  pacAddress: text("postal address", 200),
  pacUrl: text("website address", 200),
  disclaimer: text("disclaimer", 400).refine(
    (v) => /paid for by/i.test(v),
    'The disclaimer must say who paid for it ("Paid for by …").',
  ),
  staffNotifyEmail: z
    .string({ required_error: "Enter the staff notification address." })
    .trim()
    .refine(isValidEmailAddress, "Enter a valid email address."),
  fromEmail: text("sender address", 200).refine(
    isValidFromAddress,
    "Enter an address like Champions PAC <hello@example.org>.",
  ),
  complianceProfile: z.enum(COMPLIANCE_PROFILES, { errorMap: () => ({ message: "Choose a compliance profile." }) }),
  /** Checkboxes: the accounts taking gifts besides the main one (none checked: the main one only). */
  additionalAccounts: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(COMPLIANCE_PROFILES, { errorMap: () => ({ message: "Choose accounts from the list." }) })),
  ),
  /** Left as they are when the form does not send them. */
  accountLabels: accountLabels.optional(),
  suggestedAmountsCents: z.string({ required_error: "Enter at least one suggested amount." }).transform((v, ctx) => {
    const parts = v
      .split(/[\s;]+|,(?!\d{3}\b)/)
      .map((p) => p.trim())
      .filter(Boolean);
    const cents = parts.map(dollarsToCents);
    if (!parts.length || parts.length > 8 || cents.some((c) => c === null || c <= 0)) {
      ctx.addIssue({
        code: "custom",
        message: "Enter one to eight dollar amounts separated by spaces, like 10 25 50 100.",
      });
      return z.NEVER;
    }
    return cents as number[];
  }),
  fundraisingGoalCents: dollars("fundraising goal"),
  alignmentCountsUnanimous: z.preprocess((v) => v === "on", z.boolean()),
  bankPaymentsEnabled: z.preprocess((v) => v === "on", z.boolean()),
  timeZone: z
    .string({ required_error: "Enter a time zone." })
    .trim()
    .refine(validTimeZone, "Enter a time zone such as America/Denver."),
});
