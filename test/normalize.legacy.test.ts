import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeTcvn3, decodeVni, legacyFromFontName, detectLegacyText } from '../src/normalize/legacy.js';

/**
 * Every Vietnamese vowel with the six tones (none, huyền, sắc, hỏi, ngã, nặng), written by hand in
 * Unicode, TCVN3 (ABC) and VNI-Windows. [unicode, tcvn3, vni].
 */
const LETTERS: Array<[string, string, string]> = [
  ['a', 'a', 'a'],
  ['à', 'µ', 'aø'],
  ['á', '¸', 'aù'],
  ['ả', '¶', 'aû'],
  ['ã', '·', 'aõ'],
  ['ạ', '¹', 'aï'],
  ['ă', '¨', 'aê'],
  ['ằ', '»', 'aè'],
  ['ắ', '¾', 'aé'],
  ['ẳ', '¼', 'aú'],
  ['ẵ', '½', 'aü'],
  ['ặ', 'Æ', 'aë'],
  ['â', '©', 'aâ'],
  ['ầ', 'Ç', 'aà'],
  ['ấ', 'Ê', 'aá'],
  ['ẩ', 'È', 'aå'],
  ['ẫ', 'É', 'aã'],
  ['ậ', 'Ë', 'aä'],
  ['e', 'e', 'e'],
  ['è', 'Ì', 'eø'],
  ['é', 'Ð', 'eù'],
  ['ẻ', 'Î', 'eû'],
  ['ẽ', 'Ï', 'eõ'],
  ['ẹ', 'Ñ', 'eï'],
  ['ê', 'ª', 'eâ'],
  ['ề', 'Ò', 'eà'],
  ['ế', 'Õ', 'eá'],
  ['ể', 'Ó', 'eå'],
  ['ễ', 'Ô', 'eã'],
  ['ệ', 'Ö', 'eä'],
  ['i', 'i', 'i'],
  ['ì', '×', 'ì'],
  ['í', 'Ý', 'í'],
  ['ỉ', 'Ø', 'æ'],
  ['ĩ', 'Ü', 'ó'],
  ['ị', 'Þ', 'ò'],
  ['o', 'o', 'o'],
  ['ò', 'ß', 'oø'],
  ['ó', 'ã', 'où'],
  ['ỏ', 'á', 'oû'],
  ['õ', 'â', 'oõ'],
  ['ọ', 'ä', 'oï'],
  ['ô', '«', 'oâ'],
  ['ồ', 'å', 'oà'],
  ['ố', 'è', 'oá'],
  ['ổ', 'æ', 'oå'],
  ['ỗ', 'ç', 'oã'],
  ['ộ', 'é', 'oä'],
  ['ơ', '¬', 'ô'],
  ['ờ', 'ê', 'ôø'],
  ['ớ', 'í', 'ôù'],
  ['ở', 'ë', 'ôû'],
  ['ỡ', 'ì', 'ôõ'],
  ['ợ', 'î', 'ôï'],
  ['u', 'u', 'u'],
  ['ù', 'ï', 'uø'],
  ['ú', 'ó', 'uù'],
  ['ủ', 'ñ', 'uû'],
  ['ũ', 'ò', 'uõ'],
  ['ụ', 'ô', 'uï'],
  ['ư', '\u00AD', 'ö'],
  ['ừ', 'õ', 'öø'],
  ['ứ', 'ø', 'öù'],
  ['ử', 'ö', 'öû'],
  ['ữ', '÷', 'öõ'],
  ['ự', 'ù', 'öï'],
  ['y', 'y', 'y'],
  ['ỳ', 'ú', 'yø'],
  ['ý', 'ý', 'yù'],
  ['ỷ', 'û', 'yû'],
  ['ỹ', 'ü', 'yõ'],
  ['ỵ', 'þ', 'î'],
  ['đ', '®', 'ñ'],
];
/** TCVN3 code points of the seven capitals it has. */
const TCVN3_CAPITALS: Array<[string, string]> = [
  ['Ă', '¡'],
  ['Â', '¢'],
  ['Ê', '£'],
  ['Ô', '¤'],
  ['Ơ', '¥'],
  ['Ư', '¦'],
  ['Đ', '§'],
];

/** Unicode → TCVN3 (lower-case letters only, capitals via the seven precomposed ones). */
const TO_TCVN3 = new Map<string, string>([...LETTERS.map(([u, t]) => [u, t] as [string, string]), ...TCVN3_CAPITALS]);
const encodeTcvn3 = (s: string) => [...s.normalize('NFC')].map((c) => TO_TCVN3.get(c) ?? c).join('');
/** Unicode → VNI (both cases: VNI capitals are the upper-cased sequences). */
const TO_VNI = new Map<string, string>(
  LETTERS.flatMap(
    ([u, , v]) =>
      [
        [u, v],
        [u.toUpperCase(), v.toUpperCase()],
      ] as Array<[string, string]>,
  ),
);
const encodeVni = (s: string) => [...s.normalize('NFC')].map((c) => TO_VNI.get(c) ?? c).join('');

