/** Reads an .xlsx workbook into raw rows with exceljs, wrapping its errors with the file name. */
import type ExcelJS from 'exceljs';
import { AuditError } from '../../errors.js';
import type { CellValue, RawRow } from '../../types.js';
import { convertLegacyCells } from './legacy-cells.js';
import type { SourceFile, SourceSheet } from './source.js';

/** Converts an exceljs cell value into a plain value: rich text joined, formulas as cached results. */
export function plainCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    // Formulas are never evaluated: the cached result is what the user saw.
    if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? plainCellValue(o.result) : null;
    if ('text' in o) return plainCellValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

/**
 * The error for a workbook exceljs could not read. A JavaScript error from inside the reader (a
 * TypeError on a part it did not expect) says nothing to the user: it is told the XML is damaged;
 * the original stays the error's cause (--debug).
 */
export function xlsxUnreadable(displayName: string, e: unknown): AuditError {
  const msg = String((e as Error)?.message ?? e);
  if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError) {
    return new AuditError(
      'INGEST_UNREADABLE',
      `${displayName}: not a readable .xlsx workbook (damaged XML: ${msg.split('\n')[0]})`,
      { file: displayName },
      { reason: 'xml-damaged' },
      { cause: e },
    );
  }
  return new AuditError(
    'INGEST_UNREADABLE',
    `${displayName}: not a readable .xlsx workbook (${msg.split('\n')[0]})`,
    { file: displayName },
    { detail: msg.split('\n')[0] },
    { cause: e },
  );
}

/**
 * Reads every worksheet of an xlsx file. Throws AuditError INGEST_UNREADABLE / INGEST_ENCRYPTED.
 * `data`, when given, is the workbook's bytes to read instead of the file (the zip guard's
 * compacted copy of a sheet bloated with empty formatted rows).
 */
export async function readXlsx(file: string, displayName: string, data?: Buffer | null): Promise<SourceFile> {
  const { default: excel } = await import('exceljs'); // loaded only when needed
  const wb = new excel.Workbook();
  try {
    if (data) await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
    else await wb.xlsx.readFile(file);
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/encrypt|password|CFB|Compound/i.test(msg)) {
      throw new AuditError(
        'INGEST_ENCRYPTED',
        `${displayName}: the workbook is password-protected`,
        { file: displayName },
        {},
        { cause: e },
      );
    }
    throw xlsxUnreadable(displayName, e);
  }
  const sheets: SourceSheet[] = [];
  wb.eachSheet((ws) => {
    const rows: RawRow[] = [];
    const fonts = new Map<number, Array<string | null>>();
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      const rowFonts: Array<string | null> = [];
      let anyFont = false;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = plainCellValue(cell.value);
        const fontName = cell.font?.name ?? null;
        rowFonts[col - 1] = fontName;
        if (fontName) anyFont = true;
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ rowNumber, cells });
      if (anyFont)
        fonts.set(
          rowNumber,
          Array.from(rowFonts, (f) => f ?? null),
        );
    });
    const sheet: SourceSheet = { name: ws.name, rows, fonts, hidden: ws.state !== 'visible' };
    const legacy = convertLegacyCells(sheet);
    if (Object.keys(legacy.cells).length > 0) sheet.legacy = legacy.cells;
    sheets.push(sheet);
  });
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  return { format: 'xlsx', sheets, encoding: 'xlsx', date1904 };
}
