/**
 * Finds the header of a register or export: the row (or two or three rows, for the official
 * register's merged header: "Ngày, tháng, năm" over "Trả kết quả" over a date and "Ký nhận")
 * within the first rows that names the most known fields. A title merged across the sheet
 * ("SỔ THEO DÕI HỒ SƠ … Từ ngày … Đến ngày …") is never a header row.
 */
import { foldText } from '../../normalize/text.js';
import type { CellValue, Field, RawRow } from '../../types.js';
import {
  DEFAULT_HEADER_RULES,
  foldLabel,
  GENERIC_DATE_LABELS,
  nationalField,
  type HeaderRule,
} from './header-synonyms.js';

/** How far down the header may be. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * Longest cell text that can be a header label. A real header label is a few words; a longer
 * cell is data (a 1 MB note would otherwise be folded and searched once per header pattern,
 * seconds of work for nothing), so it never names a field.
 */
export const MAX_HEADER_LABEL = 200;

/** A detected header: which column holds which field. */
export interface HeaderMatch {
  /** Index in the rows array of the last header row; data starts after it. */
  lastHeaderIndex: number;
  /** Row numbers (as the user sees them) of the header rows. */
  headerRows: number[];
  /** Field → 0-based column index. */
  columns: Partial<Record<Field, number>>;
  /** Column index → the header label as written (group and sub-header joined by " / "). */
  labels: string[];
  /** Column index → the header words that named its field ('' when none). */
  matched?: string[];
  /** Column index → the field its header words name (a later column naming a field already taken is not used). */
  named?: Array<Field | null>;
  /** One cell holds the applicant's name and address ("Họ tên, địa chỉ người nộp hồ sơ"): split it. */
  splitApplicant?: boolean;
  /** The rules the header was found with (a row of header words below it is no dossier). */
  rules?: readonly HeaderRule[];
  /** Fields recognised, for scoring. */
  score: number;
}

const KEY_FIELDS: ReadonlySet<Field> = new Set(['code', 'applicant', 'procedure']);
const DATE_FIELDS: ReadonlySet<Field> = new Set([
  'receivedDate',
  'dueDate',
  'resultDate',
  'returnedDate',
  'transferDate',
  'submittedDate',
]);
const SCORED_FIELDS: ReadonlySet<Field> = new Set([
  'code',
  'procedure',
  'applicant',
  'address',
  'unit',
  'receivedDate',
  'dueDate',
  'resultDate',
  'returnedDate',
  'status',
]);

/** Text of a cell for header purposes. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return '';
  return String(v);
}

/** Header text of a cell: '' for a cell longer than MAX_HEADER_LABEL (data, not a label). */
function labelText(v: CellValue | undefined): string {
  const text = cellText(v);
  return text.length > MAX_HEADER_LABEL ? '' : text;
}

function containsPhrase(label: string, phrase: string): boolean {
  return ` ${label} `.includes(` ${phrase} `);
}

/** A field and the header words (a pattern, or a national field name) that named it. */
export interface LabelMatch {
  field: Field;
  words: string;
}

/** The field a header label names and why, or null. `rules` are tried in order. */
export function matchLabel(label: string, rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES): LabelMatch | null {
  if (label.length > MAX_HEADER_LABEL) return null;
  const national = nationalField(label);
  if (national !== undefined) return national === null ? null : { field: national, words: label.trim() };
  const folded = foldLabel(label);
  if (folded === '') return null;
  for (const rule of rules) {
    for (const p of rule.patterns) {
      // Very short patterns ("tt", "ky", "dt") and "=word" must be the whole label, or they match everywhere.
      if (p.charCodeAt(0) === 61 ? folded === p.slice(1) : p.length <= 3 ? folded === p : containsPhrase(folded, p)) {
        return { field: rule.field, words: p.charCodeAt(0) === 61 ? p.slice(1) : p };
      }
    }
  }
  return null;
}

/** The field a single header label names, or null. `rules` are tried in order. */
export function classifyLabel(label: string, rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES): Field | null {
  return matchLabel(label, rules)?.field ?? null;
}

/** Title words: a line of the title block merged across the sheet, never a column label. */
const TITLE_STARTS = ['so theo doi', 'danh sach', 'bao cao', 'thong ke', 'tong hop', 'ket xuat', 'cong hoa xa hoi'];

