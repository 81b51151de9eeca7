/**
 * The zip guard's sheet scan: the counting pass looks at bytes, the compacting pass at latin1
 * text with a regular expression. Both must see the same tags in any XML, cut into any chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SheetScanner, type SheetScan } from '../src/ingest/read/sheet-scan.js';

const LIMITS = { maxRows: 1_000_000, maxColumns: 16_384, maxCells: 10_000_000 };

/**
 * Runs one scanner over `chunks`; the scan without `emptyRows` (the compacting pass also counts valueless rows there),
 * or the error.
 */
function run(chunks: Buffer[], compact: boolean, limits = LIMITS): Omit<SheetScan, 'emptyRows'> | string {
  const scanner = new SheetScanner('xl/worksheets/sheet1.xml', limits, { n: 0 }, compact);
  try {
    for (const c of chunks) scanner.push(c);
    scanner.end();
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  const { emptyRows: _ignored, ...rest } = scanner.scan;
  return rest;
}

/** `text` as UTF-8 cut at the given fractions. */
function cut(text: string, at: number[]): Buffer[] {
  const b = Buffer.from(text, 'utf8');
  const points = [...new Set(at.map((f) => Math.floor(f * b.length)))].sort((x, y) => x - y);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    out.push(b.subarray(last, p));
    last = p;
  }
  out.push(b.subarray(last));
  return out;
}

const TOKENS = [
  '<row r="1">',
  '<row r="12" spans="1:3">',
  '<row>',
  '<row/>',
  '<row r="7"/>',
  '</row>',
  '<x:row r="3">',
  '</x:row>',
  '<c r="A1" t="inlineStr">',
  '<c r="AB12" s="3"/>',
  '<c>',
  '<c/>',
  '<c t="s" r="C2">',
  '<x:c r="B2">',
  '</c>',
  '<c\tr="D4">',
  '<c\nr="E5"/>',
  '<is>',
  '</is>',
  '<t>Nguyễn Văn Ánh</t>',
  '<t xml:space="preserve"> a </t>',
  '<v>42</v>',
  '<cols>',
  '<col min="1"/>',
  '</cols>',
  '<dimension ref="A1:F20"/>',
  '<dimension ref="B3"/>',
  '<x:dimension ref="A1:XFD9"/>',
  '<sheetData>',
  '</sheetData>',
  '<crow r="1">',
  '<rows>',
  '<1:c>',
  '<a:b:c>',
  '<_p:c r="Z9">',
  '<p.q-r:row r="4">',
  '<c:',
  '<',
  '>',
  'r="A1"',
  'text',
  'ê',
  '<c r="A1"',
  ' s="1">',
  '<row r="99" ',
  '/>',
  '<c r ="A1">',
  '<c xr="A1">',
  '</row ',
  '</c ',
  '<c  r="A1">',
  '</row >',
  '<cc>',
  '<c\u00a0r="A1">',
];

describe('SheetScanner: the byte scan sees what the regular expression sees', () => {
  it('for any sequence of sheet-like tags and text, cut into any chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        (tokens, at) => {
          const chunks = cut(tokens.join(''), at);
          expect(run(chunks, false)).toEqual(run(chunks, true));
        },
      ),
      { numRuns: 600 },
    );
  });

  it.each([
    ['rows', { ...LIMITS, maxRows: 2 }, '<row r="1"><c r="A1"/></row><row r="2"/><row r="3">'],
    ['a row number past the limit', { ...LIMITS, maxRows: 10 }, '<row r="11">'],
    ['columns', { ...LIMITS, maxColumns: 3 }, '<row r="1"><c r="D1"><v>1</v></c></row>'],
    [
      'cells',
      { ...LIMITS, maxCells: 2 },
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>1</v></c><c r="C1"><v>1</v></c></row>',
    ],
    ['the declared dimension', { ...LIMITS, maxRows: 100 }, '<dimension ref="A1:C101"/>'],
  ])('stops at the same limit: %s', (_name, limits, xml) => {
    const bytes = run([Buffer.from(xml)], false, limits);
    expect(bytes).toMatch(/^SheetLimitError: /);
    expect(bytes).toBe(run([Buffer.from(xml)], true, limits));
  });

  it('refuses a tag longer than 1 MiB, as the text scan does', () => {
    const chunks = [Buffer.from('<row r="1"><c r="A1" x="'), Buffer.alloc((1 << 20) + 10, 0x61)];
    expect(run(chunks, false)).toBe('SheetFormatError: xl/worksheets/sheet1.xml: an XML tag longer than 1 MiB');
    expect(run(chunks, true)).toBe(run(chunks, false));
  });

  it('counts rows, cells, the last row and column, empty cells and unreferenced elements', () => {
    const xml =
      '<dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"/></row><row ' +
      'r="3"><c><v>2</v></c><c/></row><row r="5"/></sheetData>';
    const s = new SheetScanner('s', LIMITS, { n: 0 });
    for (const c of cut(xml, [0.13, 0.5, 0.77])) s.push(c);
    s.end();
    expect(s.scan).toEqual({
      entry: 's',
      rows: 3,
      emptyRows: 1,
      cells: 4,
      emptyCells: 2,
      maxRow: 5,
      maxColumn: 3,
      dimension: 'A1:C3',
      unreferenced: 2,
    });
  });
});
