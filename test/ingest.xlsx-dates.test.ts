/** Excel dates never move by a day: date cells, bare serials, text dates, 1900 and 1904 date systems. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/cli.js';

const dir = tempDir();

async function register(file: string, date1904: boolean) {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet('Sổ');
  ws.addRow(['STT', 'Mã hồ sơ', 'Người nộp', 'Ngày nhận', 'Ngày trả']);
  const serial = (iso: string) =>
    (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000 - (date1904 ? 1462 : 0);
  const rows: Array<[string, unknown, unknown]> = [
    ['Date cell at midnight', new Date(Date.UTC(2025, 0, 6)), null],
    ['Date cell late evening', new Date(Date.UTC(2025, 0, 7, 23, 30)), new Date(Date.UTC(2025, 0, 31, 0, 5))],
    ['bare serial', serial('2025-02-28'), serial('2025-03-01')],
    ['text', '1/3/2025 15:00', 'ngày 5 tháng 3 năm 2025'],
    ['ISO text', '2025-03-31', '20250401'],
  ];
  rows.forEach(([name, received, returned], i) => {
    const row = ws.addRow([i + 1, null, name, received, returned]);
    if (received instanceof Date) row.getCell(4).numFmt = 'dd/mm/yyyy hh:mm';
    if (returned instanceof Date) row.getCell(5).numFmt = 'dd/mm/yyyy';
  });
  await wb.xlsx.writeFile(file);
}

describe.each([false, true])('workbook date1904=%s', (date1904) => {
  it(`reads every date on its calendar day (TZ=${process.env.TZ ?? 'unset'})`, async () => {
    const file = path.join(dir, `dates-${date1904}.xlsx`);
    await register(file, date1904);
    const db = path.join(dir, `dates-${date1904}.sqlite`);
    const r = await cli(['--db', db, 'import', 'paper', file, '--unit', 'UBND xã Thạnh Đức']);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
    const got = Object.fromEntries(
      rep.findings
        .filter((f: any) => f.category === 'not_in_system')
        .map((f: any) => [f.paper.applicant, [f.paper.receivedDate, f.paper.returnedDate]]),
    );
    expect(got).toEqual({
      'Date cell at midnight': ['2025-01-06', null],
      'Date cell late evening': ['2025-01-07', '2025-01-31'],
      'bare serial': ['2025-02-28', '2025-03-01'],
      text: ['2025-03-01', '2025-03-05'],
      'ISO text': ['2025-03-31', '2025-04-01'],
    });
  });
});
