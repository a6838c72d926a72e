/**
 * `npm run bench`: builds (or reuses) the large data set, starts the built production server on
 * a copy of it, then runs every suite in tests/bench/suites/ in name order.
 *   BENCH_SEED (default 1), BENCH_ROUNDS, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_ONLY=<suite name part>
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { generateLargeDataset } from "./generate";
import { BENCH_SESSION_SECRET, BENCH_STRIPE_WEBHOOK_SECRET, makeCompareRoutes, type BenchContext } from "./lib";
import { ensureBuild } from "~/cli/build-freshness";
import { openDatabase } from "#db/client";
import { runMigrations } from "#db/migrate";

// 2: the money ledger (money_entries) is filled for the generated gifts.
const DATASET_VERSION = 2;
const seed = Number(process.env.BENCH_SEED ?? 1);
const dir = path.resolve("tests/.tmp/bench");
const largeFile = path.join(dir, `large-seed${seed}-v${DATASET_VERSION}.db`);
const serverFile = path.join(dir, "server.db");
const port = Number(process.env.BENCH_PORT ?? 3400);
const baseUrl = `http://127.0.0.1:${port}`;
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

fs.mkdirSync(dir, { recursive: true });
report(`# Champions CRM benchmarks (${new Date().toISOString()}, node ${process.version})`);
if (fs.existsSync(largeFile)) {
  report(`Large data set: reusing ${path.relative(".", largeFile)} (delete it to regenerate).`);
} else {
  const start = performance.now();
  generateLargeDataset(largeFile, seed);
  report(
    `Large data set: generated in ${((performance.now() - start) / 1000).toFixed(1)} s ` +
      `(100k contacts, 1M donations, 1,000 candidates, 200 bodies, 50k votes; seed ${seed}); ` +
      `${(fs.statSync(largeFile).size / 1e6).toFixed(0)} MB.`,
  );
}
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(serverFile + suffix, { force: true });
// A cached data set may predate newer migrations; bring it up to date before copying it.
{
  const { sqlite, db } = openDatabase(largeFile);
  runMigrations(db);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
fs.copyFileSync(largeFile, serverFile);

process.env.BUILD_DIR = "tests/.tmp/bench/build";
ensureBuild();

const server = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: serverFile,
    SESSION_SECRET: BENCH_SESSION_SECRET,
    STRIPE_WEBHOOK_SECRET: BENCH_STRIPE_WEBHOOK_SECRET,
    EMAIL_SENDER_IN_SERVER: "0",
    LOG_LEVEL: "warn",
  },
});

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start within 60 s");
}

let failed = false;
try {
  await waitForServer();
  const ctx: BenchContext = {
    baseUrl,
    databaseFile: serverFile,
    largeDatabaseFile: largeFile,
    compareRoutes: makeCompareRoutes(baseUrl, report),
    report,
  };
  const suitesDir = path.resolve("tests/bench/suites");
  const only = process.env.BENCH_ONLY;
  const suites = fs
    .readdirSync(suitesDir)
    .filter((f) => /\.tsx?$/.test(f) && (!only || f.includes(only)))
    .sort();
  for (const file of suites) {
    report(`\n# ${file}`);
    try {
      const mod = (await import(pathToFileURL(path.join(suitesDir, file)).href)) as {
        default: (ctx: BenchContext) => Promise<void>;
      };
      await mod.default(ctx);
    } catch (error) {
      failed = true;
      report(`FAILED: ${(error as Error).stack ?? error}`);
    }
  }
} finally {
  server.kill("SIGTERM");
}
fs.writeFileSync(path.join(dir, "last-report.md"), lines.join("\n") + "\n");
console.log(`\nReport written to ${path.relative(".", path.join(dir, "last-report.md"))}`);
process.exit(failed ? 1 : 0);
