/**
 * Filed reports (issue: "filed reports are frozen"). Filing stores what the report of a period
 * said, receipts and itemized rows, and the database refuses to change it afterwards. When what
 * the period's report would say today differs from what was filed (a check entered late, a donor's
 * employer corrected), the difference is shown as an amendment to file, listing what changed; the
 * amendment is a new frozen report naming the one it amends.
 *
 * A refund or chargeback after the period is not a change to the filed period: the ledger reports
 * it in the period it happened (11 CFR 104.3(b)(4)(v) for federal refunds; decision 008). One dated
 * inside the period but recorded after filing is, and makes an amendment.
 */
import { desc, eq } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { filedReports } from "#db/schema";
import { recordAudit } from "./audit.server";
import { complianceProfile } from "./compliance.server";
import { receiptsInRange } from "./donation-stats.server";
import { itemizedContributions, resolveRange } from "./itemized-contributions.server";
import { getSettings } from "./settings.server";

/** What a filed report holds of each itemized contribution: the facts of the receipt itself. */
export interface FiledRow {
  donationId: number;
  name: string;
  address: string;
  employer: string;
  occupation: string;
  receivedAt: string;
  method: string;
  amountCents: number;
  aggregateCents: number;
}

export interface ReportSnapshot {
  receipts: ReturnType<typeof receiptsInRange>;
  rows: FiledRow[];
}

export type FiledReport = typeof filedReports.$inferSelect;

/** What the report of the range says now. */
export function reportSnapshot(fromDay: string, toDay: string): ReportSnapshot {
  const rows: FiledRow[] = [];
  for (const r of itemizedContributions(fromDay, toDay)) {
    rows.push({
      donationId: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(" "),
      address: [r.street, r.city, r.state, r.zip].filter(Boolean).join(", "),
      employer: r.employer ?? "",
      occupation: r.occupation ?? "",
      receivedAt: r.receivedAt,
      method: r.method,
      amountCents: r.amountCents,
      aggregateCents: r.aggregateCents,
    });
  }
  return { receipts: receiptsInRange(fromDay, toDay), rows };
}

/** Files the report of a range (or an amendment of an earlier filing), frozen; audited. */
export function fileReport(
  range: { from?: string; to?: string; amends?: number | null },
  staffUserId: number,
  database: DbOrTx = db(),
): FiledReport {
  const amended = range.amends ? getFiledReport(range.amends, database) : null;
  const { fromDay, toDay } = amended ? { fromDay: amended.fromDay, toDay: amended.toDay } : resolveRange(range);
  const snapshot = reportSnapshot(fromDay, toDay);
  return writeTransaction(database, (tx) => {
    const filed = tx
      .insert(filedReports)
      .values({
        fromDay,
        toDay,
        profile: complianceProfile(getSettings(tx)).key,
        amendsReportId: amended?.id ?? null,
        snapshotJson: JSON.stringify(snapshot),
        filedByStaffId: staffUserId,
      })
      .returning()
      .get();
    recordAudit(
      {
        staffUserId,
        entity: "filed_report",
        entityId: filed.id,
        action: amended ? "file_amendment" : "file",
        after: {
          fromDay,
          toDay,
          rows: snapshot.rows.length,
          receivedCents: snapshot.receipts.receivedCents,
          amends: amended?.id ?? null,
        },
      },
      tx,
    );
    return filed;
  });
}

export function getFiledReport(id: number, database: DbOrTx = db()): FiledReport | undefined {
  return database.select().from(filedReports).where(eq(filedReports.id, id)).get();
}

export function listFiledReports(database: DbOrTx = db()) {
  return database
    .select({
      id: filedReports.id,
      fromDay: filedReports.fromDay,
      toDay: filedReports.toDay,
      profile: filedReports.profile,
      amendsReportId: filedReports.amendsReportId,
      filedAt: filedReports.filedAt,
    })
    .from(filedReports)
    .orderBy(desc(filedReports.id))
    .all();
}

export interface RowChange {
  donationId: number;
  kind: "added" | "removed" | "changed";
  /** for "changed": the fields that differ, with what was filed and what is true now */
  fields: Array<{ field: keyof FiledRow; filed: string | number; now: string | number }>;
  row: FiledRow;
}

export interface Amendment {
  changes: RowChange[];
  /** the period's totals as filed and as they stand now: receipts, refunds, chargebacks */
  totals: Array<{ label: string; filedCents: number; nowCents: number }>;
}

/** What an amendment of a filed report would change; null when the report still stands as filed. */
export function amendmentFor(report: FiledReport): Amendment | null {
  const filed = JSON.parse(report.snapshotJson) as ReportSnapshot;
  const now = reportSnapshot(report.fromDay, report.toDay);
  const before = new Map(filed.rows.map((r) => [r.donationId, r]));
  const after = new Map(now.rows.map((r) => [r.donationId, r]));
  const changes: RowChange[] = [];
  for (const [id, row] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ donationId: id, kind: "added", fields: [], row });
      continue;
    }
    const fields = (Object.keys(row) as Array<keyof FiledRow>)
      .filter((k) => row[k] !== old[k])
      .map((field) => ({ field, filed: old[field], now: row[field] }));
    if (fields.length) changes.push({ donationId: id, kind: "changed", fields, row });
  }
  for (const [id, row] of before)
    if (!after.has(id)) changes.push({ donationId: id, kind: "removed", fields: [], row });
  // A refund dated inside the period but recorded after filing (a check returned in March, entered
  // in May) changes the period's refunds: that is an amendment too.
  const totals = (
    [
      ["Received", "receivedCents"],
      ["Refunded", "refundsCents"],
      ["Chargebacks", "disputesCents"],
    ] as const
  )
    .map(([label, key]) => ({ label, filedCents: filed.receipts[key], nowCents: now.receipts[key] }))
    .filter((t) => t.filedCents !== t.nowCents);
  if (!changes.length && !totals.length) return null;
  return { changes: changes.sort((a, b) => a.donationId - b.donationId), totals };
}
