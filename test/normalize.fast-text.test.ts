import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCell, foldCell, isCleanText, mayFoldTo } from '../src/normalize/fast-text.js';
import { cleanTextFull as cleanText, foldText, isCleanTextReference } from '../src/normalize/text.js';

/** Every character the fast path lets through untouched. */
const FAST = [' ', ...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))];
for (const [lo, hi] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
] as const) {
  for (let c = lo; c <= hi; c++) if (![0xd0, 0xf0, 0x189].includes(c)) FAST.push(String.fromCharCode(c));
}

describe('fast text paths: the same results as cleanText and foldText', () => {
  it.each([
    ['Nguyễn Văn A'],
    ['  Nguyễn  Văn A '],
    ['Ủy ban nhân dân'],
    ['Uỷ ban'],
    ['Ho\u0300a'],
    ['a\u00a0b'],
    ['a\u200bb'],
    ['ÐINH'],
    ['ðinh'],
    ['Ɖ'],
    ['000.00.07.H53-250102-0001'],
    ['000.00.07.H53\u2013250102'],
    ['x\r\ny'],
    ['\ttab'],
    ['a\u00adb'],
    ['UBND huyện Gò Dầu'],
    [''],
    [' '],
    ['Đã trả kết quả'],
    ['05/01/2025 08:00:00'],
    ['Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài'],
    ['İstanbul'],
    ['ǅemal'],
    ['ẛ'],
    ['Mã HS'],
  ])('%j', (s) => {
    expect(cleanCell(s)).toBe(cleanText(s));
    expect(foldCell(s)).toBe(foldText(s));
  });

  it('every character of the fast set is NFC and unchanged by cleanText, alone and after any other', () => {
    for (const ch of FAST) {
      expect(isCleanText(ch) || ch === ' ').toBe(true);
      if (ch !== ' ') expect(cleanText(ch)).toBe(ch);
    }
    // No two characters of the set compose or reorder under NFC.
    const letters = FAST.filter((c) => c.charCodeAt(0) >= 0xc0);
    for (const a of letters)
      for (const b of letters) if ((a + b).normalize('NFC') !== a + b) throw new Error(`${a}${b} composes`);
  });

  it('foldCell (a table of characters) agrees with foldText on every character in every position', () => {
    for (let c = 0; c < 0x2000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`, `${ch} x`, `x ${ch}`, `${ch}${ch}`, `Đ-${ch}-ư`, `1 ${ch} 2`])
        expect(foldCell(s)).toBe(foldText(s));
    }
    expect(foldCell('x'.repeat(5000) + 'Ấ')).toBe(foldText('x'.repeat(5000) + 'Ấ'));
  });

  it('matches cleanText and foldText on any text, also outside the fast set', () => {
    const ch = fc.oneof(
      fc.constantFrom(...FAST),
      fc.constantFrom(
        '\u00a0',
        '\u200b',
        '\u0300',
        '\u0301',
        '\u0323',
        '\u00d0',
        '\u00f0',
        '\u2013',
        '\u2212',
        '\r',
        '\n',
        '\t',
        '\u00ad',
        '\ufeff',
        '\u3000',
        '\u0130',
        'ß',
        'Ω',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 14 }).map((a) => a.join('')),
        (s) => {
          expect(cleanCell(s)).toBe(cleanText(s));
          expect(foldCell(s)).toBe(foldText(s));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('isCleanText (a loop over character codes) agrees with its regular-expression reference', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`, `${ch}${ch}`]) expect(isCleanText(s)).toBe(isCleanTextReference(s));
    }
    const ch = fc.oneof(
      fc.constantFrom(...FAST),
      fc.constantFrom(
        ' ',
        '\u00a0',
        '\u0301',
        '\u00d0',
        '\u0189',
        '\u024f',
        '\u0250',
        '\u1dff',
        '\u1e00',
        '\u1eff',
        '\u1f00',
        '\ud83d',
        '\t',
        '\x7f',
        '\xbf',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 14 }).map((a) => a.join('')),
        (s) => {
          expect(isCleanText(s)).toBe(isCleanTextReference(s));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('mayFoldTo never rules out a text that folds to the label', () => {
    const ch = fc.constantFrom(...'aAăÂđĐeêoôơuưyỳ dDhHmMnNsS0123456789/.,-()\u00a0\u0301'.split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 12 }).map((a) => a.join('')),
        (s) => {
          expect(mayFoldTo(s, foldText(s))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    expect(mayFoldTo('Mã hồ sơ', 'ma ho so')).toBe(true);
    expect(mayFoldTo('05/01/2025 08:00:00', 'ngay tiep nhan')).toBe(false);
    expect(mayFoldTo('000.00.07.H53-250102-0001', 'ma ho so')).toBe(false);
  });
});
