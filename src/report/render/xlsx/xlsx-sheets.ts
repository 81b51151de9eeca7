/**
 * The detail sheets (one per finding category, frozen header, autofilter, fitted widths, real
 * dates) and the provenance sheet "Nguồn dữ liệu" of the Excel report. Written row by row: each
 * row is committed as soon as it is complete, so the streaming writer holds one row at a time;
 * column widths are decided before the first row from a pass over the findings in the model.
 */
import type ExcelJS from 'exceljs';
import {
  displayDate,
  displayDateTime,
  memoLabels,
  reportLabels,
  type Section,
  sourceUnitsText,
  TIE_OUT_COLUMNS,
} from '../../../i18n/index.js';
import { detailColumns } from '../columns.js';
import { type AnyReport, findingsOf, type ReportHead } from '../../model/finding-set.js';
import type { Finding } from '../../model/types.js';
import { maskFinding } from '../privacy.js';
import { type RenderOptions, reportTitle } from '../render-options.js';
import type { TieOutCounts } from '../../model/provenance.js';
import {
  bodyCellStyle,
  cellValue,
  columnsWidth,
  finishRow,
  finishSheet,
  fitColumns,
  fitRowHeight,
  printArea,
  printScale,
  type SheetNames,
  sheetOptions,
  styleBody,
  styleHeader,
  TECHNICAL_FILL,
} from './xlsx-style.js';

/** Row of a detail sheet's header (title and note above it); the rows above it stay frozen. */
export const DETAIL_HEADER_ROW = 3;

/** Rows written between two pauses of a detail sheet (see `addDetailSheet`). */
export const ROWS_PER_PAUSE = 500;

/**
 * Adds one detail sheet; the review sheet only when findings carry a `review` object. Findings are
 * masked one at a time as they are written (unless `showPersonalData`), so no masked copy of the
 * report is kept. A generator: it yields every `ROWS_PER_PAUSE` rows so that a streaming caller can
 * let the zip stream compress and write what was committed (the rows would pile up in memory
 * otherwise); an in-memory caller simply runs it to the end.
 */
export function* addDetailSheet(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  report: AnyReport,
  section: Section,
  o: RenderOptions,
): Generator<void, void, void> {
  const L = reportLabels(o.lang);
  const set = findingsOf(report);
  const total = set.count(section);
  if (section === 'review' && total === 0) return;
  const shown = (f: Finding): Finding => (o.showPersonalData ? f : maskFinding(f));
  const cols = detailColumns(section, o.lang);
  // The memo columns are printed; the technical ones follow them, outside the print area.
  const printed = cols.filter((c) => c.print).length;
  const ws = wb.addWorksheet(
    names.take(L.sheet[section]),
    sheetOptions(o.lang, o.agency ?? reportTitle(o), DETAIL_HEADER_ROW),
  );
  // Widths first: once a row is committed its columns cannot widen.
  fitColumns(
    ws,
    cols,
    (function* () {
      let i = 0;
      for (const finding of set.iterate(section)) {
        const f = shown(finding);
        yield cols.map((c) => c.value(f, i));
        i++;
      }
    })(),
  );
  const title = ws.addRow([`${L.sheet[section]} — ${L.detail.count(total)}`]);
  title.getCell(1).font = { bold: true, size: 13 };
  finishRow(title);
  const note = ws.addRow([L.sectionNote[section]]);
  note.getCell(1).font = { italic: true, size: 10 };
  if (printed < cols.length) {
    note.getCell(printed + 1).value = memoLabels(o.lang).col.technical;
    note.getCell(printed + 1).font = { italic: true, size: 10, color: { argb: 'FF595959' } };
  }
  finishRow(note);
  const head = ws.addRow(cols.map((c) => c.header));
  styleHeader(head, 1, cols.length);
  for (let c = printed + 1; c <= cols.length; c++)
    head.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TECHNICAL_FILL } };
  fitRowHeight(head, ws, 10, 1, printed);
  finishRow(head);
  const styles = cols.map((c) => bodyCellStyle(c.kind));
  let i = 0;
  for (const finding of set.iterate(section)) {
    const f = shown(finding);
    const row = ws.addRow(cols.map((c) => cellValue(c.kind, c.value(f, i))));
    // Shared style objects (font, borders, wrapping, number format): already final, so committed as is.
    styles.forEach((style, c) => {
      row.getCell(c + 1).style = style;
    });
    fitRowHeight(row, ws, 10, 1, printed);
    row.commit();
    if (i % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) yield;
    i++;
  }
  if (total === 0) {
    const row = ws.addRow([L.detail.none]);
    ws.mergeCells(row.number, 1, row.number, printed);
    row.getCell(1).font = { italic: true, size: 10 };
    finishRow(row);
  }
  ws.autoFilter = {
    from: { row: DETAIL_HEADER_ROW, column: 1 },
    to: { row: DETAIL_HEADER_ROW + total, column: cols.length },
  };
  ws.pageSetup.printTitlesRow = `${DETAIL_HEADER_ROW}:${DETAIL_HEADER_ROW}`;
  ws.pageSetup.printArea = printArea(printed, DETAIL_HEADER_ROW + Math.max(total, 1));
  ws.pageSetup.scale = printScale(columnsWidth(ws, 1, printed));
  finishSheet(ws);
}

