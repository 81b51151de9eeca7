/**
 * The report model: per-unit counters and findings, exactly the JSON contract
 * (`motcua-audit/report@2`). Pure and deterministic: same inputs, same output, byte for byte.
 */
import type { PredecessorRef, UnitView } from './unit-view.js';
import type { ScopeUnitInput } from './accumulate.js';
import type { StatusTable } from '../normalize/status.js';
import type { DqReportRow, PaperReportRow, SystemReportRow } from '../store/queries.js';
import type { ReviewRow } from '../store/match-store.js';
import type { Category, MatchMethod, MatchReason } from '../types.js';
import type { LinkShape } from '../match/shapes.js';
import { duplicateCodeIssue, PaperIdAssigner, ReportAccumulator, type ShapeDossier } from './accumulate.js';
import type { RowShape } from './shapes.js';
import { compareFindings } from './order.js';
import type { Provenance } from './provenance.js';
import type { TimelinessBlock } from './timeliness.js';
import { IndicatorTally, latestAsOf, type TotalIndicators, type UnitIndicators } from './indicators.js';

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
  /** The unit as the system shows it and as the registers show it (schema 2; see src/report/indicators.ts). */
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

/** One finding: a paper row or system dossier in a category other than closed/in_progress, or a data-quality problem. */
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

/** Everything the model needs, loaded by the store. */
export interface ReportInput {
  units: ScopeUnitInput[];
  paper: PaperReportRow[];
  system: SystemReportRow[];
  coverage: Array<{ unitId: number; from: string; to: string }>;
  /** Months the system exports cover (see ReportScope.systemCoverage); undefined: not applied. */
  systemCoverage?: Array<{ from: string; to: string }>;
  dq: DqReportRow[];
  /** Review candidates of the last match (optional). */
  review?: ReviewRow[];
  /** Rows that are not one-to-one and their dossiers' states (optional). */
  shapes?: ReadonlyMap<number, RowShape>;
  dossiers?: ReadonlyMap<string, ShapeDossier>;
  statusTable: StatusTable;
  filters: ReportFilters;
  /** Unit id the --unit filter resolved to. */
  unitId: number | null;
  generatedAt: string;
}

/**
 * Stable finding ids that do not move when a row is inserted above: from the dossier code, else
 * from the row's content (applicant, procedure, received date) within its unit and file name.
 */
export function paperFindingIds(rows: readonly PaperReportRow[]): Map<number, string> {
  const ids = new Map<number, string>();
  const assign = new PaperIdAssigner();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) ids.set(r.id, assign.next(r));
  return ids;
}

/** Builds the report from loaded rows (in memory; `openStreamedReport` does the same from the database in bounded memory). */
export function buildReport(input: ReportInput): Report {
  const acc = new ReportAccumulator(input);
  const indicators = new IndicatorTally({ statusTable: input.statusTable, filters: input.filters, unitId: input.unitId, asOf: latestAsOf(input.system) });
  const findings: Finding[] = [];
  const ids = paperFindingIds(input.paper);
  for (const r of input.paper) {
    // A row linked only as a further row of its dossier, or as a batch row, is no dossier only on paper.
    const method = r.method ?? acc.linkMethod(r);
    indicators.paper(method === r.method ? r : { ...r, method });
    const f = acc.paper(r, ids.get(r.id)!);
    if (f) findings.push(f);
  }
  for (const f of acc.finishShapes()) findings.push(f);
  for (const s of input.system) {
    indicators.system(s);
    const f = acc.system(s);
    if (f) findings.push(f);
  }
  for (const q of dataQualityRows(input)) {
    const f = acc.dataQuality(q);
    if (f) findings.push(f);
  }
  const collator = new Intl.Collator('vi');
  const { units, totals } = acc.summary(collator);
  indicators.attach(units, totals, (id) => acc.unitName(id));
  findings.sort(compareFindings(collator));
  return { schema: REPORT_SCHEMA, generatedAt: input.generatedAt, filters: input.filters, totals, units, findings };
}

/** Stored issues plus those that need every register at once: a code repeated across paper rows. */
function dataQualityRows(input: ReportInput): DqReportRow[] {
  const out = [...input.dq];
  const firstByCode = new Map<string, number>();
  for (const r of [...input.paper].sort((a, b) => a.id - b.id)) {
    if (!r.codeKey) continue;
    if (!firstByCode.has(r.codeKey)) {
      firstByCode.set(r.codeKey, r.id);
      continue;
    }
    out.push(duplicateCodeIssue(r));
  }
  return out;
}

export { emptyCounters, finishCounters } from './accumulate.js';
