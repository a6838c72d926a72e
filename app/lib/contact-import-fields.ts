/** The contact fields a CSV column can fill, in the order the import page offers them. */
export const IMPORT_FIELDS = [
  { key: "firstName", label: "First name" },
  { key: "lastName", label: "Last name" },
  { key: "fullName", label: "Full name (split into first and last)" },
  { key: "email", label: "Email" },
  { key: "phone", label: "Phone" },
  { key: "street", label: "Street address" },
  { key: "city", label: "City" },
  { key: "state", label: "State" },
  { key: "zip", label: "ZIP code" },
  { key: "employer", label: "Employer" },
  { key: "occupation", label: "Occupation" },
  { key: "tags", label: "Tags (separated by ; or ,)" },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]["key"];
