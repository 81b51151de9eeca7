/**
 * The summary sheet "Tổng hợp" of the Excel report: the official heading, title and period lines,
 * one row per unit with every JSON counter and the total, the closure rate coloured by band, and the
 * signature block, on one page when the units allow; and "Tiến độ giải quyết", the Biểu II.06a-style
 * timeliness table. Rows are committed in order.
 */
import type ExcelJS from 'exceljs';
import {
  displayDate,
  memoLabels,
  rateBand,
  type ReportLabels,
  SUMMARY_COUNTERS,
  TIMELINESS_COLUMNS,
  unitsWithoutSystemData,
} from '../../../i18n/index.js';
import type { ReportHead } from '../../model/finding-set.js';
import type { UnitCounters } from '../../model/types.js';
import { headerLines, type RenderOptions, reportTitle } from '../render-options.js';
import type { TimelinessCounts } from '../../model/timeliness.js';
import {
  BAND_STYLE,
  columnsWidth,
  finishRow,
  finishSheet,
  MIN_PRINT_SCALE,
  PRINT_HEIGHT,
  PRINT_WIDTH,
  printScale,
  sheetOptions,
  styleBody,
  styleHeader,
  type SheetNames,
} from './xlsx-style.js';

/** Columns of the summary table: STT, unit, then every counter. */
const SUMMARY_WIDTH = 2 + SUMMARY_COUNTERS.length;

/** Height (points) of a row of 10-11 pt text that is not given one. */
const ROW_HEIGHT = 15;

/** Height (points) of a unit's line: its name wraps in column 2. */
function unitRowHeight(name: string, nameWidth: number): number {
  return Math.ceil(Math.max(1, Math.ceil(Array.from(name).length / ((nameWidth - 1) * 1.2))) * 13.5 + 2);
}

/** Height (points) of a merged line of `size` pt text across `width` column units. */
function lineHeight(text: string, size: number, width: number): number {
  // ~1.15 characters of 10 pt text a column unit (Excel's narrower units; LibreOffice fits more).
  return Math.ceil(Math.max(1, Math.ceil((Array.from(text).length * size) / (width * 10 * 1.15))) * size * 1.3 + 3);
}

/** Height (points) of the summary table's header row. */
const HEAD_HEIGHT = 40;

/** Height (points) of the signature block (a blank row, date, roles, hints, three rows to sign in, names). */
const SIGNATURE_HEIGHT = 8 * ROW_HEIGHT;

/** A line of merged text across the summary table. */
type Line = (
  text: string,
  opts?: { bold?: boolean; size?: number; italic?: boolean; align?: 'left' | 'center'; height?: number },
) => void;

/** Widest the unit-name column grows (column units) when the page has room for it. */
const MAX_NAME_WIDTH = 40;

/**
 * Printed height (points) of a sheet as the summary estimates it: every row at its height, or
 * ROW_HEIGHT when it has none. The summary sets every row's height it counts otherwise.
 */
export function estimatedHeight(ws: ExcelJS.Worksheet): number {
  let h = 0;
  for (let n = 1; n <= ws.rowCount; n++) h += ws.getRow(n).height ?? ROW_HEIGHT;
  return h;
}

