/**
 * The report as a use case: the matcher run first when imports happened since the last match,
 * the unit filter resolved, the report opened in bounded memory (or built whole).
 */
import { buildStatusTable, type StatusTable } from '../normalize/status.js';
import { materialize } from '../report/model/finding-set.js';
import type { Report, ReportFilters } from '../report/model/types.js';
import type { UnitView } from '../report/model/unit-view.js';
import { withAuditPaths } from '../report/render/paths.js';
import type { Db } from '../store/db.js';
import { unknownUnitError } from '../store/unit-check.js';
import { UnitResolver } from '../store/units.js';
import { isMatchStale, matchStored, type MatchSummary } from './match.js';
import { openStreamedReport, type OpenReport } from './report-stream.js';

/** Options of a report. */
export interface ReportOptions {
  filters: ReportFilters;
  statusTable?: StatusTable;
  now?: () => Date;
  /** Rows read so far of all the report reads (see `openStreamedReport`). */
  onProgress?: (done: number, total: number) => void;
  /**
   * The folder of the audit (the working folder of `report`, the config's folder of `run`): file
   * names are shown relative to it, never as absolute paths of the machine (see `withAuditPaths`).
   * Without it, files are shown as stored (the paths given on import).
   */
  baseDir?: string;
  /** Units as received (default) or rolled into today's (`report --units current`). */
  unitView?: UnitView;
}

/**
 * The report's unit filter resolved to a unit id (null without one); an unknown unit is an error.
 * A name that several periods share means today's unit, unless written as the report shows it,
 * with its period ("UBND xã Thạnh Đức (01/01/2020–30/06/2025)"); with `current`, the unit of today.
 */
function resolveReportUnit(db: Db, filters: ReportFilters, view: UnitView): number | null {
  if (!filters.unit) return null;
  const resolver = new UnitResolver(db);
  const period = /\s*\((\d{2}\/\d{2}\/\d{4})?–(\d{2}\/\d{2}\/\d{4})?\)\s*$/u.exec(filters.unit);
  const iso = (d: string | undefined) => (d ? `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : null);
  const found = period
    ? resolver.find(filters.unit.slice(0, period.index), iso(period[1]) ?? iso(period[2]))
    : resolver.find(filters.unit);
  if (!found) throw unknownUnitError(db, filters.unit, null);
  return view === 'current' ? resolver.timeline.currentOf(found.id) : found.id;
}

/**
 * Opens the report for writing in bounded memory: the head (counters, timeliness, provenance) in
 * memory, the findings in a private temporary database read back in order by the writers. Runs
 * the matcher first when imports happened since the last match. Close it when written.
 */
export function openAuditReport(db: Db, options: ReportOptions): OpenReport & { matchedNow: MatchSummary | null } {
  const now = options.now ?? (() => new Date());
  const matchedNow = isMatchStale(db) ? matchStored(db, now) : null;
  const unitView = options.unitView ?? 'received';
  const unitId = resolveReportUnit(db, options.filters, unitView);
  const opened = openStreamedReport(db, {
    filters: options.filters,
    statusTable: options.statusTable ?? buildStatusTable(),
    unitId,
    unitView,
    generatedAt: now().toISOString(),
    onProgress: options.onProgress,
  });
  return {
    report: options.baseDir ? withAuditPaths(opened.report, options.baseDir) : opened.report,
    close: opened.close,
    matchedNow,
  };
}

/**
 * Builds the whole report in memory (every finding in an array); runs the matcher first when imports happened since the
 * last match.
 */
export function buildAuditReport(db: Db, options: ReportOptions): { report: Report; matchedNow: MatchSummary | null } {
  const opened = openAuditReport(db, options);
  try {
    return { report: materialize(opened.report), matchedNow: opened.matchedNow };
  } finally {
    opened.close();
  }
}