/** Adds "Nguồn dữ liệu": how the report was made, the tie-out counts, and every imported file. */
export function addSourcesSheet(wb: ExcelJS.Workbook, names: SheetNames, report: ReportHead, o: RenderOptions): void {
  const L = reportLabels(o.lang);
  const P = L.prov;
  const ws = wb.addWorksheet(names.take(L.sheet.sources), sheetOptions(o.lang, o.agency ?? reportTitle(o)));
  const last = 12;
  // Printed: columns 1..printed (111 units: ~98 % on A4 landscape); the SHA-256 is technical, beyond.
  const printed = 11;
  const widths = [4.5, 22, 8, 13, 7, 7, 7, 12, 10.5, 8, 12, 36];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const title = ws.addRow([P.title]);
  title.getCell(1).font = { bold: true, size: 13 };
  finishRow(title);
  ws.addRow([]);

  const section = (text: string) => {
    const r = ws.addRow([text]);
    r.getCell(1).font = { bold: true };
    finishRow(r);
  };
  section(P.info);
  const prov = report.provenance;
  const info: Array<[string, string]> = [
    [P.tool, `motcua-audit ${o.toolVersion}`.trim()],
    [P.generated, displayDateTime(report.generatedAt)],
    [P.options, o.optionsUsed.length ? o.optionsUsed.join(' ') : '—'],
    [P.masked, o.showPersonalData ? P.no : P.yes],
    [P.asOf, displayDate(prov?.systemAsOf) || '—'],
    [P.matchedAt, prov?.matchedAt ? displayDateTime(prov.matchedAt) : '—'],
    [P.dataRange, prov?.dataFrom ? `${displayDate(prov.dataFrom)} – ${displayDate(prov.dataTo)}` : '—'],
  ];
  for (const [k, v] of info) {
    const r = ws.addRow([null, k, v]);
    ws.mergeCells(r.number, 3, r.number, printed);
    r.getCell(2).font = { bold: true };
    r.getCell(3).alignment = { horizontal: 'left', wrapText: true };
    styleBody(r, 2, printed);
    // A merged cell's text wraps over the merged width (no program fits the row to it).
    r.height = Math.ceil(
      Math.max(1, Math.ceil(Array.from(v).length / (widths.slice(2, printed).reduce((a, b) => a + b, 0) * 1.1))) *
        13.5 +
        3,
    );
    finishRow(r);
  }
  ws.addRow([]);

  let titleRows: string | null = null;
  if (prov) {
    section(P.tieOut);
    const head = ws.addRow([L.counters.no, L.counters.unit, ...TIE_OUT_COLUMNS.map((k) => P[k])]);
    styleHeader(head, 1, 2 + TIE_OUT_COLUMNS.length);
    fitRowHeight(head, ws, 10, 1, printed);
    finishRow(head);
    const add = (no: number | null, name: string, c: TieOutCounts, bold: boolean) => {
      const r = ws.addRow([no, name, ...TIE_OUT_COLUMNS.map((k) => c[k])]);
      styleBody(r, 1, 2 + TIE_OUT_COLUMNS.length);
      r.font = { bold };
      finishRow(r);
    };
    prov.tieOut.units.forEach((u, i) => {
      add(i + 1, u.unit, u, false);
    });
    add(null, L.counters.total, prov.tieOut.totals, true);
    ws.addRow([]);

    section(P.files);
    const fh = ws.addRow([
      L.counters.no,
      P.file,
      P.kind,
      P.unit,
      P.rowsRead,
      P.rowsImported,
      P.rowsSkipped,
      P.coverage,
      P.asOfCol,
      P.encoding,
      P.importedAt,
      P.sha,
    ]);
    styleHeader(fh, 1, last);
    fh.getCell(last).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TECHNICAL_FILL } };
    fitRowHeight(fh, ws, 10, 1, printed);
    finishRow(fh);
    titleRows = `${fh.number}:${fh.number}`;
    prov.sources.forEach((s, i) => {
      const coverage = s.coverageFrom ? `${monthText(s.coverageFrom)} – ${monthText(s.coverageTo)}` : '—';
      const r = ws.addRow([
        i + 1,
        s.file,
        L.source[s.kind],
        sourceUnitsText(s, o.lang),
        s.rowsRead,
        s.rowsImported,
        s.rowsSkipped,
        coverage,
        s.asOf ? displayDate(s.asOf) : '—',
        [s.format, s.encoding].filter((x) => x && x !== s.format).join(', ') || s.format,
        displayDateTime(s.importedAt),
        s.sha256,
      ]);
      styleBody(r, 1, last);
      r.getCell(12).font = { name: 'Courier New', size: 9 };
      fitRowHeight(r, ws, 10, 1, printed);
      finishRow(r);
    });
  }
  if (titleRows) ws.pageSetup.printTitlesRow = titleRows;
  // The last row written (a committed row is gone from the streaming writer's view: the next one tells).
  const end = ws.addRow([]).number - 1;
  ws.pageSetup.printArea = printArea(printed, end);
  ws.pageSetup.scale = printScale(columnsWidth(ws, 1, printed));
  finishSheet(ws);
}

/** 'YYYY-MM' → 'MM/YYYY'. */
function monthText(m: string | null): string {
  if (!m) return '';
  const [y, mm] = m.split('-');
  return `${mm}/${y}`;
}
