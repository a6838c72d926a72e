/**
 * What a benchmark suite gets from the runner (tests/bench/run.ts). Every HTTP figure is measured
 * beside the trivial route (/healthz) in the same run, interleaved over several rounds, and
 * reported as medians and as ratios: the machines are shared and noisy, so absolute numbers from
 * different runs are not comparable.
 */
import autocannon from "autocannon";

export interface RouteSpec {
  path: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  /** Passed through to autocannon, e.g. to give every request its own body. */
  requests?: autocannon.Request[];
  label?: string;
}

export interface RouteResult {
  label: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** rps of this route divided by the trivial route's, from the same run */
  ratio: number;
}

export interface BenchContext {
  baseUrl: string;
  /** The database file the running server uses (a copy of the large data set). */
  databaseFile: string;
  /** The large data set's pristine file: copy it before writing. */
  largeDatabaseFile: string;
  compareRoutes(title: string, routes: RouteSpec[], options?: { trivial?: RouteSpec }): Promise<RouteResult[]>;
  report(line: string): void;
}

/** The benchmark server verifies Stripe webhooks with this secret; suites sign with it. */
export const BENCH_STRIPE_WEBHOOK_SECRET = "whsec_bench_fixed_secret";
/** The benchmark server's session secret, for suites that call staff routes. */
export const BENCH_SESSION_SECRET = "bench-session-secret";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 5),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};

async function hit(baseUrl: string, route: RouteSpec) {
  const result = await autocannon({
    url: baseUrl + route.path,
    method: route.method ?? "GET",
    body: route.body,
    headers: route.headers,
    requests: route.requests,
    connections: settings.connections,
    duration: settings.durationSeconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function makeCompareRoutes(baseUrl: string, report: (line: string) => void) {
  return async function compareRoutes(
    title: string,
    routes: RouteSpec[],
    options: { trivial?: RouteSpec } = {},
  ): Promise<RouteResult[]> {
    const trivial = options.trivial ?? { path: "/healthz", label: "trivial GET /healthz" };
    const targets = [trivial, ...routes];
    const samples = targets.map(() => [] as Array<Awaited<ReturnType<typeof hit>>>);
    for (let round = 0; round < settings.rounds; round++) {
      for (let t = 0; t < targets.length; t++) samples[t].push(await hit(baseUrl, targets[t]));
    }
    const results = targets.map((target, t) => ({
      label: target.label ?? `${target.method ?? "GET"} ${target.path}`,
      rps: median(samples[t].map((s) => s.rps)),
      p50Ms: median(samples[t].map((s) => s.p50)),
      p99Ms: median(samples[t].map((s) => s.p99)),
      non2xx: samples[t].reduce((n, s) => n + s.non2xx, 0),
      errors: samples[t].reduce((n, s) => n + s.errors, 0),
      ratio: 0,
    }));
    for (const r of results) r.ratio = results[0].rps ? r.rps / results[0].rps : 0;
    report(
      `\n## ${title}  (medians of ${settings.rounds} rounds × ${settings.durationSeconds}s, ${settings.connections} connections)`,
    );
    report("| route | req/s | p50 ms | p99 ms | vs trivial | non-2xx | errors |");
    report("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of results) {
      report(
        `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${(r.ratio * 100).toFixed(0)}% | ${r.non2xx} | ${r.errors} |`,
      );
    }
    return results;
  };
}

/** Times a synchronous or async step, for the non-HTTP benchmarks. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
