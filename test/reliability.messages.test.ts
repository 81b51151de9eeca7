/**
 * Issue 19, item 13: inputs read as what they are, and options refused with a message. A CSV in
 * UTF-16LE without a byte-order mark is read (not called binary); bidirectional controls (LRM,
 * RLM, U+202E…) are removed by text normalisation, so a code typed with a trailing LRM keeps its
 * link to the system's dossier; `--from` after `--to` is a usage error (exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, sniffUtf16, Utf8Scan } from '../src/ingest/read/read-csv.js';
import { SharedIndexScanner, SharedStringCounter } from '../src/ingest/read/shared-string-check.js';
import { codeKey } from '../src/normalize/codes.js';
import { cleanText, foldText } from '../src/normalize/text.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-msg-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SYSTEM = `DANH SÁCH HỒ SƠ
Ngày xuất: 05/07/2025

STT,Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Cơ quan tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái
1,000.00.19.H53-250310-0001,Đăng ký khai sinh,Nguyễn Văn An,UBND huyện Gò Dầu,10/03/2025,12/03/2025,12/03/2025,Đã trả kết quả
2,000.00.19.H53-250310-0002,Đăng ký kết hôn,Trần Thị Bình,UBND huyện Gò Dầu,10/03/2025,12/03/2025,12/03/2025,Đã trả kết quả`;
const REGISTER = (code1: string, code2: string) => `STT,Mã hồ sơ,Tên thủ tục,Người nộp,Ngày nhận,Hẹn trả
1,${code1},Đăng ký khai sinh,Nguyễn Văn An,10/03/2025,12/03/2025
2,${code2},Đăng ký kết hôn,Trần Thị Bình,10/03/2025,12/03/2025`;

async function importBoth(
  name: string,
  register: Buffer,
): Promise<{
  db: string;
  json: { totals: Record<string, number>; findings: Array<{ category: string; match?: { method: string } | null }> };
}> {
  const db = path.join(dir, `${name}.sqlite`);
  const sys = path.join(dir, `${name}-xuat.csv`);
  fs.writeFileSync(sys, `\uFEFF${SYSTEM.replace(/\n/g, '\r\n')}\r\n`);
  const reg = path.join(dir, `${name}-so.csv`);
  fs.writeFileSync(reg, register);
  for (const args of [
    ['units', 'import', writeUnits()],
    ['import', 'system', sys],
    ['import', 'paper', reg, '--unit', 'UBND huyện Gò Dầu'],
    ['match'],
  ]) {
    const r = await cli(['--db', db, '--lang', 'en', ...args]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
  return { db, json: JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout) };
}

function writeUnits(): string {
  const f = path.join(dir, 'units.csv');
  fs.writeFileSync(f, 'code,name,aliases\n000.00.19.H53,UBND huyện Gò Dầu,\n');
  return f;
}

describe('encodings', () => {
  it('a register in UTF-16LE without a byte-order mark is read, every row', async () => {
    const text = REGISTER('000.00.19.H53-250310-0001', '000.00.19.H53-250310-0002').replace(/\n/g, '\r\n');
    const { json } = await importBoth('utf16', iconv.encode(text, 'utf16le'));
    expect(json.totals.paperRecords).toBe(2);
    // Both rows matched by code (the register has no return date: open on paper, closed in the system).
    expect(json.findings.map((f) => [f.category, f.match?.method])).toEqual([
      ['paper_open_system_closed', 'code'],
      ['paper_open_system_closed', 'code'],
    ]);
  });

  it.each([
    ['UTF-16LE, no BOM', iconv.encode('STT,Mã hồ sơ,Người nộp\r\n1,A,Nguyễn Văn An\r\n', 'utf16le'), 'utf-16le'],
    ['UTF-16BE, no BOM', iconv.encode('STT,Mã hồ sơ,Người nộp\r\n1,A,Nguyễn Văn An\r\n', 'utf16be'), 'utf-16be'],
    ['UTF-8', Buffer.from('STT,Mã hồ sơ,Người nộp\r\n1,A,Nguyễn Văn An\r\n'), 'utf-8'],
  ])('%s is told', (_name, bytes, encoding) => {
    const d = decodeText(bytes, 'x.csv');
    expect(d.encoding).toBe(encoding);
    expect(d.text.normalize('NFC')).toContain('Nguyễn Văn An');
  });

  it("a Windows-1258 register (the demo's) is still read as Windows-1258", () => {
    const d = decodeText(fs.readFileSync(fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv')), 'so.csv');
    expect(d.encoding).toBe('windows-1258');
    expect(d.text).toContain('Bùi Thị Bích Phượng');
  });

  it('UTF-8 with a stray byte is told from Windows-1258 (many valid sequences, one invalid)', () => {
    const scan = new Utf8Scan();
    scan.push(
      Buffer.concat([Buffer.from('Mã hồ sơ\nNguyễn Văn An\nTrần'), Buffer.from([0xe1]), Buffer.from(' Bình\n')]),
    );
    expect(scan.end()).toBe(true);
    expect(scan.firstBadLine).toBe(3);
    const cp = new Utf8Scan();
    cp.push(fs.readFileSync(fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv')));
    expect(cp.end()).toBe(false);
    expect(sniffUtf16(Buffer.from('plain ASCII text, long enough'))).toBeNull();
  });
});

describe('bidirectional controls', () => {
  it.each([
    ['LRM', '\u200E'],
    ['RLM', '\u200F'],
    ['ALM', '\u061C'],
    ['LRE', '\u202A'],
    ['RLE', '\u202B'],
    ['PDF', '\u202C'],
    ['LRO', '\u202D'],
    ['RLO', '\u202E'],
    ['LRI', '\u2066'],
    ['RLI', '\u2067'],
    ['FSI', '\u2068'],
    ['PDI', '\u2069'],
  ])('%s is removed by cleanText, and a code keeps its key', (_name, ch) => {
    expect(cleanText(`Nguyễn${ch} Văn An${ch}`)).toBe('Nguyễn Văn An');
    expect(foldText(`${ch}Gò Dầu`)).toBe('go dau');
    expect(codeKey(`000.00.19.H53-250310-0001${ch}`)).toBe(codeKey('000.00.19.H53-250310-0001'));
  });

  it('a code with a trailing LRM and one with a leading U+202E match the system by code', async () => {
    const register = REGISTER('000.00.19.H53-250310-0001\u200E', '\u202E000.00.19.H53-250310-0002');
    const { json } = await importBoth('bidi', Buffer.from(`\uFEFF${register.replace(/\n/g, '\r\n')}\r\n`));
    expect(json.findings.map((f) => [f.category, f.match?.method])).toEqual([
      ['paper_open_system_closed', 'code'],
      ['paper_open_system_closed', 'code'],
    ]);
    expect(json.totals.dataQuality).toBe(0);
  });
});

describe('--from after --to', () => {
  it.each([
    ['vi', '--from 01/04/2025 sau --to 01/03/2025: khoảng thời gian rỗng'],
    ['en', '--from 01/04/2025 is after --to 01/03/2025'],
  ])('is a usage error, exit 2 (%s)', async (lang, says) => {
    const db = path.join(dir, 'from-to.sqlite');
    expect((await cli(['--db', db, 'units', 'import', writeUnits()])).code).toBe(0);
    const r = await cli(['--db', db, '--lang', lang, 'report', '--from', '01/04/2025', '--to', '01/03/2025']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(says);
    const same = await cli(['--db', db, '--lang', lang, 'report', '--from', '01/03/2025', '--to', '01/03/2025']);
    expect(same.code, same.stderr).toBe(0);
  });
});

describe('shared-string indexes, read chunk by chunk', () => {
  const sheet = Buffer.from(
    '<sheetData><row r="1"><c r="A1" t="s"><v>4</v></c><c r="B1" t="s"/><c r="C1" t="s"></c><c r="D1" ' +
      's="2"><v>99</v></c><x:c r="E1" t="s"><x:v> 12 </x:v></x:c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c ' +
      'r="B2" t="inlineStr"><is><t>t="s"</t></is></c></row></sheetData>',
  );
  const sst = Buffer.from('<sst><si><t>a</t></si><si><r><t>b</t></r></si><x:si><x:t>c</x:t></x:si></sst>');
  it.each([1, 2, 3, 5, 7, 64, 4096])('in chunks of %i bytes', (size) => {
    const ix = new SharedIndexScanner('s.xml');
    for (let at = 0; at < sheet.length; at += size) ix.push(sheet.subarray(at, at + size));
    expect([ix.max, ix.bad]).toEqual([12, null]);
    const count = new SharedStringCounter();
    for (let at = 0; at < sst.length; at += size) count.push(sst.subarray(at, at + size));
    expect(count.count).toBe(3);
  });
  it.each(['1.5', '-1', '1e2', 'x', ''])('%j is not an index', (v) => {
    const ix = new SharedIndexScanner('s.xml');
    ix.push(Buffer.from(`<row r="9"><c r="B9" t="s"><v>${v}</v></c></row>`));
    expect(ix.bad).toEqual({ entry: 's.xml', cell: 'B9', value: v });
  });
});
