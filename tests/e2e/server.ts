/**
 * Playwright's web server: the built production server on a fresh database with the demo data.
 * Fakes of the providers (tests/fakes) are started here too once the app talks to them.
 */
import fs from "node:fs";
import { spawn } from "node:child_process";
import { prepareDatabase } from "~/cli/prepare";
import { ensureBuild } from "~/cli/build-freshness";

const file = process.env.DATABASE_URL!;
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.SEED_DEMO = "1";
process.env.NODE_ENV = "production";
await prepareDatabase();
ensureBuild();

const child = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
