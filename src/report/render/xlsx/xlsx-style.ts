/**
 * Shared look of the Excel report: A4 landscape at a readable print scale, repeated header rows,
 * page numbers in the footer, thin borders, column widths fitted to the content, and real dates.
 * Everything here works on an in-memory workbook and on exceljs's streaming writer alike.
 */
import type ExcelJS from 'exceljs';
import { type Lang, PAGE_WORD } from '../../../i18n/index.js';
import type { CellKind } from '../columns.js';

/** Excel's standard "good / neutral / bad" fills, as static colours (no conditional-format formulas). */
export const BAND_STYLE = {
  good: { fill: 'FFC6EFCE', font: 'FF006100' },
  fair: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  poor: { fill: 'FFFFC7CE', font: 'FF9C0006' },
} as const;

/** Header fill. */
export const HEADER_FILL = 'FFDDEBF7';
/** Header fill of the technical columns (outside the print area). */
export const TECHNICAL_FILL = 'FFEDEDED';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
/** Thin borders on all four sides. */
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Escapes "&" for Excel's header/footer codes. */
function hf(text: string): string {
  return text.replace(/&/g, '&&');
}

/**
 * Printable width of an A4 landscape page between the margins of `sheetOptions` (784 pt), in
 * column-width units as LibreOffice prints them (~7.05 pt a unit; Excel's are narrower, ~5.3 pt,
 * so what fits LibreOffice's page fits Excel's), with a little kept for rounding.
 */
export const PRINT_WIDTH = 109;

/** Printable height of an A4 landscape page between the margins of `sheetOptions`, in points. */
export const PRINT_HEIGHT = 500;

/**
 * Smallest print scale (percent): the smallest text of a sheet is 10 pt (body, notes, page header
 * and footer), so 80 % prints it at 8 pt, the least a memo reader can read.
 */
export const MIN_PRINT_SCALE = 80;

/**
 * The print scale (percent) that puts `width` column units on the page width, between
 * MIN_PRINT_SCALE and 100: a sheet is never shrunk below a readable size to fit the page (a wider
 * one prints its extra columns on further pages instead).
 */
export function printScale(width: number): number {
  return Math.max(MIN_PRINT_SCALE, Math.min(100, Math.floor((PRINT_WIDTH / Math.max(width, 1)) * 100)));
}

/**
 * What a sheet is created with: A4 landscape, margins, the agency and sheet name in the page
 * header and "Trang N / M" in the footer (10 pt, so at least 8 pt at any print scale used), and
 * (for tables) the rows above `frozenBelow` frozen. Not fitted to the page: the print scale is set
 * per sheet (`printScale`) before the sheet is committed, so no text prints below 8 pt. Given at
 * creation because exceljs's streaming writer writes the sheet properties and views before the
 * first row.
 */
export function sheetOptions(
  lang: Lang,
  headerLeft: string,
  frozenBelow: number | null = null,
): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: false,
      scale: 100,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      differentFirst: false,
      differentOddEven: false,
      oddHeader: `&L&10${hf(headerLeft)}&R&10&A`,
      oddFooter: `&C&10${PAGE_WORD[lang]} &P / &N`,
    },
    views:
      frozenBelow === null
        ? []
        : [
            {
              state: 'frozen',
              xSplit: 0,
              ySplit: frozenBelow,
              topLeftCell: `A${frozenBelow + 1}`,
              activeCell: `A${frozenBelow + 1}`,
            },
          ],
  };
}

/**
 * The print area of columns 1..`lastCol`, rows 1..`lastRow`, for `pageSetup.printArea`. Written
 * "A$1:J$18" because exceljs puts a "$" before each end: LibreOffice honours only the fully
 * absolute "$A$1:$J$18" (it prints the whole sheet for exceljs's "$A1:$J18").
 */
export function printArea(lastCol: number, lastRow: number): string {
  return `A$1:${columnLetter(lastCol)}$${lastRow}`;
}

/** Sum of the widths of columns `from`..`to` of a sheet (default width 9). */
export function columnsWidth(ws: ExcelJS.Worksheet, from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? 9;
  return w;
}

/** The column letters of a 1-based column number ("A", "Z", "AA"). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Ends a row: Times New Roman (the font of Vietnamese official documents) on every cell, keeping
 * size and weight, then commits it. A committed row is written out by the streaming writer and can
 * no longer change, so merges, heights and styles come first; in an in-memory workbook it is a no-op.
 */
export function finishRow(row: ExcelJS.Row): void {
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { ...(cell.font ?? {}), name: cell.font?.name ?? 'Times New Roman' };
  });
  row.commit();
}

/** Ends a sheet: the streaming writer writes its tail (autofilter, merges, page setup) and frees it. */
export function finishSheet(ws: ExcelJS.Worksheet): void {
  const commit = (ws as { commit?: () => void }).commit;
  if (typeof commit === 'function') commit.call(ws);
}

/** Excel date for an ISO calendar date: UTC midnight, which exceljs stores as exactly that day in any TZ. */
export function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** A cell value of the given kind, ready for exceljs. */
export function cellValue(kind: CellKind, v: string | number | null): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (kind === 'date') return typeof v === 'string' ? excelDate(v) : null;
  return v;
}

/** Number format of a kind. */
export function numFmtOf(kind: CellKind): string | undefined {
  return kind === 'date' ? 'dd/mm/yyyy' : kind === 'score' ? '0.00' : kind === 'int' ? '0' : undefined;
}

