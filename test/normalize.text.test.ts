import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cleanText, toneKey, foldText, isBlank } from '../src/normalize/text.js';

/** Text that mixes Vietnamese, the troublesome characters cleanText handles and random noise. */
const messyText = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        'Hoà',
        'Hòa',
        'thuỷ',
        'khoẻ',
        'quý',
        'Ủy',
        'Đ',
        'Ð',
        'ð',
        '\u0189',
        '\u00A0',
        '\u200B',
        '\u00AD',
        '\u2013',
        '\u2212',
        '\r\n',
        '\t',
        '  ',
        'e\u0302\u0301',
        'a\u0300',
        '\uFEFF',
        'Nguyễn',
        'ĐỨC',
        '&',
        '/',
      ),
    ),
  )
  .map((parts) => parts.join(''));

describe('cleanText', () => {
  it.each([
    ['plain', 'Nguyễn Văn A', 'Nguyễn Văn A'],
    ['NFD → NFC', 'Nguye\u0302\u0303n', 'Nguyễn'],
    ['NFD mixed with NFC', 'Hồ so\u031B', 'Hồ sơ'],
    ['Icelandic Eth U+00D0 → Đ', '\u00D0ức', 'Đức'],
    ['African D U+0189 → Đ', '\u0189ồng Nai', 'Đồng Nai'],
    ['small eth U+00F0 → đ', '\u00F0ất', 'đất'],
    ['NBSP → space', 'Gò\u00A0Dầu', 'Gò Dầu'],
    ['figure space U+2007', 'Gò\u2007Dầu', 'Gò Dầu'],
    ['narrow NBSP U+202F', 'Gò\u202FDầu', 'Gò Dầu'],
    ['zero-width space', 'Gò\u200BDầu', 'GòDầu'],
    ['ZWNJ and ZWJ', 'a\u200Cb\u200Dc', 'abc'],
    ['BOM', '\uFEFFMã hồ sơ', 'Mã hồ sơ'],
    ['word joiner', 'H53\u2060-01', 'H53-01'],
    ['soft hyphen removed', 'Tr\u00ADường', 'Trường'],
    ['hyphen U+2010', 'H53\u2010250101', 'H53-250101'],
    ['en dash', '01\u201302', '01-02'],
    ['em dash', 'a \u2014 b', 'a - b'],
    ['horizontal bar U+2015', 'a\u2015b', 'a-b'],
    ['minus sign', '\u22125', '-5'],
    ['CRLF', 'dòng 1\r\ndòng 2', 'dòng 1 dòng 2'],
    ['TAB', 'a\tb', 'a b'],
    ['lone CR', 'a\rb', 'a b'],
    ['runs of spaces', '  a    b  ', 'a b'],
    ['only whitespace', ' \u00A0\t\u200B ', ''],
    ['empty', '', ''],
    ['zero-width between base and mark composes', 'a\u200B\u0301', 'á'],
    ['ideographic space', 'a\u3000b', 'a b'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(messyText, (s) => cleanText(cleanText(s)) === cleanText(s)),
      { numRuns: 2000 },
    );
  });

  it('returns NFC without leading or trailing spaces', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        const c = cleanText(s);
        return c === c.normalize('NFC') && c === c.trim() && !c.includes('  ');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('toneKey', () => {
  it.each([
    ['Hoà', 'hòa'],
    ['Hòa', 'hòa'],
    ['hoá', 'hóa'],
    ['hoả', 'hỏa'],
    ['hoạ', 'họa'],
    ['Thuỷ', 'thủy'],
    ['Thủy', 'thủy'],
    ['tuỳ', 'tùy'],
    ['khoẻ', 'khỏe'],
    ['Khỏe', 'khỏe'],
    ['loè', 'lòe'],
    ['Uỷ ban', 'ủy ban'],
    ['ủy ban', 'ủy ban'],
    ['quý', 'quý'],
    ['Quỳnh', 'quỳnh'],
    ['quỷ', 'quỷ'],
    ['hoàn', 'hoàn'],
    ['hoài', 'hoài'],
    ['thuyết', 'thuyết'],
    ['khuỷu', 'khuỷu'],
    ['Thanh Hoá', 'thanh hóa'],
    ['Hoà Thành', 'hòa thành'],
    ['Hoa\u0300', 'hòa'],
    ['\u00D0ồng Khởi', 'đồng khởi'],
    ['  HOÀ   BÌNH ', 'hòa bình'],
    ['Nguyễn Văn A', 'nguyễn văn a'],
  ])('%s → %s', (input, expected) => {
    expect(toneKey(input)).toBe(expected);
  });

  it.each([
    ['Hoà Thành', 'Hòa Thành'],
    ['Thuỷ Lợi', 'Thủy Lợi'],
    ['khoẻ mạnh', 'khỏe mạnh'],
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['Hoá chất', 'Hóa chất'],
  ])('old and new spellings share a key: %s / %s', (a, b) => {
    expect(toneKey(a)).toBe(toneKey(b));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(messyText, (s) => toneKey(toneKey(s)) === toneKey(s)),
      { numRuns: 2000 },
    );
  });
});

describe('foldText', () => {
  it.each([
    ['Ủy ban nhân dân huyện Gò Dầu', 'uy ban nhan dan huyen go dau'],
    ['UBND H. Gò Dầu', 'ubnd h go dau'],
    ['BPTN&TKQ huyện Gò Dầu', 'bptn tkq huyen go dau'],
    ['ĐỨC', 'duc'],
    ['\u00D0ức', 'duc'],
    ['đường', 'duong'],
    ['Nguye\u0302\u0303n', 'nguyen'],
    ['000.00.07.H53-250101-0001', '000 00 07 h53 250101 0001'],
    ['  Mã  hồ—sơ  ', 'ma ho so'],
    ['Tr\u00ADường', 'truong'],
    ['Hoà / Hòa', 'hoa hoa'],
    ['"Công ty TNHH Á Châu"', 'cong ty tnhh a chau'],
    ['', ''],
    ['!!!', ''],
    ['Straße', 'stra e'],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('is idempotent and only keeps [a-z0-9 ]', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        const f = foldText(s);
        return foldText(f) === f && /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/.test(f);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with toneKey: folding a tone key gives the folded text', () => {
    fc.assert(
      fc.property(messyText, (s) => foldText(toneKey(s)) === foldText(s)),
      { numRuns: 1000 },
    );
  });
});

describe('isBlank', () => {
  it.each([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['\u00A0\u200B\t\r\n', true],
    ['\uFEFF', true],
    ['\u00AD', true],
    ['0', false],
    ['-', false],
    ['a', false],
    [' x ', false],
  ])('%j → %s', (input, expected) => {
    expect(isBlank(input)).toBe(expected);
  });
});
