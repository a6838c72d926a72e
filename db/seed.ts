/**
 * DEMO DATA, true to the public record (DESIGN.md §4). Every fact below comes from one of
 * DEMO_SOURCES and the pages show its link; what the sources do not give (vote counts, District
 * 3's shares, the exact day of the endorsement, the day Castro and Frank took office) is either
 * left out or labelled illustrative where it appears. Real people get their public roles only.
 *
 * `seedDemo` is idempotent: it loads the data set once, records which rows it created (so staff
 * can remove exactly those, app/models/demo-data.server.ts), and never loads it again after that.
 */
import { eq, inArray } from "drizzle-orm";
import { writeTransaction, type Db } from "./client";
import { settings, updateCandidates, updateMeasures, updates, updateTags, updateVoteEvents } from "./schema";
import {
  makeBody,
  makeCandidacy,
  makeCandidate,
  makeContest,
  makeElection,
  makeEndorsement,
  makeIssueTag,
  makeMeasure,
  makeTerm,
  makeVoteEvent,
} from "../tests/factories";

export const DEMO_MARKER_KEY = "demo.seededAt";
/** Set when staff removed the demo data, so that a restart does not load it again. */
export const DEMO_REMOVED_KEY = "demo.removedAt";
export const DEMO_ADMIN = { email: "admin@example.org", password: "champions-demo-admin" };

export const DEMO_PAC_NAME = "Progressive Champions PAC";
export const DEMO_DISCLAIMER = `Paid for by ${DEMO_PAC_NAME}. Not authorized by any candidate or candidate's committee.`;

export const DEMO_SOURCES = {
  ballotpedia2017: {
    url: "https://ballotpedia.org/Las_Cruces_Public_Schools_elections_(2017)",
    title: 'Ballotpedia, "Las Cruces Public Schools elections (2017)"',
  },
  ballotpedia2015: {
    url: "https://ballotpedia.org/Las_Cruces_Public_Schools_elections_(2015)",
    title: 'Ballotpedia, "Las Cruces Public Schools elections (2015)"',
  },
  ballotpediaCastro: { url: "https://ballotpedia.org/Maury_Castro", title: 'Ballotpedia, "Maury Castro"' },
  sunNewsElection: {
    url: "https://www.lcsun-news.com/story/news/local/2017/02/07/voting-closes-school-board-elections/97621772/",
    title: 'Las Cruces Sun-News, February 7, 2017, "Jaramillo, Dallman and Flores win LCPS school board seats"',
  },
  sunNewsVotes: {
    url: "https://www.lcsun-news.com/story/news/education/lcps/2017/04/19/lcps-board-aims-protect-immigrants-new-policy/100606972/",
    title: 'Las Cruces Sun-News, April 19, 2017, "LCPS board aims to protect immigrants with new policy"',
  },
  pacPost: {
    url: "http://progressnownm.org/2017/04/21/progressive-champions-on-lc-school-board-put-student-safety-first/",
    title:
      'The PAC\'s own post of April 21, 2017, "Las Cruces Schools passes new policies protecting immigrant students; new Progressive Champions lead the way"',
  },
} as const;

/** The ids of every row the seed created, per table, kept in the marker setting. */
export type DemoRows = Record<
  | "contacts"
  | "candidates"
  | "governing_bodies"
  | "seats"
  | "elections"
  | "contests"
  | "candidacies"
  | "endorsements"
  | "terms"
  | "issue_tags"
  | "measures"
  | "vote_events"
  | "updates",
  number[]
>;

export interface DemoMarker {
  seededAt: string;
  rows: DemoRows;
}

export function isSeeded(database: Db): boolean {
  return Boolean(database.select().from(settings).where(eq(settings.key, DEMO_MARKER_KEY)).get());
}

