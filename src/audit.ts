/**
 * The library's operations: one function per CLI step. They take an open database and fully
 * defaulted options, return plain results, never print and never exit.
 */
import { AuditError, isAuditError } from './errors.js';
import { DEFAULT_MATCH_CONFIG, resolveMatchConfig, type MatchConfig, type MatchConfigInput } from './match/config.js';
import type { DecisionOutcome } from './match/decisions.js';
import { matchAll, tiersFor } from './match/engine.js';
import { matchAllThreaded, matchThreadSetting, type MatchThreadSetting } from './match/threads.js';
import type { MatchTier } from './match/types.js';
import { buildStatusTable, type StatusTable } from './normalize/status.js';
import { materialize } from './report/model/finding-set.js';
import { withAuditPaths } from './report/render/paths.js';
import type { Report, ReportFilters } from './report/model/types.js';
import { getMeta, type Db } from './store/db.js';
import { importFile, type ImportOptions, type ImportResult } from './store/import.js';
import { blockByLineOfSuccession, loadMatchInputs } from './store/queries.js';
import { openStreamedReport, type OpenReport } from './store/report-stream.js';
import { dataVersion, loadDecisions, loadStoredMatchConfig, saveMatchRun } from './store/match-store.js';
import { loadShapeInfo, loadUnitNames } from './store/shape-store.js';
import { findExtraLinks } from './match/shapes.js';
import { UnitResolver } from './store/units.js';
import type { UnitView } from './report/model/unit-view.js';
import type { MatchMethod } from './types.js';
import { unknownUnitError } from './store/unit-check.js';

/** The outcome of importing several files: what was imported and what was refused. */
export interface ImportBatchResult {
  results: ImportResult[];
  failures: Array<{ file: string; error: AuditError }>;
}

/**
 * Imports each file in its own transaction. A file that cannot be read is refused whole and
 * the others still import; the caller decides the exit code from `failures`.
 */
export async function importFiles(db: Db, files: readonly string[], options: Omit<ImportOptions, 'file'>): Promise<ImportBatchResult> {
  const out: ImportBatchResult = { results: [], failures: [] };
  for (const file of files) {
    try {
      out.results.push(await importFile(db, { ...options, file }));
    } catch (e) {
      if (!isAuditError(e)) throw e;
      // Usage problems (a missing --unit) concern every file alike: stop at once.
      if (e.code === 'UNIT_REQUIRED' || e.code === 'UNIT_UNKNOWN' || e.code === 'UNIT_COLUMN_UNKNOWN' || e.code === 'DB_LOCKED' || e.code === 'DB_READONLY' || e.code === 'DB_FULL') throw e;
      out.failures.push({ file, error: e });
    }
  }
  return out;
}

/** Counts of one matching run. */
export interface MatchSummary {
  paperRows: number;
  systemDossiers: number;
  matched: Record<MatchMethod, number>;
  unmatchedPaper: number;
  unmatchedSystem: number;
  /** Unmatched paper rows with candidates in the review band. */
  review: number;
  /** What became of each stored decision. */
  decisions: DecisionOutcome[];
  /**
   * True when the data changed while the matcher ran, twice in a row: nothing was stored, the
   * matches stay stale and the next report (or match) matches again.
   */
  notStored?: boolean;
  /** Extra links beyond one-to-one, by shape (see src/match/shapes.ts). */
  extra: { transfer: number; resubmission: number; batch: number };
}

/** The tiers used by default, in order: verified code, then scored comparison (manual decisions are applied over them). */
export const DEFAULT_TIERS: readonly MatchTier[] = tiersFor(DEFAULT_MATCH_CONFIG);

/**
 * Links paper rows to system dossiers and stores the links and review candidates (replacing
 * earlier ones); the auditor's decisions are re-applied every time. Without `config`, the
 * options of the previous run are used (so an automatic re-match keeps the user's thresholds).
 */
