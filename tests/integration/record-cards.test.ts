/**
 * Record cards and the donate page's donor count, on the demo data (the 2017 Las Cruces story) and
 * on gifts made here.
 */
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { candidates, donations, measures } from "#db/schema";
import { seedDemo } from "#db/seed";
import {
  candidatePhotos,
  emailMeasureRecords,
  getCandidateCards,
  getMeasureCards,
  latestUpdateWithRecord,
} from "~/models/record-cards.server";
import { updates } from "#db/schema";
import { renderEmail } from "#emails/render";
import { countDonors } from "~/models/donor-count.server";
import { makeContact } from "../factories";

describe("record cards", () => {
  it("a measure card carries the 5-0 roll call with the PAC's endorsed members marked", () => {
    seedDemo(db());
    const ids = db()
      .select({ id: measures.id })
      .from(measures)
      .all()
      .map((m) => m.id);
    const cards = getMeasureCards(ids);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      const [event] = card.voteEvents;
      expect(event.tally).toEqual({ yes: 5, no: 0, abstain: 0, absent: 0 });
      expect(event.preferredVote).toBe("yes");
      const endorsed = event.roll
        .filter((r) => r.endorsed)
        .map((r) => r.candidateName)
        .sort();
      expect(endorsed).toEqual(["Maria Flores", "Ray Jaramillo", "Terrie Dallman"]);
      expect(
        event.roll
          .filter((r) => !r.endorsed)
          .map((r) => r.candidateName)
          .sort(),
      ).toEqual(["Ed Frank", "Maury Castro"]);
    }
  });

  it("a candidate card gives office, endorsement, outcome and the score with its basis", () => {
    seedDemo(db());
    const slugs = db().select({ slug: candidates.slug, name: candidates.displayName }).from(candidates).all();
    const flores = slugs.find((s) => s.name === "Maria Flores")!;
    const [card] = getCandidateCards([flores.slug, "no-such-candidate"]);
    expect(card).toMatchObject({ displayName: "Maria Flores", endorsedCycle: "2017", outcome: "won", photoPath: null });
    expect(card.office).toContain("District 3");
    expect(card.score).toMatchObject({ aligned: 2, counted: 2, fewVotes: true, onlyUnanimous: true });
    expect(getCandidateCards(["no-such-candidate"])).toEqual([]);
  });

  it("the home page's latest update brings the record card of a measure it cites; photos are looked up by id", () => {
    expect(latestUpdateWithRecord()).toBeNull();
    seedDemo(db());
    const latest = latestUpdateWithRecord();
    expect(latest?.title).toMatch(/5-0/);
    expect(latest?.record?.voteEvents[0].tally.yes).toBe(5);
    const [c] = db().select().from(candidates).all();
    db().update(candidates).set({ photoPath: "/uploads/candidates/x.jpg" }).where(eq(candidates.id, c.id)).run();
    expect(candidatePhotos([c.id])).toEqual({ [c.id]: "/uploads/candidates/x.jpg" });
    expect(candidatePhotos([])).toEqual({});
  });
});

describe("record cards in the impact update email", () => {
  it("carry each cited roll call with its tally, preferred vote and endorsed members, and render in the email", async () => {
    seedDemo(db());
    const [update] = db().select().from(updates).all();
    const records = emailMeasureRecords(update.id);
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r).toMatchObject({ date: "April 18, 2017", preferredVote: "yes", result: "passed", tallyText: "5-0" });
      expect(
        r.roll
          .filter((m) => m.endorsed)
          .map((m) => m.name)
          .sort(),
      ).toEqual(["Maria Flores", "Ray Jaramillo", "Terrie Dallman"]);
      expect(r.url).toMatch(/\/measures\/\d+$/);
    }
    const email = await renderEmail(
      "impact-update",
      {
        title: update.title,
        summary: update.summary,
        bodyMarkdown: update.bodyMarkdown,
        url: "https://pac.example.org/updates/x",
        records,
      },
      {
        brand: {
          pacName: "Progressive Champions PAC",
          pacAddress: "PO Box 1234, Las Cruces, NM 88004",
          pacUrl: "https://pac.example.org",
          disclaimer: "Paid for by Progressive Champions PAC.",
        },
        timeZone: "America/Denver",
      },
    );
    expect(email.text).toContain("THE RECORD BEHIND THIS UPDATE");
    expect(email.text).toContain("Maria Flores (endorsed by the PAC): Yes");
    expect(email.text).toContain("Ed Frank: Yes");
  });
});

describe("donor count", () => {
  it("counts each person with a received gift once, leaves out pending, failed and wholly refunded gifts, and is kept for a minute", () => {
    const ana = makeContact(db());
    const ben = makeContact(db());
    const cruz = makeContact(db());
    const give = (contactId: number, status: (typeof donations.$inferInsert)["status"], refundedCents = 0) =>
      db()
        .insert(donations)
        .values({ contactId, amountCents: 1000, refundedCents, status, donorFirstName: "A", donorLastName: "B" })
        .run();
    give(ana.id, "succeeded");
    give(ana.id, "succeeded");
    give(ben.id, "partially_refunded", 400);
    const dee = makeContact(db());
    give(dee.id, "refunded", 1000);
    give(cruz.id, "pending");
    give(cruz.id, "failed");
    const t0 = 1_000_000;
    expect(countDonors(db(), t0)).toBe(2);
    give(cruz.id, "succeeded");
    expect(countDonors(db(), t0 + 30_000)).toBe(2);
    expect(countDonors(db(), t0 + 60_000)).toBe(3);
  });
});