/** Adds "Tổng hợp" (sheet names taken from `names`). */
export function addSummarySheet(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  report: ReportHead,
  o: RenderOptions,
  L: ReportLabels,
): void {
  const ws = wb.addWorksheet(names.take(L.sheet.summary), sheetOptions(o.lang, o.agency ?? reportTitle(o)));
  const last = SUMMARY_WIDTH;
  const counterWidth = 6.5;
  const otherWidth = 4.5 + SUMMARY_COUNTERS.length * counterWidth;
  const without = unitsWithoutSystemData(report.units);
  const notes = [
    ...(without ? [L.noSystemNote(without)] : []),
    memoLabels(o.lang).summaryLegend,
    L.head.neverClosedNote,
    L.head.rateLegend,
    ...(o.showPersonalData ? [] : [L.head.masked]),
  ];
  const period = headerLines(report, o).join(' · ');
  const agency = o.agency ?? '';
  const unitNames = [...report.units.map((u) => u.unit), L.counters.total];
  // The heights every row is given below, for a unit-name column `nameWidth` wide.
  const agencyHeight = (nameWidth: number) =>
    Math.ceil(
      Math.max(2, Math.ceil(Array.from(agency).length / ((4.5 + nameWidth + 4 * counterWidth) * 0.9))) * 14 + 3,
    );
  const sheetHeight = (nameWidth: number) => {
    const tw = otherWidth + nameWidth;
    return (
      agencyHeight(nameWidth) +
      2 * ROW_HEIGHT +
      lineHeight(reportTitle(o), 14, tw) +
      lineHeight(period, 10, tw) +
      ROW_HEIGHT +
      HEAD_HEIGHT +
      ROW_HEIGHT +
      unitNames.reduce((n, name) => n + unitRowHeight(name, nameWidth), 0) +
      notes.reduce((n, t) => n + lineHeight(t, 10, tw), 0) +
      SIGNATURE_HEIGHT
    );
  };
  // Layout, decided before the first row (the streaming writer writes the widths with it and a
  // committed row cannot take a page break): the largest scale from 100 % down to 80 % at which the
  // whole sheet fits one page, the unit-name column widened into the room a smaller scale leaves so
  // that names wrap less; else the page-width scale, the table running over pages with its header
  // rows repeated and the signature block kept whole on a page.
  const nameNeed = Math.max(14, ...unitNames.map((n) => Math.ceil(Array.from(n).length * 0.9 + 1.5)));
  let nameWidth = Math.min(20, nameNeed);
  let onePage: number | null = null;
  for (let s = 100; s >= MIN_PRINT_SCALE; s--) {
    const room = Math.floor((PRINT_WIDTH * 100) / s) - otherWidth;
    const w = Math.min(nameNeed, MAX_NAME_WIDTH, Math.max(nameWidth, room));
    if (otherWidth + w <= (PRINT_WIDTH * 100) / s && (sheetHeight(w) * s) / 100 <= PRINT_HEIGHT) {
      onePage = s;
      nameWidth = w;
      break;
    }
  }
  ws.getColumn(1).width = 4.5;
  ws.getColumn(2).width = nameWidth;
  // Abbreviated headers (legend below) in narrow columns.
  for (let c = 3; c <= last; c++) ws.getColumn(c).width = counterWidth;
  const tableWidth = columnsWidth(ws, 1, last);
  // Printed height so far (points), for the pagination: every row is counted as it is added.
  let height = 0;
  let lastDone: ExcelJS.Row | null = null;
  const done = (row: ExcelJS.Row) => {
    height += row.height ?? ROW_HEIGHT;
    finishRow(row);
    lastDone = row;
  };
  const blank = () => done(ws.addRow([]));
  const line: Line = (text, opts = {}) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, last);
    const size = opts.size ?? 10;
    row.getCell(1).font = { bold: opts.bold, size, italic: opts.italic };
    row.getCell(1).alignment = { horizontal: opts.align ?? 'center', wrapText: true };
    // A merged cell's wrapped text: lines from its length over the table's width.
    row.height = opts.height ?? lineHeight(text, size, tableWidth);
    done(row);
  };
  // National heading on the right, agency on the left, as official reports are laid out.
  const top = ws.addRow([]);
  top.getCell(1).value = agency;
  top.height = agencyHeight(nameWidth);
  top.getCell(9).value = L.head.nation;
  const motto = ws.addRow([]);
  motto.getCell(9).value = L.head.motto;
  for (const r of [top, motto]) {
    ws.mergeCells(r.number, 1, r.number, 6);
    ws.mergeCells(r.number, 9, r.number, last);
    for (const c of [1, 9]) r.getCell(c).alignment = { horizontal: 'center', wrapText: true };
    r.getCell(1).font = { bold: true, size: 11 };
    r.getCell(9).font = { bold: true, size: 11, underline: r === motto };
  }
  done(top);
  done(motto);
  blank();
  line(reportTitle(o), { bold: true, size: 14 });
  line(period, { italic: true });
  blank();

  const short = memoLabels(o.lang).summaryHead;
  const head = ws.addRow([L.counters.no, L.counters.unit, ...SUMMARY_COUNTERS.map((k) => short[k])]);
  head.height = HEAD_HEIGHT;
  styleHeader(head, 1, last);
  done(head);
  const numbers = ws.addRow(Array.from({ length: last }, (_, i) => `(${i + 1})`));
  styleHeader(numbers, 1, last);
  numbers.font = { italic: true, size: 10 };
  done(numbers);

  const addCounters = (no: number | null, name: string, c: UnitCounters, bold: boolean) => {
    const row = ws.addRow([no, name, ...SUMMARY_COUNTERS.map((k) => c[k] as number | null)]);
    styleBody(row, 1, last);
    row.font = { bold };
    // The closure rate's colour is a static fill chosen here from the computed rate (the streaming
    // writer and every spreadsheet program show it alike; no conditional-format rule to evaluate).
    const rate = row.getCell(2 + SUMMARY_COUNTERS.indexOf('electronicClosureRate') + 1);
    rate.numFmt = '0.0%';
    const band = rateBand(c.electronicClosureRate);
    if (band) {
      rate.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: BAND_STYLE[band].fill } };
      rate.font = { bold, color: { argb: BAND_STYLE[band].font } };
    }
    const never = row.getCell(2 + SUMMARY_COUNTERS.indexOf('neverClosedElectronically') + 1);
    if (c.neverClosedElectronically !== null && c.neverClosedElectronically > 0)
      never.font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.neverClosedElectronically === null && c.paperRecords > 0) {
      // No system data: words, never an empty cell a reader could take for 0 %.
      never.value = '–';
      rate.value = L.noSystemData;
    }
    // Unit names wrap in their column.
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    row.height = unitRowHeight(name, nameWidth);
    done(row);
  };
  report.units.forEach((u, i) => {
    addCounters(i + 1, u.unit, u, false);
  });
  addCounters(null, L.counters.total, report.totals, true);
  for (const note of notes) line(note, { italic: true, size: 10, align: 'left' });

  const scale = onePage ?? printScale(tableWidth);
  const page = (PRINT_HEIGHT * 100) / scale;
  if (height > page) ws.pageSetup.printTitlesRow = `${head.number}:${numbers.number}`;
  // The signature block kept whole on a page.
  if ((height % page) + SIGNATURE_HEIGHT > page && SIGNATURE_HEIGHT <= page) lastDone!.addPageBreak();
  addSignatureBlock(ws, report, o, L, done);
  ws.pageSetup.scale = scale;
  finishSheet(ws);
}

