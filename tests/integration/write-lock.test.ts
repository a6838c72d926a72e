/**
 * A busy database makes a form post wait, not fail. Another process (here a child holding
 * BEGIN IMMEDIATE for 1.5 s, standing in for `npm run worker` or a webhook) owns SQLite's write
 * lock; a public form post, whose transaction reads before it writes, must wait its turn and
 * succeed. Before every write transaction began with BEGIN IMMEDIATE (writeTransaction in
 * db/client.ts), SQLite refused the read-then-write upgrade at once with SQLITE_BUSY.
 */
import { spawn } from "node:child_process";
import { db, databaseFile, sqlite, writeTransaction } from "#db/client";
import { contacts, tips } from "#db/schema";
import { guardRequest } from "~/lib/request-guard.server";
import { action as tipsAction } from "~/routes/tips";

const HOLDER = `
import Database from "better-sqlite3";
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
db.exec("BEGIN IMMEDIATE");
db.prepare("insert into health_probe (id, checked_at) values (1, 'held') on conflict(id) do update set checked_at = 'held'").run();
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); process.exit(0); }, Number(process.argv[2]));
`;

/** Starts a process that holds the write lock for `ms`; resolves once it has the lock. */
function holdWriteLock(file: string, ms: number): Promise<{ done: Promise<number> }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", HOLDER, file, String(ms)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const done = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve({ done });
    });
    child.on("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

const tip = {
  firstName: "Rosa",
  lastName: "Vigil",
  email: "rosa@example.org",
  area: "Mesilla",
  body: "The board meets Tuesday about school buses.",
};

describe("writes under a held write lock", () => {
  it("a public form post waits for another process's write lock and succeeds", async () => {
    const holder = await holdWriteLock(databaseFile(), 1500);
    const started = performance.now();
    const request = new Request("http://localhost/tips", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(tip),
    });
    const guarded = await guardRequest(request, { clientIp: "192.0.2.77" });
    const res = (await tipsAction({
      request: guarded as Request,
      params: {},
      context: { clientIp: "192.0.2.77" },
    } as never)) as Response;
    const waited = performance.now() - started;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/tips/thanks");
    expect(waited).toBeGreaterThan(1000);
    expect(await holder.done).toBe(0);
    expect(db().select().from(tips).all()).toHaveLength(1);
    expect(db().select().from(contacts).all()).toHaveLength(1);
  });

  it("shows why: a deferred read-then-write transaction is refused at once while the lock is held", async () => {
    const holder = await holdWriteLock(databaseFile(), 1500);
    const deferred = sqlite().transaction(() => {
      sqlite().prepare("select count(*) from contacts").get();
      sqlite().prepare("insert into contacts (first_name, last_name) values ('A', 'B')").run();
    });
    const started = performance.now();
    expect(() => deferred.deferred()).toThrow(/SQLITE_BUSY|database is locked/);
    expect(performance.now() - started).toBeLessThan(1000);
    // The same work through the helper waits and commits.
    writeTransaction(db(), (tx) => {
      tx.select().from(contacts).all();
      tx.insert(contacts).values({ firstName: "A", lastName: "B" }).run();
    });
    expect(await holder.done).toBe(0);
    expect(db().select().from(contacts).all()).toHaveLength(1);
  });
});

describe("one way to write", () => {
  it("no other module opens a transaction except through writeTransaction (BEGIN IMMEDIATE)", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const offenders: string[] = [];
    for (const dir of ["app", "db"]) {
      for (const file of fs.readdirSync(dir, { recursive: true }).map(String)) {
        const rel = path.join(dir, file);
        if (!/\.tsx?$/.test(rel) || rel === "db/client.ts") continue;
        if (/\.transaction\(/.test(fs.readFileSync(rel, "utf8"))) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });
});
