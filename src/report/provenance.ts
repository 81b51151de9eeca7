/**
 * Where a report's figures come from: every imported file (with its SHA-256 and row counts),
 * the snapshot date, and the counts that tie out from imported rows to matched rows (per tier)
 * to unmatched ones. Pure: the store loads the rows, this arranges them.
 */
import type { ImportSourceRow, PaperReportRow, SystemReportRow } from '../store/queries.js';
import type { MatchMethod } from '../types.js';
import type { Report, ReportFilters } from './model.js';

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

/** What the provenance needs. */
export interface ProvenanceInput {
  report: Report;
  units: Array<{ id: number; name: string }>;
  sources: readonly ImportSourceRow[];
  paper: readonly PaperReportRow[];
  system: readonly SystemReportRow[];
  unitId: number | null;
  matchedAt: string | null;
}

/** Zeroed tie-out counts. */
export function emptyTieOut(): TieOutCounts {
  return { paperRecords: 0, matchedByCode: 0, matchedByFuzzy: 0, matchedManually: 0, unmatchedPaper: 0, systemRecords: 0, systemMatched: 0, systemUnmatched: 0 };
}

const TIER_KEY: Record<MatchMethod, keyof TieOutCounts> = { code: 'matchedByCode', fuzzy: 'matchedByFuzzy', manual: 'matchedManually' };

function inRange(date: string | null, f: ReportFilters): boolean {
  if (!f.from && !f.to) return true;
  if (date === null) return false;
  return (!f.from || date >= f.from) && (!f.to || date <= f.to);
}

/** Builds the provenance block with the model's scope rules (unit filter, received-date range). */
export function buildProvenance(input: ProvenanceInput): Provenance {
  const { report, unitId } = input;
  const filters = report.filters;
  const nameOf = new Map(input.units.map((u) => [u.id, u.name]));
  const unitName = (id: number) => nameOf.get(id) ?? String(id);
  const byUnit = new Map<string, TieOutCounts>(report.units.map((u) => [u.unit, emptyTieOut()]));
  const totals = emptyTieOut();
  const lineOf = (id: number) => {
    let c = byUnit.get(unitName(id));
    if (!c) byUnit.set(unitName(id), (c = emptyTieOut()));
    return c;
  };
  const dates: string[] = [];
  const wanted = (id: number | null) => id !== null && (unitId === null || id === unitId);

  for (const p of input.paper) {
    if (!wanted(p.unitId) || !inRange(p.receivedDate, filters)) continue;
    if (p.receivedDate) dates.push(p.receivedDate);
    for (const c of [lineOf(p.unitId), totals]) {
      c.paperRecords++;
      c[p.method ? TIER_KEY[p.method] : 'unmatchedPaper']++;
    }
  }
  let systemAsOf: string | null = null;
  for (const s of input.system) {
    if (!wanted(s.unitId) || !inRange(s.receivedDate, filters)) continue;
    if (s.receivedDate) dates.push(s.receivedDate);
    if (systemAsOf === null || s.asOf > systemAsOf) systemAsOf = s.asOf;
    for (const c of [lineOf(s.unitId!), totals]) {
      c.systemRecords++;
      c[s.matched > 0 ? 'systemMatched' : 'systemUnmatched']++;
    }
  }
  dates.sort();

  const sources: SourceInfo[] = input.sources
    .filter((s) => unitId === null || s.unitIds.includes(unitId))
    .map((s) => ({
      kind: s.kind, file: s.path, sha256: s.sha256, format: s.format, encoding: s.encoding,
      unit: s.unitId === null ? null : unitName(s.unitId), units: s.unitIds.map(unitName),
      rowsRead: s.rowsRead, rowsImported: s.rowsImported, rowsSkipped: s.rowsSkipped,
      coverageFrom: s.coverageFrom, coverageTo: s.coverageTo, asOf: s.asOf, asOfSource: s.asOfSource, importedAt: s.importedAt,
    }));

  return {
    sources,
    systemAsOf,
    matchedAt: input.matchedAt,
    dataFrom: dates[0] ?? null,
    dataTo: dates[dates.length - 1] ?? null,
    tieOut: { units: [...byUnit.entries()].map(([unit, c]) => ({ unit, ...c })), totals },
  };
}
