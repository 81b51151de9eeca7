import {
  duplicateCodeIssue,
  PaperIdAssigner,
  ReportAccumulator,
  type ShapeDossier,
} from '../report/model/accumulate.js';
import { buildRowShapes, type RowShape } from '../report/model/shapes.js';
import { loadShapeLinks } from '../store/shape-store.js';
import type { FindingSet, StreamedReport } from '../report/model/finding-set.js';
import type { Section } from '../i18n/index.js';
import { type Finding, REPORT_SCHEMA, type ReportFilters } from '../report/model/types.js';
import { categoryRank, CollationRanks, compareTieBreak } from '../report/model/order.js';
import { TieOutTally } from '../report/model/provenance.js';
import { TimelinessTally } from '../report/model/timeliness.js';
import { IndicatorTally } from '../report/model/indicators.js';
import type { StatusTable } from '../normalize/status.js';
import { scopeUnits, unitRollUp, type ScopeUnit, type UnitView } from '../report/model/unit-view.js';
import { UnitTimeline } from '../core/unit-timeline.js';
import { loadUnitPeriods } from '../store/unit-periods.js';
import type { Db } from '../store/db.js';
import { getMeta } from '../store/db.js';
import {
  loadCoverage,
  loadSystemCoverage,
  loadImportSources,
  loadMatchReasons,
  paperReportRow,
  systemReportRow,
} from '../store/row-reads.js';
import { FindingStore, type StoredFindingRow } from '../store/finding-store.js';
import {
  countRowsToRead,
  createLatestTable,
  discardLatestTable,
  dropLatestTable,
  iterateDqIssues,
  iterateDuplicateCodeRows,
  iteratePaperReportRows,
  iterateSystemReportRows,
  latestDossierLookup,
  loadLatestSystemAsOf,
  loadReportReview,
  loadSheetNames,
} from '../store/report-reads.js';

/** What a streamed report is built from. */
export interface StreamedReportOptions {
  filters: ReportFilters;
  statusTable: StatusTable;
  /** Unit id the --unit filter resolved to (with `current`, a unit of today). */
  unitId: number | null;
  /** Units as received (default) or rolled into today's (`report --units current`). */
  unitView?: UnitView;
  generatedAt: string;
  /** Rows read so far of all there are to read (every few thousand rows, and once at the end). */
  onProgress?: (done: number, total: number) => void;
}

/** Rows between two progress calls. */
const PROGRESS_EVERY = 5_000;

/**
 * The units of a report's scope as it names them (with their period where they have one; `current`: today's,
 * predecessors named).
 */
export function loadReportUnits(db: Db, view: UnitView = 'received'): ScopeUnit[] {
  const periods = loadUnitPeriods(db);
  return scopeUnits(periods, new UnitTimeline(periods), view);
}

/** A streamed report and the temporary store behind its findings (close it when written). */
export interface OpenReport {
  report: StreamedReport;
  close(): void;
}

/** The rows that are not one-to-one and their dossiers' latest states (after createLatestTable). */
export function loadReportShapes(db: Db): { shapes: Map<number, RowShape>; dossiers: Map<string, ShapeDossier> } {
  const shapes = buildRowShapes(loadShapeLinks(db));
  const dossiers = new Map<string, ShapeDossier>();
  if (shapes.size === 0) return { shapes, dossiers };
  const one = latestDossierLookup(db);
  for (const s of shapes.values()) {
    for (const k of s.dossiers) {
      if (dossiers.has(k)) continue;
      const d: ShapeDossier | undefined = one(k);
      if (d) dossiers.set(k, d);
    }
  }
  return { shapes, dossiers };
}

/**
 * Builds the report head and stores its findings. The caller must `close()` the result (which
 * deletes the temporary store); the database must not change while it is open.
 */
