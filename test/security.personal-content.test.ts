/**
 * Issue 19, item 6: personal data is masked by what a value holds, not only by its column. A name
 * and a phone number typed into a date column, a CCCD number in "Hẹn trả", a person typed into
 * the unit column, a first line of data in a units file, names beginning with words such as
 * "Trường": none of them reaches a report for people (csv, html, md, xlsx), the "new units"
 * warning or an error message unmasked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPersonalNumber, isOrganisationName, looksLikePerson, maskPersonalText } from '../src/normalize/personal.js';
import { maskName } from '../src/report/render/privacy.js';
import { cli, tempDir } from './helpers/cli.js';

const exceljs = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
const dir = tempDir('motcua-personal-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'audit.sqlite');
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, `\uFEFF${text.trim().replace(/\n/g, '\r\n')}\r\n`);
  return f;
};

/** What must never appear in a masked report, with what proves the value was there (the JSON). */
const SECRETS = [
  'Lê Thị Hoa',
  '0912345678',
  '072095001234',
  'Trường Minh Tuấn',
  'Phạm Văn Cường',
  '0987654321',
  'Trần Văn Bình',
  'Đỗ Thị Lan',
  '0909111222',
];

const REGISTER = `STT,Mã hồ sơ,Tên thủ tục,Người nộp,Ngày nhận,Hẹn trả,Đơn vị
1,000.00.19.H53-250107-0001,Cấp phép xây dựng,Trần Văn Bình,07/01/2025,Lê Thị Hoa 0912345678,UBND huyện Gò Dầu
2,000.00.19.H53-250109-0001,Đăng ký kinh doanh,Trường Minh Tuấn,09/01/2025,072095001234,Phạm Văn Cường 0987654321
3,000.00.19.H53-250110-0001,Đăng ký khai sinh,Trường THPT Gò Dầu,10/01/2025,2025-01-20,UBND huyện Gò Dầu
4,000.00.19.H53-250111-0001,Đăng ký khai tử,Sở Văn Hùng,11/01/2025,Đỗ Thị Lan ĐT 0909.111.222,UBND huyện Gò Dầu`;

async function xlsxText(f: string): Promise<string> {
  const wb = new exceljs.Workbook();
  await wb.xlsx.readFile(f);
  const parts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell(
        (cell) => void parts.push(typeof cell.value === 'string' ? cell.value : JSON.stringify(cell.value ?? '')),
      ),
    ),
  );
  return parts.join('\n');
}

