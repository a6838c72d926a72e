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
 *
 * A filing also freezes the regime's filing files (report-files.server.ts: the FEC schedules or
 * the New Mexico contributions file) and the report period it was filed for, so the file can be
 * downloaded again exactly as filed, and an amendment lists the file rows that changed.
 */
import { desc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx, writeTransaction } from "#db/client";
import { filedReports } from "#db/schema";
import { recordAudit } from "./audit.server";
import { COMPLIANCE_PROFILES, type ComplianceProfileKey } from "~/lib/compliance-profiles";
import { PROFILES } from "./compliance-profiles";
import type { ReportPeriod } from "./compliance-profiles/report-periods";
import { receiptsInRange } from "./donation-stats.server";
import { reportScope, type ReportRequest } from "./filing-report.server";
import { itemizedContributions, type ReportScope } from "./itemized-query.server";
import { fileRowsById, reportFiles, type ReportFiles } from "./report-files.server";
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
  /** the regulator's report period it was filed for (absent in reports filed before periods existed) */
  period?: Pick<ReportPeriod, "key" | "label" | "dueDay"> | null;
  /** the filing files as filed (absent in reports filed before they existed) */
  files?: ReportFiles;
}

export type FiledReport = typeof filedReports.$inferSelect;

/** What the report of a scope says now. */
export function reportSnapshot(scope: ReportScope, period: ReportPeriod | null = null): ReportSnapshot {
  const rows: FiledRow[] = [];
  for (const r of itemizedContributions(scope)) {
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
  return {
    // The account's own receipts: a refund to a gift of the other account is not this report's.
    receipts: receiptsInRange(scope.fromDay, scope.toDay, undefined, scope.profile.key),
    rows,
    period: period ? { key: period.key, label: period.label, dueDay: period.dueDay } : null,
    files: reportFiles(scope).files,
  };
}

/** The scope a filed report was filed under: its days, its account (the `profile` column holds the
 *  account's key, which names its profile) and that profile's rules as of its last day. */
function filedScope(report: FiledReport, database: DbOrTx): ReportScope {
  const key = (COMPLIANCE_PROFILES as readonly string[]).includes(report.profile)
    ? (report.profile as ComplianceProfileKey)
    : getSettings(database).complianceProfile;
  return {
    fromDay: report.fromDay,
    toDay: report.toDay,
    profile: PROFILES[key](report.toDay),
    timeZone: getSettings(database).timeZone,
  };
}

export function filedSnapshot(report: FiledReport): ReportSnapshot {
  return JSON.parse(report.snapshotJson) as ReportSnapshot;
}

/** Files the report of a request (a range or a report period), or an amendment of an earlier
 *  filing, frozen; audited. */
export function fileReport(
  request: ReportRequest & { amends?: number | null },
  staffUserId: number,
  database: DbOrTx = db(),
): FiledReport {
  const amended = request.amends ? getFiledReport(request.amends, database) : null;
  const resolved = amended ? null : reportScope(request, getSettings(database));
  const scope = amended ? filedScope(amended, database) : resolved!;
  const snapshot = reportSnapshot(scope, resolved?.period ?? null);
  // An amendment is of the same report period as the report it amends.
  if (amended) snapshot.period = filedSnapshot(amended).period ?? null;
  const { fromDay, toDay } = scope;
  return writeTransaction(database, (tx) => {
    const filed = tx
      .insert(filedReports)
      .values({
        fromDay,
        toDay,
        profile: scope.profile.key,
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
          period: snapshot.period?.key ?? null,
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
      periodLabel: sql<string | null>`json_extract(${filedReports.snapshotJson}, '$.period.label')`,
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

export interface FileRowChange {
  id: string;
  kind: "added" | "removed" | "changed";
  label: string;
}

export interface Amendment {
  changes: RowChange[];
  /** rows of the filing files (FEC schedules, New Mexico file) added, removed or changed */
  fileChanges: FileRowChange[];
  /** the period's totals as filed and as they stand now: receipts, refunds, chargebacks */
  totals: Array<{ label: string; filedCents: number; nowCents: number }>;
}

/** What an amendment of a filed report would change; null when the report still stands as filed. */
export function amendmentFor(report: FiledReport, database: DbOrTx = db()): Amendment | null {
  const filed = filedSnapshot(report);
  const now = reportSnapshot(filedScope(report, database));
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
  // Reports filed before the files existed have none to compare.
  const fileChanges: FileRowChange[] = [];
  if (filed.files) {
    const was = fileRowsById(filed.files);
    const is = fileRowsById(now.files);
    for (const [id, row] of is) {
      const old = was.get(id);
      if (!old) fileChanges.push({ id, kind: "added", label: row.label });
      else if (old.json !== row.json) fileChanges.push({ id, kind: "changed", label: row.label });
    }
    for (const [id, row] of was) if (!is.has(id)) fileChanges.push({ id, kind: "removed", label: row.label });
  }
  if (!changes.length && !totals.length && !fileChanges.length) return null;
  return { changes: changes.sort((a, b) => a.donationId - b.donationId), fileChanges, totals };
}
