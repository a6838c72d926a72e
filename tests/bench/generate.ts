/**
 * Builds the large benchmark data set: 100k contacts, 1M donations, 1,000 candidates, 200 bodies,
 * 50k votes, deterministic from a seed number. Rows go in through prepared statements in batched
 * transactions (drizzle's query builder is too slow for a million rows and adds nothing here).
 *
 * One candidate, slug `bench-500-votes`, cast exactly 500 votes, for the candidate-page benchmark.
 */
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";

export interface DatasetSize {
  contacts: number;
  donations: number;
  candidates: number;
  bodies: number;
  votes: number;
}

export const FULL_SIZE: DatasetSize = {
  contacts: 100_000,
  donations: 1_000_000,
  candidates: 1_000,
  bodies: 200,
  votes: 50_000,
};

const SEATS_PER_BODY = 5;
const BENCH_CANDIDATE_VOTES = 500;
const BATCH = 10_000;

/** mulberry32: small, fast and good enough to make the same data from the same seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

const FIRST = [
  "Ana",
  "Luis",
  "Maria",
  "José",
  "Terrie",
  "Ray",
  "Sam",
  "Alex",
  "Jordan",
  "Chris",
  "Pat",
  "Lee",
  "Dana",
  "Rosa",
  "Miguel",
  "Elena",
  "Carmen",
  "David",
  "Sofia",
  "Diego",
];
const LAST = [
  "Garcia",
  "Martinez",
  "Lopez",
  "Sanchez",
  "Romero",
  "Chavez",
  "Baca",
  "Trujillo",
  "Montoya",
  "Sandoval",
  "Smith",
  "Johnson",
  "Brown",
  "Nguyen",
  "Flores",
  "Jaramillo",
  "Dallman",
  "Ortega",
  "Vigil",
  "Archuleta",
];
const CITIES = ["Las Cruces", "Mesilla", "Anthony", "Hatch", "Sunland Park", "Santa Fe", "Albuquerque"];
const EMPLOYERS = [
  "LCPS",
  "NMSU",
  "Memorial Medical Center",
  "City of Las Cruces",
  "Self-employed",
  "Retired",
  "Not employed",
];
const OCCUPATIONS = ["Teacher", "Nurse", "Engineer", "Farmer", "Student", "Retired", "Attorney", "Clerk"];
const REFCODES = [
  null,
  null,
  null,
  "email-0301",
  "email-0315",
  "fb-spring",
  "canvass",
  "board-night",
  "newsletter",
  "homepage",
];

function isoAt(ms: number) {
  return new Date(ms).toISOString();
}

function day(ms: number) {
  return isoAt(ms).slice(0, 10);
}

export function generateLargeDataset(file: string, seed = 1, size: DatasetSize = FULL_SIZE) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { sqlite, db } = openDatabase(file);
  runMigrations(db);
  const r = rng(seed);
  sqlite.pragma("synchronous = OFF");

  const batched = <T>(items: number, row: (i: number) => T, insert: (value: T) => void) => {
    for (let start = 0; start < items; start += BATCH) {
      sqlite.transaction(() => {
        for (let i = start; i < Math.min(items, start + BATCH); i++) insert(row(i));
      })();
    }
  };

  // Contacts: the first `candidates` of them are the candidates' own records.
  const insertContact = sqlite.prepare(
    `insert into contacts (id, first_name, last_name, email, email_normalized, phone, phone_digits, street, city, state, zip, employer, occupation, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'NM', ?, ?, ?, ?, ?)`,
  );
  const contactStart = Date.UTC(2020, 0, 1);
  batched(
    size.contacts,
    (i) => {
      const id = i + 1;
      const first = r.pick(FIRST);
      const last = r.pick(LAST);
      const email = `${first}.${last}.${id}@example.org`.toLowerCase();
      const phone = `575-${String(r.int(200, 999))}-${String(id % 10000).padStart(4, "0")}`;
      const created = isoAt(contactStart + r.int(0, 6 * 365) * 86_400_000);
      return [
        id,
        first,
        last,
        email,
        email,
        phone,
        phone.replace(/\D/g, ""),
        `${r.int(100, 9999)} Main St`,
        r.pick(CITIES),
        `880${r.int(0, 99).toString().padStart(2, "0")}`,
        r.pick(EMPLOYERS),
        r.pick(OCCUPATIONS),
        created,
        created,
      ];
    },
    (row) => insertContact.run(row),
  );

  // Bodies and seats.
  const insertBody = sqlite.prepare(
    `insert into governing_bodies (id, slug, name, jurisdiction, seat_count) values (?, ?, ?, ?, ?)`,
  );
  const insertSeat = sqlite.prepare(`insert into seats (id, body_id, name) values (?, ?, ?)`);
  sqlite.transaction(() => {
    for (let b = 1; b <= size.bodies; b++) {
      insertBody.run(b, `body-${b}`, `Board ${b}`, `District ${b}, NM`, SEATS_PER_BODY);
      for (let s = 1; s <= SEATS_PER_BODY; s++) insertSeat.run((b - 1) * SEATS_PER_BODY + s, b, `Seat ${s}`);
    }
  })();
  const seatCount = size.bodies * SEATS_PER_BODY;

  // Candidates; candidate 1 is the one with exactly 500 votes.
  const insertCandidate = sqlite.prepare(
    `insert into candidates (id, contact_id, slug, display_name, bio) values (?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let c = 1; c <= size.candidates; c++) {
      const slug = c === 1 ? "bench-500-votes" : `candidate-${c}`;
      insertCandidate.run(c, c, slug, `Candidate ${c}`, `Benchmark candidate ${c}.`);
    }
  })();

  // Elections, contests, candidacies, endorsements: one election per body per cycle.
  const insertElection = sqlite.prepare(
    `insert into elections (id, name, date, jurisdiction, kind) values (?, ?, ?, ?, 'regular')`,
  );
  const insertContest = sqlite.prepare(
    `insert into contests (id, election_id, seat_id, seats_to_fill) values (?, ?, ?, 1)`,
  );
  const insertCandidacy = sqlite.prepare(
    `insert into candidacies (contest_id, candidate_id, incumbent, votes, vote_share_bp, outcome) values (?, ?, ?, ?, ?, ?)`,
  );
  const insertEndorsement = sqlite.prepare(
    `insert into endorsements (candidate_id, contest_id, cycle, status, decided_at, rationale, is_public) values (?, ?, ?, ?, ?, ?, 1)`,
  );
  const insertTerm = sqlite.prepare(
    `insert into terms (id, candidate_id, seat_id, start_date, role) values (?, ?, ?, ?, ?)`,
  );
  const cycles = ["2021", "2023", "2025"];
  let electionId = 0;
  let contestId = 0;
  sqlite.transaction(() => {
    for (const cycle of cycles) {
      for (let b = 1; b <= size.bodies; b++) {
        electionId += 1;
        insertElection.run(
          electionId,
          `Board ${b} election ${cycle}`,
          `${cycle}-11-0${r.int(1, 7)}`,
          `District ${b}, NM`,
        );
        for (let s = 1; s <= 2; s++) {
          contestId += 1;
          const seat = (b - 1) * SEATS_PER_BODY + s + (cycle === "2023" ? 2 : 0);
          insertContest.run(contestId, electionId, Math.min(seat, seatCount));
          const a = (((b - 1) * SEATS_PER_BODY + s - 1) % size.candidates) + 1;
          const bOpp = ((a + 499) % size.candidates) + 1;
          const va = r.int(500, 5000);
          const vb = r.int(500, 5000);
          const shareA = Math.round((va / (va + vb)) * 10_000);
          insertCandidacy.run(contestId, a, 0, va, shareA, va >= vb ? "won" : "lost");
          insertCandidacy.run(contestId, bOpp, 0, vb, 10_000 - shareA, va >= vb ? "lost" : "won");
          if (r.next() < 0.5)
            insertEndorsement.run(
              a,
              contestId,
              cycle,
              "endorsed",
              `${cycle}-09-15T18:00:00.000Z`,
              "Benchmark endorsement.",
            );
        }
      }
    }
    // Terms: candidate k sits in seat k (1,000 seats for 1,000 candidates at full size).
    for (let c = 1; c <= Math.min(size.candidates, seatCount); c++)
      insertTerm.run(c, c, c, "2022-01-01", c % SEATS_PER_BODY === 1 ? "chair" : "member");
  })();

  // Measures and vote events: body 1 (where the bench candidate sits) holds 500 roll calls,
  // the rest are spread across the other bodies; every member votes on each, 5 votes per event.
  const insertMeasure = sqlite.prepare(
    `insert into measures (id, body_id, title, summary, kind, pac_position, introduced_on) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = sqlite.prepare(
    `insert into vote_events (id, measure_id, date, motion, result, preferred_vote, preferred_reason) values (?, ?, ?, 'Adopt', ?, ?, ?)`,
  );
  const insertVote = sqlite.prepare(`insert into votes (vote_event_id, term_id, option) values (?, ?, ?)`);
  const events = Math.floor(size.votes / SEATS_PER_BODY);
  const bodyForEvent = (e: number) =>
    e < BENCH_CANDIDATE_VOTES ? 1 : 2 + ((e - BENCH_CANDIDATE_VOTES) % Math.max(1, size.bodies - 1));
  const positions = ["support", "oppose", "none"] as const;
  const options = ["yes", "yes", "yes", "no", "abstain", "absent"] as const;
  const voteStart = Date.UTC(2022, 1, 1);
  sqlite.transaction(() => {
    for (let e = 0; e < events; e++) {
      const id = e + 1;
      const body = bodyForEvent(e);
      const date = day(voteStart + (e % 1400) * 86_400_000);
      const kind = r.pick(["resolution", "policy", "budget"]);
      const position = r.pick(positions);
      insertMeasure.run(id, body, `Measure ${id}`, `Summary of measure ${id}.`, kind, position, date);
      // Scored like the measure's position, as a PAC would score a vote to adopt.
      const preferred = position === "support" ? "yes" : position === "oppose" ? "no" : null;
      insertEvent.run(
        id,
        id,
        date,
        r.next() < 0.8 ? "passed" : "failed",
        preferred,
        preferred ? "A vote to adopt." : "",
      );
      for (let s = 1; s <= SEATS_PER_BODY; s++) {
        const termId = (body - 1) * SEATS_PER_BODY + s;
        if (termId <= Math.min(size.candidates, seatCount)) insertVote.run(id, termId, r.pick(options));
      }
    }
  })();

  // Donations: 1M across the contacts, over five years, mostly succeeded.
  const insertDonation = sqlite.prepare(
    `insert into donations (contact_id, amount_cents, refunded_cents, fee_cents, status, kind, method, refcode,
       stripe_checkout_session_id, stripe_payment_intent_id, stripe_charge_id,
       donor_first_name, donor_last_name, donor_email, donor_street, donor_city, donor_state, donor_zip, donor_employer, donor_occupation,
       attested_at, aggregation_period, received_at, created_at, updated_at)
     select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, first_name, last_name, email, street, city, state, zip, employer, occupation, ?, ?, ?, ?, ?
     from contacts where id = ?`,
  );
  const donationStart = Date.UTC(2022, 0, 1);
  const span = 5 * 365 * 86_400_000 - 86_400_000 * 40;
  const amounts = [500, 1000, 2500, 2500, 5000, 5000, 10000, 25000, 50000];
  batched(
    size.donations,
    (i) => {
      const id = i + 1;
      const contactId = r.int(1, size.contacts);
      const amount = r.pick(amounts) + (r.next() < 0.2 ? r.int(1, 99) : 0);
      const roll = r.next();
      const status =
        roll < 0.93
          ? "succeeded"
          : roll < 0.96
            ? "refunded"
            : roll < 0.98
              ? "failed"
              : roll < 0.99
                ? "partially_refunded"
                : "pending";
      const refunded = status === "refunded" ? amount : status === "partially_refunded" ? Math.floor(amount / 2) : 0;
      const at = donationStart + Math.floor(r.next() * span);
      const iso = isoAt(at);
      const method = r.next() < 0.95 ? "card" : r.pick(["check", "cash"]);
      const card = method === "card";
      return [
        contactId,
        amount,
        refunded,
        // One card gift in a hundred lost its charge.updated: no fee recorded (reconciliation finds it).
        card && id % 100 !== 7 ? Math.round(amount * 0.029) + 30 : null,
        status,
        r.next() < 0.15 ? "recurring" : "one_time",
        method,
        r.pick(REFCODES),
        card ? `cs_bench_${id}` : null,
        card ? `pi_bench_${id}` : null,
        card ? `ch_bench_${id}` : null,
        iso,
        iso.slice(0, 4),
        status === "pending" ? null : iso,
        iso,
        iso,
        contactId,
      ];
    },
    (row) => insertDonation.run(row),
  );

  // The money ledger holds each received gift's movements, keyed as the webhooks key them.
  sqlite.exec(`
    insert into money_entries (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
      select id, 'receipt', amount_cents, received_at, null, stripe_charge_id from donations
      where received_at is not null and status in ('succeeded', 'partially_refunded', 'refunded', 'disputed');
    insert into money_entries (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
      select id, 'refund', -refunded_cents, received_at, 're_bench_' || id, stripe_charge_id from donations
      where refunded_cents > 0 and status in ('partially_refunded', 'refunded');
    insert into money_entries (donation_id, kind, amount_cents, effective_at, source, stripe_object_id)
      select id, 'fee', -fee_cents, received_at, 'txn_bench_' || id || ':fee', stripe_charge_id from donations
      where fee_cents > 0 and status in ('succeeded', 'partially_refunded', 'refunded', 'disputed');
  `);

  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec("analyze");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
