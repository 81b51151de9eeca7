/**
 * Applicant names, compared as a Vietnamese desk officer would: tones and case do not matter
 * (but differing tones on both sides are noted), word order may change, a middle name (Văn,
 * Thị…) may be dropped, a letter may slip, and a company's legal form ("Công ty TNHH", "CTY
 * TNHH MTV", "DNTN", "HTX"…) is not part of its name.
 */
import { toneKey } from '../../normalize/text.js';
import { damerauLevenshtein, jaroWinkler } from './strings.js';

/** How two applicant names agree, strongest first. */
export type NameAgreement =
  | 'exact'
  | 'folded-equal'
  | 'tone-differs'
  | 'reordered'
  | 'middle-dropped'
  | 'typo'
  | 'contained'
  | 'partial'
  | 'differs'
  | 'missing';

/** A name prepared for comparison. */
export interface PreparedName {
  /** Folded tokens, legal form and honorific removed. */
  tokens: string[];
  /** The same tokens with tones (lower case, new-style tone placement). */
  toned: string[];
  /** True when the text carries any diacritic (so "no tones" is a way of writing, not a fact). */
  hasMarks: boolean;
  /** True when a company/cooperative legal form was found. */
  organisation: boolean;
  /** `tokens` joined by spaces, the same sorted, and `toned` joined (computed once, compared often). */
  folded?: string;
  sorted?: string;
  tonedText?: string;
}

/** Abbreviations of legal forms, expanded before the legal form is removed. */
const LEGAL_ABBREVIATIONS: Readonly<Record<string, string>> = {
  cty: 'cong ty',
  ct: 'cong ty',
  tnhh: 'trach nhiem huu han',
  mtv: 'mot thanh vien',
  '1tv': 'mot thanh vien',
  '2tv': 'hai thanh vien',
  ctcp: 'cong ty co phan',
  cp: 'co phan',
  dntn: 'doanh nghiep tu nhan',
  htx: 'hop tac xa',
  hkd: 'ho kinh doanh',
  cn: 'chi nhanh',
};

/** Legal-form phrases (folded), removed from the start of a name, longest first. */
const LEGAL_FORMS: readonly string[][] = [
  'cong ty',
  'trach nhiem huu han',
  'mot thanh vien',
  'hai thanh vien tro len',
  'hai thanh vien',
  'co phan',
  'doanh nghiep tu nhan',
  'hop tac xa',
  'ho kinh doanh',
  'chi nhanh',
  'van phong dai dien',
  'doanh nghiep',
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);

/** Forms of address written before a person's name. */
const HONORIFICS = new Set(['ong', 'ba', 'anh', 'chi']);

function startsWith(tokens: readonly string[], phrase: readonly string[], at: number): boolean {
  return phrase.every((p, i) => tokens[at + i] === p);
}

const prepared = new Map<string, PreparedName>();

/** Prepares a name: folds it, expands and strips legal forms and honorifics. Cached (names repeat across tiers). */
export function prepareName(raw: string | null | undefined): PreparedName {
  const key = raw ?? '';
  const hit = prepared.get(key);
  if (hit) return hit;
  if (prepared.size > 1_000_000) prepared.clear();
  const out = prepareNameUncached(key);
  prepared.set(key, out);
  return out;
}

