import type { FieldMetadata } from "@conform-to/react";
import { TextField } from "~/components/field";

type PersonFieldSet = Record<"firstName" | "lastName" | "email" | "phone", FieldMetadata<unknown>>;

/** The writer's name, email and phone, as every public form asks for them (app/lib/person-fields.ts). */
export function PersonFields({
  fields,
  your = false,
  emailHint,
}: {
  fields: PersonFieldSet;
  your?: boolean;
  emailHint?: string;
}) {
  const label = (text: string) => (your ? `Your ${text.toLowerCase()}` : text);
  return (
    <>
      <TextField label={label("First name")} field={fields.firstName} autoComplete="given-name" />
      <TextField label={label("Last name")} field={fields.lastName} autoComplete="family-name" />
      <TextField label={label("Email")} field={fields.email} type="email" autoComplete="email" hint={emailHint} />
      <TextField label={label("Phone (optional)")} field={fields.phone} type="tel" autoComplete="tel" />
    </>
  );
}
