/**
 * Finds the header of a register or export: the row (or pair of rows, for the official
 * register's merged two-row header) within the first rows that names the most known fields.
 */
import { foldText } from '../normalize/text.js';
import type { CellValue, Field, RawRow } from '../types.js';
import { DEFAULT_HEADER_RULES, GENERIC_DATE_LABELS, type HeaderRule } from './header-synonyms.js';

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
  /** Fields recognised, for scoring. */
  score: number;
}

const KEY_FIELDS: ReadonlySet<Field> = new Set(['code', 'applicant', 'procedure']);
const DATE_FIELDS: ReadonlySet<Field> = new Set(['receivedDate', 'dueDate', 'resultDate', 'returnedDate', 'transferDate']);
const SCORED_FIELDS: ReadonlySet<Field> = new Set([
  'code', 'procedure', 'applicant', 'address', 'unit', 'receivedDate', 'dueDate', 'resultDate', 'returnedDate', 'status',
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

/** The field a single header label names, or null. `rules` are tried in order. */
export function classifyLabel(label: string, rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES): Field | null {
  if (label.length > MAX_HEADER_LABEL) return null;
  const folded = foldText(label);
  if (folded === '') return null;
  for (const rule of rules) {
    for (const p of rule.patterns) {
      // Very short patterns ("tt", "ky", "dt") must be the whole label, or they match everywhere.
      if (p.length <= 3 ? folded === p : containsPhrase(folded, p)) return rule.field;
    }
  }
  return null;
}

/** The field of a column with a group header above a sub-header (either may be empty). */
export function classifyColumn(group: string, sub: string, rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES): Field | null {
  if (group.length > MAX_HEADER_LABEL) group = '';
  if (sub.length > MAX_HEADER_LABEL) sub = '';
  const g = foldText(group);
  const s = foldText(sub);
  if (s === '' || s === g) return classifyLabel(group, rules);
  const groupField = g === '' ? null : classifyLabel(group, rules);
  if (GENERIC_DATE_LABELS.includes(s)) return groupField !== null && DATE_FIELDS.has(groupField) ? groupField : null;
  const subField = classifyLabel(sub, rules);
  if (subField === 'signature') return 'signature';
  return subField ?? groupField;
}

function mapColumns(groupRow: CellValue[] | null, subRow: CellValue[], rules: readonly HeaderRule[]) {
  const width = Math.max(groupRow?.length ?? 0, subRow.length);
  const columns: Partial<Record<Field, number>> = {};
  const labels: string[] = [];
  for (let c = 0; c < width; c++) {
    const g = groupRow ? labelText(groupRow[c]) : '';
    const s = labelText(subRow[c]);
    labels[c] = g && s && foldText(g) !== foldText(s) ? `${g.trim()} / ${s.trim()}` : (s || g).trim();
    const field = groupRow ? classifyColumn(g, s, rules) : classifyLabel(s, rules);
    if (field !== null && columns[field] === undefined) columns[field] = c;
  }
  const fields = Object.keys(columns) as Field[];
  const hasKey = fields.some((f) => KEY_FIELDS.has(f));
  const score = hasKey ? fields.filter((f) => SCORED_FIELDS.has(f)).length : 0;
  return { columns, labels, score };
}

/**
 * Finds the best header among the first rows. Returns null when no row names at least three
 * known fields including one of code, applicant or procedure.
 */
export function detectHeader(rows: readonly RawRow[], rules: readonly HeaderRule[] = DEFAULT_HEADER_RULES): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  for (let i = 0; i < rows.length && rows[i]!.rowNumber <= HEADER_SEARCH_ROWS; i++) {
    const row = rows[i]!;
    const single = mapColumns(null, row.cells, rules);
    let candidate: HeaderMatch = { lastHeaderIndex: i, headerRows: [row.rowNumber], ...single };
    const next = rows[i + 1];
    if (next && next.rowNumber === row.rowNumber + 1) {
      const pair = mapColumns(row.cells, next.cells, rules);
      if (pair.score > single.score) {
        candidate = { lastHeaderIndex: i + 1, headerRows: [row.rowNumber, next.rowNumber], ...pair };
      }
    }
    if (candidate.score >= 3 && (best === null || candidate.score > best.score)) best = candidate;
  }
  return best;
}
