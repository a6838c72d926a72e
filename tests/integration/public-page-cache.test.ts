import type { AddressInfo } from "node:net";
import express from "express";
import { db } from "#db/client";
import { makeCandidate } from "../factories";
import { publicPageCache } from "~/cli/public-page-cache";

async function serve(ttlMs?: number) {
  let renders = 0;
  const app = express();
  app.use(publicPageCache(process.env.DATABASE_URL!, { ttlMs }));
  app.get("*", (req, res) => {
    renders += 1;
    res.type("html").send(`<p>render ${renders} of ${req.path}</p>`);
  });
  const server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, { headers });
    return { cache: res.headers.get("x-page-cache"), body: await res.text() };
  };
  return { get, close: () => new Promise((r) => server.close(r)), renders: () => renders };
}

describe("public page cache", () => {
  it("serves an anonymous page from memory until the database changes", async () => {
    const s = await serve();
    try {
      expect(await s.get("/candidates/someone")).toEqual({
        cache: "miss",
        body: "<p>render 1 of /candidates/someone</p>",
      });
      expect(await s.get("/candidates/someone")).toEqual({
        cache: "hit",
        body: "<p>render 1 of /candidates/someone</p>",
      });
      makeCandidate(db(), { displayName: "New Person" });
      expect(await s.get("/candidates/someone")).toEqual({
        cache: "miss",
        body: "<p>render 2 of /candidates/someone</p>",
      });
      expect((await s.get("/candidates/someone")).cache).toBe("hit");
    } finally {
      await s.close();
    }
  });

  it("never caches for a visitor with a cookie, nor pages outside the track record", async () => {
    const s = await serve();
    try {
      await s.get("/endorsements");
      expect((await s.get("/endorsements", { Cookie: "__session=abc" })).cache).toBeNull();
      await s.get("/admin/candidates");
      expect((await s.get("/admin/candidates")).cache).toBeNull();
      await s.get("/candidates/someone.data");
      expect((await s.get("/candidates/someone.data")).cache).toBeNull();
      expect(s.renders()).toBe(6);
    } finally {
      await s.close();
    }
  });

  it("lets entries expire", async () => {
    const s = await serve(0);
    try {
      await s.get("/measures/1");
      expect((await s.get("/measures/1")).cache).toBe("miss");
    } finally {
      await s.close();
    }
  });
});
