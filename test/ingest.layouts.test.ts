/**
 * Files in real third-party layouts (see test/helpers/layouts.ts): what every column becomes, that
 * every register row is read, and the categories the audit gives on each pair of files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/cli.js';
import { DOSSIERS, EXPECTED_CATEGORIES, UNIT, writeLayouts, writeNationalJson } from './helpers/layouts.js';

const dir = tempDir('motcua-layouts-');
let files: Awaited<ReturnType<typeof writeLayouts>>;
beforeAll(async () => {
  files = await writeLayouts(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function columnsOf(file: string): Promise<Record<string, string | null>> {
  const r = await cli(['inspect', file, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const sheet = JSON.parse(r.stdout).sheets[0];
  return Object.fromEntries(
    sheet.columns.map((c: { column: string; field: string | null; named: string | null }) => [
      c.column,
      c.field ?? (c.named ? `(${c.named})` : null),
    ]),
  );
}

const NATIONAL_COLUMNS = {
  A: 'code',
  B: 'procedureCode',
  C: 'procedure',
  D: 'applicant',
  E: 'unit',
  F: null,
  G: 'submittedDate',
  H: 'receivedDate',
  I: 'dueDate',
  J: 'resultDate',
  K: 'returnedDate',
  L: 'status',
  M: 'channel',
};

describe('what every column becomes', () => {
  it(
    'a provincial DVC export: owner and submitter both kept, submission is not receipt, "Ngày kết thúc xử lý" is ' +
      'the result',
    async () => {
      expect(await columnsOf(files.dvc)).toEqual({
        A: 'seq',
        B: 'unit',
        C: 'procedure',
        D: 'code',
        E: 'status',
        F: 'address',
        G: 'submitter',
        H: 'applicant',
        I: 'submittedDate',
        J: 'receivedDate',
        K: 'dueDate',
        L: 'resultDate',
        M: 'returnedDate',
      });
    },
  );

  it('the national sync fields as CSV and as JSON', async () => {
    expect(await columnsOf(files.nationalCsv)).toEqual(NATIONAL_COLUMNS);
    // The JSON records carry a nested fee list too: a column nobody uses.
    expect(await columnsOf(files.nationalJson)).toEqual({ ...NATIONAL_COLUMNS, N: null });
  });

  it('the official register (Mẫu 06) with three header rows: dates under their groups, signatures apart', async () => {
    expect(await columnsOf(files.mau06)).toEqual({
      A: 'seq',
      B: 'code',
      C: 'procedure',
      D: 'quantity',
      E: 'applicant',
      F: 'address',
      G: 'resolvingAgency',
      H: 'receivedDate',
      I: 'dueDate',
      J: 'transferDate',
      K: 'signature',
      L: 'resultDate',
      M: '(signature)',
      N: 'returnedDate',
      O: '(signature)',
      P: 'note',
    });
  });

  it(
    'a register book without a code column under a merged ' + 'title: persons are never dates, name and address split',
    async () => {
      expect(await columnsOf(files.book)).toEqual({
        A: 'seq',
        B: 'applicant',
        C: 'procedure',
        D: 'receivedDate',
        E: 'dueDate',
        F: 'transferDate',
        G: 'person',
        H: 'returnedDate',
        I: 'signature',
        J: '(person)',
        K: 'note',
      });
      const r = JSON.parse((await cli(['inspect', files.book, '--format', 'json'])).stdout).sheets[0];
      expect(r.headerRows).toEqual([2, 3]);
      expect(r.titleLines[0]).toContain('Từ ngày 01/01/2025 Đến ngày 30/06/2025');
      expect(r.samples[0]).toMatchObject({
        applicant: 'Nguyễn Văn An',
        address: 'ấp Thạnh Hòa, xã Thạnh Đức',
        receivedDate: '2025-02-10',
        returnedDate: '2025-02-13',
      });
    },
  );

  it('inspect names the header words behind each field', async () => {
    const r = await cli(['--lang', 'en', 'inspect', files.book]);
    expect(r.stdout).toMatch(/Người có trách nhiệm giải quyết\s*│ person\s*│ nguoi co trach nhiem/);
    expect(r.stdout).toMatch(/Ký nhận \/ Ngày trả\s*│ returnedDate\s*│ ngay tra/);
    const m = await cli(['--lang', 'en', 'inspect', files.mau06]);
    expect(m.stdout).toMatch(/Trả kết quả \/ Ngày, tháng, năm\s*│ returnedDate\s*│ tra ket qua \/ ngay thang nam/);
  });
});

async function audit(system: string, paper: string, extra: string[] = []) {
  const db = path.join(dir, `${path.basename(system)}-${path.basename(paper)}.sqlite`);
  fs.rmSync(db, { force: true });
  expect((await cli(['--db', db, 'units', 'import', files.units])).code).toBe(0);
  const s = await cli(['--db', db, '--lang', 'en', 'import', 'system', system, ...extra]);
  expect(s.code, s.stderr).toBe(0);
  const p = await cli(['--db', db, '--lang', 'en', 'import', 'paper', paper, '--unit', UNIT]);
  expect(p.code, p.stderr).toBe(0);
  const rep = await cli(['--db', db, 'report', '--format', 'json']);
  expect(rep.code, rep.stderr).toBe(0);
  return { s, p, report: JSON.parse(rep.stdout), db };
}

describe('the categories each pair of files yields', () => {
  const pairs: Array<[string, () => string, () => string, string[]]> = [
    ['DVC export + Mẫu 06 register', () => files.dvc, () => files.mau06, []],
    ['national CSV + Mẫu 06 register', () => files.nationalCsv, () => files.mau06, ['--as-of', '01/07/2025']],
    [
      'national JSON + register book without codes',
      () => files.nationalJson,
      () => files.book,
      ['--as-of', '01/07/2025'],
    ],
    ['DVC export + register book without codes', () => files.dvc, () => files.book, []],
  ];
  it.each(pairs)('%s', async (_name, system, paper, extra) => {
    const { s, p, report } = await audit(system(), paper(), extra);
    // Every dossier read, no status unknown, no date unreadable, no stray header row.
    expect(s.stdout).toContain(`${DOSSIERS.length} dossiers imported`);
    expect(p.stdout).toContain(`${DOSSIERS.length + 1} dossiers imported`);
    expect(s.stdout + s.stderr + p.stdout).not.toMatch(/unknown status|unreadable date|status table/);
    expect(report.totals).toMatchObject({
      paperRecords: DOSSIERS.length + 1,
      systemRecords: DOSSIERS.length,
      closed: EXPECTED_CATEGORIES.closed,
      openInSystem: EXPECTED_CATEGORIES.open_in_system,
      inProgress: EXPECTED_CATEGORIES.in_progress,
      notInSystem: EXPECTED_CATEGORIES.not_in_system,
      paperOpenSystemClosed: 0,
      systemOnly: 0,
      dataQuality: 0,
    });
    // The dossiers open in the system: a supplement requested, a supplement done, a result ready.
    const open = report.findings
      .filter((f: { category: string }) => f.category === 'open_in_system')
      .map((f: { system: { code: string } }) => f.system.code.slice(-4))
      .sort();
    expect(open).toEqual(['0002', '0003', '0004']);
    expect(
      report.units.map((u: { unit: string; paperRecords: number; systemRecords: number }) => [
        u.unit,
        u.paperRecords,
        u.systemRecords,
      ]),
    ).toEqual([[UNIT, DOSSIERS.length + 1, DOSSIERS.length]]);
  });

  it('the DVC export is dated by "Ngày xuất" after the period on the same title line', async () => {
    const { s } = await audit(files.dvc, files.mau06);
    expect(s.stdout).toContain('data as of 01/07/2025 (export date in the title block)');
  });
});

describe('a register saved as CSV from a merged header (group text in the first cell of its span only)', () => {
  it('reads the dates under their groups and skips the rows that are not dossiers', async () => {
    const file = path.join(dir, 'mau-06.csv');
    const lines = [
      'SỔ THEO DÕI HỒ SƠ,,,,,,,,',
      'TT,Mã hồ sơ,Tên cá nhân tổ chức,"Ngày, tháng, năm",,,,,Ghi chú',
      ',,,Nhận hồ sơ,Chuyển hồ sơ đến cơ quan giải quyết,,Trả kết quả,,',
      ',,,,"Ngày, tháng, năm",Ký nhận,"Ngày, tháng, năm",Ký nhận,',
      '(1),(2),(3),(4),(5),(6),(7),(8),(9)',
      `1,${DOSSIERS[0]!.code},${DOSSIERS[0]!.applicant},10/02/2025,10/02/2025,Hùng,13/02/2025,ký,`,
      `2,${DOSSIERS[1]!.code},${DOSSIERS[1]!.applicant},11/02/2025,11/02/2025,Hùng,,,`,
    ];
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    expect(await columnsOf(file)).toMatchObject({
      D: 'receivedDate',
      E: 'transferDate',
      F: 'signature',
      G: 'returnedDate',
      H: '(signature)',
      I: 'note',
    });
    const db = path.join(dir, 'mau-06-csv.sqlite');
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'paper', file, '--unit', UNIT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 dossiers imported, 1 rows skipped');
  });
});

describe('JSON records', () => {
  it.each(['array', 'data', 'result-data'] as const)('read from %s', async (wrap) => {
    const file = path.join(dir, `wrap-${wrap}.json`);
    writeNationalJson(file, wrap);
    const db = path.join(dir, `wrap-${wrap}.sqlite`);
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'system', file, '--as-of', '01/07/2025']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${DOSSIERS.length} dossiers imported`);
    expect(r.stdout).toContain(`JSON: ${DOSSIERS.length} dossiers`);
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, Math.floor(t.length / 2))],
    ['a missing comma', (t: string) => t.replace('"MaTTHC"', '"MaTTHC" "x"')],
    ['text after the end', (t: string) => `${t} []`],
    ['records that are not objects', () => '[1, 2, 3]'],
    ['no list of records', () => '{"total": 3, "items": []}'],
    ['a bad escape', (t: string) => t.replace('Nguyễn', 'Nguy\\xn')],
  ])('a file with %s is refused whole (exit 3) and the database is left as it was', async (_name, spoil) => {
    const good = path.join(dir, 'good.json');
    writeNationalJson(good, 'array');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, spoil(fs.readFileSync(good, 'utf8')));
    const db = path.join(dir, 'bad.sqlite');
    fs.rmSync(db, { force: true });
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'system', bad, '--as-of', '01/07/2025']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const rep = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
    expect(rep.totals.systemRecords).toBe(0);
  });

  it('a record split across read chunks is read whole (a file larger than one chunk)', async () => {
    const file = path.join(dir, 'large.json');
    const rec = (i: number) => ({
      MaHoSo: `000.00.12.H53-250210-${String(i).padStart(4, '0')}`,
      ChuHoSo: `Nguyễn Văn \\"${i}\\"`,
      TenTTHC: 'Đăng ký khai sinh',
      NgayTiepNhan: '20250210083015',
      TrangThaiHoSo: (i % 10) + 1,
      GhiChu: 'x'.repeat(200),
    });
    fs.writeFileSync(
      file,
      `{"data":[${Array.from({ length: 6000 }, (_, i) => JSON.stringify(rec(i + 1))).join(',\n')}]}`,
    );
    const db = path.join(dir, 'large.sqlite');
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'system', file, '--as-of', '01/07/2025']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('6000 dossiers imported');
    expect(r.stdout).not.toMatch(/unknown status/);
  });
});

describe('statuses no table knows', () => {
  it('are status_unknown findings, and the import names them with the --statuses hint', async () => {
    const file = path.join(dir, 'odd-status.csv');
    fs.writeFileSync(
      file,
      'Mã hồ sơ,Chủ hồ sơ,Ngày tiếp nhận,Trạng thái\n000.00.12.H53-250210-0001,A,10/02/2025,Đã bàn ' +
        'giao\n000.00.12.H53-250210-0002,B,10/02/2025,Đã bàn giao\n000.00.12.H53-250210-0003,C,10/02/2025,Hoàn ' +
        'thành bổ sung\n',
    );
    const db = path.join(dir, 'odd.sqlite');
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'system', file, '--as-of', '01/07/2025']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 × unknown status');
    expect(r.stderr).toContain(
      'statuses not in the status table: "Đã bàn giao" (2); say whether they are open or closed with --statuses FILE',
    );
    const table = path.join(dir, 'statuses.json');
    fs.writeFileSync(table, JSON.stringify([{ label: 'Đã bàn giao', state: 'closed' }]));
    const again = path.join(dir, 'odd-status-2.csv');
    fs.writeFileSync(again, `${fs.readFileSync(file, 'utf8')}000.00.12.H53-250210-0004,D,10/02/2025,10\n`);
    const known = await cli([
      '--db',
      db,
      '--lang',
      'en',
      'import',
      'system',
      again,
      '--as-of',
      '02/07/2025',
      '--statuses',
      table,
    ]);
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout).not.toContain('unknown status');
    expect(known.stderr).not.toContain('status table');
  });
});
