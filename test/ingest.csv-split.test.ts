import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvQuoteError, CsvSplitter, splitCsv } from '../src/ingest/csv-split.js';
import type { RawRow } from '../src/types.js';

/** csv-parse as the tool used it before, with line numbers counted per raw record. */
function reference(text: string, delimiter: string): RawRow[] {
  const records = parse(text, {
    delimiter, info: true, raw: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: false,
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
    ['a,b\n\nc,d\n'], ['a,b\r\n'], ['a,"b""x"\n'], ['a,"b"x,c\n'], ['a,b"c,d\n'], ['a,"b\nc"\n'], [' "q",x\n'], ['a,"b" ,c\n'], ['a,b\r'],
    ['x\n\n'], ['\n'], ['a,""\n'], ['"a"\r\n"b"'], ['a,b,\n'], ['h1,h2\r\n1,"x\r\ny"\r\n2,z\r\n'], ['a\rb\rc'], ['"a,b",c\n"d\r\ne",f'],
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
      fc.property(fc.array(fc.tuple(record, eol), { minLength: 1, maxLength: 8 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 10 }), fc.constantFrom(',', ';'), (recs, trailing, sizes, d) => {
        let text = recs.map(([r, e]) => r.join(d) + e).join('');
        if (!trailing) text = text.replace(/(\r\n|\r|\n)$/, '');
        if (text === '') return;
        expect(chunked(text, d, sizes)).toEqual(reference(text, d));
      }),
      { numRuns: 400 },
    );
  });
});
