/**
 * The report built one row at a time: counters per unit and the finding of each row, with the
 * model's scope rules (unit filter, received-date range, registers' coverage). The in-memory model
 * (`buildReport`) and the streamed report (`src/audit/report-stream.ts`) both feed it, so the two
 * agree by construction. Pure: no I/O.
 */
import crypto from 'node:crypto';
import { statusState, type StatusTable } from '../../normalize/status.js';
import { foldCell } from '../../normalize/fast-text.js';
import type { DqReportRow, PaperReportRow, SystemReportRow } from '../../core/report-rows.js';
import type { ReviewRow } from '../../core/report-rows.js';
import type { Category, MatchMethod, MatchReason } from '../../types.js';
import { classifyPaperRow, monthsBetween } from './classify.js';
import type { Finding, ReportFilters, ReviewCandidateView, UnitCounters, UnitSummary } from './types.js';
import type { ScopeUnit } from './unit-view.js';

/** A unit of the scope: its period and (with `--units current`) predecessors are optional for older callers. */
export type ScopeUnitInput = { id: number; code: string | null; name: string } & Partial<
  Pick<ScopeUnit, 'validFrom' | 'validTo' | 'predecessors'>
>;
import type { RowShape } from './shapes.js';

/** What every row is judged against. */
export interface ReportScope {
  units: ScopeUnitInput[];
  coverage: Array<{ unitId: number; from: string; to: string }>;
  /** Review candidates of the last match (optional). */
  review?: readonly ReviewRow[];
  statusTable: StatusTable;
  filters: ReportFilters;
  /** Unit id the --unit filter resolved to. */
  unitId: number | null;
  /**
   * Months (YYYY-MM ranges) the system exports cover. A unit with registers but no system dossier
   * in scope and no export covering any of its register months has no system data: its
   * never-closed count and closure rate are null, never 0 %. Undefined: not known (not applied).
   */
  systemCoverage?: ReadonlyArray<{ from: string; to: string }>;
  /**
   * `report --units current`: the unit a row is counted under (today's). Coverage stays that of
   * the unit that received the dossier: a predecessor's register says nothing of another's dossiers.
   */
  rollUp?: ((id: number) => number) | null;
  /**
   * Rows that are not one-to-one with their dossier (src/report/model/shapes.ts), and the latest state of their
   * dossiers.
   */
  shapes?: ReadonlyMap<number, RowShape>;
  dossiers?: ReadonlyMap<string, ShapeDossier>;
}

/** The latest state of a dossier of a row that is not one-to-one. */
export interface ShapeDossier {
  code: string;
  status: string | null;
  asOf: string | null;
  receivedDate: string | null;
  returnedDate: string | null;
}

const COUNTER_OF: Partial<Record<Category, keyof UnitCounters>> = {
  closed: 'closed',
  open_in_system: 'openInSystem',
  not_in_system: 'notInSystem',
  needs_newer_export: 'needsNewerExport',
  in_progress: 'inProgress',
  paper_open_system_closed: 'paperOpenSystemClosed',
  system_only: 'systemOnly',
};

/** Zeroed counters. */
export function emptyCounters(): UnitCounters {
  return {
    paperRecords: 0,
    systemRecords: 0,
    closed: 0,
    openInSystem: 0,
    notInSystem: 0,
    needsNewerExport: 0,
    inProgress: 0,
    paperOpenSystemClosed: 0,
    systemOnly: 0,
    systemOutsideCoverage: 0,
    neverClosedElectronically: 0,
    electronicClosureRate: null,
    dataQuality: 0,
    paperDossiers: 0,
    neverClosedDossiers: 0,
  };
}

/** Recomputes the derived counters (never-closed, closure rate) from the base ones. */
export function finishCounters(c: UnitCounters): UnitCounters {
  c.neverClosedElectronically = c.notInSystem + c.openInSystem;
  c.electronicClosureRate =
    c.paperRecords === 0 ? null : Math.round(((c.closed + c.paperOpenSystemClosed) / c.paperRecords) * 10000) / 10000;
  return c;
}

/** The first 12 hex digits of the SHA-1 of `s`. */
export function shortHash(s: string): string {
  return crypto.createHash('sha1').update(s).digest('hex').slice(0, 12);
}

/** True when `date` is inside the filters' received-date range. */
export function inRange(date: string | null, f: ReportFilters): boolean {
  if (!f.from && !f.to) return true;
  if (date === null) return false;
  return (!f.from || date >= f.from) && (!f.to || date <= f.to);
}