/** Loads the demo data set once; returns false when it was already there or was removed by staff. */
export function seedDemo(database: Db): boolean {
  return writeTransaction(database, (tx) => {
    const done = tx
      .select({ key: settings.key })
      .from(settings)
      .where(inArray(settings.key, [DEMO_MARKER_KEY, DEMO_REMOVED_KEY]))
      .get();
    if (done) return false;

    const rows: DemoRows = {
      contacts: [],
      candidates: [],
      governing_bodies: [],
      seats: [],
      elections: [],
      contests: [],
      candidacies: [],
      endorsements: [],
      terms: [],
      issue_tags: [],
      measures: [],
      vote_events: [],
      updates: [],
    };
    const keep = <T extends { id: number }>(table: keyof DemoRows, row: T): T => {
      rows[table].push(row.id);
      return row;
    };
    const person = (displayName: string, bio: string) => {
      const c = keep("candidates", makeCandidate(tx, { displayName, bio }));
      rows.contacts.push(c.contactId);
      return c;
    };

    const { body, seats } = makeBody(tx, {
      name: "Las Cruces Public Schools Board of Education",
      slug: "lcps-board",
      jurisdiction: "Las Cruces Public Schools, NM",
      seatCount: 5,
    });
    keep("governing_bodies", body);
    for (const s of seats) keep("seats", s);
    const [d1, d2, d3, d4, d5] = seats;

    const board = "Las Cruces Public Schools Board of Education";
    const ray = person("Ray Jaramillo", `Member of the ${board} for District 1, elected February 7, 2017.`);
    const terrie = person("Terrie Dallman", `Member of the ${board} for District 2, elected February 7, 2017.`);
    const maria = person(
      "Maria Flores",
      `Member of the ${board} for District 3 and its president in 2017; re-elected February 7, 2017.`,
    );
    const castro = person("Maury Castro", `Member of the ${board} for District 4, elected February 3, 2015.`);
    const frank = person("Ed Frank", `Member of the ${board} for District 5, elected February 3, 2015.`);
    const ran = (district: string) => `Candidate for District ${district} of the ${board} on February 7, 2017.`;
    const smith = person("Allison Smith", ran("2"));
    const fitzherbert = person("Ronald Fitzherbert", ran("2"));
    const wendler = person("Charles Wendler", ran("2"));
    const barrio = person("MaryLou Barrio", ran("3"));
    const bowman = person("Wanda Bowman", ran("3"));
    const miller = person("Gerald Miller", ran("3"));

    const election = keep(
      "elections",
      makeElection(tx, {
        name: "LCPS Board of Education election (by district)",
        date: "2017-02-07",
        jurisdiction: "Las Cruces Public Schools, NM",
        kind: "regular",
        sourceUrl: DEMO_SOURCES.ballotpedia2017.url,
      }),
    );
    const contest = (seatId: number) =>
      keep("contests", makeContest(tx, { electionId: election.id, seatId, seatsToFill: 1 }));
    const candidacy = (over: Parameters<typeof makeCandidacy>[1]) => keep("candidacies", makeCandidacy(tx, over));
    const withdrew = "Withdrew after filing; the name stayed on the ballot.";

    // No vote counts: the sources give none per candidate. District 2's winning share is the
    // Sun-News's rounded "65 percent"; no other share is given.
    const c1 = contest(d1.id);
    const rayCandidacy = candidacy({ contestId: c1.id, candidateId: ray.id, outcome: "won", note: "Ran unopposed." });
    const c2 = contest(d2.id);
    const terrieCandidacy = candidacy({
      contestId: c2.id,
      candidateId: terrie.id,
      outcome: "won",
      voteShareBp: 6500,
      note: "65% as reported (rounded) by the Las Cruces Sun-News.",
    });
    candidacy({ contestId: c2.id, candidateId: smith.id, outcome: "lost" });
    candidacy({ contestId: c2.id, candidateId: fitzherbert.id, outcome: "lost" });
    candidacy({ contestId: c2.id, candidateId: wendler.id, outcome: "lost", note: withdrew });
    const c3 = contest(d3.id);
    const mariaCandidacy = candidacy({ contestId: c3.id, candidateId: maria.id, incumbent: true, outcome: "won" });
    candidacy({ contestId: c3.id, candidateId: barrio.id, outcome: "lost", note: withdrew });
    candidacy({ contestId: c3.id, candidateId: bowman.id, outcome: "lost" });
    candidacy({ contestId: c3.id, candidateId: miller.id, outcome: "lost" });

    // The PAC's post says it endorsed in February 2017, before the February 7 election; it does
    // not give the day, so the day stored is illustrative and the note says so.
    const endorsement = (candidateId: number, contestId: number) =>
      keep(
        "endorsements",
        makeEndorsement(tx, {
          candidateId,
          contestId,
          cycle: "2017",
          status: "endorsed",
          decidedAt: "2017-02-01T12:00:00.000Z",
          sourceUrl: DEMO_SOURCES.pacPost.url,
          note: "Announced in February 2017, before the February 7 election; the exact day shown is illustrative.",
          rationale: "Named one of the PAC's Progressive Champions for the LCPS board.",
        }),
      );
    endorsement(ray.id, c1.id);
    endorsement(terrie.id, c2.id);
    endorsement(maria.id, c3.id);

    const sworn = {
      sourceUrl: DEMO_SOURCES.sunNewsElection.url,
      note: "Sworn in March 1, 2017. The demo records nothing after 2017.",
    };
    const term = (over: Parameters<typeof makeTerm>[1]) => keep("terms", makeTerm(tx, over));
    const tRay = term({
      candidateId: ray.id,
      seatId: d1.id,
      startDate: "2017-03-01",
      candidacyId: rayCandidacy.id,
      ...sworn,
    });
    const tTerrie = term({
      candidateId: terrie.id,
      seatId: d2.id,
      startDate: "2017-03-01",
      candidacyId: terrieCandidacy.id,
      ...sworn,
    });
    const tMaria = term({
      candidateId: maria.id,
      seatId: d3.id,
      startDate: "2017-03-01",
      role: "chair",
      candidacyId: mariaCandidacy.id,
      ...sworn,
    });
    const elected2015 =
      "Elected February 3, 2015; the first day in office shown is illustrative. The demo records nothing after 2017.";
    const tCastro = term({
      candidateId: castro.id,
      seatId: d4.id,
      startDate: "2015-03-01",
      sourceUrl: DEMO_SOURCES.ballotpediaCastro.url,
      note: elected2015,
    });
    const tFrank = term({
      candidateId: frank.id,
      seatId: d5.id,
      startDate: "2015-03-01",
      sourceUrl: DEMO_SOURCES.ballotpedia2015.url,
      note: elected2015,
    });
    const roll = [tRay, tTerrie, tMaria, tCastro, tFrank];

    const immigrantStudents = keep("issue_tags", makeIssueTag(tx, "Immigrant students"));

    // Titles are descriptive: the report does not give the documents' official titles.
    const resolution = keep(
      "measures",
      makeMeasure(
        tx,
        {
          bodyId: body.id,
          title: "Resolution on an immigrant-friendly stance for LCPS schools",
          summary:
            "The resolution companion to the policy below, adopted the same night so that students feel safe attending school. (Descriptive title: the Sun-News report does not give the official one.)",
          kind: "resolution",
          pacPosition: "support",
          sourceUrl: DEMO_SOURCES.sunNewsVotes.url,
        },
        [immigrantStudents.id],
      ),
    );
    const policy = keep(
      "measures",
      makeMeasure(
        tx,
        {
          bodyId: body.id,
          title: "Policy on students' immigration status and immigration agents on school grounds",
          summary:
            "School personnel will not ask about, collect or store data about students' immigration status, and the superintendent's office rejects immigration agents' requests to enter school grounds unless a judicial warrant is presented. (Descriptive title: the Sun-News report does not give the official one.)",
          kind: "policy",
          pacPosition: "support",
          sourceUrl: DEMO_SOURCES.sunNewsVotes.url,
        },
        [immigrantStudents.id],
      ),
    );
    const fiveYes = roll.map((t) => [t.id, "yes"] as [number, "yes"]);
    const scored = {
      preferredVote: "yes" as const,
      preferredReason: "A yes adopts protections for immigrant students that the PAC supports.",
    };
    const resolutionVote = keep(
      "vote_events",
      makeVoteEvent(
        tx,
        { measureId: resolution.id, date: "2017-04-18", motion: "Adopt the resolution", result: "passed", ...scored },
        fiveYes,
      ),
    );
    const policyVote = keep(
      "vote_events",
      makeVoteEvent(
        tx,
        { measureId: policy.id, date: "2017-04-18", motion: "Adopt the policy", result: "passed", ...scored },
        fiveYes,
      ),
    );

    const update = keep(
      "updates",
      tx
        .insert(updates)
        .values({
          slug: "board-votes-to-protect-immigrant-students",
          title: "The board we helped elect voted 5-0, twice, to protect immigrant students",
          summary:
            "In February 2017 we endorsed Ray Jaramillo, Terrie Dallman and board president Maria Flores; all three won. On April 18, 2017 the LCPS board adopted a resolution and a policy protecting immigrant students, both 5-0.",
          bodyMarkdown: [
            "In February 2017 our Progressive Champions PAC endorsed **Ray Jaramillo**, **Terrie Dallman** and board president **Maria Flores** for the Las Cruces Public Schools Board of Education. All three won on February 7, 2017 ([Ballotpedia](" +
              DEMO_SOURCES.ballotpedia2017.url +
              "), [Las Cruces Sun-News](" +
              DEMO_SOURCES.sunNewsElection.url +
              ")).",
            "",
            "On Tuesday, April 18, 2017, the board voted 5-0, twice ([Las Cruces Sun-News, April 19, 2017](" +
              DEMO_SOURCES.sunNewsVotes.url +
              ")):",
            "",
            "1. to adopt a resolution outlining an immigrant-friendly stance;",
            "2. to adopt a more detailed policy: school personnel will not ask about, collect or store data about students' immigration status, and immigration agents need a judicial warrant to enter school grounds.",
            "",
            "This is what endorsing, and winning, makes possible. ([Our post of April 21, 2017](" +
              DEMO_SOURCES.pacPost.url +
              ").)",
          ].join("\n"),
          visibility: "public",
          publishedAt: "2017-04-21T16:00:00.000Z",
        })
        .returning()
        .get(),
    );
    for (const c of [ray, terrie, maria])
      tx.insert(updateCandidates).values({ updateId: update.id, candidateId: c.id }).run();
    for (const m of [resolution, policy])
      tx.insert(updateMeasures).values({ updateId: update.id, measureId: m.id }).run();
    for (const v of [resolutionVote, policyVote])
      tx.insert(updateVoteEvents).values({ updateId: update.id, voteEventId: v.id }).run();
    tx.insert(updateTags).values({ updateId: update.id, issueTagId: immigrantStudents.id }).run();

    // The PAC's own name, unless staff already set one.
    for (const [key, value] of [
      ["pacName", DEMO_PAC_NAME],
      ["disclaimer", DEMO_DISCLAIMER],
    ] as const) {
      tx.insert(settings)
        .values({ key, value: JSON.stringify(value) })
        .onConflictDoNothing()
        .run();
    }
    const marker: DemoMarker = { seededAt: new Date().toISOString(), rows };
    tx.insert(settings)
      .values({ key: DEMO_MARKER_KEY, value: JSON.stringify(marker) })
      .run();
    return true;
  });
}
