/**
 * What a compliance profile decides: its periods, figures and refusals. One module per regime
 * (us-federal.ts, new-mexico.ts), registered in index.ts by key; callers read the profile and
 * never branch on its key. Browser-safe: no database.
 */
import type { ContributorType, ExcessRemedy } from "#db/enums";
import type { ComplianceProfileKey } from "~/lib/compliance-profiles";
import type { DayCountFigure, Figure } from "../compliance-figures";
import type { LateContributionWindow, ReportPeriod } from "./report-periods";

/** The filing files a regime's report page offers. */
export type ReportFile = "fec_schedules" | "cfis_contributions";

export interface ComplianceProfile {
  key: ComplianceProfileKey;
  label: string;
  periodKind: "calendar_year" | "election_cycle";
  /** Most one source may give per period, all methods together: the figure in force on the day asked about. */
  limitCents: number;
  /** where that figure is published */
  limitSource: Figure;
  /** Itemize when the period's aggregate is above (`over`) or at least (`at_or_over`) the threshold. */
  itemizeRule: "over" | "at_or_over";
  itemizeThresholdCents: number;
  /** Whether the report lists every named contributor (with occupation and employer from the
   *  threshold on), rather than only those over the threshold. */
  listsEveryNamedContributor: boolean;
  /** Most one source may give in cash per period. */
  cashCapCents: number;
  /** Most an anonymous gift may be; anything larger must carry a name. */
  anonymousCapCents: number;
  /** Most all anonymous gifts together may be in one period, where the law sets one. */
  anonymousPerPeriodCents: number | null;
  /** Federal PACs may not take money from federal contractors. */
  asksFederalContractor: boolean;
  /** Contributor types the profile refuses outright. */
  refusedContributorTypes: readonly ContributorType[];
  /** A named gift above this (cents) must carry the contributor's mailing address; 0: every named gift. */
  addressRequiredOverCents: number;
  /** Days from receipt to cure an excessive contribution, and where that comes from (law or PAC policy). */
  excessRemedyDays: DayCountFigure;
  /** The cures of an excessive contribution the law allows, each with its rule, in the order offered. */
  excessRemedies: ReadonlyArray<{ kind: ExcessRemedy; rule: string }>;
  /** The regulator's report periods of a year; empty when the treasurer picks the dates. */
  reportPeriods: (year: number) => ReportPeriod[];
  /** When a large contribution arriving just before an election must be reported on its own. */
  lateContributionWindows: (year: number) => LateContributionWindow[];
  /** The files the report page offers for this regime. */
  reportFiles: readonly ReportFile[];
  /**
   * The statement of the law that every solicitation and every follow-up request carries, word
   * for word: the donate page, the check-by-mail text, the follow-up email and the printed letter
   * all show this text and no other.
   */
  bestEffortsStatement: string;
  /** Why the follow-up asks again, with its legal source, for the letter and email. */
  followUpSource: string;
}
