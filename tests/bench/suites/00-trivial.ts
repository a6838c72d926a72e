import type { BenchContext } from "../lib";

/** The trivial route alone: the yardstick every other figure is divided by. */
export default async function trivial(ctx: BenchContext) {
  await ctx.compareRoutes("Trivial route", [{ path: "/", label: "GET / (home page, slate)" }]);
}
