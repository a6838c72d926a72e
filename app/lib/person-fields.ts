/**
 * Zod pieces shared by the public forms (volunteer, refer, tips) so every form rejects the same
 * bad input with the same words.
 */
import { z } from "zod";

const NO_MARKUP = /^[^<>]*$/;

export function personName(label: string, { required = true, max = 100 } = {}) {
  const base = z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .max(max, `Use at most ${max} characters for ${label}.`)
    .regex(NO_MARKUP, `${label[0].toUpperCase()}${label.slice(1)} can't contain < or >.`);
  return required ? base.min(1, `Enter ${label}.`) : base.optional();
}

export const emailField = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .max(254, "Use at most 254 characters for the email address.")
  .email("Enter a valid email address, like name@example.org.");

export const optionalEmailField = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters for the email address.")
  .email("Enter a valid email address, like name@example.org.")
  .optional();

export const phoneField = z
  .string()
  .trim()
  .max(30, "Use at most 30 characters for the phone number.")
  .regex(/^[0-9+().\-\s]*$/, "Enter a phone number using digits, spaces, dashes or parentheses.")
  .optional();

export function plainText(label: string, max: number, { required = false } = {}) {
  const base = z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en-US")} characters for ${label}.`);
  return required ? base.min(1, `Enter ${label}.`) : base.optional();
}

/** Present only when a bot filled the hidden field. */
export const honeypotField = z.string().optional();
