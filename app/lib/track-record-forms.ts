/** Zod schemas shared by the track-record admin forms (used on the server and in the browser). */
import { z } from "zod";
import {
  CANDIDACY_OUTCOMES,
  ELECTION_KINDS,
  ENDORSEMENT_STATUSES,
  MEASURE_KINDS,
  PAC_POSITIONS,
  PASSING_RULES,
  PREFERRED_VOTES,
  TERM_ROLES,
  VOTE_OPTIONS,
  VOTE_RESULTS,
} from "#db/enums";
import { isValidEmailAddress } from "./email-address";

export const DAY = z
  .string({ required_error: "Enter a date." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Enter a real date.");

/** A web address shown as a link on public pages: http(s) only, never javascript: or data:. */
export const WEB_URL = z
  .string()
  .trim()
  .max(1000)
  .url("Enter a full address starting with https://")
  .refine((u) => /^https?:\/\//i.test(u), "Enter a full address starting with https://");

export const ID = (message: string) =>
  z.coerce.number({ required_error: message, invalid_type_error: message }).int().positive(message);

export const candidateSchema = z.object({
  displayName: z
    .string({ required_error: "Enter the candidate's name." })
    .trim()
    .min(2, "Enter the candidate's name.")
    .max(120),
  slug: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z0-9-]+$/, "Use lower-case letters, digits and hyphens.")
    .optional(),
  email: z.string().trim().max(254).refine(isValidEmailAddress, "Enter a valid email address.").optional(),
  website: WEB_URL.optional(),
  bio: z.string().max(5000).optional(),
});

export const noFields = z.object({});

export const bodySchema = z.object({
  name: z.string({ required_error: "Enter the body's name." }).trim().min(2, "Enter the body's name.").max(200),
  slug: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z0-9-]+$/, "Use lower-case letters, digits and hyphens.")
    .optional(),
  jurisdiction: z.string({ required_error: "Enter the jurisdiction." }).trim().min(2).max(200),
  seatCount: z.coerce
    .number({ required_error: "Enter the number of seats.", invalid_type_error: "Enter a number." })
    .int()
    .min(1, "A body has at least one seat.")
    .max(200),
  passingRule: z.enum(PASSING_RULES).default("majority_of_voting"),
});

export const newBodySchema = bodySchema.extend({
  seatNames: z
    .string()
    .max(5000)
    .optional()
    .transform((s) =>
      (s ?? "")
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    ),
});

export const seatSchema = z.object({
  name: z.string({ required_error: "Enter the seat's name." }).trim().min(1).max(120),
});

export const seatIdSchema = z.object({ seatId: ID("Choose a seat.") });

export const electionSchema = z.object({
  name: z.string({ required_error: "Enter the election's name." }).trim().min(2, "Enter the election's name.").max(200),
  date: DAY,
  jurisdiction: z.string({ required_error: "Enter the jurisdiction." }).trim().min(2).max(200),
  kind: z.enum(ELECTION_KINDS, { errorMap: () => ({ message: "Choose the kind of election." }) }),
});

export const contestSchema = z.object({
  seatId: ID("Choose a seat."),
  seatsToFill: z.coerce
    .number({ invalid_type_error: "Enter a number." })
    .int()
    .min(1, "At least one seat.")
    .max(50)
    .default(1),
  firstRoundContestId: z.coerce.number().int().positive().optional(),
});

export const contestIdSchema = z.object({ contestId: ID("Choose a contest.") });

export const candidacySchema = z.object({
  candidateId: ID("Choose a candidate."),
  incumbent: z.boolean().optional().default(false),
});

export const candidacyIdSchema = z.object({ candidacyId: ID("Choose a candidacy.") });

export const resultsSchema = z.object({
  final: z.boolean().optional().default(false),
  entries: z
    .array(
      z.object({
        candidacyId: ID("Missing candidacy."),
        votes: z.coerce
          .number({ required_error: "Enter the votes.", invalid_type_error: "Enter a whole number." })
          .int("Enter a whole number.")
          .min(0, "Votes cannot be negative."),
        outcome: z.enum(CANDIDACY_OUTCOMES).optional(),
      }),
    )
    .min(1, "Add the candidates first."),
});

export const termFromCandidacySchema = z.object({
  candidacyId: ID("Choose a candidacy."),
  startDate: DAY,
  role: z.enum(TERM_ROLES).default("member"),
});

export const CYCLE = z
  .string({ required_error: "Enter the cycle, e.g. 2026." })
  .trim()
  .min(2, "Enter the cycle, e.g. 2026.")
  .max(40);

export const newEndorsementSchema = z.object({
  candidateId: ID("Choose a candidate."),
  contestId: z.coerce.number().int().positive().optional(),
  cycle: CYCLE,
  status: z.enum(["considering", "endorsed"]).default("considering"),
  rationale: z.string().max(5000).optional(),
  isPublic: z.boolean().optional().default(false),
  decidedOn: DAY.optional(),
  sourceUrl: WEB_URL.optional(),
  note: z.string().trim().max(500).optional(),
});

export const endorsementStatusSchema = z.object({
  status: z.enum(ENDORSEMENT_STATUSES, { errorMap: () => ({ message: "Choose the new status." }) }),
  rationale: z.string().max(5000).optional().default(""),
  decidedOn: DAY.optional(),
  sourceUrl: WEB_URL.optional(),
  note: z.string().trim().max(500).optional(),
});

export const termSchema = z.object({
  candidateId: ID("Choose a candidate."),
  seatId: ID("Choose a seat."),
  startDate: DAY,
  endDate: DAY.optional(),
  role: z.enum(TERM_ROLES).default("member"),
});

export const endTermSchema = z.object({ termId: ID("Choose a term."), endDate: DAY.optional() });
export const termIdSchema = z.object({ termId: ID("Choose a term.") });

export const measureSchema = z.object({
  bodyId: ID("Choose a body."),
  title: z
    .string({ required_error: "Enter the measure's title." })
    .trim()
    .min(3, "Enter the measure's title.")
    .max(300),
  summary: z.string().max(10000).optional(),
  kind: z.enum(MEASURE_KINDS).default("other"),
  sourceUrl: WEB_URL.optional(),
  pacPosition: z.enum(PAC_POSITIONS, { errorMap: () => ({ message: "Choose the PAC's position." }) }),
  introducedOn: DAY.optional(),
});

export const voteEventIdSchema = z.object({ voteEventId: ID("Choose a vote event.") });

/** The PAC's preferred vote on one roll call, with its one-line reason. */
export const preferredVoteSchema = z.object({
  preferredVote: z
    .enum(["none", ...PREFERRED_VOTES], {
      errorMap: () => ({ message: "Choose the PAC's preferred vote, or not scored." }),
    })
    .default("none"),
  preferredReason: z
    .string()
    .trim()
    .max(300, "Keep the reason under 300 characters.")
    .regex(/^[^\r\n]*$/, "Keep the reason to one line.")
    .optional()
    .default(""),
});

export const preferredVoteChangeSchema = preferredVoteSchema.extend({ voteEventId: ID("Choose a vote event.") });

export const rollCallSchema = preferredVoteSchema.extend({
  date: DAY,
  motion: z.string().max(500).optional().default(""),
  result: z.enum(["derive", ...VOTE_RESULTS]).default("derive"),
  overrideReason: z.string().trim().max(500).optional(),
  roll: z
    .array(
      z.object({
        termId: ID("Missing member."),
        option: z.enum(VOTE_OPTIONS, { errorMap: () => ({ message: "Choose how this member voted." }) }),
      }),
    )
    .min(1, "No one held a seat on this body that day."),
});
