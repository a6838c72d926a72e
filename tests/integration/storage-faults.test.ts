/**
 * Storage faults are loud: the health check fails on a deleted or replaced database file and on
 * one that refuses writes; startup refuses a read-only file, a missing directory and (in
 * production) a missing database; a clean close leaves every commit in the one .db file.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDatabase, databaseFile, db, openDatabase, sqlite, StorageError, useDatabase } from "#db/client";
import { contacts } from "#db/schema";
import { databaseHealth } from "~/models/health.server";
import { loader as healthz } from "~/routes/healthz";
import { prepareDatabase } from "~/cli/prepare";
import { TMP_DIR } from "../setup/paths";

const scratch = () => fs.mkdtempSync(path.join(TMP_DIR, "storage-"));

let offset = 0;
async function healthzAfterInterval() {
  // The probe runs at most once a second; step past the last run.
  offset += 5_000;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + offset);
  try {
    return healthz();
  } finally {
    vi.useRealTimers();
  }
}

describe("the health check", () => {
  it("is green on a healthy database and writes its probe", async () => {
    const res = await healthzAfterInterval();
    expect(res.status).toBe(200);
    expect(db().get<{ n: number }>(sql`select count(*) as n from health_probe`)!.n).toBe(1);
  });

  it("fails when the database file is deleted while the server runs", async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile() + suffix, { force: true });
    // select 1 still works on the unlinked file; the old check stayed green.
    expect(db().get(sql`select 1 as one`)).toEqual({ one: 1 });
    const res = await healthzAfterInterval();
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/deleted/);
  });

  it("fails when the database file is replaced under the server", async () => {
    const file = databaseFile();
    const other = `${file}.other`;
    fs.copyFileSync(file, other);
    fs.renameSync(other, file);
    const health = databaseHealth(0);
    expect(health.ok).toBe(false);
    expect(!health.ok && health.error).toMatch(/replaced/);
  });

  it("fails when the database refuses writes", () => {
    sqlite().pragma("query_only = ON");
    const health = databaseHealth(0);
    expect(health.ok).toBe(false);
    expect(!health.ok && health.error).toMatch(/readonly|read-only/i);
    sqlite().pragma("query_only = OFF");
    expect(databaseHealth(0).ok).toBe(true);
  });
});

describe("startup", () => {
  it("refuses a database directory that does not exist", () => {
    const file = path.join(scratch(), "missing", "champions.db");
    expect(() => openDatabase(file)).toThrow(StorageError);
    expect(() => openDatabase(file)).toThrow(/does not exist/);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it("refuses a read-only database file", () => {
    const file = path.join(scratch(), "ro.db");
    fs.copyFileSync(databaseFile(), file);
    fs.chmodSync(file, 0o444);
    expect(() => openDatabase(file)).toThrow(/read-only/);
  });

  it("refuses a read-only database directory", () => {
    const dir = scratch();
    const file = path.join(dir, "champions.db");
    fs.copyFileSync(databaseFile(), file);
    fs.chmodSync(dir, 0o555);
    try {
      expect(() => openDatabase(file)).toThrow(/read-only/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it("in production, refuses to start on a missing database instead of creating an empty one", async () => {
    const file = path.join(scratch(), "lost.db");
    const saved = { ...process.env };
    Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: file, SEED_DEMO: "0" });
    delete process.env.DATABASE_CREATE;
    try {
      await expect(prepareDatabase({ log: () => {} })).rejects.toThrow(/does not exist.*DATABASE_CREATE=1/);
      expect(fs.existsSync(file)).toBe(false);
      process.env.DATABASE_CREATE = "1";
      await prepareDatabase({ log: () => {} });
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      process.env = saved;
      useDatabase(databaseFile());
    }
  });
});

describe("shutdown", () => {
  it("closing checkpoints the WAL, so the .db file alone holds every commit", () => {
    const file = databaseFile();
    for (let i = 0; i < 50; i++)
      db()
        .insert(contacts)
        .values({ firstName: `Person ${i}`, lastName: "Test" })
        .run();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    closeDatabase();
    const copy = path.join(scratch(), "copy.db");
    fs.copyFileSync(file, copy); // the main file only, as an operator might
    const { sqlite: copied } = openDatabase(copy);
    expect(copied.prepare("select count(*) from contacts").pluck().get()).toBe(50);
    copied.close();
    useDatabase(file);
  });
});

describe("writes after the file is gone", () => {
  it("are refused loudly instead of going into the deleted file", async () => {
    const { submitTip } = await import("~/models/tips.server");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile() + suffix, { force: true });
    expect(() => submitTip({ firstName: "Rosa", email: "rosa@example.org", area: "Mesilla", body: "A tip." })).toThrow(
      /deleted/,
    );
  });
});
