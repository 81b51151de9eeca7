/**
 * The report model: per-unit counters and findings, exactly the JSON contract
 * (`motcua-audit/report@1`). Pure and deterministic: same inputs, same output, byte for byte.
 */
import crypto from 'node:crypto';
import { statusState, type StatusTable } from '../normalize/status.js';
import { foldText } from '../normalize/text.js';
import type { DqReportRow, PaperReportRow, SystemReportRow } from '../store/queries.js';
import type { ReviewRow } from '../store/match-store.js';
import type { Category, MatchMethod, MatchReason } from '../types.js';
import { classifyPaperRow, monthsBetween } from './classify.js';
import type { Provenance } from './provenance.js';
import type { TimelinessBlock } from './timeliness.js';

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
  neverClosedElectronically: number;
  electronicClosureRate: number | null;
  /** Data-quality findings (rows are still counted in their category). */
  dataQuality: number;
}

/** One unit's line of the report. */
export interface UnitSummary extends UnitCounters {
  unit: string;
  unitCode: string | null;
}

/** The paper side of a finding. */
export interface PaperSide {
  file: string;
  sheet: string | null;
  row: number;
  code: string | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  returnedDate: string | null;
}

/** The system side of a finding. */
export interface SystemSide {
  code: string;
  status: string | null;
  receivedDate: string | null;
  returnedDate: string | null;
}

/** One finding: a paper row or system dossier in a category other than closed/in_progress, or a data-quality problem. */
export interface Finding {
  id: string;
  category: Category;
  unit: string;
  paper: PaperSide | null;
  system: SystemSide | null;
  match: { method: MatchMethod; score: number; reasons?: MatchReason[] } | null;
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
  schema: 'motcua-audit/report@1';
  generatedAt: string;
  filters: ReportFilters;
  totals: UnitCounters;
  units: UnitSummary[];
  findings: Finding[];
  /** Biểu II.06a-style timeliness of the system's dossiers (added by the audit; optional for older callers). */
  timeliness?: TimelinessBlock;
  /** Imported files, snapshot date and tie-out counts (added by the audit; optional for older callers). */
  provenance?: Provenance;
}

/** Everything the model needs, loaded by the store. */
export interface ReportInput {
  units: Array<{ id: number; code: string | null; name: string }>;
  paper: PaperReportRow[];
  system: SystemReportRow[];
  coverage: Array<{ unitId: number; from: string; to: string }>;
  dq: DqReportRow[];
  /** Review candidates of the last match (optional). */
  review?: ReviewRow[];
  statusTable: StatusTable;
  filters: ReportFilters;
  /** Unit id the --unit filter resolved to. */
  unitId: number | null;
  generatedAt: string;
}

const CATEGORY_ORDER: Category[] = ['not_in_system', 'open_in_system', 'needs_newer_export', 'paper_open_system_closed', 'system_only', 'data_quality', 'in_progress', 'closed'];
const COUNTER_OF: Partial<Record<Category, keyof UnitCounters>> = {
  closed: 'closed', open_in_system: 'openInSystem', not_in_system: 'notInSystem', needs_newer_export: 'needsNewerExport',
  in_progress: 'inProgress', paper_open_system_closed: 'paperOpenSystemClosed', system_only: 'systemOnly',
};

/** Zeroed counters. */
export function emptyCounters(): UnitCounters {
  return {
    paperRecords: 0, systemRecords: 0, closed: 0, openInSystem: 0, notInSystem: 0, needsNewerExport: 0, inProgress: 0,
    paperOpenSystemClosed: 0, systemOnly: 0, systemOutsideCoverage: 0, neverClosedElectronically: 0, electronicClosureRate: null, dataQuality: 0,
  };
}

/** Recomputes the derived counters (never-closed, closure rate) from the base ones. */
export function finishCounters(c: UnitCounters): UnitCounters {
  c.neverClosedElectronically = c.notInSystem + c.openInSystem;
  c.electronicClosureRate = c.paperRecords === 0 ? null : Math.round(((c.closed + c.paperOpenSystemClosed) / c.paperRecords) * 10000) / 10000;
  return c;
}

function shortHash(s: string): string {
  return crypto.createHash('sha1').update(s).digest('hex').slice(0, 12);
}

/**
 * Stable finding ids that do not move when a row is inserted above: from the dossier code, else
 * from the row's content (applicant, procedure, received date) within its unit and file name.
 */
