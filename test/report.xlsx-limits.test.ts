/**
 * Issue 19, item 12: no cell of an xlsx report holds more than Excel's 32,767 characters; a longer
 * text is cut with a visible mark, in every sheet (detail sheets, data quality, sources, a run's
 * own sheets), in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clampCellText, XLSX_CELL_MAX } from '../src/report/render/xlsx/xlsx-limits.js';
import { TRUNCATED_MARK } from '../src/i18n/index.js';
import { cli, tempDir } from './helpers/cli.js';

const exceljs = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
const dir = tempDir('motcua-xlsx-limit-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'audit.sqlite');

const LONG_PROCEDURE = `Cấp giấy phép ${'xây dựng nhà ở riêng lẻ '.repeat(2000)}`; // ~48,000 characters
const LONG_DUE = `hẹn ${'sau '.repeat(10_000)}`; // ~40,000 characters in a date column

describe("xlsx cells within Excel's limit", () => {
  beforeAll(async () => {
    const f = path.join(dir, 'so.csv');
    fs.writeFileSync(
      f,
      `\uFEFFSTT,Mã hồ sơ,Tên thủ tục,Người nộp,Ngày nhận,Hẹn ` +
        `trả\r\n1,000.00.19.H53-250107-0001,${LONG_PROCEDURE},Trần Văn Bình,07/01/2025,${LONG_DUE}\r\n`,
    );
    expect((await cli(['--db', db, 'import', 'paper', f, '--unit', 'UBND huyện Gò Dầu'])).code).toBe(0);
  });

  it.each([
    ['vi', TRUNCATED_MARK.vi],
    ['en', TRUNCATED_MARK.en],
  ])('every cell of every sheet ≤ 32,767 characters, long ones marked (%s)', async (lang, mark) => {
    const out = path.join(dir, `bao-cao-${lang}.xlsx`);
    const r = await cli(['--db', db, '--lang', lang, 'report', '--format', 'xlsx', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new exceljs.Workbook();
    await wb.xlsx.readFile(out);
    const cut: Record<string, number> = {};
    let longest = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value !== 'string') return;
          longest = Math.max(longest, cell.value.length);
          if (cell.value.endsWith(mark)) cut[ws.name] = (cut[ws.name] ?? 0) + 1;
        }),
      ),
    );
    expect(longest).toBe(XLSX_CELL_MAX);
    // The procedure in its category sheet and the raw value in the data-quality sheet.
    expect(Object.values(cut).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(Object.keys(cut).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['short', 'short'],
    ['x'.repeat(XLSX_CELL_MAX), 'x'.repeat(XLSX_CELL_MAX)],
    ['x'.repeat(XLSX_CELL_MAX + 1), `${'x'.repeat(XLSX_CELL_MAX - TRUNCATED_MARK.vi.length)}${TRUNCATED_MARK.vi}`],
  ])('clampCellText(%#)', (text, expected) => expect(clampCellText(text, 'vi')).toBe(expected));

  it('never cuts a character in two', () => {
    const emoji = '😀'.repeat(XLSX_CELL_MAX);
    const cut = clampCellText(emoji, 'en');
    expect(cut.length).toBeLessThanOrEqual(XLSX_CELL_MAX);
    expect(cut.endsWith(TRUNCATED_MARK.en)).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });
});
