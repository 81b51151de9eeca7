import crypto from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvQuoteError, CsvSplitter, splitCsv } from '../src/ingest/read/csv-split.js';
import { hashFile, openCsvStream } from '../src/ingest/read/stream-source.js';
import type { RawRow } from '../src/types.js';

/** csv-parse as the tool used it before, with line numbers counted per raw record. */
function reference(text: string, delimiter: string): RawRow[] {
  const records = parse(text, {
    delimiter,
    info: true,
    raw: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as unknown as Array<{ record: string[]; raw: string }>;
  let line = 1;
  return records.map(({ record, raw }) => {
    const row = { rowNumber: line, cells: record.map((v) => (v === '' ? null : v)) };
    line += 1 + (raw.replace(/(\r\n|\r|\n)$/, '').match(/\r\n|\r|\n/g)?.length ?? 0);
    return row;
  });
}

/** The splitter fed in chunks of the given sizes. */
function chunked(text: string, delimiter: string, sizes: number[]): RawRow[] {
  const s = new CsvSplitter(delimiter);
  const out: RawRow[] = [];
  let at = 0;
  for (const n of sizes) {
    s.push(text.slice(at, at + n), out);
    at += n;
  }
  s.push(text.slice(at), out);
  return s.end(out);
}

describe('CsvSplitter', () => {
  it.each([
    ['a,b\n\nc,d\n'],
    ['a,b\r\n'],
    ['a,"b""x"\n'],
    ['a,"b"x,c\n'],
    ['a,b"c,d\n'],
    ['a,"b\nc"\n'],
    [' "q",x\n'],
    ['a,"b" ,c\n'],
    ['a,b\r'],
    ['x\n\n'],
    ['\n'],
    ['a,""\n'],
    ['"a"\r\n"b"'],
    ['a,b,\n'],
    ['h1,h2\r\n1,"x\r\ny"\r\n2,z\r\n'],
    ['a\rb\rc'],
    ['"a,b",c\n"d\r\ne",f'],
  ])('splits %j as csv-parse does', (text) => {
    expect(splitCsv(text, ',')).toEqual(reference(text, ','));
  });

  it('refuses text ending inside a quoted field, with its line', () => {
    expect(() => splitCsv('a,b\n1,"open\n', ',')).toThrow(CsvQuoteError);
    try {
      splitCsv('a,b\n1,"open\n', ',');
    } catch (e) {
      expect((e as CsvQuoteError).line).toBe(2);
    }
  });

  it('gives the same rows as csv-parse for any well-formed text, in any chunking', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-zA-Zà-ỹ0-9 /.-]{0,8}$/),
      fc.stringMatching(/^[a-z,;\r\n" ]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 5 });
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(record, eol), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 10 }),
        fc.constantFrom(',', ';'),
        (recs, trailing, sizes, d) => {
          let text = recs.map(([r, e]) => r.join(d) + e).join('');
          if (!trailing) text = text.replace(/(\r\n|\r|\n)$/, '');
          if (text === '') return;
          expect(chunked(text, d, sizes)).toEqual(reference(text, d));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("openCsvStream: the streaming reader gives csv-parse's rows", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-split-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const big = Array.from({ length: 32000 }, (_, i) =>
    i % 7 === 0 ? `${i},"Nguyễn Văn ${i}\r\nghi chú, dòng 2",01/02/2025\r\n` : `${i},Trần Thị ${i},01/02/2025\r\n`,
  ).join('');

  it.each([
    [
      'UTF-8 with BOM, CRLF, quoted comma and multi-line cells',
      Buffer.from('\uFEFFMã,Tên,Ngày\r\n1,"a, b",x\r\n2,"dòng 1\r\ndòng 2",y\r\n3,z,\r\n', 'utf8'),
      ',',
      'utf-8-bom',
    ],
    [
      'UTF-8 without BOM, LF, semicolons, doubled quotes',
      Buffer.from('Mã;Tên\n1;"Cty ""An Bình"""\n2;Hà Nội;\n\n3;x"y\n', 'utf8'),
      ';',
      'utf-8',
    ],
    [
      'Windows-1258 (combining tones), semicolons, CR only',
      iconv.encode('Mã;Tên\r1;Nguyễn Văn Ả\r2;"Phường 3;\rTây Ninh"\r', 'windows1258'),
      ';',
      'windows-1258',
    ],
    [
      'more than one read chunk, multi-line cells across chunk ends',
      Buffer.from('\uFEFFSTT,Họ tên,Ngày\r\n' + big, 'utf8'),
      ',',
      'utf-8-bom',
    ],
    [
      'Windows-1258 over many decoded slices, tones cut from their letters',
      iconv.encode('STT;Họ tên;Ngày\r\n' + big.replace(/,/g, ';').repeat(2), 'windows1258'),
      ';',
      'windows-1258',
    ],
    [
      'UTF-16LE over many decoded slices',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode('STT\tHọ tên\tNgày\r\n' + big.replace(/,/g, '\t'), 'utf16le'),
      ]),
      '\t',
      'utf-16le',
    ],
  ])('%s', async (name, bytes, delimiter, encoding) => {
    const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, bytes);
    if (name.startsWith('more than')) expect(bytes.length).toBeGreaterThan(1 << 20);
    const { validUtf8 } = await hashFile(file, true);
    const source = await openCsvStream(file, file, validUtf8);
    expect(source).toMatchObject({ encoding, delimiter });
    const rows: RawRow[] = [];
    for await (const sheet of source.sheets) for await (const batch of sheet.batches) rows.push(...batch);
    const text =
      encoding === 'windows-1258'
        ? iconv.decode(bytes, 'windows1258').normalize('NFC')
        : encoding === 'utf-16le'
          ? iconv.decode(bytes.subarray(2), 'utf16le')
          : bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(rows).toEqual(reference(text, delimiter));
  });
});

