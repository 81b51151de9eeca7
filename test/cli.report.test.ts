/**
 * `report --out a.xlsx --out a.json …`: several files from one reading of the database, each in the
 * format of its extension, each the very file `report --format F --out FILE` writes on its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTargets } from '../src/cli/commands/report.js';
import { cli, importDemo, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-multi-out-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'audit.sqlite');
const FORMATS = ['xlsx', 'json', 'csv', 'md', 'html'] as const;

/** Every sheet's cell values, row by row. */
async function workbookValues(file: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown> = {};
  wb.eachSheet((ws) => {
    out[ws.name] = ws.getSheetValues();
  });
  return out;
}

describe('report with several --out', () => {
  beforeAll(async () => {
    await importDemo(db);
    expect((await cli(['--db', db, 'match'])).code).toBe(0);
  });

  for (const filter of [[], ['--unit', 'UBND huyện Gò Dầu', '--from', '01/01/2025']]) {
    it(`writes each file as the one-format report does${filter.length ? ' (filtered)' : ''}`, async () => {
      const tag = filter.length ? 'f' : 'all';
      for (const f of FORMATS) {
        const r = await cli([
          '--db',
          db,
          'report',
          '--format',
          f,
          '--out',
          path.join(dir, `one-${tag}.${f}`),
          ...filter,
        ]);
        expect(r.code, r.stderr).toBe(0);
      }
      const multi = await cli([
        '--db',
        db,
        'report',
        ...FORMATS.flatMap((f) => ['--out', path.join(dir, `many-${tag}.${f}`)]),
        ...filter,
      ]);
      expect(multi.code, multi.stderr).toBe(0);
      // One line per file written, in the order given.
      expect(
        multi.stdout
          .trim()
          .split('\n')
          .map((l) => path.basename(l.split(' ').pop()!)),
      ).toEqual(FORMATS.map((f) => `many-${tag}.${f}`));
      // The same files but for the options recorded in their provenance: as given, --out five times and no --format.
      const given = FORMATS.map((x) => `--out many-${tag}.${x}`).join(' ');
      const asMany = (f: string, text: string) => text.split(`--format ${f} --out one-${tag}.${f}`).join(given);
      for (const f of FORMATS.filter((x) => x !== 'xlsx')) {
        const one = fs.readFileSync(path.join(dir, `one-${tag}.${f}`), 'utf8');
        expect(one.length).toBeGreaterThan(500);
        expect(fs.readFileSync(path.join(dir, `many-${tag}.${f}`), 'utf8'), f).toBe(asMany(f, one));
      }
      const xlsx = await workbookValues(path.join(dir, `many-${tag}.xlsx`));
      expect(Object.keys(xlsx).length).toBeGreaterThan(3);
      expect(JSON.stringify(xlsx)).toContain(given);
      expect(JSON.stringify(xlsx)).not.toContain('--format');
      expect(JSON.parse(JSON.stringify(xlsx))).toEqual(
        JSON.parse(asMany('xlsx', JSON.stringify(await workbookValues(path.join(dir, `one-${tag}.xlsx`))))),
      );
      // Created readable by the owner only, as every report file.
      for (const f of FORMATS) expect(fs.statSync(path.join(dir, `many-${tag}.${f}`)).mode & 0o777).toBe(0o600);
    });
  }

  it(
    'refuses, with exit code 2 and nothing written, an unknown extension, --format, --split-by-unit or a file ' +
      'twice',
    async () => {
      const a = path.join(dir, 'bad.xlsx');
      const cases: Array<[string[], RegExp]> = [
        [['--out', a, '--out', path.join(dir, 'bad.txt')], /bad\.txt.*\(\.xlsx, \.json, \.csv, \.html, \.md\)/],
        [['--format', 'json', '--out', a, '--out', path.join(dir, 'bad.json')], /nhiều --out/],
        [['--split-by-unit', '--out', a, '--out', path.join(dir, 'bad.json')], /nhiều --out/],
        [['--out', a, '--out', path.join(dir, '.', 'bad.xlsx')], /cùng một tệp hai lần/],
      ];
      for (const [args, message] of cases) {
        const r = await cli(['--db', db, 'report', ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('bad'))).toEqual([]);
    },
  );

  it(
    'checks every --out folder before reading: an ' + 'unusable one fails at once and no other file is ' + 'written',
    async () => {
      const blocker = path.join(dir, 'khong-phai-thu-muc');
      fs.writeFileSync(blocker, 'x');
      const folder = path.join(dir, 'la-thu-muc.json');
      fs.mkdirSync(folder, { recursive: true });
      for (const [args, message] of [
        [
          ['--out', path.join(dir, 'early.json'), '--out', path.join(blocker, 'late.xlsx')],
          /khong-phai-thu-muc: .*đã có một tệp cùng tên/,
        ],
        [['--out', path.join(dir, 'early.xlsx'), '--out', folder], /la-thu-muc\.json: .*đây là một thư mục/],
        [['--format', 'json', '--out', folder], /la-thu-muc\.json: .*đây là một thư mục/],
      ] as const) {
        const r = await cli(['--db', db, 'report', ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stdout).toBe('');
      }
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('early'))).toEqual([]);
      // A folder that is not there yet is made, as before.
      const deep = path.join(dir, 'moi', 'thang-7');
      const r = await cli([
        '--db',
        db,
        'report',
        '--out',
        path.join(deep, 'a.json'),
        '--out',
        path.join(dir, 'moi', 'b.csv'),
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(fs.existsSync(path.join(deep, 'a.json')) && fs.existsSync(path.join(dir, 'moi', 'b.csv'))).toBe(true);
    },
  );

  it('keeps one --out as it was: --format decides, whatever the extension', () => {
    expect(reportTargets({ format: 'json', out: ['r.txt'] }, true)).toEqual([{ format: 'json', out: 'r.txt' }]);
    expect(reportTargets({ format: 'table' }, false)).toEqual([{ format: 'table', out: undefined }]);
    expect(reportTargets({ format: 'table', out: ['a.XLSX', 'b.Json'] }, false)).toEqual([
      { format: 'xlsx', out: 'a.XLSX' },
      { format: 'json', out: 'b.Json' },
    ]);
  });
});
