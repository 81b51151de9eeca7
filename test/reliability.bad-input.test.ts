/**
 * Bad input through the real CLI: every unreadable file is refused with exactly one line on
 * stderr naming it, a non-zero exit code (3 unreadable input, 2 usage), no stack trace, and the
 * database left exactly as it was (every table's content, and the file's bytes).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, tempDir } from './helpers/cli.js';
import {
  buildXlsx,
  dumpDatabase,
  ole2Bytes,
  pngBytes,
  randomBytes,
  registerRows,
  sheetXml,
  workbookParts,
  writeFile,
  writeZip,
} from './helpers/hostile-files.js';

const dir = tempDir('motcua-bad-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'audit.sqlite');
const UNIT = ['--unit', 'Sở Tư pháp'];
const isLink = (f: string) => fs.lstatSync(f, { throwIfNoEntry: false })?.isSymbolicLink() === true;
const REGISTER_XLSX = fixture('demo', 'paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx');

/** A case: the file to import (made at test time), the extra arguments, the exit code expected. */
interface BadCase {
  name: string;
  make: () => string;
  args?: string[];
  kind?: 'paper' | 'system';
  code: number;
  /** Text the one stderr line must hold besides the file name. */
  says?: RegExp;
  /** A usage error is about an option, not the file: it need not name it. */
  usage?: boolean;
}

/**
 * A register whose procedure cell (C4) is a shared string of index `index`, the workbook holding
 * 3 shared strings. A reader would show an empty cell past the end, and parseInt would take
 * "1.5" for string 1 (another cell's text).
 */
function sharedStringWorkbook(index: string): Buffer {
  const strings = ['Chứng thực bản sao', 'Đăng ký khai sinh', 'Đăng ký kết hôn'];
  const sst =
    `<?xml version="1.0" encoding="UTF-8"?><sst ` +
    `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" ` +
    `uniqueCount="3">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`;
  const rows = [
    '<row r="3"><c r="A3" t="inlineStr"><is><t>STT</t></is></c><c r="B3" t="inlineStr"><is><t>Mã hồ ' +
      'sơ</t></is></c><c r="C3" t="inlineStr"><is><t>Tên TTHC</t></is></c><c r="D3" t="inlineStr"><is><t>Người ' +
      'nộp</t></is></c><c r="E3" t="inlineStr"><is><t>Ngày nhận</t></is></c></row>',
    `<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="inlineStr"><is><t>000.00.07.H53-250106-0001</t></is></c><c ` +
      `r="C4" t="s"><v>${index}</v></c><c r="D4" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c r="E4" ` +
      `t="inlineStr"><is><t>06/01/2025</t></is></c></row>`,
  ].join('');
  return buildXlsx([{ name: 'Sổ', xml: sheetXml(rows) }], [{ name: 'xl/sharedStrings.xml', data: Buffer.from(sst) }], {
    rels:
      '<Relationship Id="rIdSST" ' +
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" ' +
      'Target="sharedStrings.xml"/>',
    types:
      '<Override PartName="/xl/sharedStrings.xml" ' +
      'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
  });
}

function corruptedFixture(): Buffer {
  // Flip bytes inside the compressed data of the biggest part of a real register.
  const buf = Buffer.from(fs.readFileSync(REGISTER_XLSX));
  const noise = randomBytes(64, 3);
  noise.copy(buf, Math.floor(buf.length * 0.3));
  return buf;
}