/** foldText's steps after cleanText and lower-casing, for text that is already clean and lower case (a toneKey). */
function foldClean(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function prepareNameUncached(raw: string): PreparedName {
  // toneKey is cleanText + lower case (+ tone placement, which folding erases), so folding it
  // equals foldText(raw); its tokens are clean NFC letters, so foldClean equals foldText on them.
  const tk = toneKey(raw ?? '');
  const folded = foldClean(tk);
  const tonedAll = tk.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
  const foldedAll = folded === '' ? [] : folded.split(' ');
  // Keep toned and folded tokens aligned: fold each toned token separately.
  const pairs = tonedAll.map((t) => ({ f: foldClean(t), t })).filter((p) => p.f !== '');
  const aligned = pairs.length === foldedAll.length && pairs.every((p, i) => p.f === foldedAll[i]);
  let tokens: Array<{ f: string; t: string }> = aligned ? pairs : foldedAll.map((f) => ({ f, t: f }));
  // Expand abbreviations of legal forms (tonal form becomes the folded expansion).
  tokens = tokens.flatMap((tok) =>
    LEGAL_ABBREVIATIONS[tok.f] ? LEGAL_ABBREVIATIONS[tok.f]!.split(' ').map((f) => ({ f, t: f })) : [tok],
  );
  let organisation = false;
  let stripped = true;
  while (stripped && tokens.length > 0) {
    stripped = false;
    const fs = tokens.map((x) => x.f);
    for (const form of LEGAL_FORMS) {
      if (startsWith(fs, form, 0) && tokens.length > form.length) {
        tokens = tokens.slice(form.length);
        organisation = stripped = true;
        break;
      }
    }
  }
  if (!organisation && tokens.length >= 3 && HONORIFICS.has(tokens[0]!.f)) tokens = tokens.slice(1);
  const folds = tokens.map((x) => x.f);
  return {
    tokens: folds,
    toned: tokens.map((x) => x.t),
    folded: folds.join(' '),
    sorted: [...folds].sort().join(' '),
    tonedText: tokens.map((x) => x.t).join(' '),
    hasMarks: (raw ?? '') !== '' && tk !== tk.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'),
    organisation,
  };
}

/** The combining marks of a word, in order (NFD). */
function marksOf(word: string): string[] {
  return [...word.normalize('NFD')].filter((c) => /\p{M}/u.test(c));
}

/** True when neither word's marks are contained in the other's (so they are not one word with tones dropped). */
function marksConflict(a: string, b: string): boolean {
  if (a === b) return false;
  const ma = marksOf(a);
  const mb = marksOf(b);
  const within = (x: string[], y: string[]) => x.every((m) => y.includes(m));
  return !within(ma, mb) && !within(mb, ma);
}

/** True when token a may stand for token b: equal, or an initial ("V." for "Văn"). */
function tokenCovers(a: string, b: string): boolean {
  return a === b || (a.length === 1 && b.startsWith(a));
}

/** The shorter list appears in order inside the longer one, first and last tokens kept. */
function isSubsequenceKeepingEnds(short: readonly string[], long: readonly string[]): boolean {
  if (short.length < 2 || short.length >= long.length) return false;
  if (!tokenCovers(short[0]!, long[0]!) || !tokenCovers(short[short.length - 1]!, long[long.length - 1]!)) return false;
  let j = 0;
  for (const t of short) {
    while (j < long.length && !tokenCovers(t, long[j]!)) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}

/** Monge-Elkan style similarity: each token of the shorter name against its best partner. */
function softTokenSimilarity(a: readonly string[], b: readonly string[]): number {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  let total = 0;
  for (const t of s) {
    let best = Number.NEGATIVE_INFINITY;
    for (const u of l) best = Math.max(best, jaroWinkler(t, u));
    total += best;
  }
  // Penalise unmatched extra tokens of the longer name a little.
  return (total / s.length) * (1 - 0.05 * (l.length - s.length));
}

/** The result of comparing two names. */
export interface NameComparison {
  agreement: NameAgreement;
  /** 0..1, for ranking and explanations. */
  similarity: number;
}

/**
 * Compares two applicant names. Levels, strongest first: `exact` (same letters and tones),
 * `folded-equal` (same once tones are folded, tones missing on one side: "Nguyen Van An",
 * "Trân Ngoc Anh"), `tone-differs` (tones that conflict: Hùng/Hưng), `reordered` (same words, other order),
 * `middle-dropped` (a middle name missing, or a word reduced to its initial), `typo` (one slip per word,
 * at most two in all), `contained` (an organisation's name inside the other's), `partial`,
 * `differs`; `missing` when either side is empty.
 */
export function compareNames(a: string | null | undefined, b: string | null | undefined): NameComparison {
  return comparePrepared(prepareName(a), prepareName(b));
}

/** {@link compareNames} on prepared names (prepare once, compare many times). */
export function comparePrepared(a: PreparedName, b: PreparedName): NameComparison {
  const agreement = nameAgreement(a, b);
  return { agreement, similarity: similarityOf(agreement, a, b) };
}

/** The similarity {@link comparePrepared} reports with each agreement level. */
function similarityOf(agreement: NameAgreement, a: PreparedName, b: PreparedName): number {
  switch (agreement) {
    case 'missing':
      return 0;
    case 'exact':
      return 1;
    case 'folded-equal':
      return 0.99;
    case 'tone-differs':
      return 0.97;
    case 'reordered':
      return 0.95;
    case 'middle-dropped':
      return 0.93;
    case 'typo':
      return jaroWinkler(a.folded ?? a.tokens.join(' '), b.folded ?? b.tokens.join(' '));
    default:
      return softTokenSimilarity(a.tokens, b.tokens);
  }
}

/**
 * The agreement level of {@link comparePrepared} alone (scoring needs no similarity): the
 * token similarity is computed only where it decides the level (`partial`, first and last words equal).
 */
export function nameAgreement(a: PreparedName, b: PreparedName): NameAgreement {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 'missing';
  const fa = a.folded ?? a.tokens.join(' ');
  const fb = b.folded ?? b.tokens.join(' ');
  if (fa === fb) {
    if ((a.tonedText ?? a.toned.join(' ')) === (b.tonedText ?? b.toned.join(' '))) return 'exact';
    // Marks only missing on one side (typed without some tones) is a way of writing; marks
    // that conflict (Hùng / Hưng) may be two names.
    const conflict = a.hasMarks && b.hasMarks && a.toned.some((t, i) => marksConflict(t, b.toned[i] ?? ''));
    return conflict ? 'tone-differs' : 'folded-equal';
  }
  if (
    a.tokens.length === b.tokens.length &&
    (a.sorted ?? [...a.tokens].sort().join(' ')) === (b.sorted ?? [...b.tokens].sort().join(' '))
  )
    return 'reordered';
  const [short, long] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  if (!a.organisation && !b.organisation && isSubsequenceKeepingEnds(short, long)) return 'middle-dropped';
  if (
    !a.organisation &&
    !b.organisation &&
    a.tokens.length === b.tokens.length &&
    a.tokens.length >= 2 &&
    a.tokens.every((t, i) => tokenCovers(t, b.tokens[i]!) || tokenCovers(b.tokens[i]!, t))
  ) {
    return 'middle-dropped';
  }
  if (a.tokens.length === b.tokens.length) {
    let total = 0;
    let ok = true;
    for (let i = 0; i < a.tokens.length && ok; i++) {
      const d = damerauLevenshtein(a.tokens[i]!, b.tokens[i]!, 1);
      // A slip in a one- or two-letter word changes the word: not a typo.
      if (d > 1 || (d === 1 && Math.min(a.tokens[i]!.length, b.tokens[i]!.length) < 3)) ok = false;
      total += d;
    }
    if (ok && total <= 2) return 'typo';
  }
  // Words run together or split ("Ngọc Hân" / "NgọcHân"), or one slip across a word boundary.
  if (
    a.tokens.length !== b.tokens.length &&
    Math.min(fa.length, fb.length) >= 8 &&
    damerauLevenshtein(fa.replace(/ /g, ''), fb.replace(/ /g, ''), 1) <= 1
  )
    return 'typo';
  if ((a.organisation || b.organisation) && short.length >= 2 && short.every((t) => long.includes(t)))
    return 'contained';
  if (
    a.tokens[0] === b.tokens[0] &&
    a.tokens[a.tokens.length - 1] === b.tokens[b.tokens.length - 1] &&
    softTokenSimilarity(a.tokens, b.tokens) >= 0.9
  )
    return 'partial';
  return 'differs';
}

/** The blocking key of a name: its folded tokens, legal form removed, sorted (order-free). */
export function nameBlockKey(p: PreparedName): string | null {
  return p.tokens.length === 0 ? null : (p.sorted ?? [...p.tokens].sort().join(' '));
}
