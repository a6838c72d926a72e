/**
 * The demo data tells the PAC's story as the public record has it (Ballotpedia, "Las Cruces
 * Public Schools elections (2017)"; Las Cruces Sun-News, February 7 and April 19, 2017), and
 * staff can remove it in one audited step.
 */
import { eq } from "drizzle-orm";
import { db, sqlite } from "#db/client";
import {
  auditLog,
  candidacies,
  candidates,
  contacts,
  endorsements,
  measures,
  terms,
  voteEvents,
  votes,
} from "#db/schema";
import { DEMO_MARKER_KEY, DEMO_PAC_NAME, DEMO_SOURCES, seedDemo } from "#db/seed";
import { makeMeasure, makeVoteEvent } from "../factories";
import { createStaffUser } from "~/models/staff-users.server";
import { isDemoLoaded, removeDemoData } from "~/models/demo-data.server";
import { getSettings, DEFAULT_SETTINGS } from "~/models/settings.server";
import { getCandidateProfile } from "~/models/candidate-profile.server";
import { getElectionPage } from "~/models/public-track-record.server";

function snapshot() {
  const tables = sqlite()
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, sqlite().prepare(`select * from "${name}"`).all()]));
}

const byName = (name: string) => db().select().from(candidates).where(eq(candidates.displayName, name)).get()!;

