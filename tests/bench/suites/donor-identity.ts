/**
 * The donate action's donor match and limit check at 1M donations (target p50 < 5 ms): on a copy
 * of the large data set whose donor identities were learnt from its gifts (as migration 0012 does),
 * the match by name and address, then the limit check of the matched person, for donors already
 * in the data set and for new ones, read-only as the donate action does before it writes.
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import path from "node:path";
import { openDatabase, useDatabase, closeDatabase } from "#db/client";
import { backfillDonorIdentities, runMigrations } from "#db/migrate";
import { checkContribution } from "~/models/compliance.server";
import { matchDonor } from "~/models/donor-matching.server";
import type { BenchContext } from "../lib";

const SAMPLES = 2_000;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export default async function donorIdentity(ctx: BenchContext) {
  const file = path.join(path.resolve("tests/.tmp/bench"), "donor-identity.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(ctx.largeDatabaseFile, file);
  {
    const { sqlite, db } = openDatabase(file);
    runMigrations(db);
    const start = performance.now();
    sqlite.exec("delete from donor_identities");
    backfillDonorIdentities(db);
    const n = sqlite.prepare("select count(*) from donor_identities").pluck().get() as number;
    ctx.report(`\n## Donor match and limit check (1M donations, ${n.toLocaleString("en-US")} donor identities)`);
    ctx.report(`Identities learnt from the gifts in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
    sqlite.close();
  }
  const db = useDatabase(file);
  try {
    const donors = db.all<{
      firstName: string;
      lastName: string;
      email: string | null;
      street: string | null;
      city: string | null;
      state: string | null;
      zip: string | null;
    }>(
      // A spread of real donors: every 500th gift's details.
      sql.raw(`select donor_first_name as firstName, donor_last_name as lastName, donor_email as email, donor_street as street,
         donor_city as city, donor_state as state, donor_zip as zip
       from donations where id % 500 = 0 and is_anonymous = 0 limit ${SAMPLES}`),
    );
    const run = (label: string, details: (i: number) => (typeof donors)[number]) => {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const d = details(i);
        const t0 = performance.now();
        const match = matchDonor(d, db);
        const contactId =
          match.kind === "certain" ? match.contactId : match.kind === "likely" ? match.candidateContactId : null;
        checkContribution({ contactId, amountCents: 2_500, method: "card", employer: "x", occupation: "y" }, db);
        times.push(performance.now() - t0);
      }
      ctx.report(
        `| ${label} | ${percentile(times, 50).toFixed(2)} ms | ${percentile(times, 99).toFixed(2)} ms | ${SAMPLES} |`,
      );
    };
    ctx.report("| donor | p50 | p99 | samples |");
    ctx.report("|---|---|---|---|");
    run("known donor (name and address on file)", (i) => donors[i % donors.length]);
    run("known donor, new email", (i) => ({ ...donors[i % donors.length], email: `new-${i}@example.net` }));
    run("new donor", (i) => ({ ...donors[i % donors.length], lastName: `Newcomer ${i}`, email: `n-${i}@example.net` }));
  } finally {
    closeDatabase();
  }
}
