/** Reads and writes of the match and report stages. Prepared statements only. */
import { contactDigits } from '../normalize/digits.js';
import type { PaperCandidate, SystemCandidate } from '../core/match-records.js';
import type { MatchMethod } from '../types.js';
import type { Db } from './db.js';
import { loadUnitTimeline } from './unit-periods.js';
import type { PaperReportRow, SystemReportRow, DqReportRow, ImportSourceRow } from '../core/report-rows.js';
export type { PaperReportRow, SystemReportRow, DqReportRow, ImportSourceRow } from '../core/report-rows.js';

/**
 * The latest state of every system dossier: per code, the row of the snapshot with the latest
 * as-of (ties: the later import, then the later row). The window sorts narrow records (ids
 * and keys) and the winners are joined back: 12.4 s → 7.9 s for a million dossiers.
 */
export const LATEST_SYSTEM_SQL = `
  SELECT s.*, i.path AS file, w.rn AS rn FROM (
    SELECT s.id, ROW_NUMBER() OVER (PARTITION BY s.code_key ORDER BY s.as_of DESC, s.import_id DESC, s.row_number DESC, s.id DESC) AS rn
    FROM system_rows s JOIN imports i ON i.id = s.import_id AND i.status = 'active'
  ) w JOIN system_rows s ON s.id = w.id JOIN imports i ON i.id = s.import_id
  WHERE w.rn = 1`;

/** Where the matcher's paper rows come from, and their phone/ID columns (see loadMatchInputs). */
const MATCH_PAPER_FROM = `p.address,
         CASE WHEN instr(p.raw_json, '"phone"') > 0 OR instr(p.raw_json, '"idNumber"') > 0 THEN p.raw_json END
  FROM paper_rows p CROSS JOIN imports i ON i.id = p.import_id AND i.status = 'active' ORDER BY p.id`;

/** The paper rows for the matcher, with their provenance. */
const MATCH_PAPER_SQL =
  `SELECT p.id, p.unit_id, p.code_key, p.applicant, p.procedure, p.received_date, p.content_key, i.base_name, ` +
  `p.sheet, p.row_number, ${MATCH_PAPER_FROM}`;

/** The same without the provenance columns (NULL in their place). */
const MATCH_PAPER_LEAN_SQL =
  `SELECT p.id, p.unit_id, p.code_key, p.applicant, p.procedure, p.received_date, NULL, NULL, NULL, ` +
  `NULL, ${MATCH_PAPER_FROM}`;

/** Every state of every dossier of the active imports, a dossier's states together (the code index's order). */
const MATCH_SYSTEM_SQL = `SELECT s.code_key, s.code, s.unit_id, s.applicant, s.procedure, s.received_date, s.as_of, s.import_id, s.row_number, s.id
  FROM system_rows s CROSS JOIN imports i ON i.id = s.import_id AND i.status = 'active' ORDER BY s.code_key`;

/** The same without the written code (NULL in its place). */
const MATCH_SYSTEM_LEAN_SQL = `SELECT s.code_key, NULL, s.unit_id, s.applicant, s.procedure, s.received_date, s.as_of, s.import_id, s.row_number, s.id
  FROM system_rows s CROSS JOIN imports i ON i.id = s.import_id AND i.status = 'active' ORDER BY s.code_key`;

/**
 * Paper rows and system dossiers for the matcher, read compactly: only the columns it uses, as
 * raw row arrays (no intermediate objects), with repeated strings (procedures, dates, files,
 * sheets) shared. raw_json is parsed only for rows that hold a phone or ID number cell (its
 * keys are written by JSON.stringify, so a key that is present appears verbatim in the text).
 * With `provenance: false` (a run without decisions), the fields only decisions and reports
 * use (paper content key, file, sheet, row number; the system's written code) are not read.
 */
