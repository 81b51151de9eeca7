/**
 * The detail sheets (one per finding category, frozen header, autofilter, fitted widths, real
 * dates) and the provenance sheet "Nguồn dữ liệu" of the Excel report.
 */
import type ExcelJS from 'exceljs';
import { displayDate } from '../i18n.js';
import { detailColumns } from './columns.js';
import { displayDateTime, reportLabels, sectionFilter, sourceUnitsText, TIE_OUT_COLUMNS, type Section } from './labels.js';
import type { Report } from './model.js';
import { reportTitle, type RenderOptions } from './render-options.js';
import type { TieOutCounts } from './provenance.js';
import { applyPrintSetup, cellValue, fitColumns, fitRowHeight, numFmtOf, sheetName, styleBody, styleHeader } from './xlsx-style.js';

/** Adds one detail sheet; the review sheet only when findings carry a `review` object. */
export function addDetailSheet(wb: ExcelJS.Workbook, report: Report, section: Section, o: RenderOptions): void {
  const L = reportLabels(o.lang);
  const findings = report.findings.filter(sectionFilter(section));
  if (section === 'review' && findings.length === 0) return;
  const ws = wb.addWorksheet(sheetName(wb, L.sheet[section]));
  const cols = detailColumns(section, o.lang);
  const title = ws.addRow([`${L.sheet[section]} — ${L.detail.count(findings.length)}`]);
  title.getCell(1).font = { bold: true, size: 13 };
  const note = ws.addRow([L.sectionNote[section]]);
  note.getCell(1).font = { italic: true, size: 9 };
  const head = ws.addRow(cols.map((c) => c.header));
  styleHeader(head, 1, cols.length);
  const values = findings.map((f, i) => cols.map((c) => c.value(f, i)));
  fitColumns(ws, cols, values);
  fitRowHeight(head, ws, 12);
  for (const v of values) {
    const row = ws.addRow(v.map((x, i) => cellValue(cols[i]!.kind, x)));
    styleBody(row, 1, cols.length);
    row.font = { size: 10 };
    fitRowHeight(row, ws, 10);
  }
  if (findings.length === 0) {
    const row = ws.addRow([L.detail.none]);
    ws.mergeCells(row.number, 1, row.number, cols.length);
    row.getCell(1).font = { italic: true };
  }
  cols.forEach((c, i) => {
    const fmt = numFmtOf(c.kind);
    if (fmt) for (let r = head.number + 1; r <= ws.rowCount; r++) ws.getCell(r, i + 1).numFmt = fmt;
  });
  ws.views = [{ state: 'frozen', ySplit: head.number, xSplit: 0, topLeftCell: `A${head.number + 1}`, activeCell: `A${head.number + 1}` }];
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number + Math.max(values.length, 0), column: cols.length } };
  applyPrintSetup(ws, o.lang, `${head.number}:${head.number}`, o.agency ?? reportTitle(o));
}

/** Adds "Nguồn dữ liệu": how the report was made, the tie-out counts, and every imported file. */
export function addSourcesSheet(wb: ExcelJS.Workbook, report: Report, o: RenderOptions): void {
  const L = reportLabels(o.lang);
  const P = L.prov;
  const ws = wb.addWorksheet(sheetName(wb, L.sheet.sources));
  const last = 12;
  const widths = [5, 30, 13, 13, 12, 12, 12, 12, 12, 14, 20, 36];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const title = ws.addRow([P.title]);
  title.getCell(1).font = { bold: true, size: 13 };
  ws.addRow([]);

  const section = (text: string) => {
    const r = ws.addRow([text]);
    r.getCell(1).font = { bold: true };
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
    ws.mergeCells(r.number, 3, r.number, last);
    r.getCell(2).font = { bold: true };
    r.getCell(3).alignment = { horizontal: 'left', wrapText: true };
    styleBody(r, 2, last);
  }
  ws.addRow([]);

  let titleRows: string | null = null;
  if (prov) {
    section(P.tieOut);
    const head = ws.addRow([L.counters.no, L.counters.unit, ...TIE_OUT_COLUMNS.map((k) => P[k])]);
    styleHeader(head, 1, 2 + TIE_OUT_COLUMNS.length);
    fitRowHeight(head, ws, 12);
    const add = (no: number | null, name: string, c: TieOutCounts, bold: boolean) => {
      const r = ws.addRow([no, name, ...TIE_OUT_COLUMNS.map((k) => c[k])]);
      styleBody(r, 1, 2 + TIE_OUT_COLUMNS.length);
      r.font = { bold };
    };
    prov.tieOut.units.forEach((u, i) => add(i + 1, u.unit, u, false));
    add(null, L.counters.total, prov.tieOut.totals, true);
    ws.addRow([]);

    section(P.files);
    const fh = ws.addRow([L.counters.no, P.file, P.kind, P.unit, P.rowsRead, P.rowsImported, P.rowsSkipped, P.coverage, P.asOfCol, P.encoding, P.importedAt, P.sha]);
    styleHeader(fh, 1, last);
    fitRowHeight(fh, ws, 12);
    titleRows = `${fh.number}:${fh.number}`;
    prov.sources.forEach((s, i) => {
      const coverage = s.coverageFrom ? `${monthText(s.coverageFrom)} – ${monthText(s.coverageTo)}` : '—';
      const r = ws.addRow([
        i + 1, s.file, L.source[s.kind], sourceUnitsText(s, o.lang), s.rowsRead, s.rowsImported, s.rowsSkipped, coverage,
        s.asOf ? displayDate(s.asOf) : '—', [s.format, s.encoding].filter((x) => x && x !== s.format).join(', ') || s.format,
        displayDateTime(s.importedAt), s.sha256,
      ]);
      styleBody(r, 1, last);
      r.getCell(12).font = { name: 'Courier New', size: 8 };
      fitRowHeight(r, ws, 11);
    });
  }
  applyPrintSetup(ws, o.lang, titleRows, o.agency ?? reportTitle(o));
}

/** 'YYYY-MM' → 'MM/YYYY'. */
function monthText(m: string | null): string {
  if (!m) return '';
  const [y, mm] = m.split('-');
  return `${mm}/${y}`;
}
