/**
 * The donate form's schema, shared by the server (Conform's parseWithZod) and the browser
 * (constraints). Amounts arrive as dollars text and leave as integer cents, parsed without
 * floating point.
 */
import { z } from "zod";
import { isValidEmailAddress } from "./email-address";

/** "25", "25.5", "25.50", "$1,000" → cents; null when it is not a money amount. */
export function dollarsToCents(text: string | null | undefined): number | null {
  const cleaned = (text ?? "").replace(/[$,\s]/g, "");
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export function centsToDollarsText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

export const REFCODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function cleanRefcode(value: string | null | undefined): string | null {
  const v = value?.trim() ?? "";
  return REFCODE_PATTERN.test(v) ? v : null;
}

/** Gifts staff enter by hand; shared by the staff form (browser too) and the model. */
export const OFFLINE_METHODS = ["check", "cash", "in_kind"] as const;

export const NOT_EMPLOYED = { employer: "Not employed", occupation: "Retired or not employed" } as const;

const required = (label: string) =>
  z
    .string({ required_error: `Enter your ${label}.` })
    .trim()
    .min(1, `Enter your ${label}.`);
const attest = (message: string) => z.literal("on", { errorMap: () => ({ message }) });

export function donationFormSchema(options: { federal: boolean }) {
  return z
    .object({
      amount: z.string().optional(),
      otherAmount: z.string().trim().optional(),
      frequency: z.enum(["one_time", "monthly"]).default("one_time"),
      firstName: required("first name").pipe(z.string().max(100)),
      lastName: required("last name").pipe(z.string().max(100)),
      email: z
        .string({ required_error: "Enter your email address." })
        .trim()
        .max(254)
        .refine(isValidEmailAddress, "Enter a valid email address."),
      street: required("street address").pipe(z.string().max(200)),
      city: required("city").pipe(z.string().max(100)),
      state: z
        .string({ required_error: "Enter your state." })
        .trim()
        .regex(/^[A-Za-z]{2}$/, "Enter the two-letter state code, e.g. NM.")
        .transform((s) => s.toUpperCase()),
      zip: z
        .string({ required_error: "Enter your ZIP code." })
        .trim()
        .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code."),
      employer: z.string().trim().max(200).optional(),
      occupation: z.string().trim().max(200).optional(),
      notEmployed: z.literal("on").optional(),
      refcode: z.string().optional(),
      /** the account chosen when the PAC takes gifts to two; checked against the active accounts by the server */
      account: z.string().trim().max(40).optional(),
      citizen: attest("Confirm that you are a US citizen or lawful permanent resident."),
      ownFunds: attest("Confirm that this gift is from your own funds."),
      ownCard: attest("Confirm that the card is your own, not a corporate or another person's card."),
      adult: attest("Confirm that you are at least 18 years old."),
      notContractor: options.federal ? attest("Confirm that you are not a federal contractor.") : z.string().optional(),
    })
    .transform((value, ctx) => {
      const amountCents = value.otherAmount
        ? dollarsToCents(value.otherAmount)
        : value.amount
          ? Number(value.amount)
          : null;
      if (amountCents == null || !Number.isSafeInteger(amountCents) || amountCents < 100) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [value.otherAmount ? "otherAmount" : "amount"],
          message: "Choose an amount, or enter one of at least $1.",
        });
        return z.NEVER;
      }
      const employer = value.notEmployed ? NOT_EMPLOYED.employer : value.employer || null;
      const occupation = value.notEmployed ? NOT_EMPLOYED.occupation : value.occupation || null;
      return {
        ...value,
        amountCents,
        employer,
        occupation,
        monthly: value.frequency === "monthly",
        refcode: cleanRefcode(value.refcode),
      };
    });
}
