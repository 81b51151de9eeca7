/**
 * The report model's types: per-unit counters and findings, exactly the JSON contract
 * (`motcua-audit/report@2`). The builders (build.ts, accumulate.ts, …) fill them.
 */
import type { PredecessorRef, UnitView } from './unit-view.js';
import type { Category, MatchMethod, MatchReason } from '../../types.js';
import type { LinkShape } from '../../core/match-records.js';

/** The JSON report's schema id. */
export const REPORT_SCHEMA = 'motcua-audit/report@2';

/** The counters of one unit (and of the totals). */
export interface UnitCounters {
  paperRecords: number;
  systemRecords: number;
  closed: number;
  openInSystem: number;
  notInSystem: number;
  needsNewerExport: number;
  inProgress: number;
  paperOpenSystemClosed: number;
  systemOnly: number;
  systemOutsideCoverage: number;
  /** Null when there is no system data to judge by (see ReportScope.systemCoverage). */
  neverClosedElectronically: number | null;
  electronicClosureRate: number | null;
  /** Data-quality findings (rows are still counted in their category). */
  dataQuality: number;
  /** Distinct dossiers the paper rows stand for (a supplement cycle is one, a batch row as many as its dossiers). */
  paperDossiers: number;
  /** Never-closed findings counted by dossier: each dossier once, however many rows stand for it. */
  neverClosedDossiers: number;
}

/** One unit's line of the report. */
export interface UnitSummary extends UnitCounters {
  /** The unit's name as shown (with its period when it has one). */
  unit: string;
  unitCode: string | null;
  /** The unit's period (ISO dates, inclusive); null = open. */
  validFrom: string | null;
  validTo: string | null;
  /** With `--units current`: the units rolled into this one. */
  predecessors?: PredecessorRef[];
  /** The unit as the system shows it and as the registers show it (schema 2; see src/report/model/indicators.ts). */
  indicators?: UnitIndicators;
}

/** The totals line: the counters summed, and the province's indicators (schema 2). */
export type ReportTotals = UnitCounters & { indicators?: TotalIndicators };

/** The paper side of a finding. */
export interface PaperSide {
  file: string;
  sheet: string | null;
  row: number;
  code: string | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  /** The due date the register gives ("hẹn trả"), ISO; null when it has none (schema 2). */
  dueDate: string | null;
  returnedDate: string | null;
}

/** The system side of a finding. */
export interface SystemSide {
  code: string;
  status: string | null;
  receivedDate: string | null;
  returnedDate: string | null;
  /** system_only findings: the system's due date (schema 2; absent on the system side of a paper row). */
  dueDate?: string | null;
}

/**
 * One finding: a paper row or system dossier in a category other than closed/in_progress, or a data-quality problem.
 */
export interface Finding {
  id: string;
  category: Category;
  unit: string;
  paper: PaperSide | null;
  system: SystemSide | null;
  match: {
    method: MatchMethod;
    score: number;
    reasons?: MatchReason[];
    /** How the row relates to its dossier(s): one-to-one, transfer between desks, a supplement cycle, a batch row. */
    shape?: 'one' | LinkShape;
    /** Finding ids of the other rows of the same dossier(s). */
    related?: string[];
    /** The evidence of an extra link (see src/match/shapes.ts). */
    evidence?: string[];
    /** An earlier row of a supplement cycle (its category is the cycle's last row's). */
    superseded?: boolean;
  } | null;
  /** A batch row: its other dossiers. */
  systemAlso?: SystemSide[];
  /** not_in_system only: candidates in the review band (never counted as matches; settle them with `decide`). */
  review?: { candidates: ReviewCandidateView[] };
  /** data_quality only: the rule broken, the column and the raw value. */
  rule?: string;
  column?: string | null;
  rawValue?: string | null;
}

/** A review-band candidate dossier of an unmatched paper row. */
export interface ReviewCandidateView {
  system: SystemSide & { applicant: string | null; procedure: string | null };
  score: number;
  reasons: MatchReason[];
}

/** Filters applied to a report. */
export interface ReportFilters {
  unit: string | null;
  from: string | null;
  to: string | null;
}

/** The whole report. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  filters: ReportFilters;
  /** Which units the figures are counted under (`report --units`): as received (default) or today's. */
  unitView?: UnitView;
  totals: ReportTotals;
  units: UnitSummary[];
  findings: Finding[];
  /** Biểu II.06a-style timeliness of the system's dossiers (added by the audit; optional for older callers). */
  timeliness?: TimelinessBlock;
  /** Imported files, snapshot date and tie-out counts (added by the audit; optional for older callers). */
  provenance?: Provenance;
}