const CASES: BadCase[] = [
  { name: 'a missing path', make: () => path.join(dir, 'khong-co.xlsx'), code: 3 },
  {
    name: 'a folder',
    make: () => {
      fs.mkdirSync(path.join(dir, 'thu-muc.xlsx'), { recursive: true });
      return path.join(dir, 'thu-muc.xlsx');
    },
    code: 3,
  },
  // Issue 19, item 13: what the path is, said precisely.
  {
    name: 'a FIFO (named pipe)',
    make: () => {
      const f = path.join(dir, 'duong-ong-fifo.csv');
      if (!fs.existsSync(f)) execFileSync('mkfifo', [f]);
      return f;
    },
    code: 3,
    says: /not a regular file \(a FIFO pipe/,
  },
  { name: 'a device (/dev/zero)', make: () => '/dev/zero', code: 3, says: /not a regular file/ },
  {
    name: 'a loop of symbolic links',
    make: () => {
      const a = path.join(dir, 'vong-a.csv');
      const b = path.join(dir, 'vong-b.csv');
      if (!fs.existsSync(path.join(dir, 'vong-b.csv')) && !isLink(a)) {
        fs.symlinkSync(b, a);
        fs.symlinkSync(a, b);
      }
      return a;
    },
    code: 3,
    says: /a loop of symbolic links/,
  },
  {
    name: 'a UTF-8 CSV with one stray byte (refused naming its line, not read as Windows-1258)',
    make: () =>
      writeFile(
        dir,
        'mot-byte-hong.csv',
        Buffer.concat([
          Buffer.from(
            'STT,Mã hồ sơ,Tên thủ tục,Người nộp,Ngày nhận\n1,000.00.07.H53-250106-0001,Chứng thực bản ' +
              'sao,Nguyễn Văn An,06/01/2025\n2,000.00.07.H53-250106-0002,Chứng thực chữ ký,Trần Thị B',
          ),
          Buffer.from([0xff]),
          Buffer.from('ình,06/01/2025\n3,000.00.07.H53-250106-0003,Đăng ký khai sinh,Lê Văn Cường,06/01/2025\n'),
        ]),
      ),
    code: 3,
    says: /\(row 3\): UTF-8 text with 1 invalid byte/,
  },
  {
    name: 'a workbook with two parts of one name',
    make: () =>
      writeFile(
        dir,
        'hai-sheet1.xlsx',
        writeZip([
          ...workbookParts(['Sổ']),
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml(registerRows(3))) },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml(registerRows(5))) },
        ]),
      ),
    code: 3,
    says: /two parts named xl\/worksheets\/sheet1\.xml/,
  },
  {
    name: 'a shared-string index past the last string',
    make: () => writeFile(dir, 'chi-so-ngoai.xlsx', sharedStringWorkbook('7')),
    code: 3,
    says: /a cell points at shared string 7, the workbook has 3/,
  },
  {
    name: 'a shared-string index that is not a whole number',
    make: () => writeFile(dir, 'chi-so-le.xlsx', sharedStringWorkbook('1.5')),
    code: 3,
    says: /cell C4: shared string index "1\.5" is not a whole number/,
  },
  { name: 'an empty .xlsx', make: () => writeFile(dir, 'rong.xlsx', ''), code: 3 },
  { name: 'an empty .csv', make: () => writeFile(dir, 'rong.csv', ''), code: 3 },
  {
    name: 'a zero-row sheet',
    make: () => writeFile(dir, 'khong-dong.xlsx', buildXlsx([{ name: 'Sổ', xml: sheetXml('') }])),
    code: 3,
  },
  {
    name: 'a truncated xlsx',
    make: () => writeFile(dir, 'cut.xlsx', fs.readFileSync(REGISTER_XLSX).subarray(0, 3000)),
    code: 3,
  },
  {
    name: 'an xlsx cut before its central directory end',
    make: () => {
      const b = fs.readFileSync(REGISTER_XLSX);
      return writeFile(dir, 'cut-end.xlsx', b.subarray(0, b.length - 10));
    },
    code: 3,
  },
  {
    name: 'a corrupt xlsx (bytes flipped inside a real workbook)',
    make: () => writeFile(dir, 'hong.xlsx', corruptedFixture()),
    code: 3,
  },
  {
    name: 'a corrupt xlsx (random bytes as the sheet of a valid zip)',
    make: () =>
      writeFile(
        dir,
        'rac-trong-zip.xlsx',
        writeZip([
          ...workbookParts(['Sổ']),
          { name: 'xl/worksheets/sheet1.xml', data: randomBytes(5000, 11), method: 0 },
        ]),
      ),
    code: 3,
  },
  {
    name: 'a corrupt xlsx (random bytes as the workbook part)',
    make: () =>
      writeFile(
        dir,
        'rac-workbook.xlsx',
        writeZip([
          ...workbookParts(['Sổ']).map((e) =>
            e.name === 'xl/workbook.xml' ? { ...e, data: randomBytes(3000, 5) } : e,
          ),
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml(registerRows(3))) },
        ]),
      ),
    code: 3,
  },
  { name: 'random bytes named .xlsx', make: () => writeFile(dir, 'ngau-nhien.xlsx', randomBytes(8192, 42)), code: 3 },
  { name: 'random bytes named .csv', make: () => writeFile(dir, 'ngau-nhien.csv', randomBytes(8192, 43)), code: 3 },
  {
    name: 'a zip that is not a workbook, named .xlsx',
    make: () => writeFile(dir, 'chi-la-zip.xlsx', writeZip([{ name: 'readme.txt', data: Buffer.from('hello') }])),
    code: 3,
  },
  { name: 'a PNG renamed .xlsx', make: () => writeFile(dir, 'anh-chup.xlsx', pngBytes()), code: 3 },
  {
    name: 'a password-protected workbook (OLE2 container)',
    make: () => writeFile(dir, 'co-mat-khau.xlsx', ole2Bytes()),
    code: 3,
    says: /password|mật khẩu/,
  },
  {
    name: 'a CSV with no recognisable header',
    make: () => writeFile(dir, 'khong-tieu-de.csv', 'a;b;c\n1;2;3\n4;5;6\n'),
    code: 3,
    says: /inspect/,
  },
  {
    name: 'a header with required columns missing',
    make: () =>
      writeFile(
        dir,
        'thieu-cot.csv',
        'STT,Mã hồ sơ,Thủ tục,Người nộp\n1,000.00.07.H53-250106-0001,Chứng thực,Nguyễn Văn An\n',
      ),
    code: 3,
    says: /receivedDate.*Mã hồ sơ.*inspect.*--profile/,
  },
  {
    name: 'an unknown --sheet',
    make: () => REGISTER_XLSX,
    args: ['--sheet', 'Không có sheet này'],
    code: 3,
    says: /Không có sheet này/,
  },
  {
    // Refused per file inside the batch, so 3 like any file that cannot be imported.
    name: 'a system export with no date anywhere and no --as-of',
    make: () =>
      writeFile(
        dir,
        'xuat-khong-ngay.csv',
        'Mã hồ sơ;Tên thủ tục;Người nộp;Ngày tiếp nhận;Trạng thái\n000.00.07.H53-250106-0001;Chứng ' +
          'thực;A;;Đang xử lý\n',
      ),
    kind: 'system',
    args: [],
    code: 3,
    says: /--as-of/,
  },
  {
    name: 'a bad --as-of date (usage)',
    make: () => fixture('demo', 'system', 'xuat-hs-6thang-2025.csv'),
    kind: 'system',
    args: ['--as-of', '31/02/2025'],
    code: 2,
    says: /--as-of: not a date/,
    usage: true,
  },
  {
    name: 'a register without --unit and no unit in its title (usage)',
    make: () => fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv'),
    args: [],
    code: 2,
    says: /--unit/,
  },
];

