import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildPaths } from "./build-paths";

const outputs = () => Object.values(buildPaths());

const SOURCES = ["app", "emails", "db/schema.ts", "remix.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when the production build is missing or older than any of its sources. */
export function buildIsStale(): boolean {
  const oldest = Math.min(...outputs().map((p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0)));
  return oldest === 0 || SOURCES.some((p) => newestMtime(p) > oldest);
}

/** Runs `remix build` when the build is stale; exits the process if the build fails. */
export function ensureBuild(log: (line: string) => void = console.log): void {
  if (!buildIsStale()) return;
  log("Building the app (the build is missing or older than the sources)…");
  const result = spawnSync("npx", ["remix", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
  // The build only rewrites changed chunks; touch the outputs so the check above sees them as new.
  const now = new Date();
  for (const p of outputs()) fs.utimesSync(p, now, now);
}