export function runMatch(
  db: Db,
  options: {
    now?: () => Date;
    tiers?: readonly MatchTier[];
    config?: MatchConfig | MatchConfigInput;
    onProgress?: (done: number, total: number) => void;
    /** Whether a large run is shared with a worker thread (default: MOTCUA_AUDIT_MATCH_THREAD, else auto). */
    thread?: MatchThreadSetting;
    /**
     * Called between reading the inputs and storing the results (attempt 1, then 2 when the data
     * changed meanwhile): lets a test (or a caller) make another process write there.
     */
    beforeStore?: (attempt: number) => void;
  } = {},
): MatchSummary {
  const now = options.now ?? (() => new Date());
  // The inputs are read in one read transaction with the data version; the results are stored
  // only if that version is unchanged (an import meanwhile would otherwise be marked matched
  // without being matched, or a replaced register break the links' foreign keys). Once redone.
  for (let attempt = 1; ; attempt++) {
    const { config, decisions, paper, system, version, shapeInfo, unitNames, defaults } = db.transaction(() => {
      const version = dataVersion(db);
      const stored = loadStoredMatchConfig(db);
      const config = options.config ? resolveMatchConfig(options.config) : resolveMatchConfig({}, stored ?? DEFAULT_MATCH_CONFIG);
      const decisions = loadDecisions(db);
      // Provenance (content keys, files, rows) only serves decisions: not read without any.
      const { paper, system } = loadMatchInputs(db, { provenance: decisions.length > 0 || options.tiers !== undefined });
      // A unit and its predecessors and successors are matched as one block (units over time).
      blockByLineOfSuccession(db, paper, system);
      const shapeInfo = loadShapeInfo(db);
      const unitNames = loadUnitNames(db);
      return { config, decisions, paper, system, version, shapeInfo, unitNames, defaults: options.config === undefined && !stored };
    }).deferred();
    // The default tiers share a large run's units with a second thread (match/threads.ts): same result.
    const run = options.tiers
      ? matchAll(paper, system, { config, tiers: options.tiers, decisions })
      : matchAllThreaded(paper, system, { config: defaults ? DEFAULT_MATCH_CONFIG : config, decisions, onProgress: options.onProgress, setting: options.thread ?? matchThreadSetting(process.env.MOTCUA_AUDIT_MATCH_THREAD) });
    // Rows and dossiers that are not one-to-one: extra links on evidence, after the assignment (main thread).
    run.extra = findExtraLinks({
      paper, system, links: run.links, decided: new Set(run.decisions.flatMap((o) => (o.paperId === null ? [] : [o.paperId]))),
      info: shapeInfo, unitNames, config: defaults ? DEFAULT_MATCH_CONFIG : config,
    });
    options.beforeStore?.(attempt);
    const stored = saveMatchRun(db, run, now().toISOString(), config, version);
    if (!stored && attempt < 2) continue;
    const links = run.links;
    const matched: Record<MatchMethod, number> = { code: 0, fuzzy: 0, manual: 0 };
    for (const l of links) matched[l.method]++;
    // A row or dossier with only an extra link is not unmatched.
    const linkedPaper = new Set(links.map((l) => l.paperId));
    const extraPaper = new Set(run.extra.filter((l) => !linkedPaper.has(l.paperId)).map((l) => l.paperId)).size;
    const linkedSystem = new Set(links.map((l) => l.systemCodeKey));
    const extraSystem = new Set(run.extra.filter((l) => !linkedSystem.has(l.systemCodeKey)).map((l) => l.systemCodeKey)).size;
    return {
      paperRows: paper.length, systemDossiers: system.length, matched, unmatchedPaper: paper.length - links.length - extraPaper, unmatchedSystem: system.length - links.length - extraSystem,
      review: new Set(run.review.map((r) => r.paperId)).size, decisions: run.decisions, ...(stored ? {} : { notStored: true }),
      extra: { transfer: run.extra.filter((l) => l.shape === 'transfer').length, resubmission: run.extra.filter((l) => l.shape === 'resubmission').length, batch: run.extra.filter((l) => l.shape === 'batch').length },
    };
  }
}

/**
 * Matches and stores the result before a report or review reads the stored matches; when the
 * data kept changing while it matched (another process writing without the lock), fails with
 * DB_LOCKED (exit 4: try again) rather than report on matches that are out of date.
 */
export function matchStored(db: Db, now: () => Date): MatchSummary {
  const s = runMatch(db, { now });
  if (s.notStored) throw new AuditError('DB_LOCKED', 'the data changed while matching, twice; run the command again', {}, { reason: 'data-changed' });
  return s;
}

/** True when files were imported since the last match. */
export function isMatchStale(db: Db): boolean {
  return getMeta(db, 'match_stale') !== '0';
}

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
  const found = period ? resolver.find(filters.unit.slice(0, period.index), iso(period[1]) ?? iso(period[2])) : resolver.find(filters.unit);
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
    filters: options.filters, statusTable: options.statusTable ?? buildStatusTable(), unitId, unitView, generatedAt: now().toISOString(), onProgress: options.onProgress,
  });
  return { report: options.baseDir ? withAuditPaths(opened.report, options.baseDir) : opened.report, close: opened.close, matchedNow };
}

/** Builds the whole report in memory (every finding in an array); runs the matcher first when imports happened since the last match. */
export function buildAuditReport(db: Db, options: ReportOptions): { report: Report; matchedNow: MatchSummary | null } {
  const opened = openAuditReport(db, options);
  try {
    return { report: materialize(opened.report), matchedNow: opened.matchedNow };
  } finally {
    opened.close();
  }
}

/** One line of `units list`. */
export interface UnitListing {
  code: string | null;
  name: string;
  official: boolean;
  aliases: string[];
  paperRows: number;
  systemDossiers: number;
  /** First and last day of the unit (ISO); null = open. */
  validFrom: string | null;
  validTo: string | null;
  /** The unit that took over from this one: code (or name when it has none). */
  successor: string | null;
}

/** Units with their aliases, periods, successors and row counts. */
export function listUnits(db: Db): UnitListing[] {
  const units = db
    .prepare(
      `SELECT u.id, u.code, u.name, u.official, u.valid_from AS validFrom, u.valid_to AS validTo,
         (SELECT COALESCE(s.code, s.name) FROM units s WHERE s.id = u.successor_id) AS successor,
         (SELECT COUNT(*) FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active' WHERE p.unit_id = u.id) AS paperRows,
         (SELECT COUNT(DISTINCT s.code_key) FROM system_rows s JOIN imports i ON i.id = s.import_id AND i.status = 'active' WHERE s.unit_id = u.id) AS systemDossiers
       FROM units u`,
    )
    .all() as Array<{ id: number; code: string | null; name: string; official: number; paperRows: number; systemDossiers: number; validFrom: string | null; validTo: string | null; successor: string | null }>;
  const aliases = db.prepare('SELECT unit_id AS unitId, alias FROM unit_aliases ORDER BY source, alias').all() as Array<{ unitId: number; alias: string }>;
  const collator = new Intl.Collator('vi');
  return units
    .map((u) => ({ code: u.code, name: u.name, official: u.official === 1, aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias), paperRows: u.paperRows, systemDossiers: u.systemDossiers,
      validFrom: u.validFrom, validTo: u.validTo, successor: u.successor }))
    .sort((a, b) => Number(b.official) - Number(a.official) || collator.compare(a.name, b.name) || (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
}