const WORDS = [
  'Nguyễn',
  'Văn',
  'Đức',
  'hồ',
  'sơ',
  'thủ',
  'tục',
  'hành',
  'chính',
  'trường',
  'ủy',
  'ban',
  'nhân',
  'dân',
  'huyện',
  'Gò',
  'Dầu',
  'Tây',
  'Ninh',
  'giải',
  'quyết',
  'đăng',
  'ký',
  'khai',
  'sinh',
  'quyền',
  'sử',
  'dụng',
  'đất',
  'Lê',
  'Thị',
  'Hoa',
  'Phạm',
  'Huỳnh',
  'Trần',
  'xã',
  'phường',
  'thị',
  'trấn',
];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const lowerSentence = sentence.map((s) => s.toLowerCase());

describe('decodeTcvn3', () => {
  it.each(LETTERS)('%s ← %j', (unicode, tcvn3) => {
    expect(decodeTcvn3(tcvn3)).toBe(unicode);
  });

  it.each(LETTERS)('%s under a capital font ← %j', (unicode, tcvn3) => {
    expect(decodeTcvn3(tcvn3, true)).toBe(unicode.toUpperCase());
  });

  it.each(TCVN3_CAPITALS)('capital %s ← %j', (unicode, tcvn3) => {
    expect(decodeTcvn3(tcvn3)).toBe(unicode);
  });

  it.each<[string, boolean, string]>([
    ['NguyÔn V¨n §øc', false, 'Nguyễn Văn Đức'],
    ['Hå s¬', false, 'Hồ sơ'],
    ['Thñ tôc hµnh chÝnh', false, 'Thủ tục hành chính'],
    ['Tr\u00ADêng', false, 'Trường'],
    ['Uû ban nh©n d©n', false, 'Uỷ ban nhân dân'],
    ['huyÖn Gß DÇu', false, 'huyện Gò Dầu'],
    ['Sæ theo dâi hå s¬', false, 'Sổ theo dõi hồ sơ'],
    ['Ngµy 12/9/2018', false, 'Ngày 12/9/2018'],
    ['nguyÔn v¨n ®øc', true, 'NGUYỄN VĂN ĐỨC'],
    ['NGUYÔN V¡N §øC', true, 'NGUYỄN VĂN ĐỨC'],
    ['uû ban nh©n d©n tØnh t©y ninh', true, 'UỶ BAN NHÂN DÂN TỈNH TÂY NINH'],
    ['Nguyen Van A', false, 'Nguyen Van A'],
    ['Nguyễn Văn Đức', false, 'Nguyễn Văn Đức'],
    ['“Hå s¬” – 25°C', false, '“Hồ sơ” – 25°C'],
    ['', false, ''],
  ])('%j (upper font: %s) → %j', (raw, upper, expected) => {
    expect(decodeTcvn3(raw, upper)).toBe(expected);
  });

  it('agrees with iconv-lite tcvn on 0xA1..0xFF except the VN1/VN2 combining marks 0xB0..0xB4', () => {
    for (let b = 0xa1; b <= 0xff; b++) {
      if (b >= 0xb0 && b <= 0xb4) {
        expect(decodeTcvn3(String.fromCharCode(b))).toBe(String.fromCharCode(b));
        continue;
      }
      expect(decodeTcvn3(String.fromCharCode(b))).toBe(iconv.decode(Buffer.from([b]), 'tcvn').normalize('NFC'));
    }
  });

  it('round-trips Vietnamese text', () => {
    fc.assert(
      fc.property(sentence, (s) => decodeTcvn3(encodeTcvn3(s.toLowerCase())) === s.toLowerCase()),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(sentence, (s) => decodeTcvn3(encodeTcvn3(s.toLowerCase()), true) === s.toUpperCase()),
      { numRuns: 500 },
    );
  });
});

