/**
 * Turns the rows under a detected header into dossier rows: skips (and counts) blank, repeated
 * header, column-number, subtotal and footer rows; parses every value; and records each problem
 * of a row as a data-quality issue without ever dropping the row.
 */
import { normalizeCode, codeKey } from '../../normalize/codes.js';
import { splitCodeCell } from '../../normalize/code-list.js';
import { cleanText, foldText } from '../../normalize/text.js';
import type { CellValue, Field, RawRow, SkipReason } from '../../types.js';
import { cellText, headerWordsRow, type HeaderMatch } from './detect-header.js';
import { cleanCell, foldCell, mayFoldTo } from '../../normalize/fast-text.js';
import {
  isDayText,
  isoOfDate,
  parseCodeOnce,
  parseDateOnce,
  PLAIN_CODE,
  plainCodeKey,
} from '../../normalize/parse-once.js';
import type { DqRule, RowIssue, DataRow, SkipCounts } from '../../core/import-records.js';
export type { DataRow, SkipCounts } from '../../core/import-records.js';

export { isDayText };

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
  'tong cong',
  'tong so',
  'tong',
  'cong',
  'nguoi lap',
  'nguoi lap so',
  'nguoi lap bieu',
  'thu truong',
  'lanh dao',
  'xac nhan',
  'truong bo phan',
  'can bo',
  'ghi chu',
  'ky ten',
  'ky ghi ro',
  'ky va ghi ro',
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

/** `seenText(c) === ''`, without trimming a cell that starts with a printable ASCII character. */
function blankCell(c: CellValue | undefined): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c === 'string') {
    const k = c.charCodeAt(0);
    return !(k > 32 && k < 127) && c.trim() === '';
  }
  return seenText(c) === '';
}

/** `seenText` of the cell of a field's column ('' when there is no such column or cell). */
function fieldText(cells: CellValue[], index: number | undefined): string {
  return index === undefined || index >= cells.length ? '' : seenText(cells[index]);
}

/** Why a row under the header is not a dossier, or null when it is one. */
export function classifyRow(row: RawRow, header: HeaderMatch): SkipReason | null {
  const cells = row.cells;
  const columns = header.columns;
  let nonEmpty = 0;
  let firstIndex = -1;
  for (let i = 0; i < cells.length; i++) {
    if (blankCell(cells[i])) continue;
    nonEmpty++;
    if (firstIndex < 0) firstIndex = i;
  }
  if (nonEmpty === 0) return 'blank';
  if (isColumnNumberRow(cells)) return 'column-numbers';
  // Footer text merged across the table ("Tổng cộng: 13 hồ sơ") fills the code column too:
  // only a well-formed code or a readable date marks a dossier here.
  const receivedCol = columns.receivedDate;
  const hasReceived = parseDateOnce(receivedCol === undefined ? null : (cells[receivedCol] ?? null), false).ok;
  const hasProcedure = fieldText(cells, columns.procedure) !== '';
  // A pre-numbered line with only its sequence number filled is an empty register line.
  const seqCol = columns.seq;
  if (nonEmpty === 1 && seqCol !== undefined && (seqCol >= cells.length || seenText(cells[seqCol]) !== ''))
    return 'blank';
  // A repeated header (page breaks in printed registers): three cells reading as their column's label.
  const labels = labelsOf(header);
  let sameAsHeader = 0;
  for (let i = 0; i < cells.length && sameAsHeader < 3; i++) {
    const c = cells[i];
    if (c instanceof Date || blankCell(c)) continue;
    const s = cellText(c);
    const label = i < labels.length ? labels[i]! : '';
    if (mayFoldTo(s, label) && foldCell(s) === label) sameAsHeader++;
  }
  if (sameAsHeader >= 3) return 'header';
  // A header row left below the header ("Ngày | Ký nhận | Ngày | Ký nhận"): header words only.
  if (!hasReceived && headerWordsRow(cells, header)) return 'header';
  const firstIsName = firstIndex === columns.applicant && hasProcedure;
  // The code is parsed only when the received date does not already mark a dossier.
  const codeCol = columns.code;
  if (!hasReceived && !firstIsName && parseCodeOnce(codeCol === undefined ? null : (cells[codeCol] ?? null)) === null) {
    const first = foldCell(seenText(cells[firstIndex]));
    if (isFooterText(first)) return /^(tong|cong)/.test(first) ? 'subtotal' : 'footer';
  }
  if (fieldText(cells, codeCol) === '' && !hasReceived && fieldText(cells, columns.applicant) === '' && !hasProcedure)
    return nonEmpty <= 2 ? 'footer' : null;
  return null;
}

