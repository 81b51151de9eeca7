/**
 * The sheet "Hệ thống và thực tế" of the Excel report: per unit, the indicators as the system shows
 * them, as the registers show them, the gap and the ranks, sorted by the gap in closure rate (the
 * unit the system understates most first). Values only. Printed on A4 landscape at a scale chosen
 * from the column widths so that no text prints smaller than 8 pt (`MIN_PRINT_PT`): when the table
 * is too wide for that, it runs onto a second page across, the unit columns repeated.
 */
import type ExcelJS from 'exceljs';
import {
  displayDate,
  GAP_FIELDS,
  indicatorLabels,
  PAGE_WORD,
  type ReportLabels,
  VIEW_FIELDS,
} from '../../../i18n/index.js';
import type { IndicatorGap, IndicatorView, UnitIndicators } from '../../model/indicators.js';
import type { ReportHead } from '../../model/finding-set.js';
import { headerLines, type RenderOptions, reportTitle } from '../render-options.js';
import { BORDER, finishRow, finishSheet, fitRowHeight, HEADER_FILL, type SheetNames } from './xlsx-style.js';

/** Smallest text size on the printed page, after scaling (points). */
export const MIN_PRINT_PT = 8;
/** Body text size (points). */
export const BODY_PT = 10;
/** A4 landscape width in points, less the left and right margins (0.3 in each). */
const PRINTABLE_PT = 841.89 - 2 * 0.3 * 72;

/**
 * One printed column's width in points for an Excel width (characters of the default font: 7 px each plus 5 px, 0.75 pt
 * a px).
 */
const widthPt = (w: number) => (Math.trunc(w * 7 + 5) * 3) / 4;

/**
 * How much wider than our estimate a spreadsheet program lays the columns out when fitting them to
 * the page (LibreOffice measured: up to 1.23, a one-unit workbook printed at 74 % for an estimated 91 %).
 */
const WIDTH_MARGIN = 1.25;

/**
 * How the sheet prints, from its column widths: fitted to one page wide when that keeps the text
 * at MIN_PRINT_PT or more (the fitted scale estimated with a safety margin), else at the smallest
 * readable scale, the table then running onto a second page across (unit columns repeated).
 */
export function printFit(
  widths: readonly number[],
): { fitToPage: true; fitToWidth: 1; fitToHeight: 0 } | { fitToPage: false; scale: number } {
  const total = widths.reduce((n, w) => n + widthPt(w), 0) * WIDTH_MARGIN;
  const minScale = Math.ceil((MIN_PRINT_PT / BODY_PT) * 100);
  return (PRINTABLE_PT / total) * 100 >= minScale
    ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
    : { fitToPage: false, scale: minScale };
}

type Line = {
  no: number | null;
  name: string;
  ind: Pick<UnitIndicators, 'system' | 'registers' | 'gap'> & Partial<Pick<UnitIndicators, 'rank' | 'comparison'>>;
};

const RATE_FMT = '0.0%';
const POINTS_FMT = '+0.0;-0.0;0.0';
const COUNT_FMT = '#,##0';
const CHANGE_FMT = '+0;-0;0';

/**
 * Units in the sheet's order: the largest gap in closure rate first, units that cannot be compared last (report order
 * among equals).
 */
export function indicatorOrder<T extends { indicators?: UnitIndicators }>(units: readonly T[]): T[] {
  const key = (u: T) => u.indicators?.gap?.closureRatePoints ?? null;
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => {
      const x = key(a.u);
      const y = key(b.u);
      if (x === null || y === null) return x === null && y === null ? a.i - b.i : x === null ? 1 : -1;
      return y - x || a.i - b.i;
    })
    .map((e) => e.u);
}

/** Characters a number takes as the sheet shows it. */
function shownLength(v: number | null, kind: 'count' | 'rate' | 'points'): number {
  if (v === null) return 1;
  if (kind === 'rate' || kind === 'points') return 5;
  const digits = String(Math.abs(Math.trunc(v))).length;
  return digits + Math.floor((digits - 1) / 3) + (v < 0 ? 1 : 0);
}