describe('decodeVni', () => {
  const vniLetters = LETTERS.map(([u, , v]) => [u, v] as [string, string]);

  it.each(vniLetters)('%s ← %j', (unicode, vni) => {
    expect(decodeVni(vni)).toBe(unicode);
  });

  it.each(vniLetters)('capital %s ← upper-case of %j', (unicode, vni) => {
    expect(decodeVni(vni.toUpperCase())).toBe(unicode.toUpperCase());
  });

  it.each<[string, string]>([
    ['Nguyeãn Vaên Ñöùc', 'Nguyễn Văn Đức'],
    ['Hoà sô', 'Hồ sơ'],
    ['UÛy ban nhaân daân', 'Ủy ban nhân dân'],
    ['Thuû tuïc haønh chính', 'Thủ tục hành chính'],
    ['Tröôøng', 'Trường'],
    ['thuôû', 'thuở'],
    ['NGUYEÃN VAÊN ÑÖÙC', 'NGUYỄN VĂN ĐỨC'],
    ['Huyeän Goø Daàu, tænh Taây Ninh', 'Huyện Gò Dầu, tỉnh Tây Ninh'],
    ['Nguyeãn Thò Kyø', 'Nguyễn Thị Kỳ'],
    ['Aø', 'À'],
    ['Nguyen Van A', 'Nguyen Van A'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(decodeVni(raw)).toBe(expected);
  });

  it('round-trips Vietnamese text in both cases', () => {
    fc.assert(
      fc.property(sentence, (s) => decodeVni(encodeVni(s)) === s),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(sentence, (s) => decodeVni(encodeVni(s.toUpperCase())) === s.toUpperCase()),
      { numRuns: 500 },
    );
  });
});

describe('legacyFromFontName', () => {
  it.each<[string | null | undefined, ReturnType<typeof legacyFromFontName>]>([
    ['.VnTime', { encoding: 'tcvn3', upper: false }],
    ['.VnTimeH', { encoding: 'tcvn3', upper: true }],
    ['.VnArial', { encoding: 'tcvn3', upper: false }],
    ['.VnArialH', { encoding: 'tcvn3', upper: true }],
    ['.VnArial NarrowH', { encoding: 'tcvn3', upper: true }],
    ['.VnBook-Antiqua', { encoding: 'tcvn3', upper: false }],
    ['.vntime', { encoding: 'tcvn3', upper: false }],
    [' .VnTimeH ', { encoding: 'tcvn3', upper: true }],
    ['VNI-Times', { encoding: 'vni', upper: false }],
    ['VNI-Helve', { encoding: 'vni', upper: false }],
    ['VNI-Helve-Condense', { encoding: 'vni', upper: false }],
    ['Times New Roman', null],
    ['Arial', null],
    ['Calibri', null],
    ['VnTime', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (name, expected) => {
    expect(legacyFromFontName(name)).toEqual(expected);
  });
});

describe('detectLegacyText', () => {
  it.each<[string, string[], 'tcvn3' | 'vni' | null]>([
    ['TCVN3 name', ['NguyÔn V¨n §øc'], 'tcvn3'],
    ['TCVN3 register cells', ['Hå s¬', 'Thñ tôc hµnh chÝnh', 'Tr\u00ADêng', 'Uû ban nh©n d©n'], 'tcvn3'],
    ['TCVN3 capital-font cells', ['nguyÔn v¨n ®øc', 'uû ban nh©n d©n'], 'tcvn3'],
    ['TCVN3 among ASCII cells', ['STT', '1', 'NguyÔn V¨n A', 'H53-250101-0001'], 'tcvn3'],
    ['VNI name', ['Nguyeãn Vaên Ñöùc'], 'vni'],
    ['VNI register cells', ['Thuû tuïc haønh chính', 'UÛy ban nhaân daân', 'Hoà sô'], 'vni'],
    ['VNI all caps', ['NGUYEÃN VAÊN ÑÖÙC'], 'vni'],
    ['Unicode name', ['Nguyễn Văn Đức'], null],
    ['Unicode register cells', ['Hồ sơ', 'Thủ tục hành chính', 'Ủy ban nhân dân huyện Gò Dầu'], null],
    ['Unicode NFD', ['Nguye\u0302\u0303n Va\u0306n \u0110u\u031B\u0301c'], null],
    ['Unicode, Latin-1 letters only', ['Tây Ninh', 'Cà Mau', 'Chí Linh', 'Bà'], null],
    ['old tone placement Unicode', ['Hoà Thành', 'Thuỷ'], null],
    ['ASCII', ['Nguyen Van A'], null],
    ['ASCII cells', ['STT', 'Ma ho so', '12/09/2018'], null],
    ['no samples', [], null],
    ['empty strings', ['', ' '], null],
    ['foreign Latin-1', ['José Müller', 'Café'], null],
  ])('%s → %s', (_name, samples, expected) => {
    expect(detectLegacyText(samples)).toBe(expected);
  });

  it('detects encoded Vietnamese text and never Unicode Vietnamese', () => {
    const many = fc.array(lowerSentence, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(many, (ss) => detectLegacyText(ss) === null),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(many, (ss) => detectLegacyText(ss.map(encodeTcvn3)) !== 'vni'),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(many, (ss) => detectLegacyText(ss.map(encodeVni)) !== 'tcvn3'),
      { numRuns: 300 },
    );
  });
});
