/**
 * The report streamed from the database in bounded memory: every row is read once with an
 * iterator, counted (`ReportAccumulator`, timeliness, tie-out) and its finding written to a private
 * temporary database (deleted when closed), indexed by the report order; the writers then read the
 * findings back in order, one section at a time. Only the counters, the review candidates and one
 * id per paper row stay in memory, so a million findings cost disk, not RAM.
 */
import Database from 'better-sqlite3';
import { PaperIdAssigner, ReportAccumulator, duplicateCodeIssue, type ShapeDossier } from '../report/accumulate.js';
import { buildRowShapes, type RowShape } from '../report/shapes.js';
import { loadShapeLinks } from './shape-store.js';
import type { FindingSet, StreamedReport } from '../report/finding-set.js';
import type { Section } from '../i18n/index.js';
import type { Finding, ReportFilters } from '../report/model.js';
import { categoryRank, CollationRanks, compareTieBreak } from '../report/order.js';
import { TieOutTally } from '../report/provenance.js';
import { TimelinessTally } from '../report/timeliness.js';
import { IndicatorTally } from '../report/indicators.js';
import { REPORT_SCHEMA } from '../report/model.js';
import type { StatusTable } from '../normalize/status.js';
import { scopeUnits, unitRollUp, type ScopeUnit, type UnitView } from '../report/unit-view.js';
import { loadUnitPeriods, UnitTimeline } from './unit-timeline.js';
import type { Db } from './db.js';
import type { ReviewRow } from './match-store.js';
import { getMeta } from './db.js';
import { DQ_ISSUES_SQL, loadCoverage, loadSystemCoverage, loadImportSources, loadMatchReasons, LATEST_SYSTEM_SQL, PAPER_REPORT_COLUMNS, paperReportRow, SYSTEM_REPORT_COLUMNS, systemReportRow, type DqReportRow } from './queries.js';

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

/** The rows the report reads: paper rows, dossiers, data-quality issues of active imports. */
const ROWS_TO_READ_SQL = `
  SELECT (SELECT COUNT(*) FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active')
       + (SELECT COUNT(*) FROM temp.report_latest)
       + (SELECT COUNT(*) FROM dq_issues q JOIN imports i ON i.id = q.import_id AND i.status = 'active')`;

/** The units of a report's scope as it names them (with their period where they have one; `current`: today's, predecessors named). */
export function loadReportUnits(db: Db, view: UnitView = 'received'): ScopeUnit[] {
  const periods = loadUnitPeriods(db);
  return scopeUnits(periods, new UnitTimeline(periods), view);
}

/** A streamed report and the temporary store behind its findings (close it when written). */
export interface OpenReport {
  report: StreamedReport;
  close(): void;
}

// CROSS JOIN: paper_rows is read in id order (no sort of a million wide rows), imports looked up.
export const PAPER_SQL = `
  SELECT ${PAPER_REPORT_COLUMNS}
  FROM paper_rows p
  CROSS JOIN imports i ON i.id = p.import_id AND i.status = 'active'
  LEFT JOIN matches m ON m.paper_row_id = p.id
  LEFT JOIN temp.report_latest s ON s.code_key = m.system_code_key
  ORDER BY p.id`;

export const SYSTEM_SQL = `SELECT ${SYSTEM_REPORT_COLUMNS} FROM temp.report_latest s ORDER BY s.code_key`;

/** Paper rows whose code an earlier row (lower id) already has: the duplicate_code issues. */
const DUPLICATE_SQL = `
  SELECT id, file, baseName, sheet, rowNumber, code, unitId, receivedDate FROM (
    SELECT p.id, i.path AS file, i.base_name AS baseName, p.sheet, p.row_number AS rowNumber, p.code, p.unit_id AS unitId,
           p.received_date AS receivedDate, ROW_NUMBER() OVER (PARTITION BY p.code_key ORDER BY p.id) AS n
    FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active'
    WHERE p.code_key IS NOT NULL
  ) WHERE n > 1 ORDER BY id`;

/** The review candidates of the last match, with their dossier's latest state. */
const REVIEW_SQL = `
  SELECT r.paper_row_id AS paperId, r.system_code_key AS systemCodeKey, r.rank, r.score, r.reasons_json AS reasonsJson,
         s.code, s.unit_id AS unitId, s.applicant, s.procedure, s.received_date AS receivedDate, s.returned_date AS returnedDate, s.status
  FROM review_candidates r JOIN temp.report_latest s ON s.code_key = r.system_code_key
  ORDER BY r.paper_row_id, r.rank`;

const KEY_COLUMNS = 'unit_rank, cat, file_rank, sheet_rank, row_no';
const STORED_COLUMNS = 'unit_rank, cat, file_rank, sheet_rank, row_no, code, rule, id, json';

