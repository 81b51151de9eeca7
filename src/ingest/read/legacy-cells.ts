/**
 * Converts cells typed in legacy Vietnamese 8-bit fonts (TCVN3/ABC `.VnTime`, VNI `VNI-Times`) to
 * Unicode, on the raw text, before any clean-up. The cell font decides where there is one; for
 * cells in generic fonts, each column (title block and header rows included) is tested on its text.
 * The raw value is kept beside the converted one.
 */
import {
  decodeTcvn3,
  decodeVni,
  detectLegacyText,
  legacyFromFontName,
  type LegacyEncoding,
} from '../../normalize/legacy.js';
import type { SourceSheet } from './source.js';

/** What conversion did to a sheet. */
export interface LegacySummary {
  /** Cells converted, per encoding. */
  cells: Partial<Record<LegacyEncoding, number>>;
}

/** Text already in Unicode Vietnamese (letters no 8-bit font can produce) is never re-decoded. */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]|[\u0300-\u0323]/u;

function decode(raw: string, encoding: LegacyEncoding, upper: boolean): string {
  return encoding === 'tcvn3' ? decodeTcvn3(raw, upper) : decodeVni(raw);
}

/** Converts legacy-font cells of a sheet in place; returns what it converted. */
export function convertLegacyCells(sheet: SourceSheet): LegacySummary {
  const summary: LegacySummary = { cells: {} };
  const undecided = new Map<number, Array<{ row: number; col: number; text: string }>>();
  const convert = (rowIndex: number, col: number, encoding: LegacyEncoding, upper: boolean) => {
    const row = sheet.rows[rowIndex]!;
    const raw = row.cells[col] as string;
    const decoded = decode(raw, encoding, upper);
    if (decoded === raw) return;
    row.original ??= [];
    row.original[col] = raw;
    row.cells[col] = decoded;
    summary.cells[encoding] = (summary.cells[encoding] ?? 0) + 1;
  };
  sheet.rows.forEach((row, rowIndex) => {
    const fonts = sheet.fonts?.get(row.rowNumber);
    row.cells.forEach((value, col) => {
      if (
        typeof value !== 'string' ||
        !/[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u203A\u20AC\u2122]/u.test(
          value,
        )
      )
        return;
      if (UNICODE_VIETNAMESE.test(value)) return;
      const legacy = legacyFromFontName(fonts?.[col]);
      if (legacy) {
        convert(rowIndex, col, legacy.encoding, legacy.upper);
        return;
      }
      const list = undecided.get(col) ?? [];
      list.push({ row: rowIndex, col, text: value });
      undecided.set(col, list);
    });
  });
  // Cells without a legacy font: decide per column from the text, then for the whole sheet.
  const sheetSamples = [...undecided.values()].flat().map((c) => c.text);
  const sheetEncoding = sheetSamples.length > 0 ? detectLegacyText(sheetSamples) : null;
  for (const cells of undecided.values()) {
    const encoding = detectLegacyText(cells.map((c) => c.text)) ?? sheetEncoding;
    if (!encoding) continue;
    for (const c of cells) convert(c.row, c.col, encoding, false);
  }
  return summary;
}
