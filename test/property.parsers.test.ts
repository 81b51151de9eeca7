/**
 * Property tests of the parsers that read what desks type: no exception escapes whatever the
 * input, normalization is idempotent, folding is stable under case, Unicode form and cleaning,
 * and a CSV cell survives the trip through readCsvBuffer exactly. Seeded, so failures replay.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAuditError } from '../src/errors.js';
import { displayDate } from '../src/i18n/index.js';
import { readCsvBuffer } from '../src/ingest/read/read-csv.js';
import { codeKey, normalizeCode } from '../src/normalize/codes.js';
import { parseVietnameseDate } from '../src/normalize/dates.js';
import { cleanText, foldText } from '../src/normalize/text.js';
import { unitKey } from '../src/normalize/units.js';

const RUNS = { numRuns: 1500, seed: 20250720 };

/** Vietnamese words and the characters that trouble them, mixed with arbitrary strings. */
const VI_WORDS = [
  'Ủy',
  'ban',
  'nhân',
  'dân',
  'huyện',
  'Gò',
  'Dầu',
  'UBND',
  'xã',
  'Phước',
  'Thạnh',
  'thị',
  'trấn',
  'H.',
  'TP',
  'Đ',
  'Ð',
  'đường',
  'Hoà',
  'thuỷ',
  'BPTN&TKQ',
  'Bộ phận',
  'một',
  'cửa',
];
const NOISE = [
  '\u00A0',
  '\u200B',
  '\u00AD',
  '\u2013',
  '\uFEFF',
  '\t',
  '\r\n',
  '  ',
  'e\u0302\u0301',
  '&',
  '/',
  '.',
  '-',
  '\u0000',
  '\uD800',
];
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.oneof(fc.constantFrom(...VI_WORDS), fc.constantFrom(...NOISE), fc.string()), { maxLength: 12 })
    .map((a) => a.join(' ')),
);
/** Text a person could type: Vietnamese words and spaces only (case and Unicode form are varied by the tests). */
const viName = fc
  .array(fc.constantFrom(...VI_WORDS.filter((w) => /^[\p{L} ]+$/u.test(w))), { minLength: 1, maxLength: 6 })
  .map((a) => a.join(' '));

describe('cleanText / foldText', () => {
  it('never throw, and both are idempotent', () => {
    fc.assert(
      fc.property(text, (s) => cleanText(cleanText(s)) === cleanText(s) && foldText(foldText(s)) === foldText(s)),
      RUNS,
    );
  });

  it('folding is stable: after cleaning, in NFD, in upper or lower case, the key is the same', () => {
    fc.assert(
      fc.property(viName, (s) => {
        const k = foldText(s);
        return (
          foldText(cleanText(s)) === k &&
          foldText(s.normalize('NFD')) === k &&
          foldText(s.toUpperCase()) === k &&
          foldText(s.toLowerCase()) === k
        );
      }),
      RUNS,
    );
  });

  it('the folded key is plain ASCII words', () => {
    fc.assert(
      fc.property(text, (s) => /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/.test(foldText(s))),
      RUNS,
    );
  });
});

describe('normalizeCode / codeKey', () => {
  const unit = fc.constantFrom('000.00.07.H53', '000.00.19.H53', '00.19.H53', '000.00.30.H53');
  const code = fc
    .tuple(unit, fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 9999 }))
    .map(([u, d, n]) => `${u}-${String(d).padStart(6, '0')}-${String(n).padStart(4, '0')}`);
  /** The ways a code is mistyped or mangled on paper and by Excel. */
  const mangled = fc
    .tuple(
      code,
      fc.constantFrom('', "'", '‘'),
      fc.constantFrom('-', ' - ', '–', '—', '\u2212'),
      fc.boolean(),
      fc.constantFrom('', ' ', '\u00A0'),
    )
    .map(([c, apostrophe, dash, lower, pad]) => ({
      clean: c,
      typed: `${pad}${apostrophe}${(lower ? c.toLowerCase() : c).replace(/-/g, dash)}${pad}`,
    }));

  it('never throw on anything, and are idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.anything()), (v) => {
        const n = normalizeCode(v);
        const k = codeKey(v);
        return normalizeCode(n) === n && codeKey(k) === k && codeKey(n) === k;
      }),
      RUNS,
    );
  });

  it('a mistyped code has the key of the clean one', () => {
    fc.assert(
      fc.property(mangled, ({ clean, typed }) => codeKey(typed) === codeKey(clean)),
      RUNS,
    );
  });
});

