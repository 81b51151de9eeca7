/**
 * exceljs's streaming reader does not give merged cells their master's value (merges are listed
 * after the rows), so the official register's two-row header ("Ngày, tháng, năm" over several
 * sub-columns) arrives with empty group cells. This fills, on a copy of the rows searched for a
 * header, an empty group cell from its left neighbour when both sit above sub-header text: the
 * value a merged cell would have had. Rows holding numbers or dates (data, column numbers) are
 * never group rows, and data rows themselves are never changed. Rows are filled bottom-up, so that a
 * third header row lets the two above it be filled in turn; a title merged across the sheet (one
 * text in the whole row, or title words) is never spread over the columns.
 */
import type { RawRow } from '../../types.js';
import { HEADER_SEARCH_ROWS, isTitleLabel } from './detect-header.js';

const isText = (v: unknown): v is string =>
  typeof v === 'string' && v.trim() !== '' && !/^\(?\d{1,2}\)?$/.test(v.trim());
const textOnly = (row: RawRow) => row.cells.every((c) => c === null || isText(c));
/** A group row holds at least two different texts, none of them a title. */
function mayBeGroupRow(row: RawRow): boolean {
  let first: string | null = null;
  let distinct = false;
  for (const c of row.cells) {
    if (c === null) continue;
    const t = String(c).trim();
    if (isTitleLabel(t)) return false;
    if (first === null) first = t;
    else if (t !== first) distinct = true;
  }
  return distinct;
}

/** A copy of the first rows with merged group-header cells filled; later rows are the same objects. */
export function fillMergedGroupHeaders(rows: readonly RawRow[]): RawRow[] {
  const out = rows.slice();
  let from = -1;
  while (from + 2 < out.length && out[from + 1]!.rowNumber <= HEADER_SEARCH_ROWS) from++;
  for (let i = from; i >= 0; i--) {
    const row = out[i]!;
    const below = out[i + 1]!;
    if (below.rowNumber !== row.rowNumber + 1 || !textOnly(row) || !textOnly(below) || !mayBeGroupRow(row)) continue;
    let cells: RawRow['cells'] | null = null;
    for (let c = 1; c < below.cells.length; c++) {
      const current = (cells ?? row.cells)[c] ?? null;
      const left = (cells ?? row.cells)[c - 1] ?? null;
      if (current === null && left !== null && isText(below.cells[c]) && isText(below.cells[c - 1])) {
        cells ??= row.cells.slice();
        while (cells.length <= c) cells.push(null);
        cells[c] = left;
      }
    }
    if (cells) out[i] = { ...row, cells };
  }
  return out;
}