/** A title of the sheet ("SỔ THEO DÕI HỒ SƠ\nTừ ngày … Đến ngày …"), which is never a column label. */
export function isTitleLabel(label: string): boolean {
  const folded = foldText(label);
  if (folded === '') return false;
  if (/(^| )tu ngay( |$)/.test(folded) && /(^| )den ngay( |$)/.test(folded)) return true;
  return TITLE_STARTS.some((t) => folded.startsWith(t));
}

/** Whether a folded label only says "a date" and defers to a group above. */
function isGenericDate(folded: string): boolean {
  return GENERIC_DATE_LABELS.includes(folded);
}

type Memo = Map<string, LabelMatch | null>;

function memoMatch(label: string, rules: readonly HeaderRule[], memo: Memo): LabelMatch | null {
  let m = memo.get(label);
  if (m === undefined) {
    m = matchLabel(label, rules);
    memo.set(label, m);
  }
  return m;
}

/**
 * The field of a column from its labels top to bottom (group headers, then the sub-header): the
 * lowest label that names a field wins; a generic date ("Ngày", "Ngày, tháng, năm") takes the date
 * field of the nearest group above it (under "Ký nhận" alone: the return, which the citizen signs for).
 */
function classifyStack(stack: readonly string[], rules: readonly HeaderRule[], memo: Memo): LabelMatch | null {
  const labels = stack.filter((l) => l !== '');
  if (labels.length === 0) return null;
  const bottom = labels[labels.length - 1]!;
  if (isGenericDate(foldText(bottom))) {
    let signedUnder: LabelMatch | null = null;
    for (let i = labels.length - 2; i >= 0; i--) {
      const g = memoMatch(labels[i]!, rules, memo);
      if (g !== null && DATE_FIELDS.has(g.field)) return { field: g.field, words: `${g.words} / ${foldText(bottom)}` };
      if (g !== null && g.field === 'signature') signedUnder ??= g;
    }
    return signedUnder ? { field: 'returnedDate', words: `${signedUnder.words} / ${foldText(bottom)}` } : null;
  }
  for (let i = labels.length - 1; i >= 0; i--) {
    const m = memoMatch(labels[i]!, rules, memo);
    if (m !== null) return m;
  }
  return null;
}

/** The field of a column with a group header above a sub-header (either may be empty). */
export function classifyColumn(
  group: string,
  sub: string,
  rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES,
): Field | null {
  if (group.length > MAX_HEADER_LABEL) group = '';
  if (sub.length > MAX_HEADER_LABEL) sub = '';
  const g = foldText(group);
  return classifyStack(foldText(sub) === g ? [group] : [group, sub], rules, new Map())?.field ?? null;
}

/** A row all of whose non-empty cells hold the same text: a merged title, never a group header. */
function isTitleRow(cells: readonly CellValue[]): boolean {
  let first: string | null = null;
  for (const c of cells) {
    const t = cellText(c).trim();
    if (t === '') continue;
    if (first === null) first = t;
    else if (t !== first) return false;
  }
  return true;
}

function mapColumns(rows: ReadonlyArray<readonly CellValue[]>, rules: readonly HeaderRule[], memo: Memo) {
  const width = Math.max(...rows.map((r) => r.length));
  const columns: Partial<Record<Field, number>> = {};
  const labels: string[] = [];
  const matched: string[] = [];
  const named: Array<Field | null> = [];
  // Rows above the last one whose cells are a merged title take no part.
  const used = rows.filter((r, i) => i === rows.length - 1 || !isTitleRow(r));
  for (let c = 0; c < width; c++) {
    const stack: string[] = [];
    for (const r of used) {
      const t = labelText(r[c]).trim();
      if (t === '' || isTitleLabel(t)) continue;
      if (stack.length > 0 && foldText(stack[stack.length - 1]!) === foldText(t)) continue;
      stack.push(t);
    }
    labels[c] = stack.join(' / ');
    const m = classifyStack(stack, rules, memo);
    matched[c] = m?.words ?? '';
    named[c] = m?.field ?? null;
    if (m !== null && columns[m.field] === undefined) columns[m.field] = c;
  }
  let splitApplicant = false;
  // An owner (chủ hồ sơ) and a submitter (người nộp): the owner is the applicant; a submitter alone is.
  if (columns.applicant === undefined && columns.submitter !== undefined) {
    columns.applicant = columns.submitter;
    delete columns.submitter;
  }
  // The submission date stands for the receipt only where no column gives the receipt.
  if (columns.receivedDate === undefined && columns.submittedDate !== undefined) {
    columns.receivedDate = columns.submittedDate;
    delete columns.submittedDate;
  }
  if (
    columns.applicant !== undefined &&
    columns.address === undefined &&
    containsPhrase(foldLabel(labels[columns.applicant] ?? ''), 'dia chi')
  ) {
    columns.address = columns.applicant;
    splitApplicant = true;
  }
  const fields = Object.keys(columns) as Field[];
  const hasKey = fields.some((f) => KEY_FIELDS.has(f));
  const score = hasKey ? fields.filter((f) => SCORED_FIELDS.has(f)).length : 0;
  return { columns, labels, matched, named, score, ...(splitApplicant ? { splitApplicant } : {}) };
}