/** Options for parsing row values. */
export interface ExtractOptions {
  date1904?: boolean;
  /** Count gaps between row numbers as blank rows (xlsx readers do not return empty rows). */
  countGaps?: boolean;
}

/** Column index of each field a row is read from (-1: no such column), once per header. */
interface FieldColumns {
  code: number;
  applicant: number;
  receivedDate: number;
  dueDate: number;
  resultDate: number;
  returnedDate: number;
  note: number;
  status: number;
  procedure: number;
  address: number;
  unit: number;
  quantity: number;
  agency: number;
  /** Column letter of the status ('' when none). */
  statusLetter: string;
}
const fieldColumns = new WeakMap<HeaderMatch, FieldColumns>();
function columnsOf(header: HeaderMatch): FieldColumns {
  let c = fieldColumns.get(header);
  if (!c) {
    const at = (f: Field) => header.columns[f] ?? -1;
    c = {
      code: at('code'),
      applicant: at('applicant'),
      receivedDate: at('receivedDate'),
      dueDate: at('dueDate'),
      resultDate: at('resultDate'),
      returnedDate: at('returnedDate'),
      note: at('note'),
      status: at('status'),
      procedure: at('procedure'),
      address: at('address'),
      unit: at('unit'),
      statusLetter: at('status') < 0 ? '' : columnLetter(at('status')),
      quantity: at('quantity'),
      agency: at('resolvingAgency'),
    };
    fieldColumns.set(header, c);
  }
  return c;
}

/** The cell of a row at a column index (-1: none). */
function cellAt(row: RawRow, index: number): CellValue {
  return index < 0 ? null : (row.cells[index] ?? null);
}

/** A cell's value as text, cleaned; null when empty. */
function cellString(v: CellValue): string | null {
  if (v === null) return null;
  // A "dd/mm/yyyy[ hh:mm:ss]" text is clean as it is (digits, '/', ':' and one inner space).
  if (typeof v === 'string' && isDayText(v)) return v;
  const s = v instanceof Date ? isoOfDate(v) : cleanCell(String(v));
  return s === '' ? null : s;
}

/** The column letter of a field's column (only asked for when an issue is recorded). */
function letterOf(index: number): string | null {
  return index < 0 ? null : columnLetter(index);
}

/**
 * A date field of a row: its text (recorded in `raw` by the caller) and its parsed date, with the
 * issue of a missing (when `missingRule`) or unreadable date.
 */
function dateField(
  v: CellValue,
  t: string | null,
  index: number,
  missingRule: DqRule | null,
  unreadableRule: DqRule,
  date1904: boolean,
  issues: RowIssue[],
): string | null {
  if (t === null) {
    if (missingRule && index >= 0) issues.push({ rule: missingRule, column: letterOf(index), raw: null });
    return null;
  }
  const r = parseDateOnce(v, date1904);
  if (r.ok) return r.date;
  issues.push({ rule: unreadableRule, column: letterOf(index), raw: t });
  return null;
}