/**
 * Stable paper finding ids, one row at a time in ascending row id: from the dossier code, else
 * from the row's content (applicant, procedure, received date) within its unit and file name, so
 * they do not move when a row is inserted above. Repeats get "-2", "-3"… in row order.
 */
export class PaperIdAssigner {
  private readonly seen = new Map<string, number>();
  /** Folded procedure names: a register repeats a few hundred procedures over its rows. */
  private readonly folded = new Map<string, string>();

  private foldProcedure(p: string): string {
    let f = this.folded.get(p);
    if (f === undefined) {
      if (this.folded.size >= 10_000) this.folded.clear();
      this.folded.set(p, (f = foldCell(p)));
    }
    return f;
  }

  /** The id of the next row (rows must come in ascending id). */
  next(
    r: Pick<PaperReportRow, 'unitId' | 'codeKey' | 'baseName' | 'applicant' | 'procedure' | 'receivedDate'>,
  ): string {
    const base = r.codeKey
      ? `${r.unitId}|c|${r.codeKey}`
      : `${r.unitId}|r|${r.baseName}|${foldCell(r.applicant ?? '')}|${this.foldProcedure(r.procedure ?? '')}|` +
        `${r.receivedDate ?? ''}`;
    const hash = shortHash(base);
    // Keyed by the hash (not the whole text) to keep a million rows small; two texts with the same
    // 48-bit hash are numbered apart instead of sharing an id.
    const n = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, n);
    return `p-${hash}${n > 1 ? `-${n}` : ''}`;
  }
}

/** Counters and findings, fed one row at a time. */
export class ReportAccumulator {
  private readonly counters = new Map<number, UnitCounters>();
  /** Data-quality finding ids given so far (by hash: how many). */
  private readonly dqIds = new Map<string, number>();
  private readonly unitById: Map<number, ScopeUnitInput>;
  private readonly covered = new Map<number, Set<string>>();
  private readonly reviewByPaper = new Map<number, ReviewCandidateView[]>();
  /** Months of each unit's in-scope register rows (kept only when the system coverage is known). */
  private readonly paperMonths = new Map<number, Set<string>>();
  private readonly systemMonths: Set<string> | null;

  /** The unit a row is counted under. */
  private readonly unitOf: (id: number) => number;
  /** Finding ids of the rows that are not one-to-one, and their findings, finished once every id is known. */
  private readonly shapeIds = new Map<number, string>();
  private readonly shapeFindings: Array<{ finding: Finding; related: number[] }> = [];
  /** Dossiers of rows that are not one-to-one already counted as never closed (a dossier counts once). */
  private readonly countedDossiers = new Set<string>();

  constructor(private readonly scope: ReportScope) {
    this.systemMonths = scope.systemCoverage
      ? new Set(scope.systemCoverage.flatMap((cv) => monthsBetween(cv.from, cv.to)))
      : null;
    this.unitOf = scope.rollUp ?? ((id) => id);
    this.unitById = new Map(scope.units.map((u) => [u.id, u]));
    for (const cv of scope.coverage) {
      const set = this.covered.get(cv.unitId) ?? new Set<string>();
      for (const m of monthsBetween(cv.from, cv.to)) set.add(m);
      this.covered.set(cv.unitId, set);
    }
    for (const r of scope.review ?? []) {
      const list = this.reviewByPaper.get(r.paperId) ?? [];
      list.push({
        system: {
          code: r.code,
          status: r.status,
          receivedDate: r.receivedDate,
          returnedDate: r.returnedDate,
          applicant: r.applicant,
          procedure: r.procedure,
        },
        score: r.score,
        reasons: JSON.parse(r.reasonsJson) as MatchReason[],
      });
      this.reviewByPaper.set(r.paperId, list);
    }
  }

  /** A unit's name as the report shows it. */
  unitName(id: number | null): string {
    return id === null ? '' : (this.unitById.get(id)?.name ?? String(id));
  }

  /** Every name `unitName` can return for a known unit. */
  unitNames(): string[] {
    return this.scope.units.map((u) => u.name);
  }

  private wantUnit(id: number | null): boolean {
    return this.scope.unitId === null || id === this.scope.unitId;
  }

  private counterFor(unitId: number): UnitCounters {
    let c = this.counters.get(unitId);
    if (!c) this.counters.set(unitId, (c = emptyCounters()));
    return c;
  }

