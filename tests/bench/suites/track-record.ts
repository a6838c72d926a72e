import type { BenchContext } from "../lib";

/**
 * The public track record on the large data set: a candidate who cast 500 votes (every vote, its
 * tally and the alignment score on one page) and the endorsements page with every cycle's slate
 * and win rate. Target: the candidate page at ≥ 50% of the trivial route's requests/s.
 * Anonymous visitors get these pages from the public page cache (app/cli/public-page-cache.ts);
 * the "uncached" rows (and the home page's) send a cookie, which bypasses it, to show the cost of a full render.
 */
export default async function trackRecord(ctx: BenchContext) {
  const uncached = { Cookie: "bench=uncached" };
  const results = await ctx.compareRoutes("Track record pages", [
    { path: "/candidates/bench-500-votes", label: "GET /candidates/bench-500-votes (500 votes)" },
    { path: "/endorsements", label: "GET /endorsements" },
    { path: "/candidates/bench-500-votes", headers: uncached, label: "GET /candidates/bench-500-votes, uncached" },
    { path: "/endorsements", headers: uncached, label: "GET /endorsements, uncached" },
    { path: "/", headers: uncached, label: "GET / (home: latest update, slate, win rate), uncached" },
  ]);
  const [, candidate, endorsements, candidateUncached, endorsementsUncached, homeUncached] = results;
  for (const r of results) {
    if (r.non2xx || r.errors) ctx.report(`WARNING: ${r.label} answered ${r.non2xx} non-2xx and ${r.errors} errors`);
  }
  const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
  ctx.report(
    `Candidate page at ${pct(candidate.ratio)} of the trivial route (target ≥ 50%: ${candidate.ratio >= 0.5 ? "met" : "NOT met"}); ` +
      `endorsements at ${pct(endorsements.ratio)}; uncached renders at ${pct(candidateUncached.ratio)} and ${pct(endorsementsUncached.ratio)}; ` +
      `home uncached at ${pct(homeUncached.ratio)}.`,
  );
}
