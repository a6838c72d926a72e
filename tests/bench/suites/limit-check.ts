/**
 * The donate action's limit check at 1M donations (target p50 < 5 ms): what the action does
 * before it stores a pending gift (match the donor on name and address, as createPendingDonation
 * does, then checkContribution: received,
 * pending and scheduled money of the donor's period in the chosen account, the anonymous, cash
 * and itemization rules), run against the server's copy of the large data set. Measured for the
 * main account alone and with both accounts active, on donors who already gave in the period.
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "#db/client";
import { checkContribution } from "~/models/compliance.server";
import { matchDonor } from "~/models/donor-matching.server";
import { activeAccountKeys } from "~/models/accounts.server";
import { getSettings, updateSettings } from "~/models/settings.server";
import { COMPLIANCE_PROFILES } from "~/lib/compliance-profiles";
import { median, type BenchContext } from "../lib";

const DONORS = 400;
const ROUNDS = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export default async function limitCheck(ctx: BenchContext) {
  const { sqlite, db } = openDatabase(ctx.databaseFile);
  try {
    const total = (sqlite.prepare("select count(*) as n from donations").get() as { n: number }).n;
    // Donors with the most gifts: the slowest aggregates, not the easy ones.
    const donors = db.all<{
      firstName: string;
      lastName: string;
      email: string | null;
      street: string | null;
      city: string | null;
      state: string | null;
      zip: string | null;
    }>(
      sql.raw(`select c.first_name as firstName, c.last_name as lastName, c.email as email, c.street as street,
                 c.city as city, c.state as state, c.zip as zip
               from contacts c
               join (select contact_id, count(*) n from donations group by contact_id order by n desc limit ${DONORS}) d
                 on d.contact_id = c.id`),
    );
    const now = new Date().toISOString();
    const run = (label: string) => {
      const accounts = activeAccountKeys(getSettings(db));
      const rounds: number[] = [];
      let p95 = 0;
      let matched = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const times: number[] = [];
        donors.forEach((d, i) => {
          const account = accounts[i % accounts.length];
          const start = performance.now();
          const match = matchDonor(d, db);
          if (round === 0 && match.kind === "certain") matched += 1;
          checkContribution(
            {
              account,
              contactId:
                match.kind === "certain" ? match.contactId : match.kind === "likely" ? match.candidateContactId : null,
              amountCents: 2_500,
              method: "card",
              receivedAt: now,
              employer: "Bench",
              occupation: "Bench",
            },
            db,
          );
          times.push(performance.now() - start);
        });
        rounds.push(percentile(times, 50));
        p95 = Math.max(p95, percentile(times, 95));
      }
      ctx.report(
        `${label}: ${donors.length} donors (the ${DONORS} with most gifts) × ${ROUNDS} rounds over ${total.toLocaleString("en-US")} donations: ` +
          `p50 ${median(rounds).toFixed(2)} ms (median of round p50s; target < 5 ms), worst round p95 ${p95.toFixed(2)} ms; ` +
          `${matched} of ${donors.length} found as the same donor.`,
      );
    };
    ctx.report("\n## Donate action: limit check");
    run(`Main account (${getSettings(db).complianceProfile})`);
    const before = getSettings(db);
    updateSettings({ additionalAccounts: COMPLIANCE_PROFILES.filter((k) => k !== before.complianceProfile) }, db);
    run("Both accounts active, donors alternating between them");
    updateSettings({ additionalAccounts: before.additionalAccounts }, db);
  } finally {
    sqlite.close();
  }
}