/**
 * Adds "Tiến độ giải quyết" (after the summary and the indicators): the Biểu II.06a-style
 * timeliness table of the system's dossiers, per unit and in total. Nothing when the report has none.
 */
export function addTimelinessSheet(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  report: ReportHead,
  o: RenderOptions,
  L: ReportLabels,
): void {
  const block = report.timeliness;
  if (!block) return;
  const t = L.timeliness;
  const last = 2 + TIMELINESS_COLUMNS.length;
  const headerRow = 5;
  const ws = wb.addWorksheet(
    names.take(L.sheet.timeliness),
    sheetOptions(o.lang, o.agency ?? reportTitle(o), headerRow),
  );
  const unitNames = [...block.units.map((u) => u.unit), L.counters.total];
  ws.getColumn(1).width = 4.5;
  ws.getColumn(2).width = Math.min(
    24,
    Math.max(14, ...unitNames.map((n) => Math.ceil(Array.from(n).length * 0.9 + 1.5))),
  );
  for (let c = 3; c <= last; c++) ws.getColumn(c).width = 7.5;
  const tableWidth = columnsWidth(ws, 1, last);
  const nameWidth = ws.getColumn(2).width ?? 20;
  const line = (text: string, opts: { bold?: boolean; size?: number; italic?: boolean; align?: 'left' | 'center' }) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, last);
    const size = opts.size ?? 10;
    row.getCell(1).font = { bold: opts.bold, size, italic: opts.italic };
    row.getCell(1).alignment = { horizontal: opts.align ?? 'center', wrapText: true };
    row.height = lineHeight(text, size, tableWidth);
    finishRow(row);
  };
  line(t.title, { bold: true, size: 12 });
  line(headerLines(report, o).join(' · '), { italic: true });
  finishRow(ws.addRow([]));
  // Two header rows: groups (resolved / pending) over their columns, the rest merged vertically.
  const groupRow = ws.addRow([]);
  const headRow = ws.addRow([]);
  const colOf = (k: keyof TimelinessCounts) => 3 + TIMELINESS_COLUMNS.indexOf(k);
  groupRow.getCell(1).value = L.counters.no;
  groupRow.getCell(2).value = L.counters.unit;
  for (const k of TIMELINESS_COLUMNS) headRow.getCell(colOf(k)).value = t[k];
  groupRow.getCell(colOf('systemRecords')).value = t.systemRecords;
  groupRow.getCell(colOf('withdrawnOrRefused')).value = t.withdrawnOrRefused;
  groupRow.getCell(colOf('resolved')).value = t.resolvedGroup;
  groupRow.getCell(colOf('pending')).value = t.pendingGroup;
  styleHeader(groupRow, 1, last);
  styleHeader(headRow, 1, last);
  headRow.height = 40;
  for (const c of [1, 2, colOf('systemRecords'), colOf('withdrawnOrRefused')])
    ws.mergeCells(groupRow.number, c, headRow.number, c);
  ws.mergeCells(groupRow.number, colOf('resolved'), groupRow.number, colOf('resolvedUndated'));
  ws.mergeCells(groupRow.number, colOf('pending'), groupRow.number, colOf('pendingUndated'));
  finishRow(groupRow);
  finishRow(headRow);
  const add = (no: number | null, name: string, c: TimelinessCounts, bold: boolean) => {
    const row = ws.addRow([no, name, ...TIMELINESS_COLUMNS.map((k) => c[k])]);
    styleBody(row, 1, last);
    row.font = { bold };
    for (const k of ['resolvedLate', 'pendingPastDue'] as const)
      if (c[k] > 0) row.getCell(colOf(k)).font = { bold, color: { argb: 'FFC00000' } };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    row.height = unitRowHeight(name, nameWidth);
    finishRow(row);
  };
  block.units.forEach((u, i) => {
    add(i + 1, u.unit, u, false);
  });
  add(null, L.counters.total, block.totals, true);
  line(t.note(displayDate(report.provenance?.systemAsOf)), { italic: true, size: 10, align: 'left' });
  ws.pageSetup.printTitlesRow = `${groupRow.number}:${headRow.number}`;
  ws.pageSetup.scale = printScale(tableWidth);
  finishSheet(ws);
}

