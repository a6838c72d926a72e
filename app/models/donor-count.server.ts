/**
 * How many people have given: distinct contacts with at least one received gift (the statuses the
 * compliance rules count) that was not wholly refunded or disputed. The donate page shows it beside the goal bar. Counting distinct donors
 * scans the gifts, so the figure is kept for a minute per database: a goal bar a minute behind is
 * fine, a full scan on every page view is not.
 */
import { and, gt, inArray, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { donations } from "#db/schema";
import { COUNTED_STATUSES, netCentsSql } from "./compliance.server";

const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; count: number }>();

export function countDonors(database: DbOrTx = db(), now = Date.now()): number {
  const hit = cache.get(database);
  if (hit && now - hit.at < TTL_MS) return hit.count;
  const count =
    database
      .select({ n: sql<number>`count(distinct ${donations.contactId})` })
      .from(donations)
      .where(and(inArray(donations.status, [...COUNTED_STATUSES]), gt(netCentsSql, 0)))
      .get()?.n ?? 0;
  cache.set(database, { at: now, count });
  return count;
}
