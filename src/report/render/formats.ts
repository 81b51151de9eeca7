/**
 * The one place a report's file format chooses its renderer, for `report` and for `run` alike:
 * JSON and CSV are written one finding at a time, a page (html) and a memo (md) are made whole,
 * the workbook (xlsx) is streamed to its file.
 */
import type ExcelJS from 'exceljs';
import { materialize, type AnyReport } from '../model/finding-set.js';
import { writeFindingsCsv } from './csv.js';
import { renderHtml } from './html/html.js';
import { writeReportJson } from './json.js';
import { renderMarkdown } from './md.js';
import type { RenderOptions } from './render-options.js';
import { writeXlsxReport } from './xlsx/xlsx.js';

/** The file formats of a report (the terminal table aside). */
export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html' | 'md';

/** A report's text: whole, or written piece by piece (`write` called in order). */
export type ReportText = string | ((write: (chunk: string) => void) => void);

/** What the renderers are told besides the report (defaulted by each: see resolveRenderOptions). */
export type ReportRenderOptions = Partial<RenderOptions> & Pick<RenderOptions, 'lang'>;

/** The text of a report in a text format. */
export function reportText(
  format: Exclude<ReportFormat, 'xlsx'>,
  report: AnyReport,
  o: ReportRenderOptions,
): ReportText {
  switch (format) {
    case 'json':
      return (write) => writeReportJson(report, write);
    case 'csv':
      return (write) =>
        writeFindingsCsv(report, { showPersonalData: o.showPersonalData ?? false, lang: o.lang }, write);
    case 'html':
      return renderHtml(report, o);
    case 'md':
      return renderMarkdown(materialize(report), o);
  }
}

/**
 * Writes a report file in `format`: the workbook streamed to `file` (created 0600, with
 * `extraSheets` added), a text format handed to `writeText` (which creates the file its way).
 */
export async function writeReportFormat(
  format: ReportFormat,
  report: AnyReport,
  o: ReportRenderOptions,
  file: string,
  writeText: (file: string, text: ReportText) => void,
  extraSheets?: (wb: ExcelJS.Workbook) => void,
): Promise<void> {
  if (format === 'xlsx') {
    await writeXlsxReport(report, file, o, extraSheets);
    return;
  }
  writeText(file, reportText(format, report, o));
}