describe('unitKey', () => {
  it('never throws and is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => unitKey(unitKey(s)) === unitKey(s)),
      RUNS,
    );
  });

  it('is stable under case, Unicode form and the agency prefix', () => {
    fc.assert(
      fc.property(viName, fc.constantFrom('UBND ', 'Ủy ban nhân dân ', 'BPTN&TKQ ', ''), (s, prefix) => {
        const k = unitKey(`${prefix}${s}`);
        return unitKey(`${prefix}${s}`.toUpperCase()) === k && unitKey(`${prefix}${s}`.normalize('NFD')) === k;
      }),
      RUNS,
    );
  });
});

describe('parseVietnameseDate', () => {
  it('never throws, whatever the value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), text, fc.double(), fc.date({ noInvalidDate: false })), (v) => {
        const r = parseVietnameseDate(v);
        return r.ok ? /^\d{4}-\d{2}-\d{2}$/.test(r.date) : typeof r.reason === 'string';
      }),
      RUNS,
    );
  });

  it('a parsed date written back as dd/mm/yyyy parses to the same date (idempotent through display)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.integer({ min: 20000, max: 79999 }),
          fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        ),
        (v) => {
          const r = parseVietnameseDate(v);
          if (!r.ok) return true;
          const again = parseVietnameseDate(displayDate(r.date));
          return again.ok && again.date === r.date;
        },
      ),
      RUNS,
    );
  });

  it('day first, with any separator and padding', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2069-12-31'), noInvalidDate: true }),
        fc.constantFrom('/', '-', '.'),
        fc.boolean(),
        fc.boolean(),
        (d, sep, pad, shortYear) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const p = (x: number) => (pad ? String(x).padStart(2, '0') : String(x));
          const written = `${p(day)}${sep}${p(m)}${sep}${shortYear && y >= 2000 ? String(y).slice(2) : y}`;
          const r = parseVietnameseDate(written);
          return r.ok && r.date === d.toISOString().slice(0, 10);
        },
      ),
      RUNS,
    );
  });
});

describe('CSV cells through readCsvBuffer', () => {
  /** A cell as a person types it: no control characters (those make a file "binary"). */
  const cell = fc
    .oneof(
      fc.constant(''),
      fc.constantFrom('Mã hồ sơ', 'a,b', 'x;y', 'say "hi"', ' lề ', '000.00.07.H53-250106-0001', '07/01/2025'),
      fc.string({ unit: 'grapheme' }),
    )
    .map((s) => s.replace(/[\u0000-\u001F\u007F-\u009F\uFEFF\uFFFD]/g, ''));
  const table = fc
    .integer({ min: 2, max: 6 })
    .chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 }));

  it('every cell comes back exactly, on the line it was written, with either separator, with or without BOM', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';'), fc.boolean(), fc.boolean(), (rows, sep, bom, crlf) => {
        const quote = (c: string) => (c === '' ? '' : `"${c.replace(/"/g, '""')}"`);
        const body = rows.map((r) => r.map(quote).join(sep)).join(crlf ? '\r\n' : '\n');
        const buf = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body, 'utf8')]);
        const read = readCsvBuffer(buf, 't.csv');
        const got = read.sheets[0]!.rows;
        expect(read.delimiter).toBe(sep);
        expect(got.map((r) => r.rowNumber)).toEqual(rows.map((_, i) => i + 1));
        expect(got.map((r) => r.cells)).toEqual(rows.map((r) => r.map((c) => (c === '' ? null : c))));
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  it('arbitrary bytes: a result or an AuditError, never another exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        try {
          readCsvBuffer(Buffer.from(bytes), 'x.csv');
        } catch (e) {
          if (!isAuditError(e)) throw e;
        }
      }),
      RUNS,
    );
  });
});
