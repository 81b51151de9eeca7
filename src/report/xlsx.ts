/**
 * The Excel report: a summary sheet (one row per unit, a total row) and one sheet per finding
 * category. Values only (no formulas), dates as real Excel dates, personal data masked unless
 * asked otherwise.
 */
import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, COUNTER_LABELS, MSG, ruleLabel, type Lang } from '../i18n.js';
import type { Category } from '../types.js';
import type { Finding, Report, UnitCounters } from './model.js';
import { maskName } from './privacy.js';

const SUMMARY_COLUMNS: Array<keyof UnitCounters> = [
  'paperRecords', 'systemRecords', 'closed', 'openInSystem', 'notInSystem', 'needsNewerExport', 'inProgress',
  'paperOpenSystemClosed', 'systemOnly', 'systemOutsideCoverage', 'neverClosedElectronically', 'electronicClosureRate',
];

const DETAIL_CATEGORIES: Category[] = ['open_in_system', 'not_in_system', 'needs_newer_export', 'paper_open_system_closed', 'system_only', 'data_quality'];

/** Options of the xlsx report. */
export interface XlsxOptions {
  lang: Lang;
  showPersonalData: boolean;
}

/** An ISO date as an Excel date (UTC midnight, which exceljs writes as that calendar day). */
function excelDate(iso: string | null | undefined): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/** Builds the workbook in memory. */
export function buildWorkbook(report: Report, options: XlsxOptions): ExcelJS.Workbook {
  const { lang } = options;
  const labels = COUNTER_LABELS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua-audit';
  wb.created = new Date(report.generatedAt);
  const summary = wb.addWorksheet(lang === 'vi' ? 'Tổng hợp' : 'Summary', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  summary.addRow([MSG[lang].reportTitle]).font = { bold: true, size: 13 };
  summary.addRow([`${lang === 'vi' ? 'Thời điểm lập' : 'Generated at'}: ${report.generatedAt}`]);
  summary.addRow([]);
  const head = summary.addRow([labels.unit, ...SUMMARY_COLUMNS.map((c) => labels[c])]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const values = (c: UnitCounters) => SUMMARY_COLUMNS.map((k) => (c[k] as number | null));
  for (const u of report.units) summary.addRow([u.unit, ...values(u)]);
  const total = summary.addRow([labels.total, ...values(report.totals)]);
  total.font = { bold: true };
  const rateCol = SUMMARY_COLUMNS.length + 1;
  summary.getColumn(rateCol).numFmt = '0.0%';
  summary.getColumn(1).width = 34;
  for (let i = 2; i <= rateCol; i++) summary.getColumn(i).width = 12;
  summary.views = [{ state: 'frozen', ySplit: 4 }];
  summary.pageSetup.printTitlesRow = '4:4';

  for (const category of DETAIL_CATEGORIES) {
    const rows = report.findings.filter((f) => f.category === category);
    if (rows.length === 0) continue;
    addDetailSheet(wb, CATEGORY_LABELS[lang][category]!, rows, options);
  }
  return wb;
}

function addDetailSheet(wb: ExcelJS.Workbook, name: string, findings: Finding[], options: XlsxOptions): void {
  const vi = options.lang === 'vi';
  const ws = wb.addWorksheet(name.slice(0, 31), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const header = vi
    ? ['Mã phát hiện', 'Đơn vị', 'Tệp sổ', 'Sheet', 'Dòng', 'Mã hồ sơ', 'Người nộp', 'Thủ tục', 'Ngày nhận', 'Ngày trả (sổ)', 'Trạng thái HT', 'Ngày trả (HT)', 'Cách khớp', 'Điểm', 'Lỗi dữ liệu', 'Giá trị gốc']
    : ['Finding id', 'Unit', 'Register file', 'Sheet', 'Row', 'Dossier code', 'Applicant', 'Procedure', 'Received', 'Returned (paper)', 'System status', 'Returned (system)', 'Match', 'Score', 'Data issue', 'Raw value'];
  ws.addRow(header).font = { bold: true };
  for (const f of findings) {
    const applicant = options.showPersonalData ? f.paper?.applicant ?? null : maskName(f.paper?.applicant ?? null);
    ws.addRow([
      f.id, f.unit, f.paper?.file ?? null, f.paper?.sheet ?? null, f.paper?.row ?? null, f.paper?.code ?? f.system?.code ?? null, applicant,
      f.paper?.procedure ?? null, excelDate(f.paper?.receivedDate ?? f.system?.receivedDate), excelDate(f.paper?.returnedDate),
      f.system?.status ?? null, excelDate(f.system?.returnedDate), f.match?.method ?? null, f.match?.score ?? null,
      f.rule ? ruleLabel(f.rule, options.lang) : null, f.rawValue ?? null,
    ]);
  }
  for (const c of [9, 10, 12]) ws.getColumn(c).numFmt = 'dd/mm/yyyy';
  const widths = [16, 28, 30, 10, 7, 28, 24, 36, 12, 12, 18, 12, 10, 7, 26, 20];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  ws.pageSetup.printTitlesRow = '1:1';
}

/** Writes the workbook to `file`. */
export async function writeXlsxReport(report: Report, file: string, options: XlsxOptions): Promise<void> {
  await buildWorkbook(report, options).xlsx.writeFile(file);
}
