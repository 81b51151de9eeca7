/**
 * The Excel report an auditor attaches to a memo: "Tổng hợp" (per-unit counters, total, closure-rate
 * colours, signatures), "Hệ thống và thực tế" (indicators), "Tiến độ giải quyết" (the Biểu
 * II.06a-style timeliness table), one sheet per finding category,
 * and "Nguồn dữ liệu" (files, hashes, tie-out). Values only: no cell holds a formula, so no input
 * value can run as one and every spreadsheet program shows the audit's own figures.
 *
 * `writeXlsxReport` streams (exceljs's WorkbookWriter, a row committed as soon as it is complete,
 * with backpressure on the zip stream), so a report of 100,000 findings is written in bounded
 * memory; `buildWorkbook` builds the same sheets in memory for callers that add their own sheet
 * first. What the streaming writer cannot do after a row is written is decided before it: column
 * widths from a pass over the findings, frozen panes and fit-to-page when a sheet is created, and
 * the closure rate's colour as a static fill chosen from the computed rate (not a conditional
 * format rule), which also reads the same in every spreadsheet program.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/** exceljs, loaded on first use: every CLI process would otherwise pay ~0.5 s to load it. */
const requireCjs = createRequire(import.meta.url);
let excel: typeof ExcelJS | null = null;
const exceljs = (): typeof ExcelJS => (excel ??= requireCjs('exceljs') as typeof ExcelJS);
import { reportLabels, SECTIONS } from '../../../i18n/index.js';
import type { AnyReport } from '../../model/finding-set.js';
import type { Report } from '../../model/types.js';
import { type RenderOptions, resolveRenderOptions } from '../render-options.js';
import { addDetailSheet, addSourcesSheet } from './xlsx-sheets.js';
import { SheetNames } from './xlsx-style.js';
import { addSummarySheet, addTimelinessSheet } from './xlsx-summary.js';
import { clampWorkbookCells } from './xlsx-limits.js';
import { namedWriteError, openPartFile } from '../sink.js';
import { addIndicatorSheet } from './xlsx-indicators.js';

/** Options of the xlsx report (see RenderOptions; only `lang` is required). */
export type XlsxOptions = Partial<RenderOptions> & Pick<RenderOptions, 'lang'>;

/**
 * Adds every sheet of the report to `wb`, an in-memory `ExcelJS.Workbook` or exceljs's streaming
 * `WorkbookWriter`: the same code writes both, row by row (a committed row is final). Personal
 * data is masked unless `showPersonalData`. Yields every few hundred detail rows (a streaming
 * caller lets the zip stream drain there); `buildWorkbook` runs it straight through.
 */
export function* addReportSheets(
  wb: ExcelJS.Workbook,
  report: AnyReport,
  options: XlsxOptions,
): Generator<void, void, void> {
  const o = resolveRenderOptions(options);
  const L = reportLabels(o.lang);
  const existing = (wb as { worksheets?: ExcelJS.Worksheet[] }).worksheets ?? [];
  const names = new SheetNames(existing.map((w) => w.name));
  // Every sheet added from here on (and a caller's extra sheets) cuts texts to Excel's cell limit.
  clampWorkbookCells(wb, o.lang);
  wb.creator = 'motcua-audit';
  wb.created = new Date(report.generatedAt);
  wb.modified = new Date(report.generatedAt);
  addSummarySheet(wb, names, report, o, L);
  addIndicatorSheet(wb, names, report, o, L);
  addTimelinessSheet(wb, names, report, o, L);
  for (const section of SECTIONS) yield* addDetailSheet(wb, names, report, section, o);
  addSourcesSheet(wb, names, report, o);
}

/**
 * Builds the workbook in memory, for callers that need the Workbook object (e.g. to add a run's
 * "Thay đổi" sheet, then `wb.xlsx.writeBuffer()`). Memory grows with the findings: a large report is
 * better written with `writeXlsxReport`, which streams and takes such a sheet through `extraSheets`.
 */
export function buildWorkbook(report: Report, options: XlsxOptions): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  for (const _pause of addReportSheets(wb, report, options));
  return wb;
}

/**
 * Writes the report to `file` with exceljs's streaming writer: every row is committed as soon as it
 * is complete, so memory stays bounded however many findings there are. The file is created 0600
 * (it holds personal data when --show-personal-data), written under a temporary name beside it
 * and renamed when complete, so a failure never leaves half a workbook under the wanted name.
 * `extraSheets` may add sheets (e.g. a run's "Thay đổi") after the report's own.
 */
export async function writeXlsxReport(
  report: AnyReport,
  file: string,
  options: XlsxOptions,
  extraSheets?: (wb: ExcelJS.Workbook) => void,
): Promise<void> {
  // Opened synchronously: an unwritable folder fails here, not as a stray stream error later.
  // Exclusively, without following a link, 0600 (see openPartFile).
  const { part, fd } = openPartFile(file, false);
  const stream = fs.createWriteStream('', { fd });
  // A write error (disk full) rejects at once instead of leaving the writer waiting for the end.
  const failed = new Promise<never>((_resolve, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  try {
    const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
    for (const _pause of addReportSheets(wb, report, options)) await drained(wb);
    extraSheets?.(wb);
    await Promise.race([wb.commit(), failed]);
    // The stream has closed the descriptor when the commit resolved.
    fs.renameSync(part, file);
  } catch (e) {
    stream.destroy();
    fs.rmSync(part, { force: true });
    throw namedWriteError(e, file);
  }
}

/** Committed bytes a workbook may have waiting for the zip's compressor before the writer waits. */
const BACKLOG_LIMIT = 4 * 1024 * 1024;

/**
 * Waits until the zip stream has compressed most of what was committed. exceljs's sheet streams
 * pass rows on to the compressor without backpressure, so a writer that never waits piles the
 * whole sheet up in memory; this is the backpressure. It reads exceljs/archiver internals (each
 * sheet stream's pending buffers and its consumer's write queue): should they change, the count is
 * 0 and the writer merely yields to the event loop. It also stops waiting when nothing moves.
 */
async function drained(wb: ExcelJS.Workbook): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  let last = Infinity;
  let still = 0;
  for (let pending = pendingBytes(wb); pending > BACKLOG_LIMIT; pending = pendingBytes(wb)) {
    still = pending < last ? 0 : still + 1;
    if (still > 400) return;
    last = pending;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Bytes committed to the sheet streams that the compressor has not taken yet (see `drained`). */
function pendingBytes(wb: ExcelJS.Workbook): number {
  type SheetStream = { buffers?: Array<{ length?: number }>; pipes?: Array<{ _writableState?: { length?: number } }> };
  const sheets = (wb as unknown as { _worksheets?: Array<{ _stream?: SheetStream } | undefined> })._worksheets ?? [];
  let n = 0;
  for (const ws of sheets) {
    const s = ws?._stream;
    if (!s) continue;
    for (const b of s.buffers ?? []) n += typeof b.length === 'number' ? b.length : 0;
    for (const p of s.pipes ?? []) n += p._writableState?.length ?? 0;
  }
  return n;
}
