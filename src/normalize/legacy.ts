/**
 * Legacy Vietnamese 8-bit fonts still found in government spreadsheets.
 *
 * In an .xlsx/.xls file such text is stored as ordinary Windows-1252/Latin-1 characters and only
 * the cell's font (.VnTime, VNI-Times…) makes it look Vietnamese on screen. Decode it on the RAW
 * cell text, before cleanText (./text.ts): in TCVN3 the soft hyphen U+00AD is the letter 'ư' and
 * U+00D0 'Ð' is 'é', and cleanText would delete or rewrite them.
 *
 * Decoding is character-faithful: the tone stays where the typist put it, so TCVN3 "Uû" gives
 * "Uỷ" (old placement) and VNI "UÛy" gives "Ủy". Compare with toneKey/foldText, which unify both.
 */

/** A legacy Vietnamese 8-bit encoding. */
export type LegacyEncoding = 'tcvn3' | 'vni';

/**
 * TCVN3 (TCVN 5712:1993) code points 0xA1..0xFF, one output character per code point. Same as
 * iconv-lite's `tcvn` codec on these bytes (checked in the tests) except 0xB0..0xB4, which VN1/VN2
 * use for separate combining tone marks but the ABC (VN3) fonts do not: they are left as
 * '°±²³´'. The few VN2 tonal capitals in this range (0xAF Ằ, 0xC0 Ắ, …) are kept. Bytes 0x80..0x9F
 * (cp1252 punctuation such as “ ” – …) and the C0 positions that VN1 uses for capitals are left
 * unchanged: the ABC fonts have no tonal capitals, and Excel stores typographic quotes there.
 */
const TCVN3_A1_FF = 'ĂÂÊÔƠƯĐăâêôơưđẰ°±²³´àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';

/**
 * Decodes TCVN3 (ABC; fonts .VnTime, .VnArial, …) text, stored as Windows-1252/Latin-1 characters,
 * into Unicode NFC: `NguyÔn V¨n §øc` → "Nguyễn Văn Đức", `Tr\u00ADêng` → "Trường".
 *
 * TCVN3 has no tonal capitals: all-caps text is typed with lower-case code points in a capital
 * font (.VnTimeH, .VnArialH, …). Pass `upperFont` for such cells and the result is upper-cased:
 * `nguyÔn` → "NGUYỄN". Characters outside the table (ASCII, cp1252 punctuation, anything beyond
 * U+00FF) are kept as they are.
 *
 * @param raw the raw cell text (not cleaned)
 * @param upperFont the cell font is a capital font (name ending in 'H')
 * @returns Unicode NFC text
 */
export function decodeTcvn3(raw: string, upperFont = false): string {
  let out = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    out += c >= 0xa1 && c <= 0xff ? TCVN3_A1_FF[c - 0xa1]! : ch;
  }
  out = out.normalize('NFC');
  return upperFont ? out.toUpperCase() : out;
}

/** VNI tone suffixes, lower/upper case, and the combining tone mark each stands for. */
const VNI_TONES: ReadonlyArray<[string, string, string]> = [
  ['ø', 'Ø', '\u0300'], // huyền
  ['ù', 'Ù', '\u0301'], // sắc
  ['û', 'Û', '\u0309'], // hỏi
  ['õ', 'Õ', '\u0303'], // ngã
  ['ï', 'Ï', '\u0323'], // nặng
];
/** Circumflex suffixes: plain, then with huyền, sắc, hỏi, ngã, nặng. */
const VNI_CIRCUMFLEX: ReadonlyArray<[string, string, string]> = [
  ['â', 'Â', ''],
  ['à', 'À', '\u0300'],
  ['á', 'Á', '\u0301'],
  ['å', 'Å', '\u0309'],
  ['ã', 'Ã', '\u0303'],
  ['ä', 'Ä', '\u0323'],
];
/** Breve suffixes (on a only): plain, then with huyền, sắc, hỏi, ngã, nặng. */
const VNI_BREVE: ReadonlyArray<[string, string, string]> = [
  ['ê', 'Ê', ''],
  ['è', 'È', '\u0300'],
  ['é', 'É', '\u0301'],
  ['ú', 'Ú', '\u0309'],
  ['ü', 'Ü', '\u0303'],
  ['ë', 'Ë', '\u0323'],
];
/** Single VNI characters that are Vietnamese letters on their own (lower-case forms). */
const VNI_SINGLE: Readonly<Record<string, string>> = {
  ô: 'ơ',
  ö: 'ư',
  ñ: 'đ',
  ì: 'ì',
  í: 'í',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
};

/** VNI sequence → Unicode, built once: 2-character sequences and single characters. */
const VNI_TABLE: ReadonlyMap<string, string> = (() => {
  const t = new Map<string, string>();
  /** base: the VNI base character; letter: the Unicode letter it stands for, plus `mark`. */
  const add = (base: string, letter: string, mark: string, suffixes: ReadonlyArray<[string, string, string]>) => {
    for (const [lo, up, tone] of suffixes) {
      const lower = (letter + mark + tone).normalize('NFC');
      for (const suffix of [lo, up]) {
        t.set(base + suffix, lower);
        t.set(base.toUpperCase() + suffix, lower.toUpperCase());
      }
    }
  };
  for (const b of ['a', 'e', 'o', 'u', 'y']) add(b, b, '', VNI_TONES);
  add('ô', 'ơ', '', VNI_TONES);
  add('ö', 'ư', '', VNI_TONES);
  for (const b of ['a', 'e', 'o']) add(b, b, '\u0302', VNI_CIRCUMFLEX);
  add('a', 'a', '\u0306', VNI_BREVE);
  for (const [k, v] of Object.entries(VNI_SINGLE)) {
    t.set(k, v);
    t.set(k.toUpperCase(), v.toUpperCase());
  }
  return t;
})();

