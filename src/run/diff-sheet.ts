/**
 * The "Thay đổi" (Changes) sheet: what changed since the previous run, per unit, then one row
 * per finding that is new, resolved or still open. Added to the run's workbook after the report
 * sheets are built, and used alone by `diff --format xlsx`. Values only; no personal data (ids,
 * categories, dossier codes, register file and row).
 */
import type ExcelJS from 'exceljs';
import { CATEGORY_LABELS, type Lang, displayLocalDateTime, RUN_MSG } from '../i18n/index.js';
import type { RunDiff } from './diff.js';

/** Adds the changes sheet to `workbook` and returns it. */
export function addDiffSheet(workbook: ExcelJS.Workbook, diff: RunDiff, lang: Lang): ExcelJS.Worksheet {
  const m = RUN_MSG[lang];
  const c = m.cols;
  const label = (category: string | null) => (category === null ? null : (CATEGORY_LABELS[lang][category] ?? category));
  const ws = workbook.addWorksheet(m.sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow([
    m.diffTitle(
      diff.from.id,
      displayLocalDateTime(diff.from.startedAt),
      diff.to.id,
      displayLocalDateTime(diff.to.startedAt),
    ),
  ]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const head = ws.addRow([c.unit, c.news, c.resolved, c.stillOpen]);
  head.font = { bold: true };
  for (const u of diff.units) ws.addRow([u.unit, u.new, u.resolved, u.stillOpen]);
  ws.addRow([c.total, diff.totals.new, diff.totals.resolved, diff.totals.stillOpen]).font = { bold: true };
  ws.addRow([]);
  const detailHead = ws.addRow([
    c.unit,
    c.change,
    c.id,
    c.category,
    c.previousCategory,
    c.code,
    c.file,
    c.sheet,
    c.row,
  ]);
  detailHead.font = { bold: true };
  const firstDetail = detailHead.number;
  for (const i of diff.items) {
    ws.addRow([
      i.unit,
      m.change[i.change] ?? i.change,
      i.id,
      label(i.category),
      label(i.previousCategory),
      i.code,
      i.file,
      i.sheet,
      i.row,
    ]);
  }
  [30, 14, 18, 28, 28, 28, 36, 12, 8].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  if (diff.items.length > 0)
    ws.autoFilter = { from: { row: firstDetail, column: 1 }, to: { row: firstDetail, column: 9 } };
  return ws;
}