  /**
   * How a paper row is linked to the system for the tie-out: its own match, else, for a row linked only
   * as a second row of a dossier (transfer, supplement cycle) or as a batch row, the tier of its
   * evidence (a shared or listed code: code; name, procedure and date: scored). Null when unlinked.
   */
  linkMethod(r: Pick<PaperReportRow, 'id' | 'method'>): MatchMethod | null {
    if (r.method !== null) return r.method;
    const shape = this.scope.shapes?.get(r.id);
    if (!shape?.dossiers.some((k) => this.scope.dossiers?.has(k))) return null;
    return shapeMethod(shape);
  }

  /**
   * Counts a paper row; its finding, unless it is out of scope, closed or in progress (a row that is not one-to-one:
   * see `finishShapes`).
   */
  paper(r: PaperReportRow, id: string): Finding | null {
    const shape = this.scope.shapes?.get(r.id);
    if (shape) this.shapeIds.set(r.id, id);
    const unit = this.unitOf(r.unitId);
    if (!this.wantUnit(unit) || !inRange(r.receivedDate, this.scope.filters)) return null;
    const c = this.counterFor(unit);
    c.paperRecords++;
    if (this.systemMonths !== null && r.receivedDate !== null) {
      let months = this.paperMonths.get(unit);
      if (!months) this.paperMonths.set(unit, (months = new Set()));
      months.add(r.receivedDate.slice(0, 7));
    }
    if (shape) return this.shapedPaper(r, id, shape, c);
    c.paperDossiers++;
    const category = classifyPaperRow({
      matched: r.method !== null,
      returnedOnPaper: r.returnedOnPaper === 1,
      paperReturnedDate: r.returnedDate,
      systemState: r.method !== null ? statusState(r.sysStatus, this.scope.statusTable) : 'unknown',
      systemAsOf: r.sysAsOf,
    });
    const key = COUNTER_OF[category];
    if (key) (c[key] as number)++;
    if (category === 'not_in_system' || category === 'open_in_system') c.neverClosedDossiers++;
    if (category === 'closed' || category === 'in_progress') return null;
    const review = category === 'not_in_system' ? this.reviewByPaper.get(r.id) : undefined;
    return {
      id,
      category,
      unit: this.unitName(unit),
      paper: {
        file: r.file,
        sheet: r.sheet,
        row: r.rowNumber,
        code: r.code,
        applicant: r.applicant,
        procedure: r.procedure,
        receivedDate: r.receivedDate,
        dueDate: r.dueDate,
        returnedDate: r.returnedDate,
      },
      system: r.sysCode
        ? { code: r.sysCode, status: r.sysStatus, receivedDate: r.sysReceivedDate, returnedDate: r.sysReturnedDate }
        : null,
      match: r.method
        ? {
            method: r.method,
            score: r.score ?? 0,
            reasons: r.reasonsJson ? (JSON.parse(r.reasonsJson) as MatchReason[]) : [],
            shape: 'one',
            related: [],
          }
        : null,
      ...(review ? { review: { candidates: review } } : {}),
    };
  }

