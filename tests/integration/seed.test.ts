import { db, sqlite } from "#db/client";
import { seedDemo } from "#db/seed";

function snapshot() {
  const tables = sqlite()
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, sqlite().prepare(`select * from "${name}"`).all()]));
}

describe("demo seed", () => {
  it("loads the PAC's story once and changes nothing when run again", () => {
    expect(seedDemo(db())).toBe(true);
    const first = snapshot();
    expect(seedDemo(db())).toBe(false);
    expect(snapshot()).toEqual(first);

    const names = (first.candidates as Array<{ display_name: string }>).map((c) => c.display_name);
    expect(names).toEqual(expect.arrayContaining(["Ray Jaramillo", "Terrie Dallman", "Maria Flores"]));
    const votes = first.votes as Array<{ option: string }>;
    expect(votes).toHaveLength(10);
    expect(votes.every((v) => v.option === "yes")).toBe(true);
  });
});
