/**
 * `npm start`: prepare the database, build when the build is missing or older than the sources,
 * then serve. Unless NODE_ENV=production is set, it generates a local session secret so a fresh
 * clone runs with no set-up; production must set SESSION_SECRET itself.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { StorageError } from "#db/client";
import { prepareDatabase } from "./prepare";
import { ensureBuild } from "./build-freshness";

function localSessionSecret(): string {
  const dir = path.dirname(path.resolve(process.env.DATABASE_URL ?? "data/champions.db"));
  const file = path.join(dir, ".session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

const explicitProduction = process.env.NODE_ENV === "production";
try {
  await prepareDatabase();
} catch (error) {
  if (!(error instanceof StorageError)) throw error;
  console.error(`Refusing to start: ${error.message}`);
  process.exit(1);
}
ensureBuild();

const serverEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
if (!explicitProduction && !serverEnv.SESSION_SECRET) serverEnv.SESSION_SECRET = localSessionSecret();

const child = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], { stdio: "inherit", env: serverEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