  /**
   * A row that shares its dossier or stands for several: its category follows the dossier (a batch
   * row is closed only when all its dossiers are; an earlier row of a supplement cycle takes the
   * return of the cycle's last row). Kept until `finishShapes`, when the other rows' ids are known.
   */
  private shapedPaper(r: PaperReportRow, id: string, shape: RowShape, c: UnitCounters): null {
    const states = shape.dossiers
      .map((k) => this.scope.dossiers?.get(k))
      .filter((d): d is ShapeDossier => d !== undefined);
    const primary = states[0] ?? null;
    const closedAll =
      states.length > 0 && states.every((d) => statusState(d.status, this.scope.statusTable) === 'closed');
    const openOne = states.find((d) => statusState(d.status, this.scope.statusTable) !== 'closed') ?? primary;
    const category = classifyPaperRow({
      matched: primary !== null,
      returnedOnPaper: shape.returned.onPaper,
      paperReturnedDate: shape.returned.date,
      systemState:
        primary === null ? 'unknown' : closedAll ? 'closed' : statusState(openOne!.status, this.scope.statusTable),
      systemAsOf: openOne?.asOf ?? null,
    });
    const key = COUNTER_OF[category];
    if (key) (c[key] as number)++;
    // Dossiers: a superseded row of a supplement cycle is not one more; a batch row is one per dossier.
    if (!shape.superseded) c.paperDossiers += shape.shape === 'batch' ? Math.max(1, shape.dossiers.length) : 1;
    if (category === 'not_in_system' || category === 'open_in_system') {
      for (const [k, d] of shape.dossiers.map((k, i) => [k, states[i]] as const)) {
        if (
          this.countedDossiers.has(k) ||
          (shape.shape === 'batch' && d && statusState(d.status, this.scope.statusTable) === 'closed')
        )
          continue;
        this.countedDossiers.add(k);
        c.neverClosedDossiers++;
      }
    }
    if (category === 'closed' || category === 'in_progress') return null;
    const sys = (d: ShapeDossier) => ({
      code: d.code,
      status: d.status,
      receivedDate: d.receivedDate,
      returnedDate: d.returnedDate,
    });
    // A batch row not closed shows first the dossier still open (the one the unit must close), then the others.
    const shown = openOne && openOne !== primary ? [openOne, ...states.filter((d) => d !== openOne)] : states;
    const finding: Finding = {
      id,
      category,
      unit: this.unitName(this.unitOf(r.unitId)),
      paper: {
        file: r.file,
        sheet: r.sheet,
        row: r.rowNumber,
        code: r.code,
        applicant: r.applicant,
        procedure: r.procedure,
        receivedDate: r.receivedDate,
        dueDate: r.dueDate,
        returnedDate: r.returnedDate,
      },
      system: shown[0] ? sys(shown[0]) : null,
      match: {
        method: r.method ?? shapeMethod(shape),
        score: r.method ? (r.score ?? 0) : 1,
        reasons: r.reasonsJson ? (JSON.parse(r.reasonsJson) as MatchReason[]) : [],
        shape: shape.shape,
        related: [],
        evidence: shape.evidence,
        ...(shape.superseded ? { superseded: true } : {}),
      },
      ...(shown.length > 1 ? { systemAlso: shown.slice(1).map(sys) } : {}),
    };
    this.shapeFindings.push({ finding, related: shape.related });
    return null;
  }

  /**
   * The findings of the rows that are not one-to-one, with the finding ids of their related rows (call after every
   * paper row).
   */
  finishShapes(): Finding[] {
    const out = this.shapeFindings.map(({ finding, related }) => {
      finding.match!.related = related.map((p) => this.shapeIds.get(p)).filter((x): x is string => x !== undefined);
      return finding;
    });
    this.shapeFindings.length = 0;
    return out;
  }

  /** Counts a system dossier; its finding when it is in a covered month but has no paper row. */
  system(s: SystemReportRow): Finding | null {
    if (s.unitId === null) return null;
    const unit = this.unitOf(s.unitId);
    if (!this.wantUnit(unit) || !inRange(s.receivedDate, this.scope.filters)) return null;
    const c = this.counterFor(unit);
    c.systemRecords++;
    if (s.matched > 0) return null;
    const month = s.receivedDate?.slice(0, 7);
    if (!month || !this.covered.get(s.unitId)?.has(month)) {
      c.systemOutsideCoverage++;
      return null;
    }
    c.systemOnly++;
    return {
      id: `s-${s.codeKey}`,
      category: 'system_only',
      unit: this.unitName(unit),
      paper: null,
      system: {
        code: s.code,
        status: s.status,
        receivedDate: s.receivedDate,
        returnedDate: s.returnedDate,
        dueDate: s.dueDate,
      },
      match: null,
    };
  }

  /** Counts a data-quality issue; its finding when in scope. */
  dataQuality(q: DqReportRow): Finding | null {
    // The id: from the row's code, or its content, as a paper row's (never its row number alone: a row inserted above
    // renumbers nothing); numbered apart when two issues share it. Assigned before the scope, like the rows' ids.
    const content = q.codeKey
      ? `c|${q.codeKey}`
      : q.applicant || q.procedure
        ? `r|${foldCell(q.applicant ?? '')}|${foldCell(q.procedure ?? '')}|${q.receivedDate ?? ''}`
        : `n|${q.rowNumber ?? ''}`;
    const hash = shortHash(
      `${q.source}|${q.unitId ?? ''}|${q.baseName}|${q.sheet ?? ''}|${content}|${q.rule}|${q.column ?? ''}`,
    );
    const n = (this.dqIds.get(hash) ?? 0) + 1;
    this.dqIds.set(hash, n);
    if (q.unitId === null) return null;
    const unit = this.unitOf(q.unitId);
    if (!this.wantUnit(unit) || !inRange(q.receivedDate, this.scope.filters)) return null;
    this.counterFor(unit).dataQuality++;
    return {
      id: `q-${hash}${n > 1 ? `-${n}` : ''}`,
      category: 'data_quality',
      unit: this.unitName(unit),
      rule: q.rule,
      column: q.column,
      rawValue: q.raw,
      paper:
        q.source === 'paper'
          ? {
              file: q.file,
              sheet: q.sheet,
              row: q.rowNumber ?? 0,
              code: q.code,
              applicant: null,
              procedure: null,
              receivedDate: q.receivedDate,
              dueDate: null,
              returnedDate: null,
            }
          : null,
      system:
        q.source === 'system' && q.code
          ? { code: q.code, status: null, receivedDate: q.receivedDate, returnedDate: null }
          : null,
      match: null,
    };
  }

