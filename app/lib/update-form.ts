import { z } from "zod";

const ids = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive()).max(500),
);

/** The staff form for an impact update, shared by the create and edit pages. */
export const updateFormSchema = z.object({
  title: z
    .string({ required_error: "Give the update a title." })
    .trim()
    .min(3, "Use at least 3 characters.")
    .max(200, "Keep the title under 200 characters."),
  summary: z
    .string({ required_error: "Write a one- or two-sentence summary." })
    .trim()
    .min(10, "Write at least a sentence.")
    .max(600, "Keep the summary under 600 characters."),
  bodyMarkdown: z
    .string({ required_error: "Write the update." })
    .trim()
    .min(10, "Write the update.")
    .max(50_000, "The update is too long (50,000 characters at most)."),
  candidateIds: ids,
  measureIds: ids,
  tagIds: ids,
});