/** A column number as registers write them under the header: "(3)", "3". */
const COLUMN_NUMBER = /^\(?\d{1,2}\)?$/;

/**
 * A row below a header made of header words only ("Ngày", "Ký nhận", a group's sub-labels): part
 * of the header, never data. Column numbers ("(3)") among the words are allowed; at least two different words are
 * needed.
 */
function isHeaderWordsRow(cells: readonly CellValue[], rules: readonly HeaderRule[], memo: Memo): boolean {
  let first: string | null = null;
  let distinct = false;
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    if (typeof c !== 'string') return false;
    const t = c.trim();
    if (t === '') continue;
    if (COLUMN_NUMBER.test(t)) continue;
    if (
      t.length > MAX_HEADER_LABEL ||
      (!isGenericDate(foldText(t)) && memoMatch(t, rules, memo) === null) ||
      isTitleLabel(t)
    )
      return false;
    if (first === null) first = t;
    else if (t !== first) distinct = true;
  }
  return distinct;
}

/**
 * Finds the best header among the first rows. Returns null when no row names at least three
 * known fields including one of code, applicant or procedure.
 */
export function detectHeader(
  rows: readonly RawRow[],
  rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES,
): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const memo: Memo = new Map();
  for (let i = 0; i < rows.length && rows[i]!.rowNumber <= HEADER_SEARCH_ROWS; i++) {
    const row = rows[i]!;
    let candidate: HeaderMatch = {
      lastHeaderIndex: i,
      headerRows: [row.rowNumber],
      rules,
      ...mapColumns([row.cells], rules, memo),
    };
    // A header starts on a row naming a key field or made of header words: never on a title line.
    if (candidate.score === 0 && !isHeaderWordsRow(row.cells, rules, memo)) continue;
    // Up to two more rows below, while they add fields or are header words only.
    const stack: Array<readonly CellValue[]> = [row.cells];
    for (let k = 1; k <= 2; k++) {
      const next = rows[i + k];
      if (!next || next.rowNumber !== rows[i + k - 1]!.rowNumber + 1) break;
      stack.push(next.cells);
      const more = mapColumns(stack, rules, memo);
      if (
        more.score > candidate.score ||
        (more.score === candidate.score && more.score > 0 && isHeaderWordsRow(next.cells, rules, memo))
      ) {
        candidate = { lastHeaderIndex: i + k, headerRows: [...candidate.headerRows, next.rowNumber], rules, ...more };
      } else break;
    }
    if (candidate.score >= 3 && (best === null || candidate.score > best.score)) best = candidate;
  }
  return best;
}

/** Folded-label memo per header, for the header-words check of rows below it. */
const rowMemos = new WeakMap<HeaderMatch, Memo>();

/** Whether a row under `header` is made of header words only (a header row left below it). */
export function headerWordsRow(cells: readonly CellValue[], header: HeaderMatch): boolean {
  let memo = rowMemos.get(header);
  if (!memo) {
    memo = new Map();
    rowMemos.set(header, memo);
  }
  if (memo.size > 1000) memo.clear();
  return isHeaderWordsRow(cells, header.rules ?? DEFAULT_HEADER_RULES, memo);
}