describe("demo seed", () => {
  it("loads the PAC's story once and changes nothing when run again", () => {
    expect(seedDemo(db())).toBe(true);
    const first = snapshot();
    expect(seedDemo(db())).toBe(false);
    expect(snapshot()).toEqual(first);
  });

  it("is true to the public record: the PAC, the February 7, 2017 election, the April 18, 2017 votes", () => {
    seedDemo(db());
    expect(getSettings().pacName).toBe("Progressive Champions PAC");
    expect(isDemoLoaded()).toBe(true);

    const election = getElectionPage(1, "America/Denver")!;
    expect(election.election).toMatchObject({ date: "2017-02-07", sourceUrl: DEMO_SOURCES.ballotpedia2017.url });
    const field = Object.fromEntries(
      election.contests.map((c) => [
        c.seatName,
        c.candidacies.map((r) => [r.candidateName, r.outcome, r.incumbent, r.votes, r.voteShareBp]),
      ]),
    );
    expect(field["District 1"]).toEqual([["Ray Jaramillo", "won", false, null, null]]);
    expect(field["District 2"]).toEqual(
      expect.arrayContaining([
        ["Terrie Dallman", "won", false, null, 6500],
        ["Allison Smith", "lost", false, null, null],
        ["Ronald Fitzherbert", "lost", false, null, null],
        ["Charles Wendler", "lost", false, null, null],
      ]),
    );
    expect(field["District 3"]).toEqual(
      expect.arrayContaining([
        ["Maria Flores", "won", true, null, null],
        ["MaryLou Barrio", "lost", false, null, null],
        ["Wanda Bowman", "lost", false, null, null],
        ["Gerald Miller", "lost", false, null, null],
      ]),
    );
    const notes = db().select({ id: candidacies.candidateId, note: candidacies.note }).from(candidacies).all();
    for (const name of ["Charles Wendler", "MaryLou Barrio"]) {
      expect(notes.find((n) => n.id === byName(name).id)!.note).toMatch(/Withdrew.*ballot/);
    }

    // Endorsed in February 2017, before election day; the day is marked illustrative, with its source.
    const e = db().select().from(endorsements).all();
    expect(e).toHaveLength(3);
    for (const row of e) {
      expect(row.decidedAt! < "2017-02-07").toBe(true);
      expect(row.decidedAt!.startsWith("2017-02")).toBe(true);
      expect(row.note).toMatch(/illustrative/);
      expect(row.sourceUrl).toBe(DEMO_SOURCES.pacPost.url);
    }

    // Sworn in March 1, 2017 beside Castro (District 4) and Frank (District 5).
    const maria = getCandidateProfile("maria-flores")!;
    expect(maria.terms).toEqual([
      expect.objectContaining({ startDate: "2017-03-01", role: "chair", seatName: "District 3", endDate: null }),
    ]);
    for (const [name, seat] of [
      ["Maury Castro", "District 4"],
      ["Ed Frank", "District 5"],
    ]) {
      const t = getCandidateProfile(byName(name).slug)!.terms[0];
      expect(t.seatName).toBe(seat);
      expect(t.note).toMatch(/illustrative/);
      expect(t.sourceUrl).toMatch(/^https:\/\/ballotpedia\.org\//);
    }

    // Two 5-0 votes on Tuesday, April 18, 2017, both scored "yes", each measure citing the Sun-News.
    const events = db().select().from(voteEvents).all();
    expect(events.map((v) => [v.date, v.result, v.preferredVote])).toEqual([
      ["2017-04-18", "passed", "yes"],
      ["2017-04-18", "passed", "yes"],
    ]);
    expect(new Date("2017-04-18T12:00:00Z").getUTCDay()).toBe(2);
    const allVotes = db().select().from(votes).all();
    expect(allVotes).toHaveLength(10);
    expect(allVotes.every((v) => v.option === "yes")).toBe(true);
    expect(
      db()
        .select()
        .from(measures)
        .all()
        .every((m) => m.sourceUrl === DEMO_SOURCES.sunNewsVotes.url),
    ).toBe(true);
    expect(maria.alignment).toMatchObject({
      aligned: 2,
      counted: 2,
      fewVotes: true,
      onlyUnanimous: true,
      board: { aligned: 10, counted: 10 },
    });
  });

  it("invents no biography: bios state public roles only, and no contact has an email or address", () => {
    seedDemo(db());
    for (const c of db().select().from(candidates).all()) {
      expect(c.bio).toMatch(
        /^(Member of the|Candidate for District \d of the) Las Cruces Public Schools Board of Education/,
      );
      expect(c.bio).not.toMatch(/teacher|parent|educator|union|retired|welcoming/i);
    }
    expect(
      db()
        .select()
        .from(contacts)
        .all()
        .every((c) => !c.email && !c.street && !c.employer),
    ).toBe(true);
  });
});

describe("removing the demo data", () => {
  async function admin() {
    return (
      await createStaffUser({
        email: `admin${Math.random()}@example.org`,
        password: "long enough password",
        role: "admin",
      })
    ).id;
  }

  it("removes every demo row and what staff hung on it, restores the PAC's name, audits it, and never reloads", async () => {
    const actor = await admin();
    const empty = snapshot();
    seedDemo(db());
    // Staff recorded another measure and vote of the demo board.
    const body = db().select().from(measures).get()!;
    const extra = makeMeasure(db(), { bodyId: body.bodyId, title: "Staff measure", pacPosition: "none" });
    const boardTerms = db().select().from(terms).all();
    makeVoteEvent(
      db(),
      { measureId: extra.id, date: "2017-05-16", result: "passed" },
      boardTerms.map((t) => [t.id, "yes"]),
    );

    const { removed } = removeDemoData(actor);
    expect(removed).toMatchObject({
      candidates: 11,
      measures: 3,
      vote_events: 3,
      votes: 15,
      elections: 1,
      governing_bodies: 1,
    });
    expect(isDemoLoaded()).toBe(false);
    expect(getSettings().pacName).toBe(DEFAULT_SETTINGS.pacName);
    expect(getSettings().pacName).not.toBe(DEMO_PAC_NAME);

    const after = snapshot();
    for (const table of Object.keys(empty)) {
      // Staff and settings rows are the test's own; the contacts' search index is rebuilt by triggers.
      if (
        ["settings", "audit_log", "staff_users", "contacts", "sessions", "__drizzle_migrations"].includes(table) ||
        table.startsWith("contacts_fts")
      )
        continue;
      expect([table, after[table]]).toEqual([table, empty[table]]);
    }
    expect(
      db()
        .select()
        .from(contacts)
        .all()
        .map((c) => c.lastName),
    ).not.toContain("Jaramillo");
    const audit = db().select().from(auditLog).where(eq(auditLog.entity, "demo_data")).all();
    expect(audit).toMatchObject([{ staffUserId: actor, action: "remove" }]);

    expect(seedDemo(db())).toBe(false);
    expect(() => removeDemoData(actor)).toThrow(/No demo data is loaded/);
    expect(sqlite().prepare("select 1 from settings where key = ?").get(DEMO_MARKER_KEY)).toBeUndefined();
  });
});