const viewKind = (f: (typeof VIEW_FIELDS)[number]) => (f === 'onTimeRate' || f === 'closureRate' ? 'rate' : 'count');
const gapKind = (f: (typeof GAP_FIELDS)[number]) =>
  f === 'onTimeRatePoints' || f === 'closureRatePoints' ? 'points' : 'count';

/** Adds the sheet (after the summary). Nothing when the report has no indicators. */
export function addIndicatorSheet(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  report: ReportHead,
  o: RenderOptions,
  L: ReportLabels,
): void {
  const totals = report.totals.indicators;
  if (!totals) return;
  const I = indicatorLabels(o.lang);
  const lines: Line[] = indicatorOrder(report.units).map((u, i) => ({ no: i + 1, name: u.unit, ind: u.indicators! }));
  lines.push({ no: null, name: L.counters.total!, ind: totals });
  const nView = VIEW_FIELDS.length;
  const nGap = GAP_FIELDS.length;
  const first = { system: 3, registers: 3 + nView, gap: 3 + 2 * nView, rank: 3 + 2 * nView + nGap };
  const last = first.rank + 2;

  // Widths from the content (values only, so what is written is what prints).
  const widths: number[] = [4.5, Math.min(28, Math.max(14, ...lines.map((l) => Array.from(l.name).length / 1.6 + 2)))];
  for (const f of VIEW_FIELDS)
    widths.push(
      Math.max(
        6.5,
        ...lines.flatMap((l) =>
          [l.ind.system, l.ind.registers].map((v) => shownLength(v ? v[f] : null, viewKind(f)) + 1.5),
        ),
      ),
    );
  for (const f of VIEW_FIELDS) widths.push(widths[2 + VIEW_FIELDS.indexOf(f)]!);
  for (const f of GAP_FIELDS)
    widths.push(Math.max(6.5, ...lines.map((l) => shownLength(l.ind.gap ? l.ind.gap[f] : null, gapKind(f)) + 1.5)));
  widths.push(5.5, 5.5, 6);
  const ws = wb.addWorksheet(names.take(I.sheet), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      ...printFit(widths),
      horizontalCentered: true,
      margins: { left: 0.3, right: 0.3, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      differentFirst: false,
      differentOddEven: false,
      oddHeader: `&L&10${(o.agency ?? reportTitle(o)).replace(/&/g, '&&')}&R&10&A`,
      oddFooter: `&C&10${PAGE_WORD[o.lang]} &P / &N`,
    },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 4, topLeftCell: 'C5', activeCell: 'C5' }],
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Lines of text across the table: over all its columns when it fits one page wide; else over the
  // unit and the two views only, which the first page holds (a text merged over the columns of two
  // pages is cut at the page edge).
  const textLast = ws.pageSetup.fitToPage ? last : first.gap - 1;
  /** Characters of a note's line across those columns (~1.1 a column unit of 10 pt text). */
  const noteChars = Math.max(60, Math.floor(widths.slice(0, textLast).reduce((n, w) => n + w, 0) * 1.1));

  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
    name: 'Times New Roman',
    size: BODY_PT,
    ...extra,
  });
  const title = ws.addRow([I.title]);
  ws.mergeCells(title.number, 1, title.number, textLast);
  title.getCell(1).font = font({ bold: true, size: 12 });
  title.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  title.height = 34;
  finishRow(title);
  const asOf = displayDate(report.provenance?.systemAsOf ?? null);
  const sub = ws.addRow([headerLines(report, o).join(' · ')]);
  ws.mergeCells(sub.number, 1, sub.number, textLast);
  sub.getCell(1).font = font({ italic: true });
  sub.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  sub.height = 30;
  finishRow(sub);

  const header = (row: ExcelJS.Row) => {
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = font({ bold: true });
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    }
  };
  const groups = ws.addRow([]);
  groups.getCell(first.system).value = I.system;
  groups.getCell(first.registers).value = I.registers;
  groups.getCell(first.gap).value = I.gap;
  groups.getCell(first.rank).value = I.rank;
  header(groups);
  ws.mergeCells(groups.number, first.system, groups.number, first.registers - 1);
  ws.mergeCells(groups.number, first.registers, groups.number, first.gap - 1);
  ws.mergeCells(groups.number, first.gap, groups.number, first.rank - 1);
  ws.mergeCells(groups.number, first.rank, groups.number, last);
  groups.height = 30;
  finishRow(groups);
  const fields = ws.addRow([
    L.counters.no!,
    L.counters.unit!,
    ...VIEW_FIELDS.map((f) => I.field[f]),
    ...VIEW_FIELDS.map((f) => I.field[f]),
    ...GAP_FIELDS.map((f) => I.field[f]),
    I.rankCol.system,
    I.rankCol.registers,
    I.rankCol.change,
  ]);
  header(fields);
  fitRowHeight(fields, ws, BODY_PT, 2);
  finishRow(fields);
  ws.pageSetup.printTitlesRow = `${groups.number}:${fields.number}`;
  ws.pageSetup.printTitlesColumn = 'A:B';

  const put = (row: ExcelJS.Row, col: number, v: number | null, fmt: string, bold: boolean) => {
    const cell = row.getCell(col);
    cell.value = v === null ? '–' : v;
    if (v !== null) cell.numFmt = fmt;
    cell.alignment = { horizontal: 'right', vertical: 'top' };
    cell.font = font({ bold });
  };
  const putView = (row: ExcelJS.Row, at: number, v: IndicatorView | null, bold: boolean, missing: string) => {
    if (!v) {
      row.getCell(at).value = missing || '–';
      row.getCell(at).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
      row.getCell(at).font = font({ italic: true, bold });
      return true;
    }
    VIEW_FIELDS.forEach((f, i) => {
      put(row, at + i, v[f], viewKind(f) === 'rate' ? RATE_FMT : COUNT_FMT, bold);
    });
    return false;
  };
  const putGap = (row: ExcelJS.Row, g: IndicatorGap | null, bold: boolean) =>
    GAP_FIELDS.forEach((f, i) => {
      put(row, first.gap + i, g ? g[f] : null, gapKind(f) === 'points' ? POINTS_FMT : COUNT_FMT, bold);
    });
  for (const l of lines) {
    const bold = l.no === null;
    const row = ws.addRow([l.no, l.name]);
    fitRowHeight(row, ws, BODY_PT);
    const missing = l.ind.comparison ? I.comparison[l.ind.comparison] : '';
    const merges: number[] = [];
    if (putView(row, first.system, l.ind.system, bold, missing)) merges.push(first.system);
    if (putView(row, first.registers, l.ind.registers, bold, missing)) merges.push(first.registers);
    putGap(row, l.ind.gap, bold);
    put(row, first.rank, l.ind.rank?.system ?? null, '0', bold);
    put(row, first.rank + 1, l.ind.rank?.registers ?? null, '0', bold);
    put(row, first.rank + 2, l.ind.rank?.change ?? null, CHANGE_FMT, bold);
    if (l.no === null) for (let c = first.rank; c <= last; c++) row.getCell(c).value = null;
    for (let c = 1; c <= last; c++) row.getCell(c).border = BORDER;
    row.getCell(1).font = font({ bold });
    row.getCell(1).alignment = { horizontal: 'right', vertical: 'top' };
    row.getCell(2).font = font({ bold });
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    for (const at of merges) ws.mergeCells(row.number, at, row.number, at + VIEW_FIELDS.length - 1);
    finishRow(row);
  }
  const notes = [...I.notes(asOf), ...(totals.unitsNotCompared > 0 ? [I.notCompared(totals.unitsNotCompared)] : [])];
  for (const text of notes) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, textLast);
    row.getCell(1).font = font({ italic: true });
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = Math.ceil(BODY_PT * 1.32 * Math.max(1, Math.ceil(Array.from(text).length / noteChars)) + 4);
    finishRow(row);
  }
  finishSheet(ws);
}