/**
 * Characters (code points) of a text: `Array.from(s).length` without the array (a surrogate pair
 * counts once, a lone surrogate once). Called for every cell of a report, twice.
 */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The lines of a text as `split(/\r?\n/)` cuts them, but only when there is more than one. */
function splitLines(s: string): string[] | null {
  return s.includes('\n') ? s.split(/\r?\n/) : null;
}

/** Display width of a value in characters (dates print as 10). */
function widthOf(kind: CellKind, v: string | number | null): number {
  if (v === null || v === undefined) return 0;
  if (kind === 'date') return 10;
  const s = String(v);
  const parts = splitLines(s);
  return parts === null ? codePoints(s) : Math.max(...parts.map(codePoints));
}

/**
 * Fits each column to its longest value (header words count by their longest word, since headers
 * wrap), between a minimum and the column's maximum; longer values wrap.
 */
export function fitColumns(
  ws: ExcelJS.Worksheet,
  specs: ReadonlyArray<{ header: string; kind: CellKind; maxWidth: number }>,
  rows: Iterable<ReadonlyArray<string | number | null>>,
  firstCol = 1,
): void {
  const headerWords = specs.map((spec) => Math.max(...spec.header.split(/\s+/).map((w) => Array.from(w).length)));
  const widths = headerWords.map((h) => Math.max(h, 4));
  // One pass over the rows (a generator: nothing is kept), every column at once.
  for (const r of rows)
    specs.forEach((spec, i) => {
      widths[i] = Math.max(widths[i]!, widthOf(spec.kind, r[i] ?? null));
    });
  // 10 pt Times New Roman takes ~0.9 of a column unit a character (digits and Vietnamese lowercase).
  const units = (chars: number) => Math.round((chars * 0.9 + 1.5) * 2) / 2;
  specs.forEach((spec, i) => {
    ws.getColumn(firstCol + i).width = Math.min(units(widths[i]!), Math.max(spec.maxWidth, units(headerWords[i]!)));
  });
}

/**
 * The style of a detail table's body cell of `kind`: one shared object per kind. exceljs recognises
 * a style object it has seen and reuses its style id, so 100,000 rows cost no per-cell style work.
 * Never mutate the returned object (set a new one on the cell instead).
 */
export function bodyCellStyle(kind: CellKind): Partial<ExcelJS.Style> {
  let style = BODY_STYLES.get(kind);
  if (!style) {
    const numFmt = numFmtOf(kind);
    style = {
      font: { name: 'Times New Roman', size: 10 },
      border: BORDER,
      alignment: { vertical: 'top', wrapText: true },
      ...(numFmt ? { numFmt } : {}),
    };
    BODY_STYLES.set(kind, style);
  }
  return style;
}
const BODY_STYLES = new Map<CellKind, Partial<ExcelJS.Style>>();

/** Bold, filled, bordered, wrapped header cells from `from` to `to` on `row`. */
export function styleHeader(row: ExcelJS.Row, from: number, to: number): void {
  for (let c = from; c <= to; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true, size: 10 };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  }
}

/** Thin borders (and top alignment, wrapping text) on cells `from`..`to` of `row`. */
export function styleBody(row: ExcelJS.Row, from: number, to: number): void {
  for (let c = from; c <= to; c++) {
    const cell = row.getCell(c);
    cell.border = BORDER;
    cell.alignment = { ...cell.alignment, vertical: 'top', wrapText: true };
  }
}

/** Sheet names Excel accepts: no []:*?/\ , at most 31 characters, unique in the workbook (case-insensitively). */
export class SheetNames {
  private readonly used = new Set<string>();

  /** Starts from the names a workbook already has (the streaming writer lists none). */
  constructor(existing: readonly string[] = []) {
    for (const n of existing) this.used.add(n.toLowerCase());
  }

  /** A free name close to `wanted`, now taken. */
  take(wanted: string): string {
    const base =
      wanted
        .replace(/[[\]:*?/\\]/g, ' ')
        .slice(0, 31)
        .trim() || 'Sheet';
    let name = base;
    for (let i = 2; this.used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/**
 * Sets a row's height from its wrapped text, since neither exceljs nor LibreOffice on import fits
 * rows to wrapped text: lines per cell ≈ text length / column width (scaled by the font size).
 */
export function fitRowHeight(
  row: ExcelJS.Row,
  ws: ExcelJS.Worksheet,
  fontSize: number,
  minLines = 1,
  lastCol = Infinity,
): void {
  let lines = minLines;
  row.eachCell((cell, col) => {
    const v = cell.value;
    if (col > lastCol) return;
    if (v === null || v === undefined || v instanceof Date || typeof v === 'number') return;
    const width = ws.getColumn(col).width ?? 9;
    // ~1.3 characters a column unit at 10 pt: between Excel (~1.15) and LibreOffice (~1.5).
    const perLine = Math.max(1, ((width - 0.5) * 13) / fontSize);
    const s = String(v);
    const parts = splitLines(s);
    const n =
      parts === null
        ? Math.max(1, Math.ceil(codePoints(s) / perLine))
        : parts.reduce((sum, part) => sum + Math.max(1, Math.ceil(codePoints(part) / perLine)), 0);
    lines = Math.max(lines, n);
  });
  row.height = Math.ceil(lines * fontSize * 1.32 + 3);
}
