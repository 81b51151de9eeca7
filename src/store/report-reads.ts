/**
 * The queries of the streamed report (audit/report-stream.ts): the latest state of every dossier
 * computed once into `temp.report_latest`, then paper rows, dossiers, data-quality issues and
 * repeated codes read with iterators (raw rows made objects by the caller: see paperReportRow).
 */
import type { ReviewRow } from '../core/report-rows.js';
import type { Db } from './db.js';
import {
  DQ_ISSUES_SQL,
  LATEST_SYSTEM_SQL,
  PAPER_REPORT_COLUMNS,
  SYSTEM_REPORT_COLUMNS,
  type DqReportRow,
} from './row-reads.js';

/** The rows the report reads: paper rows, dossiers, data-quality issues of active imports. */
const ROWS_TO_READ_SQL = `
  SELECT (SELECT COUNT(*) FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active')
       + (SELECT COUNT(*) FROM temp.report_latest)
       + (SELECT COUNT(*) FROM dq_issues q JOIN imports i ON i.id = q.import_id AND i.status = 'active')`;

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
  SELECT id, file, baseName, sheet, rowNumber, code, unitId, receivedDate, codeKey, applicant, procedure FROM (
    SELECT p.id, i.path AS file, i.base_name AS baseName, p.sheet, p.row_number AS rowNumber, p.code, p.unit_id AS unitId,
           p.received_date AS receivedDate, p.code_key AS codeKey, p.applicant, p.procedure, ROW_NUMBER() OVER (PARTITION BY p.code_key ORDER BY p.id) AS n
    FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active'
    WHERE p.code_key IS NOT NULL
  ) WHERE n > 1 ORDER BY id`;

/** The review candidates of the last match, with their dossier's latest state. */
const REVIEW_SQL = `
  SELECT r.paper_row_id AS paperId, r.system_code_key AS systemCodeKey, r.rank, r.score, r.reasons_json AS reasonsJson,
         s.code, s.unit_id AS unitId, s.applicant, s.procedure, s.received_date AS receivedDate, s.returned_date AS returnedDate, s.status
  FROM review_candidates r JOIN temp.report_latest s ON s.code_key = r.system_code_key
  ORDER BY r.paper_row_id, r.rank`;

/** A paper row whose code an earlier row already has (the duplicate_code issue's row). */
export interface DuplicateCodeRow {
  id: number;
  file: string;
  baseName: string;
  sheet: string | null;
  rowNumber: number;
  code: string | null;
  unitId: number;
  receivedDate: string | null;
  codeKey: string | null;
  applicant: string | null;
  procedure: string | null;
}

/** The latest state of every dossier (temp.report_latest), computed once for the queries that join it. */
export function createLatestTable(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.report_latest');
  db.exec(`CREATE TEMP TABLE report_latest AS
             SELECT code_key, code, unit_id, applicant, procedure, received_date, due_date, result_date, returned_date, status, as_of, file, sheet, row_number
             FROM (${LATEST_SYSTEM_SQL})`);
  db.exec('CREATE UNIQUE INDEX temp.report_latest_key ON report_latest(code_key)');
}

/** Drops temp.report_latest once the report has read it. */
export function dropLatestTable(db: Db): void {
  db.exec('DROP TABLE temp.report_latest');
}

/** Drops temp.report_latest if it is there (a report that failed half-way). */
export function discardLatestTable(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.report_latest');
}

/** The latest state of one dossier by code key (after createLatestTable). */
export function latestDossierLookup(db: Db): (codeKey: string) =>
  | {
      code: string;
      status: string | null;
      asOf: string | null;
      receivedDate: string | null;
      returnedDate: string | null;
    }
  | undefined {
  const one = db.prepare(
    'SELECT code, status, as_of AS asOf, received_date AS receivedDate, returned_date AS returnedDate FROM temp.report_latest WHERE code_key = ?',
  );
  return (k) =>
    one.get(k) as
      | {
          code: string;
          status: string | null;
          asOf: string | null;
          receivedDate: string | null;
          returnedDate: string | null;
        }
      | undefined;
}

/** The review candidates of the last match, with their dossier's latest state (after createLatestTable). */
export function loadReportReview(db: Db): ReviewRow[] {
  return db.prepare(REVIEW_SQL).all() as ReviewRow[];
}

/**
 * The data's as-of (the latest system snapshot), whatever the filters: = MAX(as_of) of the
 * dossiers' latest states, since a row's as-of is its import's, without scanning them.
 */
export function loadLatestSystemAsOf(db: Db): string | null {
  return db
    .prepare(
      "SELECT MAX(i.as_of) FROM imports i WHERE i.kind = 'system' AND i.status = 'active' AND EXISTS (SELECT 1 FROM system_rows s WHERE s.import_id = i.id)",
    )
    .pluck()
    .get() as string | null;
}

/** Every sheet name of the paper rows and data-quality issues (null: a file without sheets). */
export function loadSheetNames(db: Db): Array<string | null> {
  return db
    .prepare('SELECT DISTINCT sheet FROM paper_rows UNION SELECT DISTINCT sheet FROM dq_issues')
    .pluck()
    .all() as Array<string | null>;
}

/** How many rows the report reads (after createLatestTable). */
export function countRowsToRead(db: Db): number {
  return db.prepare(ROWS_TO_READ_SQL).pluck().get() as number;
}

/** The paper rows of active imports with their match and dossier, raw, in id order (after createLatestTable). */
export function iteratePaperReportRows(db: Db): IterableIterator<unknown[]> {
  return db.prepare(PAPER_SQL).raw().iterate() as IterableIterator<unknown[]>;
}

/** The latest state of every dossier, raw, by code key (after createLatestTable). */
export function iterateSystemReportRows(db: Db): IterableIterator<unknown[]> {
  return db.prepare(SYSTEM_SQL).raw().iterate() as IterableIterator<unknown[]>;
}

/** The stored data-quality issues of active imports. */
export function iterateDqIssues(db: Db): IterableIterator<DqReportRow> {
  return db.prepare(DQ_ISSUES_SQL).iterate() as IterableIterator<DqReportRow>;
}

/** The paper rows whose code an earlier row already has. */
export function iterateDuplicateCodeRows(db: Db): IterableIterator<DuplicateCodeRow> {
  return db.prepare(DUPLICATE_SQL).iterate() as IterableIterator<DuplicateCodeRow>;
}
