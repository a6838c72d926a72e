/**
 * The filing files of a report, as rows a filed report can freeze: the federal schedules (Form 3X
 * Schedule A line 11(a)(i), Schedule B line 28(a)) or the New Mexico contributions file, as the
 * profile's `reportFiles` says. Each row has a stable id (D<donation> or R<ledger entry>), so an
 * amendment can list which rows were added, removed or changed.
 */
import type { ReportScope } from "./itemized-query.server";
import { cfisContributions, type CfisRow } from "./cfis-contributions.server";
import {
  fecSchedules,
  type FecSchedules,
  type ScheduleATransaction,
  type ScheduleBTransaction,
} from "./fec-schedules.server";

export interface ReportFiles {
  /** the FEC schedules without the filer's committee id, which is given when the file is written */
  fec?: { scheduleA: ScheduleATransaction[]; scheduleB: ScheduleBTransaction[] };
  cfis?: CfisRow[];
}

export interface FileProblem {
  donationId: number;
  message: string;
}

export function reportFiles(scope: ReportScope): { files: ReportFiles; problems: FileProblem[] } {
  const files: ReportFiles = {};
  const problems: FileProblem[] = [];
  for (const kind of scope.profile.reportFiles) {
    if (kind === "fec_schedules") {
      const s = fecSchedules(scope, "");
      files.fec = { scheduleA: s.scheduleA, scheduleB: s.scheduleB };
      problems.push(...s.problems);
    } else {
      const c = cfisContributions(scope);
      files.cfis = c.rows;
      problems.push(...c.problems);
    }
  }
  return { files, problems };
}

/** The FEC schedules of a report's files, under the filer's committee id. */
export function fecSchedulesFor(files: ReportFiles, committeeId: string): FecSchedules | null {
  if (!files.fec) return null;
  return {
    committeeId,
    scheduleA: files.fec.scheduleA.map((t) => ({ ...t, filer_committee_id_number: committeeId })),
    scheduleB: files.fec.scheduleB.map((t) => ({ ...t, filer_committee_id_number: committeeId })),
    problems: [],
  };
}

/** Every row of a report's files, by id, for comparing a filed report with the period now. */
export function fileRowsById(files: ReportFiles | undefined): Map<string, { label: string; json: string }> {
  const rows = new Map<string, { label: string; json: string }>();
  for (const t of files?.fec?.scheduleA ?? [])
    rows.set(t.transaction_id, {
      label: `Schedule A 11(a)(i) ${t.transaction_id}: ${t.contributor_first_name} ${t.contributor_last_name}, $${t.contribution_amount} on ${t.contribution_date}`,
      json: JSON.stringify(t),
    });
  for (const t of files?.fec?.scheduleB ?? [])
    rows.set(t.transaction_id, {
      label: `Schedule B 28(a) ${t.transaction_id}: ${t.payee_first_name} ${t.payee_last_name}, $${t.expenditure_amount} on ${t.expenditure_date}`,
      json: JSON.stringify(t),
    });
  for (const r of files?.cfis ?? [])
    rows.set(r.id, {
      label: `${r.entry_type} ${r.id}: ${[r.first_name, r.last_name, r.entity_name].filter(Boolean).join(" ")}, $${r.amount} on ${r.date}`,
      json: JSON.stringify(r),
    });
  return rows;
}