  /** True when a unit has registers but no system dossier in scope and no export covering its register months. */
  private withoutSystemData(id: number, c: UnitCounters): boolean {
    if (this.systemMonths === null || c.paperRecords === 0 || c.systemRecords > 0) return false;
    for (const m of this.paperMonths.get(id) ?? []) if (this.systemMonths.has(m)) return false;
    return true;
  }

  /**
   * Per-unit lines (most never-closed first, then by name; units without system data last) and the
   * totals. A unit without system data has never-closed and closure rate null, and the totals'
   * never-closed and rate count only the units with system data (null when none has any).
   */
  summary(collator: Intl.Collator = new Intl.Collator('vi')): { units: UnitSummary[]; totals: UnitCounters } {
    const units: UnitSummary[] = [...this.counters.entries()]
      .map(([id, c]) => {
        const u = this.unitById.get(id);
        const predecessors = u?.predecessors;
        const line = {
          unit: this.unitName(id),
          unitCode: u?.code ?? null,
          validFrom: u?.validFrom ?? null,
          validTo: u?.validTo ?? null,
          ...(predecessors ? { predecessors } : {}),
          ...finishCounters({ ...c }),
        };
        if (this.withoutSystemData(id, c)) {
          line.neverClosedElectronically = null;
          line.electronicClosureRate = null;
        }
        return line;
      })
      .sort(
        (a, b) =>
          (b.neverClosedElectronically ?? -1) - (a.neverClosedElectronically ?? -1) || collator.compare(a.unit, b.unit),
      );
    const totals = emptyCounters();
    for (const u of units) {
      for (const k of Object.keys(totals) as Array<keyof UnitCounters>) {
        if (k !== 'electronicClosureRate' && k !== 'neverClosedElectronically') (totals[k] as number) += u[k];
      }
    }
    finishCounters(totals);
    const without = units.filter((u) => u.neverClosedElectronically === null);
    if (without.length > 0) {
      const withData = units.filter((u) => u.neverClosedElectronically !== null);
      const sum = (k: keyof UnitCounters) => withData.reduce((a, u) => a + (u[k] as number), 0);
      const paper = sum('paperRecords');
      totals.neverClosedElectronically = withData.length === 0 ? null : sum('notInSystem') + sum('openInSystem');
      totals.electronicClosureRate =
        paper === 0 ? null : Math.round(((sum('closed') + sum('paperOpenSystemClosed')) / paper) * 10000) / 10000;
    }
    return { units, totals };
  }
}

/** The duplicate-code issue of a paper row whose code an earlier row (lower id) already has. */
export function duplicateCodeIssue(
  r: Pick<
    PaperReportRow,
    | 'id'
    | 'file'
    | 'baseName'
    | 'sheet'
    | 'rowNumber'
    | 'code'
    | 'unitId'
    | 'receivedDate'
    | 'codeKey'
    | 'applicant'
    | 'procedure'
  >,
): DqReportRow {
  return {
    id: -r.id,
    source: 'paper',
    file: r.file,
    baseName: r.baseName,
    sheet: r.sheet,
    rowNumber: r.rowNumber,
    column: null,
    rule: 'duplicate_code',
    raw: r.code,
    unitId: r.unitId,
    receivedDate: r.receivedDate,
    code: r.code,
    codeKey: r.codeKey,
    applicant: r.applicant,
    procedure: r.procedure,
  };
}

/** The tier a row linked only by the evidence of its shape is counted in. */
function shapeMethod(shape: RowShape): MatchMethod {
  return shape.evidence.includes('same-code') || shape.evidence.includes('listed-code') ? 'code' : 'fuzzy';
}
