/**
 * Fast paths of the text normalization for the import's hot loop, with exactly the results of
 * src/normalize/text.ts: a cell whose characters are all printable ASCII or precomposed Latin
 * letters (the Vietnamese alphabet in NFC), with single inner spaces and no outer space, is
 * already what `cleanText` returns, so it is returned as is; anything else (NBSP, zero-width
 * characters, combining marks, odd dashes, Đ look-alikes, control characters, double spaces)
 * goes through `cleanText`. Repeated values (procedure names, units, statuses, header labels)
 * are remembered in a small bounded cache.
 */
import { cleanText, foldText, isCleanText } from './text.js';

export { isCleanText };

const NON_ASCII = /[^\x00-\x7f]/;

const CACHE_MAX = 4096;

/** A bounded memo of a pure string function: cleared when full (values repeat in runs). */
function memo(fn: (s: string) => string): (s: string) => string {
  let cache = new Map<string, string>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const out = fn(s);
    if (cache.size >= CACHE_MAX) cache = new Map();
    cache.set(s, out);
    return out;
  };
}

const cleanSlow = memo(cleanText);
const foldSlow = memo(foldText);
const foldCleanNonAscii = memo((s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim(),
);

/** `cleanText(s)`, faster: identical results. */
export function cleanCell(s: string): string {
  return isCleanText(s) ? s : cleanSlow(s);
}

/** In FOLD: the character folds to a separator (a run of them becomes one space, none at the ends). */
const SEPARATOR = 32;
/** In FOLD: the character is outside the clean set, or folds to more or less than one character. */
const COMPLEX = 255;

/**
 * What foldText makes of each character of the clean set on its own: its letter or digit (a-z,
 * 0-9), SEPARATOR, or COMPLEX. A clean string has no combining mark, so lower-casing, NFD and
 * removing marks act on each character by itself: folding the string is folding its characters.
 */
const FOLD = (() => {
  const table = new Uint8Array(0x1f00).fill(COMPLEX);
  for (let c = 32; c < table.length; c++) {
    const ch = String.fromCharCode(c);
    if (!isCleanText(`a${ch}a`)) continue;
    const t = ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
    if (t.length === 1 && /^[a-z0-9]$/.test(t)) table[c] = t.charCodeAt(0);
    else if (t.length > 0 && /^[^a-z0-9]+$/.test(t)) table[c] = SEPARATOR;
  }
  return table;
})();

const foldOut = new Uint16Array(1024);

/** foldText of a clean string (isCleanText) by the FOLD table; null when a character needs the full path. */
function foldByTable(s: string): string | null {
  const n = s.length;
  if (n > foldOut.length) return null;
  let k = 0;
  let gap = false;
  for (let i = 0; i < n; i++) {
    const f = FOLD[s.charCodeAt(i)]!;
    if (f === SEPARATOR) {
      gap = k > 0;
    } else if (f === COMPLEX) {
      return null;
    } else {
      if (gap) {
        foldOut[k++] = SEPARATOR;
        gap = false;
      }
      foldOut[k++] = f;
    }
  }
  return String.fromCharCode.apply(null, foldOut.subarray(0, k) as unknown as number[]);
}

/** `foldText(s)`, faster: identical results. */
export function foldCell(s: string): string {
  if (!isCleanText(s)) return foldSlow(s);
  // cleanText(s) === s here: the rest of foldText, character by character.
  const folded = foldByTable(s);
  if (folded !== null) return folded;
  if (!NON_ASCII.test(s))
    return s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return foldCleanNonAscii(s);
}

/**
 * A necessary condition for `foldText(s) === folded`: the ASCII letters and digits of `s`, lower
 * cased, appear in that order in `folded` (foldText keeps every one of them and only adds or
 * removes other characters). Lets a row skip folding cells that cannot equal a header label.
 */
export function mayFoldTo(s: string, folded: string): boolean {
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
    while (j < folded.length && folded.charCodeAt(j) !== c) j++;
    if (j >= folded.length) return false;
    j++;
  }
  return true;
}
