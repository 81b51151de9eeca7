/** inspect, --profile, --synonyms, --statuses, the unit from the title block, .xls/.ods without LibreOffice. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, tempDir } from './helpers/cli.js';

const dir = tempDir();
const D = (...p: string[]) => fixture('demo', ...p);

/** A register whose header words nothing knows: "Số phiếu", "Công dân đứng tên", "Thời điểm nộp". */
async function oddRegister(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhật ký');
  ws.addRow(['SỔ GHI CHÉP']);
  ws.addRow([]);
  ws.addRow(['#', 'Số phiếu', 'Việc', 'Công dân đứng tên', 'Thời điểm nộp', 'Giao trả']);
  ws.addRow([
    1,
    '000.00.07.H53-250106-0001',
    'Cấp phiếu lý lịch tư pháp',
    'Nguyễn Văn An',
    new Date(Date.UTC(2025, 0, 6)),
    new Date(Date.UTC(2025, 0, 17)),
  ]);
  ws.addRow([2, null, 'Chứng thực bản sao', 'Hồ Thị Lan', '09/01/2025', null]);
  await wb.xlsx.writeFile(file);
}

describe('registers nothing detects', () => {
  const odd = path.join(dir, 'nhat-ky.xlsx');
  const db = path.join(dir, 'odd.sqlite');
  beforeAll(async () => {
    await oddRegister(odd);
    await cli(['--db', db, 'units', 'import', D('units.csv')]);
  });

  it('inspect shows what is detected, as a table and as JSON', async () => {
    const t = await cli(['inspect', D('paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx')]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Trả kết quả cho cá nhân, tổ chức / Ngày, tháng, năm');
    expect(t.stdout).toMatch(/L\s+│ Trả kết quả.*returnedDate/);
    const j = JSON.parse(
      (await cli(['inspect', '--format', 'json', D('paper', 'go-dau', 'so-theo-doi-2025.csv')])).stdout,
    );
    expect(j).toMatchObject({ format: 'csv', encoding: 'windows-1258', delimiter: ';' });
    expect(j.sheets[0].headerRows).toEqual([1]);
    expect(j.sheets[0].dossiers).toBe(24);
    const none = JSON.parse((await cli(['inspect', '--format', 'json', odd])).stdout);
    expect(none.sheets[0].headerRows).toBeNull();
  });

  it('is refused without a profile, and imported with one (letters or header text)', async () => {
    const refused = await cli(['--db', db, 'import', 'paper', odd, '--unit', 'Sở Tư pháp']);
    expect(refused.code).toBe(3);
    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(
      profile,
      JSON.stringify({
        headerRow: 3,
        columns: {
          code: 'B',
          procedure: 'Việc',
          applicant: 'Công dân đứng tên',
          receivedDate: 'E',
          returnedDate: 'Giao trả',
        },
      }),
    );
    const ok = await cli(['--db', db, 'import', 'paper', odd, '--unit', 'Sở Tư pháp', '--profile', profile]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('nhập 2 hồ sơ');
    const rep = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
    expect(rep.totals.paperRecords).toBe(2);
    const f = rep.findings.find((x: any) => x.paper?.applicant === 'Hồ Thị Lan');
    expect(f).toMatchObject({ category: 'not_in_system', paper: { row: 5, receivedDate: '2025-01-09' } });
  });

  it('a bad profile is a configuration error naming the field', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ columns: { applicantt: 'D' } }));
    const r = await cli(['--db', db, 'import', 'paper', odd, '--unit', 'Sở Tư pháp', '--profile', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('columns.applicantt');
  });

  it('user synonyms teach the header words', async () => {
    const syn = path.join(dir, 'synonyms.json');
    fs.writeFileSync(
      syn,
      JSON.stringify([
        { field: 'code', patterns: ['Số phiếu'] },
        { field: 'procedure', patterns: ['Việc'] },
        { field: 'applicant', patterns: ['Công dân đứng tên'] },
        { field: 'receivedDate', patterns: ['Thời điểm nộp'] },
        { field: 'returnedDate', patterns: ['Giao trả'] },
      ]),
    );
    const j = JSON.parse((await cli(['inspect', '--format', 'json', '--synonyms', syn, odd])).stdout);
    expect(j.sheets[0].headerRows).toEqual([3]);
    expect(j.sheets[0].columns.map((c: any) => c.field)).toEqual([
      null,
      'code',
      'procedure',
      'applicant',
      'receivedDate',
      'returnedDate',
    ]);
  });
});

describe('the status table is user data', () => {
  it('a label unknown to the built-in table counts as open until the user says otherwise', async () => {
    const db = path.join(dir, 'st.sqlite');
    const exp = path.join(dir, 'export.csv');
    fs.writeFileSync(
      exp,
      'Mã hồ sơ,Chủ hồ sơ,Ngày tiếp nhận,Trạng thái\n000.00.07.H53-250106-0001,Nguyễn Văn An,06/01/2025,Đã bàn giao\n',
    );
    const reg = path.join(dir, 'register.csv');
    fs.writeFileSync(
      reg,
      'Mã hồ sơ,Người nộp,Ngày nhận,Ngày trả\n000.00.07.H53-250106-0001,Nguyễn Văn An,06/01/2025,10/01/2025\n',
    );
    for (const a of [
      ['units', 'import', D('units.csv')],
      ['import', 'system', exp, '--as-of', '20/01/2025'],
      ['import', 'paper', reg, '--unit', 'Sở Tư pháp'],
    ]) {
      expect((await cli(['--db', db, ...a])).code).toBe(0);
    }
    const before = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
    expect(before.totals.openInSystem).toBe(1);
    const st = path.join(dir, 'statuses.json');
    fs.writeFileSync(st, JSON.stringify([{ label: 'Đã bàn giao', state: 'closed' }]));
    const after = JSON.parse((await cli(['--db', db, 'report', '--format', 'json', '--statuses', st])).stdout);
    expect(after.totals).toMatchObject({ openInSystem: 0, closed: 1 });
  });
});

describe('the unit named only in the title block', () => {
  it('is used when --unit is not given', async () => {
    const db = path.join(dir, 'title.sqlite');
    await cli(['--db', db, 'units', 'import', D('units.csv')]);
    const r = await cli(['--db', db, 'import', 'paper', D('paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('đơn vị: Sở Tư pháp');
  });
});

describe('.xls and .ods without LibreOffice', () => {
  it('are refused with exit 3 and a message to save as .xlsx', async () => {
    const xls = path.join(dir, 'so.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    // The library looks LibreOffice up in the process environment: hide it for this call.
    process.env.MOTCUA_AUDIT_SOFFICE = '';
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli(['--db', path.join(dir, 'x.sqlite'), 'import', 'paper', xls, '--unit', 'Sở Tư pháp']);
    } finally {
      delete process.env.MOTCUA_AUDIT_SOFFICE;
    }
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('so.xls');
    expect(r.stderr).toContain('.xlsx');
  });
});