export function openStreamedReport(db: Db, o: StreamedReportOptions): OpenReport {
  createLatestTable(db);
  let store: FindingStore | null = null;
  try {
    const periods = loadUnitPeriods(db);
    const timeline = new UnitTimeline(periods);
    const view = o.unitView ?? 'received';
    // Names for every unit (sources, tie-out); the view's units (today's with `current`) for the counters.
    const units = scopeUnits(periods, timeline, 'received');
    const roll = unitRollUp(timeline, view);
    const review = loadReportReview(db);
    const { shapes, dossiers } = loadReportShapes(db);
    const acc = new ReportAccumulator({
      units: view === 'received' ? units : scopeUnits(periods, timeline, view),
      coverage: loadCoverage(db),
      systemCoverage: loadSystemCoverage(db),
      review,
      statusTable: o.statusTable,
      filters: o.filters,
      unitId: o.unitId,
      rollUp: roll,
      shapes,
      dossiers,
    });
    const timeliness = new TimelinessTally({ units, statusTable: o.statusTable, filters: o.filters, unitId: o.unitId });
    const tieOut = new TieOutTally({ units, filters: o.filters, unitId: o.unitId });
    // The data's as-of (the latest system snapshot), whatever the filters: open-and-overdue is judged on it.
    // (= MAX(as_of) of the dossiers' latest states, since a row's as-of is its import's, without scanning them.)
    const asOf = loadLatestSystemAsOf(db);
    const indicators = new IndicatorTally({ statusTable: o.statusTable, filters: o.filters, unitId: o.unitId, asOf });
    const collator = new Intl.Collator('vi');
    const sources = loadImportSources(db).map((s) =>
      roll
        ? { ...s, unitId: s.unitId === null ? null : roll(s.unitId), unitIds: [...new Set(s.unitIds.map(roll))] }
        : s,
    );
    const unitRanks = new CollationRanks(acc.unitNames(), collator);
    const fileRanks = new CollationRanks(['', ...sources.map((s) => s.path)], collator);
    const sheetNames = loadSheetNames(db).map((s) => s ?? '');
    const sheetRanks = new CollationRanks(['', ...sheetNames], collator);

    const stored = (store = new FindingStore());
    const counts = new Map<Section | 'all', number>();
    const count = (k: Section | 'all') => counts.set(k, (counts.get(k) ?? 0) + 1);
    const put = (f: Finding | null) => {
      if (!f) return;
      const review = f.review !== undefined && f.review !== null;
      stored.insert(
        unitRanks.of(f.unit),
        categoryRank(f.category),
        fileRanks.of(f.paper?.file ?? ''),
        sheetRanks.of(f.paper?.sheet ?? ''),
        f.paper?.row ?? 0,
        review ? 1 : 0,
        f.system?.code ?? '',
        f.rule ?? '',
        f.id,
        JSON.stringify(f),
      );
      count('all');
      count(f.category as Section); // findings are never closed or in_progress
      if (review) count('review');
    };
    const total = o.onProgress ? countRowsToRead(db) : 0;
    let read = 0;
    const tick = o.onProgress
      ? () => void (++read % PROGRESS_EVERY === 0 && o.onProgress!(read, total))
      : () => undefined;
    stored.transaction(() => {
      const ids = new PaperIdAssigner();
      const reasons = loadMatchReasons(db);
      // Raw rows made objects here: see paperReportRow.
      for (const a of iteratePaperReportRows(db)) {
        const row = paperReportRow(a, reasons);
        // The finding id is the row's own (as received), whatever the view.
        const id = ids.next(row);
        const rolled = roll ? { ...row, unitId: roll(row.unitId) } : row;
        // A row linked only as a second row of its dossier, or as a batch row, is matched in the tie-out too.
        // The indicators likewise: such a row is not a dossier only on paper (its dossier is counted with the
        // system's).
        const method = acc.linkMethod(row);
        const linked = method === rolled.method ? rolled : { ...rolled, method };
        tieOut.paper(linked);
        indicators.paper(linked);
        put(acc.paper(row, id));
        tick();
      }
      for (const f of acc.finishShapes()) put(f);
      for (const a of iterateSystemReportRows(db)) {
        const row = systemReportRow(a);
        const s = roll && row.unitId !== null ? { ...row, unitId: roll(row.unitId) } : row;
        const bucket = timeliness.add(s);
        tieOut.system(s);
        indicators.system(s, bucket);
        put(acc.system(row));
        tick();
      }
      for (const q of iterateDqIssues(db)) {
        put(acc.dataQuality(q));
        tick();
      }
      for (const r of iterateDuplicateCodeRows(db)) put(acc.dataQuality(duplicateCodeIssue(r)));
    });
    o.onProgress?.(total, total);
    dropLatestTable(db);
    stored.index();

    const { units: unitLines, totals } = acc.summary(collator);
    indicators.attach(unitLines, totals, (id) => acc.unitName(id));
    const order = unitLines.map((u) => u.unit);
    const opened = store;
    const findings = findingSet(opened, counts);
    const report: StreamedReport = {
      schema: REPORT_SCHEMA,
      generatedAt: o.generatedAt,
      filters: o.filters,
      ...(view === 'current' ? { unitView: view } : {}),
      totals,
      units: unitLines,
      findings,
      timeliness: timeliness.block(order),
      provenance: tieOut.finish(order, sources, getMeta(db, 'matched_at')),
    };
    return { report, close: () => opened.close() };
  } catch (e) {
    store?.close();
    discardLatestTable(db);
    throw e;
  }
}

/** The findings read back in report order; rows that tie on the ranked keys are finished in memory. */
function findingSet(store: FindingStore, counts: Map<Section | 'all', number>): FindingSet {
  const { all, category: byCategory, review } = store.readers();
  return {
    count: (section) => counts.get(section ?? 'all') ?? 0,
    *iterate(section) {
      const rows = section === undefined ? all() : section === 'review' ? review() : byCategory(categoryRank(section));
      let group: StoredFindingRow[] = [];
      const flush = function* () {
        if (group.length > 1)
          group.sort((a, b) =>
            compareTieBreak({ code: a[5], rule: a[6], id: a[7] }, { code: b[5], rule: b[6], id: b[7] }),
          );
        for (const g of group) yield JSON.parse(g[8]) as Finding;
        group = [];
      };
      for (const row of rows) {
        const last = group[group.length - 1];
        if (
          last &&
          (last[0] !== row[0] || last[1] !== row[1] || last[2] !== row[2] || last[3] !== row[3] || last[4] !== row[4])
        )
          yield* flush();
        group.push(row);
      }
      yield* flush();
    },
  };
}