/** The rows that are not one-to-one and their dossiers' latest states (after createLatestTable). */
export function loadReportShapes(db: Db): { shapes: Map<number, RowShape>; dossiers: Map<string, ShapeDossier> } {
  const shapes = buildRowShapes(loadShapeLinks(db));
  const dossiers = new Map<string, ShapeDossier>();
  if (shapes.size === 0) return { shapes, dossiers };
  const one = db.prepare('SELECT code, status, as_of AS asOf, received_date AS receivedDate, returned_date AS returnedDate FROM temp.report_latest WHERE code_key = ?');
  for (const s of shapes.values()) {
    for (const k of s.dossiers) {
      if (dossiers.has(k)) continue;
      const d = one.get(k) as ShapeDossier | undefined;
      if (d) dossiers.set(k, d);
    }
  }
  return { shapes, dossiers };
}

/** The latest state of every dossier (temp.report_latest), computed once for the queries that join it. */
export function createLatestTable(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.report_latest');
  db.exec(`CREATE TEMP TABLE report_latest AS
             SELECT code_key, code, unit_id, applicant, procedure, received_date, due_date, result_date, returned_date, status, as_of, file, sheet, row_number
             FROM (${LATEST_SYSTEM_SQL})`);
  db.exec('CREATE UNIQUE INDEX temp.report_latest_key ON report_latest(code_key)');
}

/**
 * Builds the report head and stores its findings. The caller must `close()` the result (which
 * deletes the temporary store); the database must not change while it is open.
 */
