/**
 * Unit names are written many ways ("UBND huyện Gò Dầu", "Ủy ban nhân dân huyện Gò Dầu",
 * "BPTN&TKQ huyện Gò Dầu", "UBND H. Gò Dầu", all caps, without tones). The key drops the
 * agency words and expands level abbreviations but keeps the level word itself: since the 2025
 * reorganisation the same place name exists at several levels.
 */
import { foldText, toneKey } from './text.js';

/** Agency prefixes that do not distinguish one unit from another, folded. */
const AGENCY_PREFIXES = [
  'bo phan tiep nhan va tra ket qua',
  'bo phan mot cua',
  'bo phan tn tkq',
  'bptn tkq',
  'bptn va tkq',
  'bptnvtkq',
  'bptntkq',
  'uy ban nhan dan',
  'ubnd',
];

/** Abbreviated level words, folded, mapped to their full folded form. */
const LEVEL_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/^h (?=\S)/, 'huyen '],
  [/^tx (?=\S)/, 'thi xa '],
  [/^tp (?=\S)/, 'thanh pho '],
  [/^tt (?=\S)/, 'thi tran '],
  [/^x (?=\S)/, 'xa '],
  [/^p (?=\S)/, 'phuong '],
];

/**
 * The comparison key of a unit name: folded, agency words removed, level abbreviations expanded.
 * "Ủy ban nhân dân huyện Gò Dầu", "UBND H. Gò Dầu" and "huyen go dau" share the key "huyen go dau".
 */
export function unitKey(name: string): string {
  let k = foldText(name.replace(/&/g, ' '));
  let changed = true;
  while (changed) {
    changed = false;
    for (const prefix of AGENCY_PREFIXES) {
      if (k === prefix) break;
      if (k.startsWith(prefix + ' ')) {
        k = k.slice(prefix.length + 1);
        changed = true;
      }
    }
  }
  for (const [re, full] of LEVEL_ABBREVIATIONS) k = k.replace(re, full);
  return k;
}

/** Level abbreviations (folded) and the full words that replace them in {@link unitToneKey}. */
const LEVEL_WORDS: Record<string, string> = {
  h: 'huyện',
  tx: 'thị xã',
  tp: 'thành phố',
  tt: 'thị trấn',
  x: 'xã',
  p: 'phường',
};

/**
 * The key of a unit name that keeps its tones: lower case, old and new tone placement alike
 * ("Hoà"/"Hòa"), agency words removed and level abbreviations expanded as in {@link unitKey}.
 * "UBND xã Long Thành" and "UBND xã Long Thạnh" are different places: their {@link unitKey}s are
 * equal, their tone keys are not. Two official units never share a tone key in one period.
 */
export function unitToneKey(name: string): string {
  let words = toneKey(name.replace(/&/g, ' '))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const folded = () => words.map((w) => foldText(w)).join(' ');
  let changed = true;
  while (changed) {
    changed = false;
    const f = folded();
    for (const prefix of AGENCY_PREFIXES) {
      if (f.startsWith(prefix + ' ')) {
        words = words.slice(prefix.split(' ').length);
        changed = true;
        break;
      }
    }
  }
  const level = words.length > 1 ? LEVEL_WORDS[foldText(words[0]!)] : undefined;
  if (level !== undefined && words[0]!.length <= 2) words = [level, ...words.slice(1)];
  return words.join(' ');
}
