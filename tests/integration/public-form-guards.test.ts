/** The honeypot and the per-IP limit that every public form shares (handlePublicForm). */
import { db } from "#db/client";
import { contacts, tips } from "#db/schema";
import { action as tipsAction } from "~/routes/tips";

function post(fields: Record<string, string>, ip: string) {
  const request = new Request("http://localhost/tips", { method: "POST", body: new URLSearchParams(fields) });
  return tipsAction({ request, params: {}, context: { clientIp: ip } } as never) as Promise<Response>;
}

const tip = (n: number) => ({
  firstName: "Rosa",
  lastName: "Vigil",
  email: `rosa${n}@example.org`,
  area: "Mesilla",
  body: "The board meets Tuesday about school buses.",
});

describe("public form guards", () => {
  it("gives a bot that fills the honeypot the thank-you page and stores nothing", async () => {
    const res = await post({ ...tip(1), website_url: "http://spam.example" }, "10.0.0.1");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/tips/thanks");
    expect(db().select().from(tips).all()).toHaveLength(0);
    expect(db().select().from(contacts).all()).toHaveLength(0);
  });

  it("refuses the eleventh submission from one address in 15 minutes, but not another address's", async () => {
    const ip = `10.1.${process.pid % 250}.${Date.now() % 250}`;
    for (let n = 0; n < 10; n++) expect((await post(tip(n), ip)).status).toBe(302);
    const refused = await post(tip(10), ip);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toContain("Too many submissions");
    expect(db().select().from(tips).all()).toHaveLength(10);
    expect((await post(tip(11), `${ip}9`)).status).toBe(302);
  });

  it("answers bad input with messages and stores nothing", async () => {
    const res = await post({ ...tip(1), email: "x@" }, "10.0.0.2");
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/email/i);
    expect(db().select().from(tips).all()).toHaveLength(0);
  });
});
