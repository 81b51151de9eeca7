import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDayText } from '../src/normalize/parse-once.js';
import { normalizeCode, parseCode } from '../src/normalize/codes.js';
import { cleanText } from '../src/normalize/text.js';

/** The regular expressions isDayText replaces (its reference). */
const DAY = /^\d{2}\/\d{2}\/\d{4}$/;
const DAY_TIME = /^\d{2}\/\d{2}\/\d{4} (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** normalizeCode without its fast path for plain codes (the reference). */
function normalizeCodeFull(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  let s = cleanText(String(raw));
  s = s.replace(/^['‘’`]+/, '');
  s = s.replace(/\s+/g, '').toUpperCase();
  s = s.replace(/[–—_]/g, '-');
  return s.length > 0 ? s : null;
}

describe('fast paths of the import agree with their references', () => {
  it.each([
    ['05/01/2025', true],
    ['05/01/2025 08:00:00', true],
    ['31/12/2025 23:59:59', true],
    ['05/01/2025 24:00:00', false],
    ['05/01/2025 19:60:00', false],
    ['05/01/2025 08:00', false],
    ['5/1/2025', false],
    ['05-01-2025', false],
    ['05/01/2025 ', false],
    ['05/01/2025\n', false],
    ['', false],
    ['2025-01-05', false],
    ['05/01/2025T08:00:00', false],
    ['05/01/2025 08:00:0a', false],
    ['０５/01/2025', false],
  ])('isDayText(%j) = %s', (s, want) => {
    expect(isDayText(s)).toBe(want);
    expect(DAY.test(s) || DAY_TIME.test(s)).toBe(want);
  });

  it('isDayText matches the regular expressions on any text of date characters', () => {
    const ch = fc.constantFrom(...'0123456789/: 2359x'.split(''));
    const day = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(
        ([d, m, y, h, mi, s]) =>
          `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${String(y).padStart(4, '0')} ` +
          `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(ch, { maxLength: 20 }).map((a) => a.join('')),
          day,
          day.map((s) => s.slice(0, 10)),
        ),
        (s) => {
          expect(isDayText(s)).toBe(DAY.test(s) || DAY_TIME.test(s));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('parseCode reads the date of every six digits as before (leap years, month lengths)', () => {
    /** The date part of parseCode as first written. */
    const dateOf = (digits: string): string | null => {
      const yy = Number(digits.slice(0, 2));
      const mm = Number(digits.slice(2, 4));
      const dd = Number(digits.slice(4, 6));
      const daysInMonth = [31, (2000 + yy) % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
      return mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysInMonth[mm - 1]!
        ? `20${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`
        : null;
    };
    for (const yy of ['00', '23', '24', '25', '99']) {
      for (let mm = 0; mm <= 13; mm++) {
        for (let dd = 0; dd <= 32; dd++) {
          const digits = `${yy}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}`;
          expect(parseCode(`000.00.07.H53-${digits}-0001`)).toEqual({
            unitCode: '000.00.07.H53',
            date: dateOf(digits),
            seq: '0001',
          });
        }
      }
    }
  });

  it('normalizeCode gives the same code with and without its fast path', () => {
    for (const s of [
      '000.00.07.H53-250102-0001',
      '00.07.H53-250102-0001',
      ' 000.00.07.h53-250102-0001',
      "'000.00.07.H53-250102-0001",
      'H53 – 1',
      '',
      '   ',
      '-',
      '.',
      'A_B',
    ]) {
      expect(normalizeCode(s)).toBe(normalizeCodeFull(s));
    }
    const ch = fc.constantFrom(..."0123456789.-ABHZahz _–'‘ \u00a0".split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 26 }).map((a) => a.join('')),
        (s) => {
          expect(normalizeCode(s)).toBe(normalizeCodeFull(s));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
