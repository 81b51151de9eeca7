/**
 * Fast paths of the text normalization for the import's hot loop, with exactly the results of
 * src/normalize/text.ts: a cell whose characters are all printable ASCII or precomposed Latin
 * letters (the Vietnamese alphabet in NFC), with single inner spaces and no outer space, is
 * already what `cleanText` returns, so it is returned as is; anything else (NBSP, zero-width
 * characters, combining marks, odd dashes, Đ look-alikes, control characters, double spaces)
 * goes through `cleanText`. Repeated values (procedure names, units, statuses, header labels)
 * are remembered in a small bounded cache.
 */
import { cleanText, foldText, isCleanText } from '../normalize/text.js';

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
  s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/[^a-z0-9]+/g, ' ').trim(),
);

/** `cleanText(s)`, faster: identical results. */
export function cleanCell(s: string): string {
  return isCleanText(s) ? s : cleanSlow(s);
}

/** `foldText(s)`, faster: identical results. */
export function foldCell(s: string): string {
  if (!isCleanText(s)) return foldSlow(s);
  // cleanText(s) === s here: the rest of foldText, with its steps that are no-ops on ASCII left out.
  if (!NON_ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
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
