/**
 * Excel's limit of 32,767 characters in a cell: a longer text (a register cell pasted full of
 * text, a long list of reasons) makes Excel "repair" the workbook and drop content. Every text
 * cell of a report is cut to the limit with a visible mark, in every sheet, whoever adds the row.
 */
import type ExcelJS from 'exceljs';

/** Excel's maximum number of characters in a cell. */
export const XLSX_CELL_MAX = 32767;

/** The mark ending a cut text. */
export const TRUNCATED_MARK = { vi: '… [cắt bớt]', en: '… [truncated]' } as const;

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

function clampRow(values: unknown, lang: 'vi' | 'en'): unknown {
  if (Array.isArray(values)) return values.map((v) => clampValue(v, lang));
  if (values && typeof values === 'object') return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clampValue(v, lang)]));
  return values;
}

/**
 * Makes every worksheet added to `wb` from now on cut its text cells to Excel's limit: `addRow`
 * and `addRows` clamp their values, and so does `getCell(…).value = …` on a row or the sheet.
 */
export function clampWorkbookCells(wb: ExcelJS.Workbook, lang: 'vi' | 'en'): void {
  const marked = wb as ExcelJS.Workbook & { __clamped?: boolean };
  if (marked.__clamped) return;
  marked.__clamped = true;
  const addWorksheet = wb.addWorksheet.bind(wb);
  wb.addWorksheet = ((name?: string, options?: Partial<ExcelJS.AddWorksheetOptions>) => {
    const ws = addWorksheet(name, options);
    const addRow = ws.addRow.bind(ws);
    const clampCells = (row: ExcelJS.Row): ExcelJS.Row => {
      const getCell = row.getCell.bind(row);
      row.getCell = ((index: number | string) => clampCell(getCell(index), lang)) as typeof row.getCell;
      return row;
    };
    ws.addRow = ((values: unknown, style?: string) => clampCells(addRow(clampRow(values, lang) as ExcelJS.CellValue[], style))) as typeof ws.addRow;
    ws.addRows = ((rows: unknown[], style?: string) => rows.map((r) => ws.addRow(r as ExcelJS.CellValue[], style))) as typeof ws.addRows;
    const getRow = ws.getRow.bind(ws);
    ws.getRow = ((n: number) => clampCells(getRow(n))) as typeof ws.getRow;
    const getCell = ws.getCell.bind(ws);
    ws.getCell = ((r: number | string, c?: number | string) => clampCell(getCell(r as never, c as never), lang)) as typeof ws.getCell;
    return ws;
  }) as typeof wb.addWorksheet;
}

/** A cell whose `value` setter clamps (the cell object is exceljs's own; only its instance is wrapped). */
function clampCell(cell: ExcelJS.Cell, lang: 'vi' | 'en'): ExcelJS.Cell {
  const owner = cell as ExcelJS.Cell & { __clamped?: boolean };
  if (owner.__clamped) return cell;
  const proto = Object.getPrototypeOf(cell) as object;
  const desc = Object.getOwnPropertyDescriptor(proto, 'value');
  if (!desc?.set || !desc.get) return cell;
  Object.defineProperty(cell, 'value', {
    configurable: true,
    get() {
      return desc.get!.call(cell);
    },
    set(v: unknown) {
      desc.set!.call(cell, clampValue(v, lang));
    },
  });
  owner.__clamped = true;
  return cell;
}
