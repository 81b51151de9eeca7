/** Every message in the user's language, with the fix: option errors, bad files, inspect, times, CSV headers. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayLocalDateTime as displayDateTime, FINDING_CSV_HEADERS } from '../src/i18n/index.js';
import { cli, fixture, FIXED_NOW, importDemo, tempDir } from './helpers/cli.js';
import { writeZip } from './helpers/hostile-files.js';

const dir = tempDir('motcua-messages-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'demo.sqlite');
const write = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
/** A JS internal leaking into a message. */
const INTERNALS = /TypeError|ReferenceError|undefined|is not a function|Cannot read|\n\s+at /;

beforeAll(async () => {
  await importDemo(db);
});

describe('messages in the user language', () => {
  it('decide without --match/--no-match → 2, in Vietnamese', async () => {
    const r = await cli(['--db', db, 'decide', 'so-theo-doi-2025.csv##5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cần đúng một trong hai: --match');
  });

  it.each([
    ['thieu-cot.csv', 'a,b\n1,2\n', 'dòng 1', 'thiếu cột file ở dòng tiêu đề'],
    [
      'ngoac.csv',
      'file,content_key,decision,decided_at\n"x,1\n',
      'dòng 2',
      'không đọc được như CSV (dấu ngoặc kép (") không được đóng',
    ],
    [
      'sai-quyet-dinh.csv',
      'file,content_key,decision,decided_at\nx,y,maybe,2025-01-01\n',
      'dòng 2',
      'cột decision phải là match hoặc no-match, không phải "maybe"',
    ],
  ])('decisions import %s → 2 naming the file and line, in Vietnamese', async (name, content, line, text) => {
    const r = await cli(['--db', db, 'decisions', 'import', write(name, content)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${name} (${line}): tệp quyết định không hợp lệ: ${text}`);
    expect(r.stderr).not.toMatch(INTERNALS);
  });

  it('a .docx renamed .xlsx: import and inspect say it is a Word file (3)', async () => {
    const file = write(
      'so-theo-doi.xlsx',
      writeZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      ]),
    );
    for (const args of [
      ['import', 'paper', file, '--unit', 'Sở Tư pháp'],
      ['inspect', file],
    ]) {
      const r = await cli(['--db', db, ...args]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('không phải tệp Excel: có vẻ là tệp Word');
    }
    const en = await cli(['--lang', 'en', 'inspect', file]);
    expect(en.stderr).toContain('not an Excel workbook: looks like a Word document');
  });

  it.each([
    ['rac.xlsx', Buffer.from([0, 1, 2, 3, 4, 5, 255, 254])],
    ['hong.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)])],
    ['nhi-phan.csv', Buffer.from([0, 0, 0, 1, 2, 3, 0, 0])],
  ])('inspect of an unreadable file (%s): one Vietnamese line, no JS internals', async (name, content) => {
    const r = await cli(['inspect', write(name, content)]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lỗi: /);
    expect(r.stderr).not.toMatch(INTERNALS);
  });

  it('inspect names data-quality rules and columns in Vietnamese', async () => {
    const file = write(
      'so-loi.csv',
      'STT,Mã hồ sơ,Người nộp,Thủ tục,Ngày nhận\n1,000.00.07.H53-25011-0001,Đỗ Văn Phúc,Chứng thực,11/01/2025\n',
    );
    const r = await cli(['inspect', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mã hồ sơ sai dạng');
    expect(r.stdout).toContain('mã hồ sơ (code)');
    expect(r.stdout).not.toContain('code_malformed');
  });

  it('decisions and explain show local times, not ISO instants', async () => {
    // Two demo registers are named so-theo-doi-2025.csv (Gò Dầu, Sở Thông tin và Truyền thông): the
    // base name alone is ambiguous and refused, so the row is named by its file's path.
    const ref = `${fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv')}##5`;
    expect((await cli(['--db', db, 'decide', 'so-theo-doi-2025.csv##5', '--no-match'])).code).toBe(2);
    expect((await cli(['--db', db, 'decide', ref, '--no-match'])).code).toBe(0);
    const local = displayDateTime(FIXED_NOW);
    const list = await cli(['--db', db, 'decisions', 'list']);
    expect(list.stdout).toContain(local);
    expect(list.stdout).not.toContain(FIXED_NOW);
    const explain = await cli(['--db', db, 'explain', ref]);
    expect(explain.stdout).toContain(local);
    expect(explain.stdout).not.toContain(FIXED_NOW);
  });

  it('the CSV report: Vietnamese headers and category names by default, English with --lang en', async () => {
    const vi = (await cli(['--db', db, 'report', '--format', 'csv'])).stdout;
    expect(vi.slice(1).split('\r\n')[0]).toBe(FINDING_CSV_HEADERS.vi.join(','));
    expect(vi).toContain(',Không có trên hệ thống,');
    expect(vi).not.toContain(',not_in_system,');
    const en = (await cli(['--db', db, '--lang', 'en', 'report', '--format', 'csv'])).stdout;
    expect(en.slice(1).split('\r\n')[0]).toBe(FINDING_CSV_HEADERS.en.join(','));
    expect(en).toContain(',Not in the system,');
  });
});