/** Parses one dossier row into a DataRow, collecting its data-quality issues. */
export function extractRow(row: RawRow, sheet: string | null, header: HeaderMatch, opts: ExtractOptions = {}): DataRow {
  const issues: RowIssue[] = [];
  const raw: Partial<Record<Field, string>> = {};
  const cols = columnsOf(header);
  const date1904 = opts.date1904 === true;
  // Every field's text is recorded in `raw` in this order (it is stored as JSON for paper rows).
  // A plain code is clean as it is (no space, no character cleanText changes).
  const codeValue = cellAt(row, cols.code);
  const plainValue = typeof codeValue === 'string' && PLAIN_CODE.test(codeValue);
  const codeText = plainValue ? (codeValue as string) : cellString(codeValue);
  if (codeText !== null) raw.code = codeText;
  const plain = plainValue || (codeText !== null && PLAIN_CODE.test(codeText));
  // A cell listing several codes (a batch receipt) keeps them all; the first is the row's code.
  const codeList = plain ? null : splitCodeCell(codeText);
  const code = plain ? codeText : codeList ? codeList[0]! : normalizeCode(codeText);
  const parsed = code ? parseCodeOnce(code) : null;
  if (code && !parsed) issues.push({ rule: 'code_malformed', column: letterOf(cols.code), raw: codeText });
  let applicant = cellString(cellAt(row, cols.applicant));
  if (applicant !== null) raw.applicant = applicant;
  const receivedValue = cellAt(row, cols.receivedDate);
  const receivedText = cellString(receivedValue);
  if (receivedText !== null) raw.receivedDate = receivedText;
  const receivedDate = dateField(
    receivedValue,
    receivedText,
    cols.receivedDate,
    'received_date_missing',
    'received_date_unreadable',
    date1904,
    issues,
  );
  const dueValue = cellAt(row, cols.dueDate);
  const dueText = cellString(dueValue);
  if (dueText !== null) raw.dueDate = dueText;
  const dueDate = dateField(dueValue, dueText, cols.dueDate, null, 'date_unreadable', date1904, issues);
  const resultValue = cellAt(row, cols.resultDate);
  const resultText = cellString(resultValue);
  if (resultText !== null) raw.resultDate = resultText;
  const resultDate = dateField(resultValue, resultText, cols.resultDate, null, 'date_unreadable', date1904, issues);
  const returnedValue = cellAt(row, cols.returnedDate);
  const returnedText = cellString(returnedValue);
  if (returnedText !== null) raw.returnedDate = returnedText;
  const returnedDate = dateField(
    returnedValue,
    returnedText,
    cols.returnedDate,
    null,
    'date_unreadable',
    date1904,
    issues,
  );
  const note = cellString(cellAt(row, cols.note));
  if (note !== null) raw.note = note;
  const status = cellString(cellAt(row, cols.status));
  if (status !== null) raw.status = status;
  if (receivedDate && returnedDate && returnedDate < receivedDate)
    issues.push({ rule: 'returned_before_received', column: letterOf(cols.returnedDate), raw: returnedText });
  if (receivedDate && dueDate && dueDate < receivedDate)
    issues.push({ rule: 'due_before_received', column: letterOf(cols.dueDate), raw: dueText });
  if (parsed?.date && receivedDate && parsed.date !== receivedDate)
    issues.push({ rule: 'code_date_mismatch', column: letterOf(cols.code), raw: codeText });
  if (!applicant && !code) issues.push({ rule: 'no_applicant_no_code', column: null, raw: null });
  let legacyRaw: Partial<Record<Field, string>> | undefined;
  if (row.original) {
    for (const [f, c] of Object.entries(header.columns) as Array<[Field, number]>) {
      const original = row.original[c];
      if (original !== undefined) (legacyRaw ??= {})[f] = original;
    }
  }
  const saysReturned = (note !== null && saysHandedOver(note)) || (status !== null && saysHandedOver(status));
  const procedure = cellString(cellAt(row, cols.procedure));
  if (procedure !== null) raw.procedure = procedure;
  let address = cellString(cellAt(row, cols.address));
  if (address !== null) raw.address = address;
  if (header.splitApplicant === true && applicant !== null) {
    // Split on the cell as written: cleaning turns its line breaks into spaces.
    const parts = splitNameAddress(cellText(cellAt(row, cols.applicant)));
    applicant = cleanCell(parts.name) || applicant;
    address = parts.address === null ? null : cleanCell(parts.address) || null;
  }
  const unit = cellString(cellAt(row, cols.unit));
  if (unit !== null) raw.unit = unit;
  const quantityText = cols.quantity < 0 ? null : cellString(cellAt(row, cols.quantity));
  if (quantityText !== null) raw.quantity = quantityText;
  const quantity =
    quantityText !== null && /^\d{1,3}$/.test(quantityText) && Number(quantityText) > 1 ? Number(quantityText) : null;
  const agency = cols.agency < 0 ? null : cellString(cellAt(row, cols.agency));
  if (agency !== null) raw.resolvingAgency = agency;
  return {
    sheet,
    rowNumber: row.rowNumber,
    code,
    codeKey: plain ? plainCodeKey(code!, parsed) : code ? codeKey(code) : null,
    codeDate: parsed?.date ?? null,
    applicant,
    procedure,
    address,
    unit,
    receivedDate,
    dueDate,
    resultDate,
    returnedDate,
    returnedOnPaper: returnedDate !== null || returnedText !== null || saysReturned,
    status,
    statusColumn: status !== null ? cols.statusLetter : null,
    note,
    ...(codeList ? { extraCodeKeys: codeList.slice(1).map((c) => codeKey(c)!) } : {}),
    ...(quantity !== null ? { quantity } : {}),
    ...(agency !== null ? { agency } : {}),
    raw,
    ...(legacyRaw ? { legacyRaw } : {}),
    issues,
  };
}

