/** Choices offered on the public outreach forms; shared by the forms and the staff filters. */
export const VOLUNTEER_INTERESTS = [
  { value: "canvassing", label: "Knocking on doors" },
  { value: "phone_banking", label: "Phone and text banking" },
  { value: "events", label: "Events and house parties" },
  { value: "candidate_recruitment", label: "Finding candidates" },
  { value: "translation", label: "Translation (Spanish and other languages)" },
  { value: "data_entry", label: "Data entry and research" },
  { value: "social_media", label: "Social media and design" },
] as const;

export type VolunteerInterest = (typeof VOLUNTEER_INTERESTS)[number]["value"];
export const VOLUNTEER_INTEREST_VALUES = VOLUNTEER_INTERESTS.map((i) => i.value) as [
  VolunteerInterest,
  ...VolunteerInterest[],
];

export function interestLabel(value: string): string {
  return VOLUNTEER_INTERESTS.find((i) => i.value === value)?.label ?? value;
}

export const VOLUNTEER_STATUS_LABELS = {
  new: "New",
  contacted: "Contacted",
  active: "Active",
  inactive: "Inactive",
} as const;

export const REFERRAL_STATUS_LABELS = {
  new: "New",
  contacted: "Contacted",
  questionnaire: "Questionnaire",
  interviewed: "Interviewed",
  endorsed: "Endorsed",
  declined: "Declined",
} as const;

export const TIP_STATUS_LABELS = { new: "New", reviewing: "Reviewing", closed: "Closed" } as const;