export function paperFindingIds(rows: readonly PaperReportRow[]): Map<number, string> {
  const ids = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const base = r.codeKey ? `${r.unitId}|c|${r.codeKey}` : `${r.unitId}|r|${r.baseName}|${foldText(r.applicant ?? '')}|${foldText(r.procedure ?? '')}|${r.receivedDate ?? ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    ids.set(r.id, `p-${shortHash(base)}${n > 1 ? `-${n}` : ''}`);
  }
  return ids;
}

function inRange(date: string | null, f: ReportFilters): boolean {
  if (!f.from && !f.to) return true;
  if (date === null) return false;
  return (!f.from || date >= f.from) && (!f.to || date <= f.to);
}

/** Builds the report from loaded rows. */
export function buildReport(input: ReportInput): Report {
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const counters = new Map<number, UnitCounters>();
  const counterFor = (unitId: number) => {
    let c = counters.get(unitId);
    if (!c) counters.set(unitId, (c = emptyCounters()));
    return c;
  };
  const unitName = (id: number | null) => (id === null ? '' : unitById.get(id)?.name ?? String(id));
  const wantUnit = (id: number | null) => input.unitId === null || id === input.unitId;
  const findings: Finding[] = [];
  const ids = paperFindingIds(input.paper);
  const reviewByPaper = new Map<number, ReviewCandidateView[]>();
  for (const r of input.review ?? []) {
    const list = reviewByPaper.get(r.paperId) ?? [];
    list.push({
      system: { code: r.code, status: r.status, receivedDate: r.receivedDate, returnedDate: r.returnedDate, applicant: r.applicant, procedure: r.procedure },
      score: r.score,
      reasons: JSON.parse(r.reasonsJson) as MatchReason[],
    });
    reviewByPaper.set(r.paperId, list);
  }

  for (const r of input.paper) {
    if (!wantUnit(r.unitId) || !inRange(r.receivedDate, input.filters)) continue;
    const c = counterFor(r.unitId);
    c.paperRecords++;
    const category = classifyPaperRow({
      matched: r.method !== null,
      returnedOnPaper: r.returnedOnPaper === 1,
      paperReturnedDate: r.returnedDate,
      systemState: r.method !== null ? statusState(r.sysStatus, input.statusTable) : 'unknown',
      systemAsOf: r.sysAsOf,
    });
    const key = COUNTER_OF[category];
    if (key) (c[key] as number)++;
    if (category === 'closed' || category === 'in_progress') continue;
    findings.push({
      id: ids.get(r.id)!,
      category,
      unit: unitName(r.unitId),
      paper: { file: r.file, sheet: r.sheet, row: r.rowNumber, code: r.code, applicant: r.applicant, procedure: r.procedure, receivedDate: r.receivedDate, returnedDate: r.returnedDate },
      system: r.sysCode ? { code: r.sysCode, status: r.sysStatus, receivedDate: r.sysReceivedDate, returnedDate: r.sysReturnedDate } : null,
      match: r.method ? { method: r.method, score: r.score ?? 0, reasons: r.reasonsJson ? (JSON.parse(r.reasonsJson) as MatchReason[]) : [] } : null,
      ...(category === 'not_in_system' && reviewByPaper.has(r.id) ? { review: { candidates: reviewByPaper.get(r.id)! } } : {}),
    });
  }

  const covered = new Map<number, Set<string>>();
  for (const cv of input.coverage) {
    const set = covered.get(cv.unitId) ?? new Set<string>();
    for (const m of monthsBetween(cv.from, cv.to)) set.add(m);
    covered.set(cv.unitId, set);
  }
  for (const s of input.system) {
    if (s.unitId === null || !wantUnit(s.unitId) || !inRange(s.receivedDate, input.filters)) continue;
    const c = counterFor(s.unitId);
    c.systemRecords++;
    if (s.matched > 0) continue;
    const month = s.receivedDate?.slice(0, 7);
    if (!month || !covered.get(s.unitId)?.has(month)) {
      c.systemOutsideCoverage++;
      continue;
    }
    c.systemOnly++;
    findings.push({
      id: `s-${s.codeKey}`,
      category: 'system_only',
      unit: unitName(s.unitId),
      paper: null,
      system: { code: s.code, status: s.status, receivedDate: s.receivedDate, returnedDate: s.returnedDate },
      match: null,
    });
  }

  for (const q of dataQualityRows(input)) {
    if (q.unitId === null || !wantUnit(q.unitId) || !inRange(q.receivedDate, input.filters)) continue;
    counterFor(q.unitId).dataQuality++;
    findings.push({
      id: `q-${shortHash(`${q.baseName}|${q.sheet ?? ''}|${q.rowNumber ?? ''}|${q.rule}|${q.column ?? ''}`)}`,
      category: 'data_quality',
      unit: unitName(q.unitId),
      rule: q.rule,
      column: q.column,
      rawValue: q.raw,
      paper: q.source === 'paper' ? { file: q.file, sheet: q.sheet, row: q.rowNumber ?? 0, code: q.code, applicant: null, procedure: null, receivedDate: q.receivedDate, returnedDate: null } : null,
      system: q.source === 'system' && q.code ? { code: q.code, status: null, receivedDate: q.receivedDate, returnedDate: null } : null,
      match: null,
    });
  }

  const collator = new Intl.Collator('vi');
  const units: UnitSummary[] = [...counters.entries()]
    .map(([id, c]) => ({ unit: unitName(id), unitCode: unitById.get(id)?.code ?? null, ...finishCounters(c) }))
    .sort((a, b) => b.neverClosedElectronically - a.neverClosedElectronically || collator.compare(a.unit, b.unit));
  const totals = emptyCounters();
  for (const u of units) {
    for (const k of Object.keys(totals) as Array<keyof UnitCounters>) {
      if (k !== 'electronicClosureRate' && k !== 'neverClosedElectronically') (totals[k] as number) += u[k] as number;
    }
  }
  finishCounters(totals);
  findings.sort(
    (a, b) =>
      collator.compare(a.unit, b.unit) ||
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      collator.compare(a.paper?.file ?? '', b.paper?.file ?? '') ||
      collator.compare(a.paper?.sheet ?? '', b.paper?.sheet ?? '') ||
      (a.paper?.row ?? 0) - (b.paper?.row ?? 0) ||
      (a.system?.code ?? '').localeCompare(b.system?.code ?? '') ||
      (a.rule ?? '').localeCompare(b.rule ?? '') ||
      a.id.localeCompare(b.id),
  );
  return { schema: 'motcua-audit/report@1', generatedAt: input.generatedAt, filters: input.filters, totals, units, findings };
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
    out.push({
      id: -r.id, source: 'paper', file: r.file, baseName: r.baseName, sheet: r.sheet, rowNumber: r.rowNumber, column: null,
      rule: 'duplicate_code', raw: r.code, unitId: r.unitId, receivedDate: r.receivedDate, code: r.code,
    });
  }
  return out;
}
