/**
 * Where a report's figures come from: every imported file (with its SHA-256 and row counts),
 * the snapshot date, and the counts that tie out from imported rows to matched rows (per tier)
 * to unmatched ones. Pure: the store loads the rows, this arranges them.
 */
import type { ImportSourceRow, PaperReportRow, SystemReportRow } from '../../core/report-rows.js';
import type { MatchMethod } from '../../types.js';
import { inRange } from './accumulate.js';
import type { Report, ReportFilters } from './types.js';
import type { TieOutCounts, Provenance } from './types.js';
export type { TieOutCounts, Provenance } from './types.js';

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
  return {
    paperRecords: 0,
    matchedByCode: 0,
    matchedByFuzzy: 0,
    matchedManually: 0,
    unmatchedPaper: 0,
    systemRecords: 0,
    systemMatched: 0,
    systemUnmatched: 0,
  };
}

const TIER_KEY: Record<MatchMethod, keyof TieOutCounts> = {
  code: 'matchedByCode',
  fuzzy: 'matchedByFuzzy',
  manual: 'matchedManually',
};

/** The tie-out counts, data range and snapshot date, counted one row at a time. */
export class TieOutTally {
  private readonly nameOf: Map<number, string>;
  private readonly byUnit = new Map<string, TieOutCounts>();
  private readonly totals = emptyTieOut();
  private dataFrom: string | null = null;
  private dataTo: string | null = null;
  private systemAsOf: string | null = null;

  constructor(
    private readonly scope: {
      units: Array<{ id: number; name: string }>;
      filters: ReportFilters;
      unitId: number | null;
    },
  ) {
    this.nameOf = new Map(scope.units.map((u) => [u.id, u.name]));
  }

  private unitName(id: number): string {
    return this.nameOf.get(id) ?? String(id);
  }

  private lineOf(id: number): TieOutCounts {
    let c = this.byUnit.get(this.unitName(id));
    if (!c) this.byUnit.set(this.unitName(id), (c = emptyTieOut()));
    return c;
  }

  private wanted(id: number | null): id is number {
    return id !== null && (this.scope.unitId === null || id === this.scope.unitId);
  }

  private seen(date: string | null): void {
    if (!date) return;
    if (this.dataFrom === null || date < this.dataFrom) this.dataFrom = date;
    if (this.dataTo === null || date > this.dataTo) this.dataTo = date;
  }

  /** Counts a paper row. */
  paper(p: Pick<PaperReportRow, 'unitId' | 'receivedDate' | 'method'>): void {
    if (!this.wanted(p.unitId) || !inRange(p.receivedDate, this.scope.filters)) return;
    this.seen(p.receivedDate);
    for (const c of [this.lineOf(p.unitId), this.totals]) {
      c.paperRecords++;
      c[p.method ? TIER_KEY[p.method] : 'unmatchedPaper']++;
    }
  }

  /** Counts a system dossier. */
  system(s: Pick<SystemReportRow, 'unitId' | 'receivedDate' | 'asOf' | 'matched'>): void {
    if (!this.wanted(s.unitId) || !inRange(s.receivedDate, this.scope.filters)) return;
    this.seen(s.receivedDate);
    if (this.systemAsOf === null || s.asOf > this.systemAsOf) this.systemAsOf = s.asOf;
    for (const c of [this.lineOf(s.unitId), this.totals]) {
      c.systemRecords++;
      c[s.matched > 0 ? 'systemMatched' : 'systemUnmatched']++;
    }
  }

  /** The provenance block: units in `order` (the report's) first, then any other. */
  finish(order: readonly string[], sources: readonly ImportSourceRow[], matchedAt: string | null): Provenance {
    const unitId = this.scope.unitId;
    const lines = new Map<string, TieOutCounts>(order.map((n) => [n, emptyTieOut()]));
    for (const [name, c] of this.byUnit) lines.set(name, c);
    const unitName = (id: number) => this.unitName(id);
    return {
      sources: sources
        .filter((s) => unitId === null || s.unitIds.includes(unitId))
        .map((s) => ({
          kind: s.kind,
          file: s.path,
          sha256: s.sha256,
          format: s.format,
          encoding: s.encoding,
          unit: s.unitId === null ? null : unitName(s.unitId),
          units: s.unitIds.map(unitName),
          rowsRead: s.rowsRead,
          rowsImported: s.rowsImported,
          rowsSkipped: s.rowsSkipped,
          coverageFrom: s.coverageFrom,
          coverageTo: s.coverageTo,
          asOf: s.asOf,
          asOfSource: s.asOfSource,
          importedAt: s.importedAt,
        })),
      systemAsOf: this.systemAsOf,
      matchedAt,
      dataFrom: this.dataFrom,
      dataTo: this.dataTo,
      tieOut: { units: [...lines.entries()].map(([unit, c]) => ({ unit, ...c })), totals: { ...this.totals } },
    };
  }
}

/** Builds the provenance block with the model's scope rules (unit filter, received-date range). */
export function buildProvenance(input: ProvenanceInput): Provenance {
  const tally = new TieOutTally({ units: input.units, filters: input.report.filters, unitId: input.unitId });
  for (const p of input.paper) tally.paper(p);
  for (const s of input.system) tally.system(s);
  return tally.finish(
    input.report.units.map((u) => u.unit),
    input.sources,
    input.matchedAt,
  );
}
