/**
 * Turns the rows under a detected header into dossier rows: skips (and counts) blank, repeated
 * header, column-number, subtotal and footer rows; parses every value; and records each problem
 * of a row as a data-quality issue without ever dropping the row.
 */
import { parseCode, normalizeCode, codeKey, type ParsedCode } from '../normalize/codes.js';
import { parseVietnameseDate, type DateResult } from '../normalize/dates.js';
import { cleanText, foldText } from '../normalize/text.js';
import type { CellValue, Field, RawRow, SkipReason } from '../types.js';
import { cellText, type HeaderMatch } from './detect-header.js';
import { cleanCell, foldCell, mayFoldTo } from './fast-text.js';

/** A data-quality rule identifier (JSON `rule`). */
export type DqRule =
  | 'received_date_missing'
  | 'received_date_unreadable'
  | 'date_unreadable'
  | 'returned_before_received'
  | 'due_before_received'
  | 'code_malformed'
  | 'code_date_mismatch'
  | 'code_unit_mismatch'
  | 'duplicate_code'
  | 'no_applicant_no_code'
  | 'unit_unknown'
  | 'status_unknown';

/** One problem of one row. */
export interface RowIssue {
  rule: DqRule;
  /** Column letter as in Excel ("B"), or null for whole-row problems. */
  column: string | null;
  raw: string | null;
}

/** A dossier row read from a register or export, values parsed, raw text kept. */
export interface DataRow {
  sheet: string | null;
  rowNumber: number;
  code: string | null;
  codeKey: string | null;
  codeDate: string | null;
  applicant: string | null;
  procedure: string | null;
  address: string | null;
  unit: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  resultDate: string | null;
  returnedDate: string | null;
  /** The register shows the result handed over: a return date, or a note such as "đã trả". */
  returnedOnPaper: boolean;
  status: string | null;
  note: string | null;
  /** Field → raw text, for provenance and explanations. */
  raw: Partial<Record<Field, string>>;
  /** Field → the cell's text before conversion from a legacy 8-bit font, when converted. */
  legacyRaw?: Partial<Record<Field, string>>;
  issues: RowIssue[];
}

/** Rows not imported as dossiers, counted by reason. */
export type SkipCounts = Partial<Record<SkipReason, number>>;

/** Excel column letter of a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const FOOTER_STARTS = [
  'tong cong', 'tong so', 'tong', 'cong', 'nguoi lap', 'nguoi lap so', 'nguoi lap bieu', 'thu truong', 'lanh dao',
  'xac nhan', 'truong bo phan', 'can bo', 'ghi chu', 'ky ten', 'ky ghi ro', 'ky va ghi ro',
];

const COLUMN_NUMBER = /^\(?(\d{1,2})\)?$/;

/** At least three non-empty cells, all "(1)" or "1" numbers, strictly increasing. */
function isColumnNumberRow(cells: CellValue[]): boolean {
  let count = 0;
  let previous = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cellText(cells[i]).trim();
    if (v === '') continue;
    const m = COLUMN_NUMBER.exec(v);
    if (!m) return false;
    const n = Number(m[1]);
    if (n <= previous) return false;
    previous = n;
    count++;
  }
  return count >= 3;
}

function isFooterText(folded: string): boolean {
  if (FOOTER_STARTS.some((p) => folded === p || folded.startsWith(p + ' '))) return true;
  // "Gò Dầu, ngày 31 tháng 3 năm 2025" — the place-and-date line above signatures.
  return /(^| )ngay \d{1,2} thang \d{1,2} nam \d{4}$/.test(folded) && folded.split(' ').length <= 12;
}

