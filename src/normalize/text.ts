/**
 * Text normalization for Vietnamese register and export cells.
 *
 * Three levels, each built on the previous one:
 * - {@link cleanText}: what a human would call "the same text" (NFC, one kind of space, one kind
 *   of dash, the right letter Đ);
 * - {@link toneKey}: a comparison key that keeps tones but ignores case and old/new tone placement;
 * - {@link foldText}: a matching key without any diacritics or punctuation.
 *
 * IMPORTANT: legacy 8-bit font text (TCVN3/ABC, VNI; see `./legacy.ts`) must be decoded on the RAW
 * cell text, BEFORE cleanText. In TCVN3 the soft hyphen U+00AD is the letter 'ư', U+00D0 'Ð' is
 * 'é' and U+00A0 may be part of a word; cleanText would delete or rewrite those characters and
 * destroy the information the decoder needs.
 */

/** Characters that look like Đ/đ but are not U+0110/U+0111. */
const D_LOOKALIKES: Readonly<Record<string, string>> = {
  '\u00D0': '\u0110', // Ð LATIN CAPITAL LETTER ETH (Icelandic)
  '\u0189': '\u0110', // Ɖ LATIN CAPITAL LETTER AFRICAN D
  '\u00F0': '\u0111', // ð LATIN SMALL LETTER ETH
  '\u0256': '\u0111', // ɖ LATIN SMALL LETTER D WITH TAIL
};

/**
 * Zero-width characters, the soft hyphen and the bidirectional controls (LRM, RLM, ALM, the
 * embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069): removed. A bidi control
 * is invisible, changes nothing a Vietnamese reader sees, and would make "CODE\u200E" another code
 * (or turn a value's text around on screen, U+202E).
 */
const INVISIBLE = /[\u200B-\u200F\uFEFF\u2060\u00AD\u061C\u202A-\u202E\u2066-\u2069]/g;

/** Dashes and minus signs that are not the ASCII hyphen-minus. */
const ODD_DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * Whitespace and control characters that become one plain space: C0 controls (CR, LF, TAB, VT,
 * FF, …), DEL, C1 controls, NBSP, figure space, narrow NBSP and every other Unicode space
 * separator, plus the line/paragraph separators.
 */
const SPACE_LIKE = /[\u0000-\u001F\u007F-\u009F\p{Zs}\u2028\u2029]/gu;

const D_LOOKALIKE_RE = /[\u00D0\u0189\u00F0\u0256]/g;

/**
 * Cleans one cell of text: Đ look-alikes (U+00D0 Ð, U+0189 Ɖ → Đ; U+00F0 ð, U+0256 ɖ → đ),
 * zero-width characters (U+200B–U+200D, U+FEFF, U+2060), bidi controls (U+200E, U+200F, U+061C,
 * U+202A–U+202E, U+2066–U+2069) and the soft hyphen U+00AD removed, odd
 * dashes (U+2010–U+2015, U+2212) → '-', NBSP/U+2007/U+202F, every other Unicode space and
 * control characters (CR, LF, TAB, …) → ' ', runs of spaces collapsed, trimmed, and the result
 * put in Unicode NFC. Idempotent.
 *
 * Do not call it before legacy-font decoding: see the module comment.
 *
 * @param s raw text
 * @returns the cleaned text ('' for whitespace-only input)
 */
export function cleanText(s: string): string {
  return isCleanText(s) ? s : cleanTextFull(s);
}