function addSignatureBlock(
  ws: ExcelJS.Worksheet,
  report: ReportHead,
  o: RenderOptions,
  L: ReportLabels,
  done: (row: ExcelJS.Row) => void,
): void {
  const last = SUMMARY_WIDTH;
  const vn = new Date(new Date(report.generatedAt).getTime() + 7 * 3600_000);
  done(ws.addRow([]));
  const dateRow = ws.addRow([]);
  dateRow.getCell(9).value = L.sign.place(L.sign.date(vn.getUTCDate(), vn.getUTCMonth() + 1, vn.getUTCFullYear()));
  dateRow.getCell(9).font = { italic: true };
  const roles = ws.addRow([]);
  const hints = ws.addRow([]);
  roles.getCell(2).value = L.sign.prepared;
  roles.getCell(9).value = L.sign.head;
  hints.getCell(2).value = L.sign.preparedHint;
  hints.getCell(9).value = L.sign.headHint;
  const gap = [ws.addRow([]), ws.addRow([]), ws.addRow([])];
  const names = ws.addRow([]);
  names.getCell(2).value = o.preparedBy ?? '……………………………';
  names.getCell(9).value = o.headOfUnit ?? '……………………………';
  for (const r of [dateRow, roles, hints, names]) {
    ws.mergeCells(r.number, 2, r.number, 6);
    ws.mergeCells(r.number, 9, r.number, last);
    r.getCell(2).alignment = { horizontal: 'center' };
    r.getCell(9).alignment = { horizontal: 'center' };
  }
  roles.font = { bold: true };
  hints.font = { italic: true, size: 10 };
  names.font = { bold: true };
  // In row order, once styled: committing a row commits every row above it.
  for (const r of [dateRow, roles, hints, ...gap, names]) done(r);
}
