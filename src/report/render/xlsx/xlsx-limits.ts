/**
 * Excel's limit of 32,767 characters in a cell: a longer text (a register cell pasted full of
 * text, a long list of reasons) makes Excel "repair" the workbook and drop content. Every text
 * cell of a report is cut to the limit with a visible mark, in every sheet, whoever adds the row.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { TRUNCATED_MARK } from '../../../i18n/index.js';

const require = createRequire(import.meta.url);

/** Excel's maximum number of characters in a cell. */
export const XLSX_CELL_MAX = 32767;

/** `text` within Excel's limit: cut (never inside a surrogate pair) and marked when longer. */
export function clampCellText(text: string, lang: 'vi' | 'en'): string {
  if (text.length <= XLSX_CELL_MAX) return text;
  const mark = TRUNCATED_MARK[lang];
  let end = XLSX_CELL_MAX - mark.length;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + mark;
}

function clampValue(v: unknown, lang: 'vi' | 'en'): unknown {
  if (typeof v === 'string') return clampCellText(v, lang);
  if (v && typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') {
    return { ...(v as object), text: clampCellText((v as { text: string }).text, lang) };
  }
  return v;
}

/** The language of each worksheet whose cells are clamped (the mark is in it). */
const sheetLang = new WeakMap<object, 'vi' | 'en'>();
let cellPatched = false;

/**
 * Makes exceljs's cell `value` setter clamp text in the worksheets registered in `sheetLang`: once
 * per process, on the prototype (one setter for every cell, however it is written: `addRow`, a row's
 * or the sheet's `getCell(…).value = …`), never per cell. Cells of other worksheets are untouched.
 */
function patchCellValueSetter(): void {
  if (cellPatched) return;
  cellPatched = true;
  const Cell = require('exceljs/lib/doc/cell.js') as { prototype: object };
  const desc = Object.getOwnPropertyDescriptor(Cell.prototype, 'value');
  if (!desc?.set || !desc.get) throw new Error("exceljs: no cell value accessor to clamp texts to Excel's limit");
  Object.defineProperty(Cell.prototype, 'value', {
    configurable: true,
    enumerable: desc.enumerable,
    get: desc.get,
    set(this: { worksheet?: object }, v: unknown) {
      const long =
        typeof v === 'string'
          ? v.length > XLSX_CELL_MAX
          : v !== null && typeof v === 'object' && 'text' in (v as object);
      const lang = long && this.worksheet ? sheetLang.get(this.worksheet) : undefined;
      desc.set!.call(this, lang ? clampValue(v, lang) : v);
    },
  });
}

/**
 * Makes every worksheet added to `wb` from now on cut its text cells to Excel's limit, however the
 * cell is written (`addRow`, `addRows`, `getCell(…).value = …` on a row or the sheet).
 */
export function clampWorkbookCells(wb: ExcelJS.Workbook, lang: 'vi' | 'en'): void {
  const marked = wb as ExcelJS.Workbook & { __clamped?: boolean };
  if (marked.__clamped) return;
  marked.__clamped = true;
  patchCellValueSetter();
  const addWorksheet = wb.addWorksheet.bind(wb);
  wb.addWorksheet = ((name?: string, options?: Partial<ExcelJS.AddWorksheetOptions>) => {
    const ws = addWorksheet(name, options);
    sheetLang.set(ws, lang);
    return ws;
  }) as typeof wb.addWorksheet;
}
