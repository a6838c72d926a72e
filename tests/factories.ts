/**
 * Row builders shared by db/seed.ts and the tests, so demo data and test data never drift.
 * Each takes the database (or a transaction) and overrides, and returns the inserted row.
 */
import type { DbOrTx } from "#db/client";
import {
  candidacies,
  candidates,
  contacts,
  contests,
  elections,
  endorsements,
  governingBodies,
  issueTags,
  measureTags,
  measures,
  seats,
  terms,
  voteEvents,
  votes,
} from "#db/schema";
import { slugify } from "~/lib/slug";
import type { OfflineContributionInput } from "~/models/offline-contributions.server";

export { slugify };

let counter = 0;
const next = () => ++counter;

export function makeContact(database: DbOrTx, over: Partial<typeof contacts.$inferInsert> = {}) {
  const n = next();
  const email = over.email === undefined ? `person${n}@example.org` : over.email;
  return database
    .insert(contacts)
    .values({
      firstName: `Person`,
      lastName: `Number ${n}`,
      ...over,
      email,
      emailNormalized: email ? email.trim().toLowerCase() : null,
    })
    .returning()
    .get();
}

export function makeCandidate(
  database: DbOrTx,
  over: Partial<typeof candidates.$inferInsert> & { displayName: string; email?: string | null },
) {
  const [firstName, ...rest] = over.displayName.split(" ");
  const contact = makeContact(database, { firstName, lastName: rest.join(" "), email: over.email ?? null });
  const { email: _email, ...fields } = over;
  return database
    .insert(candidates)
    .values({ contactId: contact.id, slug: slugify(over.displayName), ...fields })
    .returning()
    .get();
}

export function makeBody(
  database: DbOrTx,
  over: Partial<typeof governingBodies.$inferInsert> & { name: string },
  seatNames?: string[],
) {
  const seatCount = over.seatCount ?? seatNames?.length ?? 5;
  const body = database
    .insert(governingBodies)
    .values({ slug: slugify(over.name), jurisdiction: "Las Cruces, NM", seatCount, ...over })
    .returning()
    .get();
  const names = seatNames ?? Array.from({ length: seatCount }, (_, i) => `District ${i + 1}`);
  const bodySeats = names.map((name) => database.insert(seats).values({ bodyId: body.id, name }).returning().get());
  return { body, seats: bodySeats };
}

export function makeElection(database: DbOrTx, over: Partial<typeof elections.$inferInsert> = {}) {
  return database
    .insert(elections)
    .values({ name: `Election ${next()}`, date: "2025-02-04", jurisdiction: "Las Cruces, NM", ...over })
    .returning()
    .get();
}

export function makeContest(database: DbOrTx, over: typeof contests.$inferInsert) {
  return database.insert(contests).values(over).returning().get();
}

export function makeCandidacy(database: DbOrTx, over: typeof candidacies.$inferInsert) {
  return database.insert(candidacies).values(over).returning().get();
}

export function makeEndorsement(database: DbOrTx, over: typeof endorsements.$inferInsert) {
  return database.insert(endorsements).values(over).returning().get();
}

export function makeTerm(database: DbOrTx, over: typeof terms.$inferInsert) {
  return database.insert(terms).values(over).returning().get();
}

export function makeIssueTag(database: DbOrTx, name: string) {
  return database
    .insert(issueTags)
    .values({ name, slug: slugify(name) })
    .returning()
    .get();
}

export function makeMeasure(database: DbOrTx, over: typeof measures.$inferInsert, tagIds: number[] = []) {
  const measure = database.insert(measures).values(over).returning().get();
  for (const issueTagId of tagIds) database.insert(measureTags).values({ measureId: measure.id, issueTagId }).run();
  return measure;
}

/** A vote event with its roll call; `roll` maps term id to that member's option. */
export function makeVoteEvent(
  database: DbOrTx,
  over: typeof voteEvents.$inferInsert,
  roll: Array<[termId: number, option: "yes" | "no" | "abstain" | "absent"]> = [],
) {
  const event = database.insert(voteEvents).values(over).returning().get();
  for (const [termId, option] of roll) database.insert(votes).values({ voteEventId: event.id, termId, option }).run();
  return event;
}

/** A check from Dolores Huerta of Las Cruces as staff enter it, both attestations given. */
export function offlineCheck(over: Partial<OfflineContributionInput> = {}): OfflineContributionInput {
  return {
    method: "check",
    amountCents: 30_000,
    receivedOn: "2026-10-05",
    isAnonymous: false,
    firstName: "Dolores",
    lastName: "Huerta",
    email: "dolores@example.org",
    street: "1 Main St",
    city: "Las Cruces",
    state: "NM",
    zip: "88001",
    employer: "UFW",
    occupation: "Organizer",
    checkNumber: "1",
    inKindDescription: null,
    refcode: null,
    notForeignNational: true,
    notContractor: true,
    ...over,
  };
}