export function openStreamedReport(db: Db, o: StreamedReportOptions): OpenReport {
  createLatestTable(db);
  let store: Database.Database | null = null;
  try {
    const periods = loadUnitPeriods(db);
    const timeline = new UnitTimeline(periods);
    const view = o.unitView ?? 'received';
    // Names for every unit (sources, tie-out); the view's units (today's with `current`) for the counters.
    const units = scopeUnits(periods, timeline, 'received');
    const roll = unitRollUp(timeline, view);
    const review = db.prepare(REVIEW_SQL).all() as ReviewRow[];
    const { shapes, dossiers } = loadReportShapes(db);
    const acc = new ReportAccumulator({
      units: view === 'received' ? units : scopeUnits(periods, timeline, view), coverage: loadCoverage(db), systemCoverage: loadSystemCoverage(db), review, statusTable: o.statusTable, filters: o.filters, unitId: o.unitId, rollUp: roll, shapes, dossiers,
    });
    const timeliness = new TimelinessTally({ units, statusTable: o.statusTable, filters: o.filters, unitId: o.unitId });
    const tieOut = new TieOutTally({ units, filters: o.filters, unitId: o.unitId });
    // The data's as-of (the latest system snapshot), whatever the filters: open-and-overdue is judged on it.
    // (= MAX(as_of) of the dossiers' latest states, since a row's as-of is its import's, without scanning them.)
    const asOf = db
      .prepare("SELECT MAX(i.as_of) FROM imports i WHERE i.kind = 'system' AND i.status = 'active' AND EXISTS (SELECT 1 FROM system_rows s WHERE s.import_id = i.id)")
      .pluck()
      .get() as string | null;
    const indicators = new IndicatorTally({ statusTable: o.statusTable, filters: o.filters, unitId: o.unitId, asOf });
    const collator = new Intl.Collator('vi');
    const sources = loadImportSources(db).map((s) => (roll ? { ...s, unitId: s.unitId === null ? null : roll(s.unitId), unitIds: [...new Set(s.unitIds.map(roll))] } : s));
    const unitRanks = new CollationRanks(acc.unitNames(), collator);
    const fileRanks = new CollationRanks(['', ...sources.map((s) => s.path)], collator);
    const sheetNames = (db.prepare('SELECT DISTINCT sheet FROM paper_rows UNION SELECT DISTINCT sheet FROM dq_issues').pluck().all() as Array<string | null>).map((s) => s ?? '');
    const sheetRanks = new CollationRanks(['', ...sheetNames], collator);

    store = new Database('');
    store.pragma('journal_mode = OFF');
    store.pragma('synchronous = OFF');
    store.pragma('cache_size = -32000');
    store.exec(`CREATE TABLE findings (seq INTEGER PRIMARY KEY, unit_rank INTEGER NOT NULL, cat INTEGER NOT NULL, file_rank INTEGER NOT NULL,
                  sheet_rank INTEGER NOT NULL, row_no INTEGER NOT NULL, review INTEGER NOT NULL, code TEXT NOT NULL, rule TEXT NOT NULL,
                  id TEXT NOT NULL, json TEXT NOT NULL)`);
    const insert = store.prepare(`INSERT INTO findings(${KEY_COLUMNS}, review, code, rule, id, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const counts = new Map<Section | 'all', number>();
    const count = (k: Section | 'all') => counts.set(k, (counts.get(k) ?? 0) + 1);
    const put = (f: Finding | null) => {
      if (!f) return;
      const review = f.review !== undefined && f.review !== null;
      insert.run(
        unitRanks.of(f.unit), categoryRank(f.category), fileRanks.of(f.paper?.file ?? ''), sheetRanks.of(f.paper?.sheet ?? ''), f.paper?.row ?? 0,
        review ? 1 : 0, f.system?.code ?? '', f.rule ?? '', f.id, JSON.stringify(f),
      );
      count('all');
      count(f.category as Section); // findings are never closed or in_progress
      if (review) count('review');
    };
    const total = o.onProgress ? (db.prepare(ROWS_TO_READ_SQL).pluck().get() as number) : 0;
    let read = 0;
    const tick = o.onProgress ? () => void (++read % PROGRESS_EVERY === 0 && o.onProgress!(read, total)) : () => undefined;
    store.transaction(() => {
      const ids = new PaperIdAssigner();
      const reasons = loadMatchReasons(db);
      // Raw rows made objects here: see paperReportRow.
      for (const a of db.prepare(PAPER_SQL).raw().iterate() as IterableIterator<unknown[]>) {
        const row = paperReportRow(a, reasons);
        // The finding id is the row's own (as received), whatever the view.
        const id = ids.next(row);
        const rolled = roll ? { ...row, unitId: roll(row.unitId) } : row;
        // A row linked only as a second row of its dossier, or as a batch row, is matched in the tie-out too.
        const method = row.method ?? acc.linkMethod(row);
        tieOut.paper(method === rolled.method ? rolled : { ...rolled, method });
        indicators.paper(rolled);
        put(acc.paper(row, id));
        tick();
      }
      for (const f of acc.finishShapes()) put(f);
      for (const a of db.prepare(SYSTEM_SQL).raw().iterate() as IterableIterator<unknown[]>) {
        const row = systemReportRow(a);
        const s = roll && row.unitId !== null ? { ...row, unitId: roll(row.unitId) } : row;
        const bucket = timeliness.add(s);
        tieOut.system(s);
        indicators.system(s, bucket);
        put(acc.system(row));
        tick();
      }
      for (const q of db.prepare(DQ_ISSUES_SQL).iterate() as IterableIterator<DqReportRow>) {
        put(acc.dataQuality(q));
        tick();
      }
      for (const r of db.prepare(DUPLICATE_SQL).iterate() as IterableIterator<Parameters<typeof duplicateCodeIssue>[0]>) put(acc.dataQuality(duplicateCodeIssue(r)));
    })();
    o.onProgress?.(total, total);
    db.exec('DROP TABLE temp.report_latest');
    // The two orders the writers read: the whole report, and one category at a time.
    store.exec(`CREATE INDEX findings_order ON findings(${KEY_COLUMNS}, seq)`);
    store.exec('CREATE INDEX findings_section ON findings(cat, unit_rank, file_rank, sheet_rank, row_no, seq)');

    const { units: unitLines, totals } = acc.summary(collator);
    indicators.attach(unitLines, totals, (id) => acc.unitName(id));
    const order = unitLines.map((u) => u.unit);
    const opened = store;
    const findings = findingSet(opened, counts);
    const report: StreamedReport = {
      schema: REPORT_SCHEMA, generatedAt: o.generatedAt, filters: o.filters, ...(view === 'current' ? { unitView: view } : {}), totals, units: unitLines, findings,
      timeliness: timeliness.block(order),
      provenance: tieOut.finish(order, sources, getMeta(db, 'matched_at')),
    };
    return { report, close: () => opened.close() };
  } catch (e) {
    store?.close();
    db.exec('DROP TABLE IF EXISTS temp.report_latest');
    throw e;
  }
}

type StoredRow = [number, number, number, number, number, string, string, string, string];

/** The findings read back in report order; rows that tie on the ranked keys are finished in memory. */
function findingSet(store: Database.Database, counts: Map<Section | 'all', number>): FindingSet {
  const all = store.prepare(`SELECT ${STORED_COLUMNS} FROM findings ORDER BY ${KEY_COLUMNS}, seq`).raw();
  const byCategory = store.prepare(`SELECT ${STORED_COLUMNS} FROM findings WHERE cat = ? ORDER BY cat, unit_rank, file_rank, sheet_rank, row_no, seq`).raw();
  const review = store.prepare(`SELECT ${STORED_COLUMNS} FROM findings WHERE review = 1 ORDER BY ${KEY_COLUMNS}, seq`).raw();
  return {
    count: (section) => counts.get(section ?? 'all') ?? 0,
    *iterate(section) {
      const rows = (section === undefined ? all.iterate() : section === 'review' ? review.iterate() : byCategory.iterate(categoryRank(section))) as IterableIterator<StoredRow>;
      let group: StoredRow[] = [];
      const flush = function* () {
        if (group.length > 1) group.sort((a, b) => compareTieBreak({ code: a[5], rule: a[6], id: a[7] }, { code: b[5], rule: b[6], id: b[7] }));
        for (const g of group) yield JSON.parse(g[8]) as Finding;
        group = [];
      };
      for (const row of rows) {
        const last = group[group.length - 1];
        if (last && (last[0] !== row[0] || last[1] !== row[1] || last[2] !== row[2] || last[3] !== row[3] || last[4] !== row[4])) yield* flush();
        group.push(row);
      }
      yield* flush();
    },
  };
}