/**
 * Decodes VNI-Windows (fonts VNI-Times, VNI-Helve, …) text into Unicode NFC. VNI writes a base
 * letter followed by one diacritic character (ø ù û õ ï: tones; â à á å ã ä: circumflex with
 * tone; ê è é ú ü ë: breve with tone), and has single characters for ơ (ô), ư (ö), đ (ñ) and the
 * toned i/ỵ (ì í æ ó ò î). Sequences are matched longest first; the base letter decides the case.
 * `Nguyeãn Vaên Ñöùc` → "Nguyễn Văn Đức", `UÛy ban` → "Ủy ban".
 *
 * @param raw the raw cell text (not cleaned)
 * @returns Unicode NFC text
 */
export function decodeVni(raw: string): string {
  const s = raw.normalize('NFC');
  let out = '';
  for (let i = 0; i < s.length; ) {
    const two = VNI_TABLE.get(s.slice(i, i + 2));
    if (two !== undefined) {
      out += two;
      i += 2;
      continue;
    }
    out += VNI_TABLE.get(s[i]!) ?? s[i]!;
    i += 1;
  }
  return out.normalize('NFC');
}

/**
 * Legacy encoding implied by a cell's font name: any name starting with '.Vn' (.VnTime,
 * .VnTimeH, .VnArial, .VnArialH, …) → tcvn3, upper-case when the name ends with a capital 'H';
 * names starting with 'VNI-' (VNI-Times, VNI-Helve, …) → vni; anything else → null.
 * Case-insensitive on the prefixes; surrounding spaces ignored.
 *
 * @param fontName the cell font name, possibly missing
 */
export function legacyFromFontName(
  fontName: string | null | undefined,
): { encoding: LegacyEncoding; upper: boolean } | null {
  const name = (fontName ?? '').trim();
  if (/^vni[- ]/i.test(name)) return { encoding: 'vni', upper: false };
  if (/^\.vn/i.test(name)) return { encoding: 'tcvn3', upper: name.endsWith('H') };
  return null;
}

/** Tone-stripped vowel nuclei of Vietnamese syllables, longest first. */
const NUCLEI = [
  'iêu',
  'oai',
  'oay',
  'oao',
  'oeo',
  'uây',
  'uôi',
  'uya',
  'uyê',
  'uyu',
  'ươi',
  'ươu',
  'yêu',
  'ai',
  'ao',
  'au',
  'ay',
  'âu',
  'ây',
  'eo',
  'êu',
  'ia',
  'iê',
  'iu',
  'oa',
  'oă',
  'oe',
  'oi',
  'ôi',
  'ơi',
  'ua',
  'uâ',
  'uê',
  'ui',
  'uô',
  'uơ',
  'uy',
  'ưa',
  'ưi',
  'ươ',
  'ưu',
  'yê',
  'a',
  'ă',
  'â',
  'e',
  'ê',
  'i',
  'o',
  'ô',
  'ơ',
  'u',
  'ư',
  'y',
];
const SYLLABLE = new RegExp(
  `^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?(?:${NUCLEI.join('|')})(?:ch|ng|nh|[cmnpt])?$`,
);
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Whether a word is one well-formed Vietnamese syllable with a natural case pattern. */
function looksVietnamese(word: string): boolean {
  const w = word.normalize('NFC');
  // "Nguyễn", "nguyễn", "NGUYỄN" are natural; "NguyÔn", "chÝnh" are not.
  if (!/^\p{Lu}?[^\p{Lu}]*$/u.test(w) && /\p{Ll}/u.test(w)) return false;
  const nfd = w.toLowerCase().normalize('NFD');
  if ((nfd.match(TONES) ?? []).length > 1) return false;
  return SYLLABLE.test(nfd.replace(TONES, '').normalize('NFC'));
}

/** Characters a legacy-encoded cell can hold: Latin-1 plus the cp1252 extras. */
const LEGACY_RANGE =
  /^[\u0000-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]*$/;

/**
 * Text-based detection for cells whose font is missing or generic. Every word holding a non-ASCII
 * character is checked three ways: as it stands (Unicode), decoded as TCVN3 and decoded as VNI;
 * a reading scores when the word becomes one well-formed Vietnamese syllable with a natural case
 * pattern (the raw TCVN3 "NguyÔn" does not; words with characters beyond Windows-1252, such as
 * "Nguyễn", can only be Unicode). A legacy encoding is returned only when clearly better: it beats
 * the other one and beats the Unicode reading by at least max(1, 30 % of the non-ASCII words).
 * Ordinary Unicode Vietnamese ("Nguyễn Văn Đức") and plain ASCII ("Nguyen Van A") give null.
 *
 * @param samples raw cell texts, e.g. the text cells of a sheet (not cleaned)
 */
export function detectLegacyText(samples: string[]): LegacyEncoding | null {
  let words = 0;
  let unicode = 0;
  let tcvn3 = 0;
  let vni = 0;
  for (const sample of samples) {
    for (const word of sample.split(/[\s\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F]+/)) {
      if (!/[^\u0000-\u007F]/.test(word)) continue;
      words += 1;
      if (looksVietnamese(word)) unicode += 1;
      if (!LEGACY_RANGE.test(word)) continue;
      if (looksVietnamese(decodeTcvn3(word))) tcvn3 += 1;
      if (looksVietnamese(decodeVni(word))) vni += 1;
    }
  }
  const margin = Math.max(1, 0.3 * words);
  if (tcvn3 > vni && tcvn3 - unicode >= margin) return 'tcvn3';
  if (vni > tcvn3 && vni - unicode >= margin) return 'vni';
  return null;
}