describe('hashFile: the hash and UTF-8 validity of the whole file, whatever the read chunks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-hash-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const MB = 1 << 20;
  const ascii = (n: number) => Buffer.alloc(n, 0x61);
  const cases: Array<[string, Buffer]> = [];
  // A letter of 2, 3 or 4 bytes starting 0-3 bytes before each 1 MB read boundary.
  for (const ch of ['ă', 'ệ', '😀']) {
    const bytes = Buffer.from(ch, 'utf8');
    for (let before = 0; before <= bytes.length; before++) {
      cases.push([
        `"${ch}" ${before} byte(s) before the boundary`,
        Buffer.concat([ascii(MB - before), bytes, ascii(10), ascii(MB - 10 - bytes.length), bytes]),
      ]);
    }
  }
  cases.push([
    'a lone continuation byte right after the boundary',
    Buffer.concat([ascii(MB), Buffer.from([0x80]), ascii(5)]),
  ]);
  cases.push([
    'a lead byte before the boundary, no continuation after it',
    Buffer.concat([ascii(MB - 1), Buffer.from([0xe1]), ascii(5)]),
  ]);
  cases.push([
    'a letter cut by the end of the file',
    Buffer.concat([ascii(MB + 7), Buffer.from('ệ', 'utf8').subarray(0, 2)]),
  ]);
  cases.push([
    'an overlong sequence across the boundary',
    Buffer.concat([ascii(MB - 1), Buffer.from([0xe0, 0x80, 0x80]), ascii(3)]),
  ]);
  cases.push(['Windows-1258 bytes', Buffer.concat([ascii(MB - 2), Buffer.from([0xd2, 0xe3, 0xf2]), ascii(3)])]);
  cases.push(['exactly one read', ascii(MB)]);
  it.each(cases)('%s', async (_name, bytes) => {
    const file = path.join(dir, `h${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, bytes);
    const got = await hashFile(file, true);
    expect(got).toEqual({ sha256: crypto.createHash('sha256').update(bytes).digest('hex'), validUtf8: isUtf8(bytes) });
    expect((await hashFile(file, false)).validUtf8).toBe(false);
  });
});