export function loadMatchInputs(
  db: Db,
  options: { provenance?: boolean } = {},
): { paper: PaperCandidate[]; system: SystemCandidate[] } {
  const provenance = options.provenance ?? true;
  const intern = new Map<string, string>();
  const shared = (s: string | null): string | null => {
    if (s === null) return null;
    const known = intern.get(s);
    if (known !== undefined) return known;
    intern.set(s, s);
    return s;
  };
  const paper: PaperCandidate[] = [];
  const paperRows = db
    .prepare(provenance ? MATCH_PAPER_SQL : MATCH_PAPER_LEAN_SQL)
    .raw()
    .iterate() as IterableIterator<
    [
      number,
      number,
      string | null,
      string | null,
      string | null,
      string | null,
      string,
      string,
      string | null,
      number,
      string | null,
      string | null,
    ]
  >;
  for (const [
    id,
    unitId,
    codeKey,
    applicant,
    procedure,
    receivedDate,
    contentKey,
    baseName,
    sheet,
    rowNumber,
    address,
    rawJson,
  ] of paperRows) {
    // Phone/ID digits: the register's "Địa chỉ, số điện thoại" column, and phone/ID columns when read.
    // Only the digits are kept (the text, ~100 bytes a row, is no use to matching).
    let contact = address === '' ? null : address;
    if (rawJson !== null) {
      let raw: Record<string, unknown> = {};
      try {
        raw = JSON.parse(rawJson) as Record<string, unknown>;
      } catch {
        raw = {};
      }
      const text = [address, raw.phone, raw.idNumber]
        .filter((x): x is string => typeof x === 'string' && x !== '')
        .join(' ');
      contact = text === '' ? null : text;
    }
    paper.push(
      provenance
        ? {
            id,
            unitId,
            codeKey,
            applicant,
            procedure: shared(procedure),
            receivedDate: shared(receivedDate),
            contentKey,
            baseName: shared(baseName)!,
            sheet: shared(sheet),
            rowNumber,
            digits: contactDigits(contact),
          }
        : {
            id,
            unitId,
            codeKey,
            applicant,
            procedure: shared(procedure),
            receivedDate: shared(receivedDate),
            digits: contactDigits(contact),
          },
    );
  }
  // The latest state of each dossier, as LATEST_SYSTEM_SQL picks it, but from one pass over the
  // code index: a dossier's rows come together, and the newest of them is kept (no window
  // function, no sort: half the time at a million dossiers).
  const system: SystemCandidate[] = [];
  const systemRows = db
    .prepare(provenance ? MATCH_SYSTEM_SQL : MATCH_SYSTEM_LEAN_SQL)
    .raw()
    .iterate() as IterableIterator<SystemStateRow>;
  let best: SystemStateRow | null = null;
  const keep = (r: SystemStateRow) => {
    const [codeKey, code, unitId, applicant, procedure, receivedDate] = r;
    system.push(
      provenance
        ? { codeKey, code: code!, unitId, applicant, procedure: shared(procedure), receivedDate: shared(receivedDate) }
        : { codeKey, unitId, applicant, procedure: shared(procedure), receivedDate: shared(receivedDate) },
    );
  };
  for (const r of systemRows) {
    if (best === null) best = r;
    else if (r[0] !== best[0]) {
      keep(best);
      best = r;
    } else if (newerState(r, best)) best = r;
  }
  if (best !== null) keep(best);
  return { paper, system };
}

/**
 * Units over time: the matcher sees every unit as the unit of today its line of succession ends
 * at, so a unit, its predecessors and its successors are one block (an old register row finds the
 * dossier a unified system files under the successor, a row received around the change the
 * dossier of the other side), and the worker-thread share (by unit) keeps the block on one
 * thread. Stored rows keep the unit they had when received. Applied by the matching operations
 * (match, explain) to what {@link loadMatchInputs} loads, in place.
 */
export function blockByLineOfSuccession(db: Db, paper: PaperCandidate[], system: SystemCandidate[]): void {
  const timeline = loadUnitTimeline(db);
  if (!timeline.changes) return;
  for (const p of paper) p.unitId = timeline.currentOf(p.unitId);
  for (const s of system) if (s.unitId !== null) s.unitId = timeline.currentOf(s.unitId);
}

/**
 * A system row for {@link loadMatchInputs}: code key, code, unit, applicant, procedure, received date, as of, import,
 * row number, id.
 */
type SystemStateRow = [
  string,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  string,
  number,
  number,
  number,
];

/**
 * True when `a` is a later state of its dossier than `b`: LATEST_SYSTEM_SQL's order (as of, import, row number, id;
 * newest first).
 */
function newerState(a: SystemStateRow, b: SystemStateRow): boolean {
  if (a[6] !== b[6]) return a[6] > b[6];
  if (a[7] !== b[7]) return a[7] > b[7];
  if (a[8] !== b[8]) return a[8] > b[8];
  return a[9] > b[9];
}

/** The text of every stored list of match reasons, by id (a few hundred: read once per report). */
export function loadMatchReasons(db: Db): Map<number, string> {
  return new Map(db.prepare('SELECT id, reasons_json FROM match_reasons').raw().all() as Array<[number, string]>);
}

