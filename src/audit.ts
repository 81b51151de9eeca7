/**
 * The library's operations: one function per CLI step. They take an open database and fully
 * defaulted options, return plain results, never print and never exit.
 */
import { AuditError, isAuditError } from './errors.js';
import { matchByCode } from './match/exact.js';
import { runTiers } from './match/pipeline.js';
import type { MatchTier } from './match/types.js';
import { buildStatusTable, type StatusTable } from './normalize/status.js';
import { buildReport, type Report, type ReportFilters } from './report/model.js';
import { getMeta, type Db } from './store/db.js';
import { importFile, type ImportOptions, type ImportResult } from './store/import.js';
import { loadCoverage, loadDqIssues, loadMatchInputs, loadPaperRows, loadSystemDossiers, loadUnits, saveMatches } from './store/queries.js';
import { UnitResolver } from './store/units.js';
import type { MatchMethod } from './types.js';

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
      if (e.code === 'UNIT_REQUIRED' || e.code === 'DB_LOCKED' || e.code === 'DB_READONLY' || e.code === 'DB_FULL') throw e;
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
}

/** The tiers used today, in order. */
export const DEFAULT_TIERS: readonly MatchTier[] = [matchByCode];

/** Links paper rows to system dossiers and stores the links (replacing earlier ones). */
export function runMatch(db: Db, options: { now?: () => Date; tiers?: readonly MatchTier[] } = {}): MatchSummary {
  const now = options.now ?? (() => new Date());
  const { paper, system } = loadMatchInputs(db);
  const links = runTiers(paper, system, options.tiers ?? DEFAULT_TIERS);
  saveMatches(db, links, now().toISOString());
  const matched: Record<MatchMethod, number> = { code: 0, fuzzy: 0, manual: 0 };
  for (const l of links) matched[l.method]++;
  return { paperRows: paper.length, systemDossiers: system.length, matched, unmatchedPaper: paper.length - links.length, unmatchedSystem: system.length - links.length };
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
}

/** Builds the report; runs the matcher first when imports happened since the last match. */
export function buildAuditReport(db: Db, options: ReportOptions): { report: Report; matchedNow: MatchSummary | null } {
  const now = options.now ?? (() => new Date());
  const matchedNow = isMatchStale(db) ? runMatch(db, { now }) : null;
  let unitId: number | null = null;
  if (options.filters.unit) {
    const found = new UnitResolver(db).find(options.filters.unit);
    if (!found) throw new AuditError('UNIT_UNKNOWN', `unknown unit: ${options.filters.unit}`, { hint: 'motcua-audit units list' }, { unit: options.filters.unit });
    unitId = found.id;
  }
  const report = buildReport({
    units: loadUnits(db),
    paper: loadPaperRows(db),
    system: loadSystemDossiers(db),
    coverage: loadCoverage(db),
    dq: loadDqIssues(db),
    statusTable: options.statusTable ?? buildStatusTable(),
    filters: options.filters,
    unitId,
    generatedAt: now().toISOString(),
  });
  return { report, matchedNow };
}

/** One line of `units list`. */
export interface UnitListing {
  code: string | null;
  name: string;
  official: boolean;
  aliases: string[];
  paperRows: number;
  systemDossiers: number;
}

/** Units with their aliases and row counts. */
export function listUnits(db: Db): UnitListing[] {
  const units = db
    .prepare(
      `SELECT u.id, u.code, u.name, u.official,
         (SELECT COUNT(*) FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active' WHERE p.unit_id = u.id) AS paperRows,
         (SELECT COUNT(DISTINCT s.code_key) FROM system_rows s JOIN imports i ON i.id = s.import_id AND i.status = 'active' WHERE s.unit_id = u.id) AS systemDossiers
       FROM units u`,
    )
    .all() as Array<{ id: number; code: string | null; name: string; official: number; paperRows: number; systemDossiers: number }>;
  const aliases = db.prepare('SELECT unit_id AS unitId, alias FROM unit_aliases ORDER BY source, alias').all() as Array<{ unitId: number; alias: string }>;
  const collator = new Intl.Collator('vi');
  return units
    .map((u) => ({ code: u.code, name: u.name, official: u.official === 1, aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias), paperRows: u.paperRows, systemDossiers: u.systemDossiers }))
    .sort((a, b) => Number(b.official) - Number(a.official) || collator.compare(a.name, b.name));
}
