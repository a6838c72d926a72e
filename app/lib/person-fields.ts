/**
 * Zod pieces shared by the public forms (volunteer, refer, tips) so every form rejects the same
 * bad input with the same words.
 */
import { z } from "zod";
import { EMAIL_ADDRESS_MESSAGE, isValidEmailAddress } from "./email-address";

const NO_MARKUP = /^[^<>]*$/;

function nameString(label: string, max: number) {
  return z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .max(max, `Use at most ${max} characters for ${label}.`)
    .regex(NO_MARKUP, `${label[0].toUpperCase()}${label.slice(1)} can't contain < or >.`);
}

/** A short plain-text answer such as a name or a place: no markup, limited length. */
export function personName(label: string, { max = 100 } = {}) {
  return nameString(label, max).min(1, `Enter ${label}.`);
}

export function optionalPersonName(label: string, { max = 100 } = {}) {
  return nameString(label, max).optional();
}

export const emailField = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .max(254, "Use at most 254 characters for the email address.")
  .refine(isValidEmailAddress, EMAIL_ADDRESS_MESSAGE);

export const optionalEmailField = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters for the email address.")
  .refine(isValidEmailAddress, EMAIL_ADDRESS_MESSAGE)
  .optional();

export const phoneField = z
  .string()
  .trim()
  .max(30, "Use at most 30 characters for the phone number.")
  .regex(/^[0-9+().\-\s]*$/, "Enter a phone number using digits, spaces, dashes or parentheses.")
  .optional();

function textString(label: string, max: number) {
  return z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en-US")} characters for ${label}.`);
}

/** Free text (shown escaped, never as markup). */
export function plainText(label: string, max: number) {
  return textString(label, max).min(1, `Enter ${label}.`);
}

export function optionalPlainText(label: string, max: number) {
  return textString(label, max).optional();
}

/** Present only when a bot filled the hidden field. */
export const honeypotField = z.string().optional();

/** Who is writing, and the honeypot: the fields every public form starts with. */
export const personFormFields = {
  firstName: personName("your first name"),
  lastName: optionalPersonName("your last name"),
  email: emailField,
  phone: phoneField,
  website_url: honeypotField,
};