/** One imported file whose rows are in the database (active imports only). */
export interface SourceInfo {
  kind: 'system' | 'paper';
  /** The path as given on import. */
  file: string;
  sha256: string;
  format: string;
  encoding: string | null;
  /** The unit named on import (`--unit`), paper only. */
  unit: string | null;
  /** Every unit that rows of this file belong to. */
  units: string[];
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** First and last received month of the file's rows ('YYYY-MM'). */
  coverageFrom: string | null;
  coverageTo: string | null;
  /** System exports: the date their state is valid for, and how it was found. */
  asOf: string | null;
  asOfSource: string | null;
  importedAt: string;
}
/** Imported → matched by each tier → unmatched, for one unit or in total. */
export interface TieOutCounts {
  /** Paper rows in scope (= `paperRecords`). */
  paperRecords: number;
  matchedByCode: number;
  matchedByFuzzy: number;
  matchedManually: number;
  /** Paper rows without a system dossier (= `notInSystem`). */
  unmatchedPaper: number;
  /** System dossiers in scope (= `systemRecords`). */
  systemRecords: number;
  /** System dossiers linked to a paper row (of any unit). */
  systemMatched: number;
  /** System dossiers without a paper row (= `systemOnly` + `systemOutsideCoverage`). */
  systemUnmatched: number;
}
/** The provenance block of a report. */
export interface Provenance {
  sources: SourceInfo[];
  /** Latest as-of date among the system exports in scope. */
  systemAsOf: string | null;
  /** When matching last ran. */
  matchedAt: string | null;
  /** Earliest and latest received date among the rows in scope. */
  dataFrom: string | null;
  dataTo: string | null;
  tieOut: { units: Array<{ unit: string } & TieOutCounts>; totals: TieOutCounts };
}

/** Counts of one unit (or of the totals). They add up to the unit's `systemRecords`. */
export interface TimelinessCounts {
  /** Every system dossier in scope (= `systemRecords`). */
  systemRecords: number;
  /** Closed by returning the result (national code 10 or any closed label that is not 3/7/8). */
  resolved: number;
  /** Returned before the due day. */
  resolvedEarly: number;
  /** Returned on the due day. */
  resolvedOnTime: number;
  /** Returned after the due day. */
  resolvedLate: number;
  /** Returned, but the due or return date is missing: cannot be placed. */
  resolvedUndated: number;
  /** Closed without a result: refused (3), withdrawn (7), stopped (8). */
  withdrawnOrRefused: number;
  /** Still open in the system at the snapshot's as-of date. */
  pending: number;
  /** Open, the due day not yet passed on the as-of date. */
  pendingWithinDue: number;
  /** Open, the due day passed before the as-of date. */
  pendingPastDue: number;
  /** Open without a due date. */
  pendingUndated: number;
}
/** The timeliness block of a report: one line per unit (same order as `units`) and the totals. */
export interface TimelinessBlock {
  units: Array<{ unit: string } & TimelinessCounts>;
  totals: TimelinessCounts;
}

/** One view of a unit (or of the totals). */
export interface IndicatorView {
  /** Dossiers received in the period. */
  received: number;
  /** Dossiers whose result was returned (national code 10 in the system; a return in the register). */
  returned: number;
  /** Returned on or before the due day (calendar days). */
  returnedOnTime: number;
  /** Returned, but the return day or the due day is unknown: neither on time nor late. */
  returnedUndated: number;
  /** returnedOnTime / returned (4 decimals); null when nothing was returned. */
  onTimeRate: number | null;
  /** returned / received (4 decimals); null when nothing was received. */
  closureRate: number | null;
  /** Not returned (nor withdrawn, refused or stopped), due day before the data's as-of day; null without an as-of. */
  openOverdue: number | null;
}
/** Registers minus system: counts, and rates in percentage points (2 decimals). */
export interface IndicatorGap {
  received: number;
  returned: number;
  returnedOnTime: number;
  openOverdue: number | null;
  onTimeRatePoints: number | null;
  closureRatePoints: number | null;
}
/** Whether a unit's two views can be compared. */
export type IndicatorComparison = 'compared' | 'no_system_data' | 'no_register';
/** A unit's indicators (`units[].indicators`). */
export interface UnitIndicators {
  comparison: IndicatorComparison;
  /** null: no system dossier of the unit in the period. */
  system: IndicatorView | null;
  /** null: no register row of the unit in the period. */
  registers: IndicatorView | null;
  /** null unless both views exist. */
  gap: IndicatorGap | null;
  /**
   * Rank by closure rate (1 = highest; ties share a rank) among the `of` compared units; change = system − registers
   * (positive: the registers place the unit higher).
   */
  rank: { system: number | null; registers: number | null; change: number | null; of: number };
}
/** The province's indicators (`totals.indicators`): sums over the compared units only. */
export interface TotalIndicators {
  unitsCompared: number;
  unitsNotCompared: number;
  system: IndicatorView | null;
  registers: IndicatorView | null;
  gap: IndicatorGap | null;
}
