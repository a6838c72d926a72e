/**
 * `npm run backup` under write load, then `npm run restore`: the backup is a consistent snapshot
 * (every transaction wholly in or wholly out) taken while another process keeps writing, and the
 * restored database has the same rows as the backup.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { databaseFile, closeDatabase } from "#db/client";
import { backupDatabase, restoreDatabase, verifyBackup } from "#db/backup";
import { TMP_DIR } from "../setup/paths";

// Writes two contacts per transaction until told to stop: a torn snapshot would show an odd count.
const WRITER = `
import Database from "better-sqlite3";
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
const insert = db.prepare("insert into contacts (first_name, last_name) values (?, 'pair')");
const pair = db.transaction((n) => { insert.run("a" + n); insert.run("b" + n); });
let n = 0;
const until = Date.now() + Number(process.argv[2]);
process.stdout.write("writing\\n");
while (Date.now() < until) pair.immediate(n++);
process.stdout.write(String(n) + "\\n");
`;

function startWriter(file: string, ms: number) {
  const child = spawn(process.execPath, ["--input-type=module", "-e", WRITER, file, String(ms)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const started = new Promise<void>((resolve) =>
    child.stdout.on("data", (c: Buffer) => ((out += c.toString()), out.includes("writing") && resolve())),
  );
  const done = new Promise<number>((resolve) => child.on("exit", () => resolve(Number(out.trim().split("\n").pop()))));
  return { started, done };
}

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`select count(*) from ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe("backup and restore", () => {
  it("backs up a consistent snapshot while another process writes, and restores it", async () => {
    const file = databaseFile();
    closeDatabase();
    const dir = fs.mkdtempSync(path.join(TMP_DIR, "backup-"));
    const writer = startWriter(file, 1500);
    await writer.started;
    await new Promise((r) => setTimeout(r, 200));
    const backup = backupDatabase(file, path.join(dir, "snapshot.db"));
    const pairs = await writer.done;

    const inBackup = backup.tables.contacts;
    expect(inBackup % 2).toBe(0);
    expect(inBackup).toBeGreaterThan(0);
    // Writes went on after the snapshot: the backup holds a past state, not a torn one.
    expect(count(file, "contacts")).toBe(pairs * 2);
    expect(inBackup).toBeLessThan(pairs * 2);
    expect(fs.existsSync(`${backup.file}-wal`)).toBe(false);

    const target = path.join(dir, "restored.db");
    fs.copyFileSync(file, target); // restoring over an existing (newer) database
    restoreDatabase(backup.file, target);
    expect(verifyBackup(target)).toEqual(backup.tables);
    expect(count(target, "contacts")).toBe(inBackup);
    expect(fs.readdirSync(dir).some((f) => f.startsWith("restored.db.before-restore-"))).toBe(true);
  });

  it("refuses to restore a file that is not one of our databases", () => {
    const dir = fs.mkdtempSync(path.join(TMP_DIR, "backup-"));
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not a database");
    expect(() => restoreDatabase(junk, path.join(dir, "target.db"))).toThrow();
    const empty = path.join(dir, "empty.db");
    new Database(empty).close();
    expect(() => restoreDatabase(empty, path.join(dir, "target.db"))).toThrow(/not a Champions CRM database/);
    expect(fs.existsSync(path.join(dir, "target.db"))).toBe(false);
  });
});