/** The columns of a `PaperReportRow` (paper row p, import i, match m, latest dossier state s). */
export const PAPER_REPORT_COLUMNS = `
  p.id, p.import_id AS importId, i.path AS file, i.base_name AS baseName, p.sheet, p.row_number AS rowNumber, p.unit_id AS unitId,
  p.code, p.code_key AS codeKey, p.applicant, p.procedure, p.address, p.received_date AS receivedDate, p.due_date AS dueDate,
  p.returned_date AS returnedDate, p.returned_on_paper AS returnedOnPaper, p.content_key AS contentKey,
  m.method, m.score, m.reasons_id AS reasonsId,
  s.code AS sysCode, s.status AS sysStatus, s.received_date AS sysReceivedDate, s.returned_date AS sysReturnedDate, s.as_of AS sysAsOf`;

/**
 * The columns of a `SystemReportRow` (latest dossier state s); `matched` is made from `paperLink` (see
 * systemReportRow).
 */
export const SYSTEM_REPORT_COLUMNS = `
  s.code_key AS codeKey, s.code, s.unit_id AS unitId, s.applicant, s.procedure, s.received_date AS receivedDate, s.due_date AS dueDate,
  s.result_date AS resultDate, s.returned_date AS returnedDate, s.status, s.as_of AS asOf, s.file, s.sheet, s.row_number AS rowNumber,
  (SELECT COUNT(*) || '|' || MAX(p.returned_on_paper) || '|' || IFNULL(MAX(p.returned_date), '') || '|' || IFNULL(MAX(p.due_date), '') || '|' || MIN(p.unit_id) || '|' || IFNULL(MIN(p.received_date), '')
   FROM (SELECT m.paper_row_id AS pid FROM matches m WHERE m.system_code_key = s.code_key
         UNION ALL SELECT x.paper_row_id FROM match_extra x WHERE x.system_code_key = s.code_key) j
   JOIN paper_rows p ON p.id = j.pid) AS paperLink`;

/**
 * A `PaperReportRow` from a raw row of PAPER_REPORT_COLUMNS (`.raw()`): an object literal of one
 * shape is built three times faster than better-sqlite3 builds its named rows (8.0 → 5.0 s for the
 * million paper rows of a province's report). The order is that of the columns; a test compares
 * the two ways on the demo. The match's reasons come from `reasons` (loadMatchReasons), one
 * shared string per distinct list, not one read per row.
 */
export function paperReportRow(a: unknown[], reasons: ReadonlyMap<number, string>): PaperReportRow {
  return {
    id: a[0] as number,
    importId: a[1] as number,
    file: a[2] as string,
    baseName: a[3] as string,
    sheet: a[4] as string | null,
    rowNumber: a[5] as number,
    unitId: a[6] as number,
    code: a[7] as string | null,
    codeKey: a[8] as string | null,
    applicant: a[9] as string | null,
    procedure: a[10] as string | null,
    address: a[11] as string | null,
    receivedDate: a[12] as string | null,
    dueDate: a[13] as string | null,
    returnedDate: a[14] as string | null,
    returnedOnPaper: a[15] as number,
    contentKey: a[16] as string,
    method: a[17] as MatchMethod | null,
    score: a[18] as number | null,
    reasonsJson: a[19] === null ? null : (reasons.get(a[19] as number) ?? null),
    sysCode: a[20] as string | null,
    sysStatus: a[21] as string | null,
    sysReceivedDate: a[22] as string | null,
    sysReturnedDate: a[23] as string | null,
    sysAsOf: a[24] as string | null,
  };
}

/**
 * A `SystemReportRow` from a raw row of SYSTEM_REPORT_COLUMNS (see `paperReportRow`); `matched` is the count that opens
 * `paperLink`.
 */
export function systemReportRow(a: unknown[]): SystemReportRow {
  return {
    codeKey: a[0] as string,
    code: a[1] as string,
    unitId: a[2] as number | null,
    applicant: a[3] as string | null,
    procedure: a[4] as string | null,
    receivedDate: a[5] as string | null,
    dueDate: a[6] as string | null,
    resultDate: a[7] as string | null,
    returnedDate: a[8] as string | null,
    status: a[9] as string | null,
    asOf: a[10] as string,
    file: a[11] as string,
    sheet: a[12] as string | null,
    rowNumber: a[13] as number,
    matched: a[14] === null ? 0 : parseInt(a[14] as string, 10),
    paperLink: a[14] as string | null,
  };
}

/** Loads every paper row with its match. */
export function loadPaperRows(db: Db): PaperReportRow[] {
  const reasons = loadMatchReasons(db);
  const rows = db
    .prepare(
      `SELECT ${PAPER_REPORT_COLUMNS}
       FROM paper_rows p
       JOIN imports i ON i.id = p.import_id AND i.status = 'active'
       LEFT JOIN matches m ON m.paper_row_id = p.id
       LEFT JOIN (${LATEST_SYSTEM_SQL}) s ON s.code_key = m.system_code_key
       ORDER BY p.id`,
    )
    .raw()
    .all() as unknown[][];
  return rows.map((a) => paperReportRow(a, reasons));
}