/** `cleanText` without its fast path: every step, always (the reference the fast path is tested against). */
export function cleanTextFull(s: string): string {
  return s
    .replace(D_LOOKALIKE_RE, (c) => D_LOOKALIKES[c] ?? c)
    .replace(INVISIBLE, '')
    .replace(ODD_DASHES, '-')
    .replace(SPACE_LIKE, ' ')
    .normalize('NFC')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Any character outside the set that cleanText leaves alone: printable ASCII and the NFC-stable
 * precomposed Latin letters (U+00C0–U+024F, U+1E00–U+1EFF) except the Đ look-alikes U+00D0,
 * U+00F0 and U+0189. No two characters of the set compose under NFC (the second character of
 * a canonical composition is always a combining mark), so a string of them is NFC.
 */
const NOT_CLEAN = /[^ -~\u00C0-\u00CF\u00D1-\u00EF\u00F1-\u0188\u018A-\u024F\u1E00-\u1EFF]/;

/**
 * True when `cleanText(s) === s` is known without computing it (false means: compute it): no
 * outer space, no two spaces in a row, and every character in the set of {@link NOT_CLEAN}'s
 * complement (one pass over the character codes; the regular expression is the reference).
 */
export function isCleanText(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
      continue;
    }
    space = false;
    if (c > 32 && c < 127) continue;
    if (c < 0xc0 || c === 0xd0 || c === 0xf0 || c === 0x189 || (c > 0x24f && c < 0x1e00) || c > 0x1eff) return false;
  }
  return true;
}

/** `isCleanText` as first written, with the regular expression (the reference of the tests). */
export function isCleanTextReference(s: string): boolean {
  if (s.length === 0) return true;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) return false;
  return !NOT_CLEAN.test(s) && !s.includes('  ');
}

/** The five Vietnamese tone marks as combining characters (NFD). */
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

/**
 * Old-style tone placement on an open syllable ending in "oa", "oe" or "uy": the tone sits on the
 * last vowel ("hoà", "khoẻ", "thuỷ"). Matched on lower-case NFD text. Group 1: what precedes the
 * glide (letters of the same word, possibly empty), 2: the glide o/u, 3: the last vowel,
 * 4: the tone mark. The lookahead makes sure the vowel ends the word (no coda, no other mark).
 */
const OLD_TONE_RE = new RegExp(`(\\p{L}*?)([ou])([aey])([${TONE_MARKS}])(?![\\p{L}\\p{M}])`, 'gu');

/**
 * Comparison key that keeps tones: {@link cleanText}, lower case, and old-style tone placement
 * rewritten to the new style so both spellings give the same key: "hoà"→"hòa", "hoá"→"hóa",
 * "thuỷ"→"thủy", "uỷ"→"ủy", "khoẻ"→"khỏe". Syllables with a final consonant or a third vowel
 * ("hoàn", "hoài", "thuyết") are untouched, and so is "qu" + y ("quý", "quỳ") because the u
 * belongs to the initial consonant there. Idempotent.
 *
 * @param s raw or cleaned text
 * @returns the key, NFC
 */
export function toneKey(s: string): string {
  const nfd = cleanText(s).toLowerCase().normalize('NFD');
  const moved = nfd.replace(OLD_TONE_RE, (whole, before: string, glide: string, vowel: string, tone: string) => {
    // Only the three nuclei oa, oe, uy are concerned; "qu" + vowel is an initial consonant.
    const nucleus = glide + vowel;
    if (nucleus !== 'oa' && nucleus !== 'oe' && nucleus !== 'uy') return whole;
    if (glide === 'u' && before.endsWith('q')) return whole;
    // A glide preceded by another vowel of the same word is not the start of the nucleus.
    if (/[aeiouy]\p{M}*$/u.test(before)) return whole;
    return `${before}${glide}${tone}${vowel}`;
  });
  return moved.normalize('NFC');
}

/**
 * Folded key for matching: {@link cleanText}, lower case, every combining mark stripped (NFD then
 * remove \p{M}), đ → d, everything outside [a-z0-9] turned into a space, spaces collapsed, trimmed.
 * "Ủy ban nhân dân huyện Gò Dầu" → "uy ban nhan dan huyen go dau". Idempotent.
 *
 * @param s raw or cleaned text
 * @returns the folded key ('' when nothing alphanumeric is left)
 */
export function foldText(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Whether a cell is blank: null, undefined, or empty after {@link cleanText} (spaces, NBSP,
 * zero-width characters only).
 *
 * @param s the text, possibly missing
 * @returns true when there is nothing to read
 */
export function isBlank(s: string | null | undefined): boolean {
  return s === null || s === undefined || cleanText(s) === '';
}