describe('bad input leaves the database exactly as it was', () => {
  beforeAll(async () => {
    // A database with real content, so "unchanged" means something.
    for (const args of [
      ['units', 'import', fixture('demo', 'units.csv')],
      ['import', 'system', fixture('demo', 'system', 'xuat-hs-quy1-2025.xlsx')],
      [
        'import',
        'paper',
        fixture('demo', 'paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'),
        '--unit',
        'UBND xã Phước Thạnh',
      ],
    ]) {
      const r = await cli(['--db', db, ...args]);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = c.make();
    const dumpBefore = dumpDatabase(db);
    const bytesBefore = fs.readFileSync(db);
    const r = await cli(['--db', db, '--lang', 'en', 'import', c.kind ?? 'paper', file, ...(c.args ?? UNIT)]);
    expect(r.code, r.stderr).toBe(c.code);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines, r.stderr).toHaveLength(1);
    if (!c.usage) expect(lines[0]).toContain(path.basename(file));
    if (c.says) expect(lines[0]).toMatch(c.says);
    expect(r.stderr).not.toContain('    at ');
    expect(r.stdout).not.toContain('    at ');
    expect(dumpDatabase(db)).toBe(dumpBefore);
    expect(fs.readFileSync(db).equals(bytesBefore)).toBe(true);
    expect(fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0).toBe(0);
  });

  it.each([
    ['a FIFO', 'duong-ong-fifo.csv', 'không phải tệp thông thường (đường ống FIFO, thiết bị hay socket)'],
    ['a device', '/dev/zero', 'không phải tệp thông thường'],
    ['a symbolic-link loop', 'vong-a.csv', 'các liên kết tượng trưng (symlink) trỏ vòng quanh nhau'],
    ['a folder', 'thu-muc.xlsx', 'là một thư mục, không phải tệp'],
    ['a UTF-8 CSV with a stray byte', 'mot-byte-hong.csv', '(dòng 3): văn bản UTF-8 có 1 byte không hợp lệ'],
  ])('%s, in Vietnamese (issue 19)', async (_name, name, says) => {
    const f = name.startsWith('/') ? name : path.join(dir, name);
    const r = await cli(['--db', db, 'import', 'paper', f, ...UNIT]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(says);
    expect(r.stderr).not.toMatch(/thư mục/.test(says) ? /tệp thông thường/ : /thư mục|không tìm thấy/);
  });

  it('the same workbook with a shared-string index in range imports, with that string', async () => {
    const other = path.join(dir, 'shared.sqlite');
    const f = writeFile(dir, 'chi-so-dung.xlsx', sharedStringWorkbook('2'));
    const r = await cli(['--db', other, '--lang', 'en', 'import', 'paper', f, ...UNIT]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse((await cli(['--db', other, 'report', '--format', 'json'])).stdout) as {
      findings: Array<{ paper?: { procedure: string } | null }>;
    };
    expect(json.findings.map((x) => x.paper?.procedure)).toContain('Đăng ký kết hôn');
  });

  it('the same refusals in Vietnamese are one line each too', async () => {
    const dumpBefore = dumpDatabase(db);
    const files = CASES.filter((c) => c.code === 3 && !c.args).map((c) => c.make());
    const r = await cli(['--db', db, 'import', 'paper', ...files, ...UNIT]);
    expect(r.code).toBe(3);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(files.length);
    for (const f of files)
      expect(
        lines.filter((l) => l.includes(path.basename(f))),
        f,
      ).toHaveLength(1);
    expect(r.stderr).not.toContain('    at ');
    expect(dumpDatabase(db)).toBe(dumpBefore);
  });
});
