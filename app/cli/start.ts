/**
 * `npm start`: prepare the database, build when the build is missing or older than the sources,
 * then serve. Outside an explicit NODE_ENV=production it generates a local session secret, so a
 * fresh clone runs with no set-up; production must set SESSION_SECRET itself.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { prepareDatabase } from "./prepare";

const SOURCES = ["app", "emails", "db/schema.ts", "remix.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildIsStale(): boolean {
  const built = ["build/index.js", "public/build"].map((p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0));
  const oldest = Math.min(...built);
  return oldest === 0 || SOURCES.some((p) => newestMtime(p) > oldest);
}

function localSessionSecret(): string {
  const file = path.join(path.dirname(path.resolve(process.env.DATABASE_URL ?? "data/champions.db")), ".session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

const explicitProduction = process.env.NODE_ENV === "production";
await prepareDatabase();

if (buildIsStale()) {
  console.log("Building the app (the build is missing or older than the sources)…");
  const result = spawnSync("npx", ["remix", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  const now = new Date();
  fs.utimesSync("build/index.js", now, now);
  fs.utimesSync("public/build", now, now);
}

const serverEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
if (!explicitProduction && !serverEnv.SESSION_SECRET) serverEnv.SESSION_SECRET = localSessionSecret();

const child = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], { stdio: "inherit", env: serverEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