/** Loads the latest state of every system dossier, with whether a paper row is matched to it. */
export function loadSystemDossiers(db: Db): SystemReportRow[] {
  return (
    db
      .prepare(`SELECT ${SYSTEM_REPORT_COLUMNS} FROM (${LATEST_SYSTEM_SQL}) s ORDER BY s.code_key`)
      .raw()
      .all() as unknown[][]
  ).map(systemReportRow);
}

/** Months covered by each unit's paper registers: per (unit, import), first to last received month. */
export function loadCoverage(db: Db): Array<{ unitId: number; from: string; to: string }> {
  return db
    .prepare(
      `SELECT p.unit_id AS unitId, substr(MIN(p.received_date), 1, 7) AS "from", substr(MAX(p.received_date), 1, 7) AS "to"
       FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active'
       WHERE p.received_date IS NOT NULL GROUP BY p.unit_id, p.import_id`,
    )
    .all() as Array<{ unitId: number; from: string; to: string }>;
}

/** Months each system export covers: its received dates' months up to the month of its as-of date. */
export function loadSystemCoverage(db: Db): Array<{ from: string; to: string }> {
  return db
    .prepare(
      `SELECT coverage_from AS "from", MAX(coverage_to, COALESCE(substr(as_of, 1, 7), coverage_to)) AS "to"
       FROM imports WHERE kind = 'system' AND coverage_from IS NOT NULL ORDER BY id`,
    )
    .all() as Array<{ from: string; to: string }>;
}

/** Data-quality issues of active imports, with the received date, code and content of their row. */
export const DQ_ISSUES_SQL = `
  SELECT q.id, q.source, i.path AS file, i.base_name AS baseName, q.sheet, q.row_number AS rowNumber, q.column_name AS "column", q.rule,
         q.raw_value AS raw, q.unit_id AS unitId,
         COALESCE(p.received_date, s.received_date) AS receivedDate, COALESCE(p.code, s.code) AS code,
         COALESCE(p.code_key, s.code_key) AS codeKey, COALESCE(p.applicant, s.applicant) AS applicant, COALESCE(p.procedure, s.procedure) AS procedure
  FROM dq_issues q JOIN imports i ON i.id = q.import_id AND i.status = 'active'
  LEFT JOIN paper_rows p ON q.source = 'paper' AND p.id = q.row_id
  LEFT JOIN system_rows s ON q.source = 'system' AND s.id = q.row_id
  ORDER BY q.id`;

/** Loads data-quality issues of active imports. */
export function loadDqIssues(db: Db): DqReportRow[] {
  return db.prepare(DQ_ISSUES_SQL).all() as DqReportRow[];
}

/** Unit names and codes by id. */
export function loadUnits(db: Db): Array<{ id: number; code: string | null; name: string; official: number }> {
  return db.prepare('SELECT id, code, name, official FROM units ORDER BY id').all() as Array<{
    id: number;
    code: string | null;
    name: string;
    official: number;
  }>;
}

/** Loads every active import, oldest first, with the distinct units of its rows. */
export function loadImportSources(db: Db): ImportSourceRow[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.kind, i.path, i.sha256, i.format, i.encoding, i.unit_id AS unitId, i.rows_read AS rowsRead, i.rows_imported AS rowsImported,
              i.rows_skipped AS rowsSkipped, i.coverage_from AS coverageFrom, i.coverage_to AS coverageTo, i.as_of AS asOf,
              i.as_of_source AS asOfSource, i.imported_at AS importedAt,
              CASE i.kind
                WHEN 'paper' THEN (SELECT group_concat(u) FROM (SELECT DISTINCT p.unit_id AS u FROM paper_rows p WHERE p.import_id = i.id ORDER BY u))
                ELSE (SELECT group_concat(u) FROM (SELECT DISTINCT s.unit_id AS u FROM system_rows s WHERE s.import_id = i.id AND s.unit_id IS NOT NULL ORDER BY u))
              END AS unitList
       FROM imports i WHERE i.status = 'active' ORDER BY i.id`,
    )
    .all() as Array<Omit<ImportSourceRow, 'unitIds'> & { unitList: string | null }>;
  return rows.map(({ unitList, ...r }) => ({ ...r, unitIds: unitList ? unitList.split(',').map(Number) : [] }));
}