/**
 * "Nguyễn Văn An, ấp 3, xã Phước Thạnh" or "Nguyễn Văn An\nấp 3 …" or "Nguyễn Văn An - ấp 3": the
 * name before the first line break, comma or spaced dash, the address after it.
 */
export function splitNameAddress(text: string): { name: string; address: string | null } {
  const m = /\r?\n|,|;| - | – /.exec(text);
  if (!m || m.index === 0) return { name: text, address: null };
  const name = text.slice(0, m.index).trim();
  const address = text.slice(m.index + m[0].length).trim();
  return { name, address: address === '' ? null : address };
}

/** A note or status saying the result was handed over ("đã trả", "đã giao"). */
const HANDED_OVER = /(^| )da (tra|giao)( |$)/;
function saysHandedOver(t: string): boolean {
  return HANDED_OVER.test(foldCell(t));
}

/** A date cell of the title block ("Ngày xuất:" | 01/07/2018 07:00) as the title would write it. */
function titleDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const time = d.getUTCHours() || d.getUTCMinutes() ? ` ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : '';
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}${time}`;
}

/** Title lines above the header: each row's non-empty texts joined. */
export function titleLines(rows: readonly RawRow[], header: HeaderMatch): string[] {
  const headerStart = header.headerRows[0]!;
  return rows
    .filter((r) => r.rowNumber < headerStart)
    .map((r) => {
      const seen = new Set<string>();
      return r.cells
        .map((c) => cleanText(c instanceof Date ? titleDate(c) : cellText(c)))
        .filter((t) => t !== '' && !seen.has(t) && seen.add(t) !== undefined)
        .join(' ');
    })
    .filter((t) => t !== '');
}

/** Splits a sheet's rows under its header into dossier rows and skip counts. */
export function extractSheet(
  rows: readonly RawRow[],
  sheet: string | null,
  header: HeaderMatch,
  opts: ExtractOptions = {},
): { rows: DataRow[]; skipped: SkipCounts } {
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
