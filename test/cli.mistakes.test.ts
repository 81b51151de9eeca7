/**
 * The ordinary mistakes of a new user each either refused with the database unchanged or handled
 * correctly: never a wrong audit with exit 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, importDemo, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-mistakes-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const D = (...p: string[]) => fixture('demo', ...p);
let n = 0;
const freshDb = () => path.join(dir, `m${++n}.sqlite`);

/** Row counts of every table that holds imported data. */
function counts(db: string): Record<string, number> {
  const d = new Database(db, { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of ['imports', 'paper_rows', 'system_rows', 'units', 'dq_issues'])
      out[t] = (d.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return out;
  } finally {
    d.close();
  }
}

async function ok(db: string, ...args: string[]) {
  const r = await cli(['--db', db, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('mistake 1 and 2: each import checks its kind', () => {
  it.each([['xuat-hs-quy1-2025.xlsx'], ['xuat-hs-6thang-2025.csv']])(
    'a system export (%s) given to import paper → 3, names the right command, database unchanged; --force imports it',
    async (name) => {
      const db = freshDb();
      await ok(db, 'units', 'import', D('units.csv'));
      const before = counts(db);
      const r = await cli(['--db', db, 'import', 'paper', D('system', name), '--unit', 'Sở Tư pháp']);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('có vẻ là bản xuất của hệ thống một cửa');
      expect(r.stderr).toContain('motcua-audit import system');
      expect(r.stderr).toContain('--force');
      expect(counts(db)).toEqual(before);
      const en = await cli(['--db', db, '--lang', 'en', 'import', 'paper', D('system', name), '--unit', 'Sở Tư pháp']);
      expect(en.code).toBe(3);
      expect(en.stderr).toContain('looks like a one-stop system export');
      const forced = await cli(['--db', db, 'import', 'paper', D('system', name), '--unit', 'Sở Tư pháp', '--force']);
      expect(forced.code).toBe(0);
      expect(counts(db).paper_rows).toBeGreaterThan(0);
    },
  );

  it.each([
    ['so-tu-phap', 'so-theo-doi-hs-2025.xlsx'],
    ['go-dau', 'so-theo-doi-2025.csv'],
    ['trang-bang', 'so-tiep-nhan-2025.xlsx'],
    ['phuoc-thanh', 'so-hs-xa-2025.csv'],
  ])('a register (%s/%s) given to import system → 3, names import paper, database unchanged', async (unit, name) => {
    const db = freshDb();
    await ok(db, 'units', 'import', D('units.csv'));
    const before = counts(db);
    const r = await cli(['--db', db, 'import', 'system', D('paper', unit, name)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('có vẻ là sổ theo dõi hồ sơ');
    expect(r.stderr).toContain('motcua-audit import paper');
    expect(counts(db)).toEqual(before);
  });

  it('the right kind still imports (the whole demo), and run --config checks each file', async () => {
    const db = freshDb();
    await ok(db, 'units', 'import', D('units.csv'));
    await ok(db, 'import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'), D('system', 'xuat-hs-6thang-2025.csv'));
    await ok(db, 'import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu');
    const folder = path.join(dir, 'run-wrong-kind');
    fs.mkdirSync(folder);
    fs.copyFileSync(D('paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'), path.join(folder, 'so-hs-xa-2025.csv'));
    fs.copyFileSync(D('system', 'xuat-hs-6thang-2025.csv'), path.join(folder, 'xuat-hs-6thang-2025.csv'));
    fs.copyFileSync(D('units.csv'), path.join(folder, 'units.csv'));
    const cfg = path.join(folder, 'audit.json');
    fs.writeFileSync(
      cfg,
      JSON.stringify({
        database: 'audit.sqlite',
        units: 'units.csv',
        system: ['so-hs-*.csv'],
        paper: [{ path: 'xuat-*.csv', unit: 'Sở Tư pháp' }],
        reports: { dir: 'reports', formats: ['json'] },
      }),
    );
    const db2 = path.join(folder, 'audit.sqlite');
    const r = await cli(['run', '--config', cfg]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('có vẻ là sổ theo dõi hồ sơ');
    expect(r.stderr).toContain('có vẻ là bản xuất của hệ thống một cửa');
    expect(counts(db2).paper_rows + counts(db2).system_rows).toBe(0);
  });
});

/** The JSON report without its generation time. */
async function reportJson(db: string): Promise<Record<string, unknown>> {
  const r = await ok(db, 'report', '--format', 'json');
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  delete json.generatedAt;
  return json;
}

describe('mistake 6: every import can be undone', () => {
  it(
    'imports remove = the audit in which the files were never imported (a new register version and a wrong ' +
      'file), in one transaction, recorded in the run history',
    async () => {
      const never = freshDb();
      await importDemo(never);
      const db = freshDb();
      await importDemo(db);
      await ok(
        db,
        'import',
        'paper',
        D('paper-update', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
        '--unit',
        'UBND thị xã Trảng Bàng',
      );
      await ok(db, 'import', 'paper', D('system', 'xuat-hs-6thang-2025.csv'), '--unit', 'UBND huyện Gò Dầu', '--force');
      const changed = await reportJson(db);
      expect(changed).not.toEqual(await reportJson(never));

      const list = JSON.parse((await ok(db, 'imports', 'list', '--format', 'json')).stdout) as Array<
        Record<string, unknown>
      >;
      expect(Object.keys(list[0]!)).toEqual([
        'id',
        'kind',
        'file',
        'unit',
        'sha256',
        'rows',
        'importedAt',
        'status',
        'replacedBy',
      ]);
      const update = list.find((i) => String(i.file).includes('paper-update'))!;
      const wrong = list.find((i) => i.kind === 'paper' && String(i.file).includes('xuat-hs'))!;
      const old = list.find((i) => String(i.file).includes(path.join('paper', 'trang-bang')))!;
      expect(old).toMatchObject({ status: 'replaced', replacedBy: update.id });

      // An unknown id among them: exit 2 and nothing removed.
      const before = counts(db);
      const bad = await cli(['--db', db, 'imports', 'remove', String(update.id), '999']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('không có lần nhập #999');
      expect(counts(db)).toEqual(before);

      const r = await ok(db, 'imports', 'remove', String(update.id), String(wrong.id));
      expect(r.stdout).toContain(`đã khôi phục phiên bản trước của sổ: lần nhập #${String(old.id)}`);
      expect(await reportJson(db)).toEqual(await reportJson(never));
      const after = JSON.parse((await ok(db, 'imports', 'list', '--format', 'json')).stdout) as Array<
        Record<string, unknown>
      >;
      expect(after.find((i) => i.id === old.id)).toMatchObject({ status: 'active', replacedBy: null });
      expect(after).toHaveLength(list.length - 2);
      const runs = JSON.parse((await ok(db, 'runs', 'list', '--format', 'json')).stdout) as Array<{
        counts: { importsRemoved?: Array<{ id: number }> };
      }>;
      expect(runs[0]!.counts.importsRemoved!.map((x) => x.id)).toEqual([update.id, wrong.id]);
      expect((await ok(db, 'runs', 'list')).stdout).toContain(
        `gỡ lần nhập #${String(update.id)}, #${String(wrong.id)}`,
      );

      // The same file can be imported again after its removal (it is no longer "already imported").
      const again = await ok(
        db,
        'import',
        'paper',
        D('paper-update', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
        '--unit',
        'UBND thị xã Trảng Bàng',
      );
      expect(again.stdout).toContain(`thay thế lần nhập #${String(old.id)}`);
    },
  );

  it('removing a system export removes its dossier snapshots', async () => {
    const never = freshDb();
    await ok(never, 'units', 'import', D('units.csv'));
    await ok(never, 'import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'));
    await ok(never, 'import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu');
    const db = freshDb();
    await ok(db, 'units', 'import', D('units.csv'));
    await ok(db, 'import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'), D('system', 'xuat-hs-6thang-2025.csv'));
    await ok(db, 'import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu');
    const list = JSON.parse((await ok(db, 'imports', 'list', '--format', 'json')).stdout) as Array<
      Record<string, unknown>
    >;
    const six = list.find((i) => String(i.file).endsWith('xuat-hs-6thang-2025.csv'))!;
    await ok(db, 'imports', 'remove', String(six.id));
    expect(counts(db).system_rows).toBe(counts(never).system_rows);
    expect(await reportJson(db)).toEqual(await reportJson(never));
  });
});

describe('mistake 3: unknown units are refused once an official list exists', () => {
  it(
    '--unit "Trảng Bàng" → 2 with the closest official unit, database unchanged; --new-unit creates it ' +
      'deliberately; imports remove undoes it',
    async () => {
      const db = freshDb();
      await ok(db, 'units', 'import', D('units.csv'));
      const before = counts(db);
      const file = D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx');
      const r = await cli(['--db', db, 'import', 'paper', file, '--unit', 'Trảng Bàng']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('không có đơn vị "Trảng Bàng" trong danh mục chính thức');
      expect(r.stderr).toContain('Có phải ý bạn là: UBND thị xã Trảng Bàng?');
      expect(r.stderr).toContain('--new-unit');
      expect(counts(db)).toEqual(before);
      const en = await cli(['--db', db, '--lang', 'en', 'import', 'paper', file, '--unit', 'Go Dau']);
      expect(en.code).toBe(2);
      expect(en.stderr).toContain('Did you mean: UBND huyện Gò Dầu?');

      const created = await ok(db, 'import', 'paper', file, '--unit', 'Trảng Bàng', '--new-unit');
      expect(created.stderr).toContain('đơn vị mới, không có trong danh mục: Trảng Bàng');
      const id = (JSON.parse((await ok(db, 'imports', 'list', '--format', 'json')).stdout) as Array<{ id: number }>)[0]!
        .id;
      await ok(db, 'imports', 'remove', String(id));
      expect(counts(db)).toEqual(before);
      const right = await ok(db, 'import', 'paper', file, '--unit', 'UBND thị xã Trảng Bàng');
      expect(right.stdout).toContain('nhập 15 hồ sơ');
    },
  );

  it('report --unit resolves names as import does, and an unknown name is refused with suggestions', async () => {
    const db = freshDb();
    await importDemo(db);
    const byAlias = await ok(db, 'report', '--unit', 'TX Trảng Bàng', '--format', 'json');
    expect((JSON.parse(byAlias.stdout) as { units: Array<{ unit: string }> }).units.map((u) => u.unit)).toEqual([
      'UBND thị xã Trảng Bàng',
    ]);
    const r = await cli(['--db', db, 'report', '--unit', 'Phuoc Thanh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Có phải ý bạn là: UBND xã Phước Thạnh');
  });

  it(
    'a unit column with unknown names refuses the file with the list and the fix; units alias NAME --to UNIT ' +
      'fixes it',
    async () => {
      const db = freshDb();
      await ok(db, 'units', 'import', D('units.csv'));
      const text = fs.readFileSync(D('paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'), 'utf8');
      const lines = text.split('\n');
      // Rows 2 and 3 name the commune without its level word (a spelling the list does not know).
      for (const i of [2, 3]) lines[i] = lines[i]!.replace(',Xã Phước Thạnh,', ',Phước Thạnh Tây,');
      const file = path.join(dir, 'so-hs-xa-sai-ten.csv');
      fs.writeFileSync(file, lines.join('\n'));
      const before = counts(db);
      const r = await cli(['--db', db, 'import', 'paper', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('"Phước Thạnh Tây" (có phải: UBND xã Phước Thạnh?)');
      expect(r.stderr).toContain('units alias');
      expect(counts(db)).toEqual(before);

      const alias = await ok(db, 'units', 'alias', 'Phước Thạnh Tây', '--to', 'UBND xã Phước Thạnh');
      expect(alias.stdout).toContain('"Phước Thạnh Tây" từ nay là tên gọi khác của UBND xã Phước Thạnh');
      const again = await ok(db, 'import', 'paper', file);
      expect(again.stdout).toContain('nhập 26 hồ sơ');
      expect(counts(db).units).toBe(before.units);
      const bad = await cli(['--db', db, 'units', 'alias', 'X', '--to', 'Trảng Bàng']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('Có phải ý bạn là: UBND thị xã Trảng Bàng?');
    },
  );

  it('without an official list, names are accepted as before', async () => {
    const db = freshDb();
    const r = await ok(db, 'import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'Trảng Bàng');
    expect(r.stdout).toContain('đơn vị: Trảng Bàng');
  });
});

describe('mistake 4: no system data is not 0 %', () => {
  type Counters = {
    paperRecords: number;
    notInSystem: number;
    neverClosedElectronically: number | null;
    electronicClosureRate: number | null;
  };
  it(
    'registers without any system export: rate and never-closed null, "chưa có dữ liệu hệ thống" in every human ' +
      'format, a warning, the headline counts nothing',
    async () => {
      const db = freshDb();
      await ok(db, 'units', 'import', D('units.csv'));
      await ok(db, 'import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu');
      const json = await ok(db, 'report', '--format', 'json');
      const report = JSON.parse(json.stdout) as {
        schema: string;
        totals: Counters;
        units: Array<Counters & { unit: string }>;
      };
      expect(report.schema).toBe('motcua-audit/report@2');
      expect(report.units[0]).toMatchObject({
        unit: 'UBND huyện Gò Dầu',
        paperRecords: 24,
        neverClosedElectronically: null,
        electronicClosureRate: null,
      });
      expect(report.totals).toMatchObject({
        paperRecords: 24,
        neverClosedElectronically: null,
        electronicClosureRate: null,
      });
      expect(json.stderr).toContain('cảnh báo: chưa có dữ liệu hệ thống cho UBND huyện Gò Dầu');

      const table = await ok(db, 'report');
      expect(table.stdout).toContain('chưa có dữ liệu hệ thống');
      expect(table.stdout).not.toMatch(/0,0 ?%/);
      const en = await ok(db, '--lang', 'en', 'report');
      expect(en.stdout).toContain('no system data yet');
      const md = await ok(db, 'report', '--format', 'md');
      expect(md.stdout).toContain('Chưa có dữ liệu hệ thống cho đơn vị nào trong phạm vi');
      expect(md.stdout).not.toContain('Có **24** hồ sơ');
      const html = path.join(dir, 'no-system.html');
      await ok(db, 'report', '--format', 'html', '--out', html);
      expect(fs.readFileSync(html, 'utf8')).toContain('chưa có dữ liệu hệ thống');
      const xlsx = path.join(dir, 'no-system.xlsx');
      await ok(db, 'report', '--format', 'xlsx', '--out', xlsx);
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const texts: string[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
      expect(texts).toContain('chưa có dữ liệu hệ thống');
      // --fail-on never-closed=0 does not count units without system data.
      expect((await cli(['--db', db, 'report', '--fail-on', 'never-closed=0'])).code).toBe(0);
    },
  );

  it('a period no export covers is null too, while a covered period keeps its figures', async () => {
    const db = freshDb();
    await ok(db, 'units', 'import', D('units.csv'));
    await ok(db, 'import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'));
    await ok(db, 'import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu');
    const may = JSON.parse(
      (await ok(db, 'report', '--format', 'json', '--from', '01/05/2025', '--to', '31/05/2025')).stdout,
    ) as { units: Counters[] };
    expect(may.units[0]!.paperRecords).toBeGreaterThan(0);
    expect(may.units[0]).toMatchObject({ neverClosedElectronically: null, electronicClosureRate: null });
    const q1 = JSON.parse(
      (await ok(db, 'report', '--format', 'json', '--from', '01/01/2025', '--to', '31/03/2025')).stdout,
    ) as { units: Counters[] };
    expect(q1.units[0]!.neverClosedElectronically).not.toBeNull();
    expect(q1.units[0]!.electronicClosureRate).not.toBeNull();
  });
});

describe('mistake 5: decide never silently overrides a link made by code', () => {
  it(
    'a mistyped --match over a code link → 2 explaining what would be undone, report unchanged; --force records ' +
      'the override',
    async () => {
      const db = freshDb();
      await importDemo(db);
      const before = await reportJson(db);
      const h = new Database(db, { readonly: true });
      const links = h
        .prepare(`SELECT i.base_name AS file, p.sheet, p.row_number AS row, s.code FROM matches m JOIN paper_rows p ON p.id = m.paper_row_id JOIN imports i ON i.id = p.import_id
                JOIN system_rows s ON s.code_key = m.system_code_key WHERE m.method = 'code' GROUP BY m.paper_row_id ORDER BY m.paper_row_id LIMIT 2`)
        .all() as Array<{ file: string; sheet: string | null; row: number; code: string }>;
      h.close();
      expect(links).toHaveLength(2);
      const [a, b] = links as [(typeof links)[0], (typeof links)[0]];
      const ref = `${a.file}#${a.sheet ?? ''}#${a.row}`;
      const r = await cli(['--db', db, 'decide', ref, '--match', b.code]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`đang khớp theo mã với hồ sơ ${a.code}`);
      expect(r.stderr).toContain('--force');
      const noMatch = await cli(['--db', db, 'decide', ref, '--no-match']);
      expect(noMatch.code).toBe(2);
      expect(await reportJson(db)).toEqual(before);
      const forced = await ok(db, 'decide', ref, '--no-match', '--force', '--note', 'kiểm tra tại chỗ');
      expect(forced.stderr).toContain(`ghi đè liên kết theo mã: ${a.code} ↔ ${ref}`);
      const list = JSON.parse((await ok(db, 'decisions', 'list', '--format', 'json')).stdout) as Array<{
        overrode: string | null;
      }>;
      expect(list.map((d) => d.overrode)).toContain(`${a.code} ↔ ${ref}`);
      // Deciding what the code tier already found is no override.
      const same = await ok(db, 'decide', `${b.file}#${b.sheet ?? ''}#${b.row}`, '--match', b.code);
      expect(same.stderr).not.toContain('ghi đè');
    },
  );
});

describe('mistake 7: report --out FILE takes its format from the extension', () => {
  it.each([
    ['r.xlsx', (b: Buffer) => b.subarray(0, 2).toString() === 'PK'],
    ['r.json', (b: Buffer) => (JSON.parse(b.toString()) as { schema: string }).schema === 'motcua-audit/report@2'],
    ['r.csv', (b: Buffer) => b.toString().includes(',')],
    ['r.md', (b: Buffer) => b.toString().startsWith('# ')],
    ['r.html', (b: Buffer) => b.toString().includes('<html')],
  ])('--out %s without --format', async (name, looksRight) => {
    const db = freshDb();
    await importDemo(db);
    const out = path.join(dir, `${n}-${name}`);
    await ok(db, 'report', '--out', out);
    expect(looksRight(fs.readFileSync(out))).toBe(true);
  });

  it('a contradiction between --format and the extension is an error (2), nothing written', async () => {
    const db = freshDb();
    await importDemo(db);
    const out = path.join(dir, 'contradiction.xlsx');
    const r = await cli(['--db', db, 'report', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('đuôi tệp là định dạng xlsx nhưng --format là csv');
    expect(fs.existsSync(out)).toBe(false);
    await ok(db, 'report', '--format', 'json', '--out', path.join(dir, 'report.txt'));
  });
});