describe('masked reports mask by content (issue 19)', () => {
  let refused: { code: number; stdout: string; stderr: string };
  let importRun: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    expect(
      (
        await cli([
          '--db',
          db,
          'units',
          'import',
          file('units.csv', 'code,name,aliases\n000.00.19.H53,UBND huyện Gò Dầu,'),
        ])
      ).code,
    ).toBe(0);
    // With an official list, a unit-column name outside it refuses the file (issue 18) ...
    refused = await cli(['--db', db, 'import', 'paper', file('so.csv', REGISTER), '--unit', 'UBND huyện Gò Dầu']);
    // ... unless the user says the names are new units: the register is then imported.
    importRun = await cli([
      '--db',
      db,
      'import',
      'paper',
      file('so.csv', REGISTER),
      '--unit',
      'UBND huyện Gò Dầu',
      '--new-unit',
    ]);
  });

  it(
    'a person typed into the unit column is refused as an ' +
      'unknown unit (issue 18), named masked in the error ' +
      'line',
    async () => {
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain('cột đơn vị có tên không thuộc danh mục chính thức: "P.V.C. *******321"');
      for (const s of SECRETS) expect(refused.stderr).not.toContain(s);
    },
  );

  it(
    'a person typed into the unit column becomes no ' + 'unit named after them, nor in the "new units" ' + 'warning',
    async () => {
      expect(importRun.code, importRun.stderr).toBe(0);
      const out = importRun.stdout + importRun.stderr;
      expect(out).toContain('đơn vị mới, không có trong danh mục: P.V.C. *******321');
      for (const s of SECRETS) expect(out).not.toContain(s);
      const units = JSON.parse((await cli(['--db', db, 'units', 'list', '--format', 'json'])).stdout) as Array<{
        name: string;
      }>;
      expect(units.map((u) => u.name).sort()).toEqual(['P.V.C. *******321', 'UBND huyện Gò Dầu']);
    },
  );

  it('the JSON (office only, never masked) holds the raw values: the values below were really there', async () => {
    const json = (await cli(['--db', db, 'report', '--format', 'json'])).stdout;
    for (const s of [
      'Lê Thị Hoa 0912345678',
      '072095001234',
      'Trường Minh Tuấn',
      'Phạm Văn Cường 0987654321',
      'Đỗ Thị Lan ĐT 0909.111.222',
    ])
      expect(json).toContain(s);
  });

  it.each(['csv', 'html', 'md', 'xlsx'])(
    'the %s report shows none of them, and keeps dates, codes and organisations',
    async (format) => {
      const out = path.join(dir, `bao-cao.${format}`);
      const r = await cli(['--db', db, 'report', '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const text = format === 'xlsx' ? await xlsxText(out) : fs.readFileSync(out, 'utf8');
      for (const s of SECRETS) expect(text).not.toContain(s);
      if (format !== 'md') {
        // The data-quality rows (not in the memo's top findings) show the masked values.
        for (const s of ['L.T.H. *******678', '*********234', 'Đ.T.L.Đ. *******222', 'T.M.T.', 'S.V.H.'])
          expect(text).toContain(s);
      }
      expect(text).toContain('000.00.19.H53-250109-0001');
      if (format !== 'md') expect(text).toContain('Trường THPT Gò Dầu');
    },
  );

  it('--show-personal-data lifts the masking', async () => {
    const out = path.join(dir, 'full.csv');
    expect((await cli(['--db', db, 'report', '--format', 'csv', '--out', out, '--show-personal-data'])).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    for (const s of ['Lê Thị Hoa 0912345678', '072095001234', 'Trường Minh Tuấn']) expect(text).toContain(s);
  });

  it('units import does not echo a data row given as the first line', async () => {
    const bad = file('units-bad.csv', 'Nguyễn Văn An,0912345678,UBND xã A\nTrần Thị Bé,0987654321,UBND xã B');
    for (const lang of ['vi', 'en']) {
      const r = await cli(['--db', path.join(dir, 'u.sqlite'), '--lang', lang, 'units', 'import', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      for (const s of ['Nguyễn Văn An', '0912345678', 'nguyễn văn an', 'Trần Thị Bé'])
        expect(r.stderr).not.toContain(s);
      expect(r.stderr).toContain('N.V.A.,*******678');
    }
  });
});

describe('what is personal, by content', () => {
  it.each([
    ['Nguyễn Văn An 0912345678', 'N.V.A. *******678'],
    ['072095001234', '*********234'],
    ['Gọi 0912 345 678', 'Gọi *******678'],
    ['+84 912 345 678', '********678'],
    ['15/03/2025', '15/03/2025'],
    ['2025-03-15 08:00:00', '2025-03-15 08:00:00'],
    ['20250315', '20250315'],
    ['15 03 2025', '15 03 2025'],
    ['000.00.19.H53-250217-0001', '000.00.19.H53-250217-0001'],
    ['ngày 5 tháng 3', 'ngày 5 tháng 3'],
    ['UBND xã Phước Thạnh', 'UBND xã Phước Thạnh'],
    ['TRẦN THỊ MAI', 'T.T.M.'],
  ])('maskPersonalText(%j) → %j', (text, expected) => expect(maskPersonalText(text)).toBe(expected));

  it.each([
    // Organisation words count as whole words, and an ambiguous first word needs an institution after it.
    ['Trường Minh Tuấn', 'T.M.T.'],
    ['TRƯỜNG MINH TUẤN', 'T.M.T.'],
    ['Trường Nguyễn Văn An', 'T.N.V.A.'],
    ['Sở Văn Hùng', 'S.V.H.'],
    ['Phòng Thị Lan', 'P.T.L.'],
    ['Ban Văn Sáu', 'B.V.S.'],
    ['Trường', 'T.'],
    ['Ctyhuy Nguyễn', 'C.N.'],
    ['Htxuân Lê', 'H.L.'],
    ['Trường THPT Trảng Bàng', 'Trường THPT Trảng Bàng'],
    ['TRƯỜNG THCS GÒ DẦU', 'TRƯỜNG THCS GÒ DẦU'],
    ['Trường Tiểu học Phước Thạnh', 'Trường Tiểu học Phước Thạnh'],
    ['Sở Tư pháp', 'Sở Tư pháp'],
    ['Phòng Tài nguyên và Môi trường', 'Phòng Tài nguyên và Môi trường'],
    ['Công ty TNHH An Phú', 'Công ty TNHH An Phú'],
    ['Cty CP Xây dựng Số 1', 'Cty CP Xây dựng Số 1'],
    ['HTX Nông nghiệp Tân Hưng', 'HTX Nông nghiệp Tân Hưng'],
    ['Doanh nghiệp tư nhân Minh Phát', 'Doanh nghiệp tư nhân Minh Phát'],
    ['Nguyễn Thị Bảo Ngọc', 'N.T.B.N.'],
  ])('maskName(%j) → %j', (name, expected) => expect(maskName(name)).toBe(expected));

  it.each([
    ['Phạm Văn Cường 0987654321', true],
    ['Trần Thị Mai', true],
    ['0912345678', true],
    ['UBND huyện Gò Dầu', false],
    ['Gò Dầu', false],
    ['Dương Minh Châu', false],
    ['000.00.19.H53', false],
    ['Phường 3', false],
  ])('looksLikePerson(%j) is %s (a unit cell)', (text, expected) => expect(looksLikePerson(text)).toBe(expected));

  it('organisations and numbers', () => {
    expect(isOrganisationName('Văn phòng công chứng Gò Dầu')).toBe(true);
    expect(isOrganisationName('Trường')).toBe(false);
    expect(hasPersonalNumber('CMND 280123456')).toBe(true);
    expect(hasPersonalNumber('số 12/BN ngày 14/1/25')).toBe(false);
  });
});
