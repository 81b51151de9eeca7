/** CSV reading: every encoding and separator a desk's Excel writes, line numbers, binary refusal. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, readCsvBuffer } from '../src/ingest/read/read-csv.js';

/** Windows-1258 form of a text: base letters with their shape marks precomposed, tones as combining marks. */
function to1258Form(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const d = ch.normalize('NFD');
      const tones = d.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, '');
      return d.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC') + tones;
    })
    .join('');
}

const TEXT = 'STT;Mã HS;Người nộp;Ngày nhận\r\n1;000.00.19.H53-250107-0002;Lê Thị Hoà;07/01/2025\r\n';

describe('decodeText', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8-bom'],
    [
      'UTF-16LE with BOM (Excel "Unicode text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf16le')]),
      'utf-16le',
    ],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf16be')]), 'utf-16be'],
    // Windows-1258 keeps tones as combining marks: encode the decomposed form it really uses.
    ['Windows-1258', iconv.encode(to1258Form(TEXT), 'windows1258'), 'windows-1258'],
  ])('%s', (_name, buf, encoding) => {
    const r = decodeText(buf);
    expect(r.encoding).toBe(encoding);
    expect(r.text.normalize('NFC')).toBe(TEXT);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    [
      'DANH SÁCH HỒ SƠ\nNgày xuất: 05/07/2025\n\nSTT,Mã hồ sơ,Thủ tục\n1,"000.00.07.H53-250106-0001","Cấp ' +
        'phiếu, lý lịch"\n',
      ',',
    ],
    ['"Tên; có dấu chấm phẩy",b\n"x;y",z\n', ','],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe('readCsvBuffer', () => {
  it('numbers records by the line they start on, multi-line fields included', () => {
    const csv = 'STT,Mã hồ sơ,Ghi chú\r\n1,A,"dòng một\r\ndòng hai"\r\n2,B,x\r\n\r\n3,C,y\r\n';
    const f = readCsvBuffer(Buffer.from(csv), 't.csv');
    expect(f.sheets[0]!.rows.map((r) => [r.rowNumber, r.cells[1] ?? null])).toEqual([
      [1, 'Mã hồ sơ'],
      [2, 'A'],
      [4, 'B'],
      [5, null],
      [6, 'C'],
    ]);
    expect(f.sheets[0]!.rows[1]!.cells[2]).toBe('dòng một\r\ndòng hai');
  });

  it('reads a tab-separated UTF-16 "Unicode text" file', () => {
    const buf = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('Mã hồ sơ\tNgười nộp\n000.00.07.H53-250106-0001\tNguyễn Văn An\n', 'utf16le'),
    ]);
    const f = readCsvBuffer(buf, 'u.txt');
    expect(f.delimiter).toBe('\t');
    expect(f.sheets[0]!.rows[1]!.cells).toEqual(['000.00.07.H53-250106-0001', 'Nguyễn Văn An']);
  });

  it.each([
    ['NUL bytes', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0])],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])],
  ])('refuses binary content: %s', (_name, buf) => {
    expect(() => readCsvBuffer(buf, 'x.csv')).toThrow(/not a text/);
  });
});
