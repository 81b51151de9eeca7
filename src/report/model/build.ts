/**
 * Builds the report model from loaded rows, in memory: pure and deterministic (same inputs, same
 * output, byte for byte). The streamed report (audit/report-stream.ts) does the same from the
 * database in bounded memory.
 */
import type { ScopeUnitInput } from './accumulate.js';
import type { StatusTable } from '../../normalize/status.js';
import type { DqReportRow, PaperReportRow, ReviewRow, SystemReportRow } from '../../core/report-rows.js';
import { duplicateCodeIssue, PaperIdAssigner, ReportAccumulator, type ShapeDossier } from './accumulate.js';
import type { RowShape } from './shapes.js';
import { compareFindings } from './order.js';
import { IndicatorTally, latestAsOf } from './indicators.js';
import { REPORT_SCHEMA, type Finding, type Report, type ReportFilters } from './types.js';

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

/**
 * Builds the report from loaded rows (in memory; `openStreamedReport` does the same from the database in bounded
 * memory).
 */
export function buildReport(input: ReportInput): Report {
  const acc = new ReportAccumulator(input);
  const indicators = new IndicatorTally({
    statusTable: input.statusTable,
    filters: input.filters,
    unitId: input.unitId,
    asOf: latestAsOf(input.system),
  });
  const findings: Finding[] = [];
  const ids = paperFindingIds(input.paper);
  for (const r of input.paper) {
    // A row linked only as a further row of its dossier, or as a batch row, is no dossier only on paper.
    const method = acc.linkMethod(r);
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
