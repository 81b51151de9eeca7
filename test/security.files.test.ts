/**
 * Files that hold personal data are readable by their owner only (0600), whatever the umask:
 * the database and its WAL/SHM companions, the schema-upgrade backup, and JSON/CSV/XLSX reports.
 * Error messages name files, rows, codes and counts, never the personal data inside the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/schema.js';
import { cli, fixture, tempDir } from './helpers/cli.js';
import { buildXlsx, rowXml, sheetXml, writeFile } from './helpers/hostile-files.js';

const dir = tempDir('motcua-sec-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('files are created 0600, even under umask 000', () => {
  const db = path.join(dir, 'new', 'audit.sqlite');
  let oldUmask = 0;
  beforeAll(async () => {
    oldUmask = process.umask(0o000);
    for (const args of [
      ['units', 'import', fixture('demo', 'units.csv')],
      ['import', 'system', fixture('demo', 'system', 'xuat-hs-quy1-2025.xlsx')],
      ['import', 'paper', fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu'],
    ])
      expect((await cli(['--db', db, ...args])).code).toBe(0);
  });
  afterAll(() => void process.umask(oldUmask));

  it('the database, and the WAL and SHM files SQLite creates beside it', () => {
    expect(mode(db)).toBe(0o600);
    const h = new Database(db);
    try {
      h.pragma('wal_autocheckpoint = 0');
      h.exec("INSERT INTO meta(key, value) VALUES ('security-test', '1')");
      expect(mode(`${db}-wal`)).toBe(0o600);
      expect(mode(`${db}-shm`)).toBe(0o600);
    } finally {
      h.close();
    }
  });

  it.each([
    ['json', 'bao-cao.json'],
    ['csv', 'bao-cao.csv'],
    ['xlsx', 'bao-cao.xlsx'],
  ])('a %s report written with --out', async (format, name) => {
    const out = path.join(dir, 'reports', name);
    const r = await cli(['--db', db, 'report', '--format', format, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
  });

  it('a report written over an existing world-readable file becomes 0600', async () => {
    const out = writeFile(dir, 'cu.json', '{}');
    fs.chmodSync(out, 0o644);
    expect((await cli(['--db', db, 'report', '--format', 'json', '--out', out])).code).toBe(0);
    expect(mode(out)).toBe(0o600);
  });

  it('the backup made before a schema upgrade', async () => {
    const old = path.join(dir, 'old.sqlite');
    const v1 = new Database(old);
    v1.exec(MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    v1.close();
    fs.chmodSync(old, 0o600);
    expect((await cli(['--db', old, 'units', 'import', fixture('demo', 'units.csv')])).code).toBe(0);
    expect(new Database(old, { readonly: true }).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(mode(`${old}.schema-v1.bak`)).toBe(0o600);
  });
});

describe('error messages never carry personal data', () => {
  const PEOPLE = [
    { name: 'Nguyễn Thị Hồng Nhung', phone: '0912345678', id: '079190001234', address: '12 Lê Lợi, phường Bến Thành' },
    { name: 'Trần Văn Khải', phone: '+84 903 111 222', id: '072085009876', address: 'ấp Bàu Sen, xã Phước Thạnh' },
    { name: 'Lê Hoàng Yến Vy', phone: '0276.3822.999', id: '280456789', address: 'khu phố 3, thị trấn Gò Dầu' },
  ];
  const secrets = PEOPLE.flatMap((p) => [p.name, p.phone, p.id, p.address]);
  const body = (header: string) =>
    [
      header,
      ...PEOPLE.map(
        (p, i) => `${i + 1};000.00.19.H53-25010${i + 1}-0001;${p.name};${p.phone};${p.id};${p.address};Đang xử lý`,
      ),
    ].join('\n');

  const CASES: Array<[string, () => string, string[]]> = [
    [
      'required columns missing',
      () => writeFile(dir, 'thieu-ngay.csv', body('STT;Mã hồ sơ;Người nộp;Điện thoại;Số CCCD;Địa chỉ;Trạng thái')),
      ['import', 'paper', '--unit', 'UBND huyện Gò Dầu'],
    ],
    [
      'no header at all',
      () =>
        writeFile(dir, 'khong-tieu-de.csv', PEOPLE.map((p) => `${p.name};${p.phone};${p.id};${p.address}`).join('\n')),
      ['import', 'paper', '--unit', 'UBND huyện Gò Dầu'],
    ],
    [
      'a system export with no date',
      () => writeFile(dir, 'xuat.csv', body('STT;Mã hồ sơ;Chủ hồ sơ;Điện thoại;Số CCCD;Địa chỉ;Trạng thái')),
      ['import', 'system'],
    ],
    [
      'an unknown sheet of a workbook full of names',
      () =>
        writeFile(
          dir,
          'so.xlsx',
          buildXlsx([
            {
              name: 'Sổ',
              xml: sheetXml(PEOPLE.map((p, i) => rowXml(i + 1, [p.name, p.phone, p.id, p.address])).join('')),
            },
          ]),
        ),
      ['import', 'paper', '--unit', 'X', '--sheet', 'Không có'],
    ],
    [
      'a register with no unit',
      () =>
        writeFile(
          dir,
          'khong-don-vi.csv',
          body('STT;Mã hồ sơ;Người nộp;Điện thoại;Số CCCD;Địa chỉ;Ngày nhận').replace(/Đang xử lý/g, '06/01/2025'),
        ),
      ['import', 'paper'],
    ],
  ];

  it.each(CASES)(
    '%s: stderr names the file, holds none of the names, phones, ID numbers or addresses',
    async (_n, make, args) => {
      const file = make();
      const [group, kind, ...rest] = args;
      for (const lang of ['vi', 'en']) {
        const r = await cli(['--db', path.join(dir, 'pii.sqlite'), '--lang', lang, group!, kind!, file, ...rest]);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toContain(path.basename(file));
        for (const s of secrets) {
          expect(r.stderr, s).not.toContain(s);
          expect(r.stdout, s).not.toContain(s);
        }
      }
    },
  );
});