// classifyRow and extractRow look at the same code and received date of a row, one after the
// other: the last parse of each is remembered (pure functions of the value).
let lastCodeIn: unknown = undefined;
let lastCodeOut: ParsedCode | null = null;
function parseCodeOnce(v: unknown): ParsedCode | null {
  if (typeof v === 'string' && v === lastCodeIn) return lastCodeOut;
  lastCodeOut = parseCode(v);
  lastCodeIn = v;
  return lastCodeOut;
}
let lastDateIn: unknown = undefined;
let lastDate1904 = false;
let lastDateOut: DateResult | null = null;
/** "dd/mm/yyyy", and the system exports' "dd/mm/yyyy hh:mm:ss" whose date is that of its day part. */
const DAY = /^\d{2}\/\d{2}\/\d{4}$/;
const DAY_TIME = /^\d{2}\/\d{2}\/\d{4} (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const dayCache = new Map<string, DateResult>();
/** A cell's date. The time of day is not kept for "dd/mm/yyyy hh:mm:ss" (only `ok` and `date` are read here). */
function parseDateOnce(v: unknown, date1904: boolean): DateResult {
  if (lastDateOut !== null && v === lastDateIn && date1904 === lastDate1904) return lastDateOut;
  if (typeof v === 'string' && (DAY.test(v) || DAY_TIME.test(v))) {
    // Day strings repeat all year long: each is parsed once (a bounded cache).
    const day = v.slice(0, 10);
    let r = dayCache.get(day);
    if (r === undefined) {
      r = parseVietnameseDate(day);
      if (dayCache.size >= 4096) dayCache.clear();
      dayCache.set(day, r);
    }
    lastDateOut = r;
  } else {
    lastDateOut = parseVietnameseDate(v, { date1904 });
  }
  lastDateIn = v;
  lastDate1904 = date1904;
  return lastDateOut;
}

/**
 * A code already in its normalized form (clean, upper case, no space, apostrophe or odd dash):
 * normalizeCode returns it unchanged, and its key follows from its parse.
 */
const PLAIN_CODE = /^[0-9A-Z.-]+$/;
/** codeKey(code) for a plain code, from parseCode(code): the leading `000.` group of a four-group unit dropped. */
function plainCodeKey(code: string, parsed: ParsedCode | null): string {
  return parsed && parsed.unitCode.startsWith('000.') && parsed.unitCode.split('.').length === 4 ? code.slice(4) : code;
}

/** Folded header labels, once per header. */
const foldedLabels = new WeakMap<HeaderMatch, string[]>();
function labelsOf(header: HeaderMatch): string[] {
  let l = foldedLabels.get(header);
  if (!l) {
    l = Array.from(header.labels, (x) => foldText(x ?? ''));
    foldedLabels.set(header, l);
  }
  return l;
}

/** Trimmed text of a cell as classifyRow sees it ('date' for a date cell). */
function seenText(c: CellValue | undefined): string {
  return c instanceof Date ? 'date' : cellText(c).trim();
}

/** Why a row under the header is not a dossier, or null when it is one. */
export function classifyRow(row: RawRow, header: HeaderMatch): SkipReason | null {
  const cells = row.cells;
  const columns = header.columns;
  let nonEmpty = 0;
  let firstIndex = -1;
  for (let i = 0; i < cells.length; i++) {
    if (seenText(cells[i]) === '') continue;
    nonEmpty++;
    if (firstIndex < 0) firstIndex = i;
  }
  if (nonEmpty === 0) return 'blank';
  if (isColumnNumberRow(cells)) return 'column-numbers';
  const get = (f: Field) => (columns[f] === undefined ? '' : columns[f]! < cells.length ? seenText(cells[columns[f]!]) : '');
  const cell = (f: Field) => (columns[f] === undefined ? null : cells[columns[f]!] ?? null);
  // Footer text merged across the table ("Tổng cộng: 13 hồ sơ") fills the code column too:
  // only a well-formed code or a readable date marks a dossier here.
  const hasReceived = parseDateOnce(cell('receivedDate'), false).ok;
  const hasProcedure = get('procedure') !== '';
  // A pre-numbered line with only its sequence number filled is an empty register line.
  const seqCol = columns.seq;
  if (nonEmpty === 1 && seqCol !== undefined && (seqCol >= cells.length || seenText(cells[seqCol]) !== '')) return 'blank';
  // A repeated header (page breaks in printed registers): three cells reading as their column's label.
  const labels = labelsOf(header);
  let sameAsHeader = 0;
  for (let i = 0; i < cells.length && sameAsHeader < 3; i++) {
    const s = cellText(cells[i]);
    if (s.trim() === '') continue;
    const label = i < labels.length ? labels[i]! : '';
    if (mayFoldTo(s, label) && foldCell(s) === label) sameAsHeader++;
  }
  if (sameAsHeader >= 3) return 'header';
  const firstIsName = firstIndex === columns.applicant && hasProcedure;
  // The code is parsed only when the received date does not already mark a dossier.
  if (!hasReceived && !firstIsName && parseCodeOnce(cell('code')) === null) {
    const first = foldCell(seenText(cells[firstIndex]));
    if (isFooterText(first)) return /^(tong|cong)/.test(first) ? 'subtotal' : 'footer';
  }
  if (get('code') === '' && !hasReceived && get('applicant') === '' && !hasProcedure) return nonEmpty <= 2 ? 'footer' : null;
  return null;
}

/** Options for parsing row values. */
export interface ExtractOptions {
  date1904?: boolean;
  /** Count gaps between row numbers as blank rows (xlsx readers do not return empty rows). */
  countGaps?: boolean;
}

/** Parses one dossier row into a DataRow, collecting its data-quality issues. */
export function extractRow(row: RawRow, sheet: string | null, header: HeaderMatch, opts: ExtractOptions = {}): DataRow {
  const issues: RowIssue[] = [];
  const raw: Partial<Record<Field, string>> = {};
  const valueOf = (f: Field): CellValue => (header.columns[f] === undefined ? null : row.cells[header.columns[f]!] ?? null);
  const col = (f: Field) => (header.columns[f] === undefined ? null : columnLetter(header.columns[f]!));
  const text = (f: Field): string | null => {
    const v = valueOf(f);
    if (v === null) return null;
    const s = v instanceof Date ? v.toISOString() : cleanCell(String(v));
    if (s === '') return null;
    raw[f] = s;
    return s;
  };
  const date = (f: Field, missingRule: DqRule | null, unreadableRule: DqRule): string | null => {
    const v = valueOf(f);
    const t = text(f);
    if (t === null) {
      if (missingRule && header.columns[f] !== undefined) issues.push({ rule: missingRule, column: col(f), raw: null });
      return null;
    }
    const r = parseDateOnce(v, opts.date1904 === true);
    if (r.ok) return r.date;
    issues.push({ rule: unreadableRule, column: col(f), raw: t });
    return null;
  };

  const codeText = text('code');
  const plain = codeText !== null && PLAIN_CODE.test(codeText);
  const code = plain ? codeText : normalizeCode(codeText);
  const parsed = code ? parseCodeOnce(code) : null;
  if (code && !parsed) issues.push({ rule: 'code_malformed', column: col('code'), raw: codeText });
  const applicant = text('applicant');
  const receivedDate = date('receivedDate', 'received_date_missing', 'received_date_unreadable');
  const dueDate = date('dueDate', null, 'date_unreadable');
  const resultDate = date('resultDate', null, 'date_unreadable');
  const returnedDate = date('returnedDate', null, 'date_unreadable');
  const note = text('note');
  const status = text('status');
  if (receivedDate && returnedDate && returnedDate < receivedDate) issues.push({ rule: 'returned_before_received', column: col('returnedDate'), raw: raw.returnedDate ?? null });
  if (receivedDate && dueDate && dueDate < receivedDate) issues.push({ rule: 'due_before_received', column: col('dueDate'), raw: raw.dueDate ?? null });
  if (parsed?.date && receivedDate && parsed.date !== receivedDate) issues.push({ rule: 'code_date_mismatch', column: col('code'), raw: codeText });
  if (!applicant && !code) issues.push({ rule: 'no_applicant_no_code', column: null, raw: null });
  const returnedText = raw.returnedDate ?? null;
  let legacyRaw: Partial<Record<Field, string>> | undefined;
  if (row.original) {
    for (const [f, c] of Object.entries(header.columns) as Array<[Field, number]>) {
      const original = row.original[c];
      if (original !== undefined) (legacyRaw ??= {})[f] = original;
    }
  }
  const saysReturned = [note, status].some((t) => t !== null && /(^| )da (tra|giao)( |$)/.test(foldCell(t)));
  return {
    sheet,
    rowNumber: row.rowNumber,
    code,
    codeKey: plain ? plainCodeKey(code!, parsed) : code ? codeKey(code) : null,
    codeDate: parsed?.date ?? null,
    applicant,
    procedure: text('procedure'),
    address: text('address'),
    unit: text('unit'),
    receivedDate,
    dueDate,
    resultDate,
    returnedDate,
    returnedOnPaper: returnedDate !== null || returnedText !== null || saysReturned,
    status,
    note,
    raw,
    ...(legacyRaw ? { legacyRaw } : {}),
    issues,
  };
}

/** Title lines above the header: each row's non-empty texts joined. */
export function titleLines(rows: readonly RawRow[], header: HeaderMatch): string[] {
  const headerStart = header.headerRows[0]!;
  return rows
    .filter((r) => r.rowNumber < headerStart)
    .map((r) => {
      const seen = new Set<string>();
      return r.cells
        .map((c) => cleanText(cellText(c)))
        .filter((t) => t !== '' && !seen.has(t) && seen.add(t) !== undefined)
        .join(' ');
    })
    .filter((t) => t !== '');
}

/** Splits a sheet's rows under its header into dossier rows and skip counts. */
export function extractSheet(rows: readonly RawRow[], sheet: string | null, header: HeaderMatch, opts: ExtractOptions = {}): { rows: DataRow[]; skipped: SkipCounts } {
  const out: DataRow[] = [];
  const skipped: SkipCounts = {};
  for (let i = header.lastHeaderIndex + 1; i < rows.length; i++) {
    const gap = rows[i]!.rowNumber - rows[i - 1]!.rowNumber - 1;
    if (opts.countGaps && gap > 0) skipped.blank = (skipped.blank ?? 0) + gap;
    const reason = classifyRow(rows[i]!, header);
    if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
    else out.push(extractRow(rows[i]!, sheet, header, opts));
  }
  return { rows: out, skipped };
}
