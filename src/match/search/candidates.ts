/**
 * Blocking at scale: the same candidate pairs as {@link SystemBlocks} wherever they can matter,
 * found through a compact index instead of by listing every dossier of the unit in the date
 * window (which grows with the data: a busy unit receives hundreds of dossiers a day).
 *
 * The window block (same unit, received within ±windowDays of the paper date or of its
 * day↔month swap) is looked up by name keys: the same folded words in the same order, or with a
 * letter slipped in one or two words (the slipped words are taken from the vocabulary of the
 * system names), the same words in another order, the same first and last word (a one-word name
 * being both), the same letters with the spaces moved, a shared word with an organisation (kept
 * only when the names may agree: see {@link mayAgreeByWord}), the same phone/ID digits. Dossiers
 * whose name is missing or, for a person, holds a lone initial are always seen, and so is the
 * whole window for such a paper row. Every other pair of the window has applicant agreement
 * `differs` and, by the bound checked in the constructor, a score below `lower` whatever its
 * other fields (a code one slip away is looked up separately): it could neither link nor go to
 * review, so leaving it out changes no result. When the configured weights break the bound, the
 * whole window is scanned. The same-name and code-slip blocks beyond the window are those of
 * {@link SystemBlocks}.
 *
 * Two rare kinds of pair are not looked for (the plain blocks would find them in the window):
 * names run together with a slip besides ("Ngọc Hân" / "NgọcHânn": `typo`; run together without
 * a slip they are found), and an organisation on paper whose name holds a person's name that the
 * system has with other words besides ("DNTN Hùng Nguyễn" / "Hùng Văn Nguyễn": `contained`). A
 * key for either would enter every dossier under many more keys. test/match.blocking.test.ts
 * checks that these are the only pairs of the plain blocks the index misses.
 */
import type { CodeNeighbours } from './code-join.js';
import { levelWeight, type MatchConfig, type ScoredField } from '../config.js';
import type { PreparedName } from '../compare/names.js';
import type { PreparedPaper, PreparedSystem } from '../compare/score.js';
import { damerauLevenshtein } from '../compare/strings.js';
import { PairHasher } from './hash.js';
import { unitHashA, unitHashB, WindowIndex } from './window-index.js';

/** Character codes of the key prefixes of {@link systemNameKeys}. */
const CH = { s: 115, hash: 35, eq: 61, e: 101, E: 69, f: 102, o: 111, d: 100, space: 32 } as const;

/** More name variants than this for one row: scan its window instead. */
const MAX_VARIANTS = 600;

/** A name without words, or a person's name with an initial (an initial covers any word of the other name). */
const isSpecial = (n: PreparedName) =>
  n.tokens.length === 0 || (!n.organisation && n.tokens.some((t) => t.length === 1));

/** The keys a system name is indexed under. */
function systemNameKeys(
  n: PreparedName,
  nameKey: string | null,
  digits: readonly string[],
  digitCount: number,
): string[] {
  const t = n.tokens;
  const keys: string[] = [];
  if (t.length > 0) keys.push(`=${t.join(' ')}`, `s${nameKey}`);
  if (t.length >= 2) keys.push(`${n.organisation ? 'E' : 'e'}${t[0]} ${t[t.length - 1]}`, `#${t.join('')}`);
  // A one-word name is the first and the last word of a name that begins and ends with it (`partial`).
  if (t.length === 1) keys.push(`f${t[0]}`);
  if (n.organisation) for (const w of new Set(t)) keys.push(`o${w}`);
  for (const d of new Set(digits.map((x) => x.slice(-digitCount)))) keys.push(`d${d}`);
  return keys;
}

/** Words of the system names within one letter slip of a word (both at least three letters). */
class NearWords {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly cache = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const w of words)
      if (w.length >= 3)
        for (const k of deletions(w)) (this.byDeletion.get(k) ?? this.byDeletion.set(k, []).get(k)!).push(w);
  }

  of(w: string): string[] {
    let out = this.cache.get(w);
    if (out) return out;
    const found = new Set<string>();
    if (w.length >= 3)
      for (const k of deletions(w))
        for (const u of this.byDeletion.get(k) ?? []) if (u !== w && damerauLevenshtein(w, u, 1) === 1) found.add(u);
    this.cache.set(w, (out = [...found].sort()));
    return out;
  }
}

function deletions(w: string): Set<string> {
  const out = new Set<string>([w]);
  for (let i = 0; i < w.length; i++) out.add(w.slice(0, i) + w.slice(i + 1));
  return out;
}

const maxLevel = (c: MatchConfig, field: ScoredField, only?: readonly string[]) =>
  Math.max(
    0,
    ...Object.keys(c.levels[field])
      .filter((l) => !only || only.includes(l))
      .map((l) => levelWeight(c, field, l)),
  );

/**
 * False when the names of a row and an organisation that share a word can only agree as
 * `differs` or at a level found by another key (same words, same words reordered, one slip per
 * word): true when they may agree as `contained` (every word of the shorter name in the longer
 * one), as `partial` (same first and last word) or as a `typo` with words run together (word
 * counts differ, and the letters, spaces left out, differ in length by at most one). Two
 * persons' names (no organisation: never both under a shared-word key) are not judged: true.
 * See {@link nameAgreement}.
 */
export function mayAgreeByWord(a: PreparedName, b: PreparedName): boolean {
  if (!a.organisation && !b.organisation) return true;
  const shortIsA = a.tokens.length <= b.tokens.length;
  const short = shortIsA ? a.tokens : b.tokens;
  const long = shortIsA ? b.tokens : a.tokens;
  if (short.length >= 2 && short.every((t) => long.includes(t))) return true;
  // `partial` (one-word names included, which have no first-and-last key).
  if (
    short.length > 0 &&
    a.tokens[0] === b.tokens[0] &&
    a.tokens[a.tokens.length - 1] === b.tokens[b.tokens.length - 1]
  )
    return true;
  if (a.tokens.length === b.tokens.length) return false;
  const fa = a.folded ?? a.tokens.join(' ');
  const fb = b.folded ?? b.tokens.join(' ');
  return (
    Math.min(fa.length, fb.length) >= 8 && Math.abs(fa.length - a.tokens.length - (fb.length - b.tokens.length)) <= 1
  );
}

/** Finds the candidate dossiers of paper rows among all the system dossiers of a session. */
export class CandidateFinder {
  private readonly index: WindowIndex;
  private readonly near: NearWords;
  /** False when a pair whose names differ could still reach `lower`: scan whole windows. */
  readonly pruning: boolean;
  private readonly stamp: Int32Array;
  private serial = 0;
  private readonly hasher = new PairHasher();
  /** Scratch: the hash pairs of one row's name keys. */
  private hashA = new Uint32Array(1024);
  private hashB = new Uint32Array(1024);
  /** Scratch: the members of one same-name block beyond the window. */
  private readonly same: number[] = [];
  /** Where the shared-word keys start among the hash pairs of {@link windowHashes}. */
  private wordKeysFrom = 0;

  constructor(
    private readonly system: readonly PreparedSystem[],
    private readonly config: MatchConfig,
  ) {
    const c = config;
    this.index = new WindowIndex({
      count: system.length,
      unit: (i) => system[i]!.src.unitId,
      day: (i) => system[i]!.day,
      special: (i) => isSpecial(system[i]!.name),
      keys: (i) => systemNameKeys(system[i]!.name, system[i]!.nameKey, system[i]!.digits, c.digits),
    });
    const words = new Set<string>();
    for (const s of system) for (const w of s.name.tokens) words.add(w);
    this.near = new NearWords(words);
    this.stamp = new Int32Array(system.length);
    // Best case of every field but the applicant, for a pair whose code is neither equal nor one
    // slip away and whose phone/ID digits do not agree (those pairs are looked up separately).
    const rest =
      maxLevel(c, 'procedure') +
      maxLevel(c, 'receivedDate') +
      maxLevel(c, 'code', ['two-slips', 'differs']) +
      maxLevel(c, 'digits', ['differs']) +
      Math.log2(c.prior / (1 - c.prior));
    this.pruning = levelWeight(c, 'applicant', 'differs') + rest < Math.log2(c.lower / (1 - c.lower)) - 0.05;
  }

  /**
   * Calls `visit` once with each candidate of `p` (at position `k` of the rows `codes` was built
   * for) among `members` (flags by position), as
   * {@link SystemBlocks.candidates} would on the member dossiers, less pairs that cannot score `lower`.
   */
  candidates(
    p: PreparedPaper,
    k: number,
    members: Uint8Array,
    codes: CodeNeighbours,
    visit: (i: number) => void,
  ): void {
    const c = this.config;
    const serial = ++this.serial;
    const add = (i: number) => {
      if (members[i] && this.stamp[i] !== serial) {
        this.stamp[i] = serial;
        visit(i);
      }
    };
    const unit = p.src.unitId;
    const windows: Array<[number, number]> = [];
    if (p.day !== null) windows.push([p.day - c.windowDays, p.day + c.windowDays]);
    if (p.swapDay !== null) windows.push([p.swapDay - c.windowDays, p.swapDay + c.windowDays]);
    const inWindow = (i: number) => windows.some(([a, b]) => this.index.days[i]! >= a && this.index.days[i]! <= b);
    // The name keys' hash pairs (in this.hashA/hashB), computed once for both windows; -1: scan.
    // Keys [0, words) first; [words, n) are the shared-word keys, looked up last (below).
    const n = this.pruning && !isSpecial(p.name) && windows.length > 0 ? this.windowHashes(p, unit) : -1;
    const words = n < 0 ? 0 : this.wordKeysFrom;
    for (const [from, to] of windows) {
      if (n < 0) {
        this.index.scan(unit, from, to, false, add);
        continue;
      }
      this.index.scan(unit, from, to, true, add);
      for (let v = 0; v < words; v++) this.index.lookupHashed(this.hashA[v]!, this.hashB[v]!, from, to, add);
    }
    // Beyond the window: same name, or a code one slip away, unless too common to block on.
    const t = p.name.tokens;
    const nameKeys = [
      p.nameKey === null ? null : `s${p.nameKey}`,
      !p.name.organisation && t.length >= 2 ? `e${t[0]} ${t[t.length - 1]}` : null,
    ];
    const same = this.same;
    for (const key of nameKeys) {
      if (key === null) continue;
      same.length = 0;
      if (this.index.collect(unit, key, c.maxNameBlock, members, same)) for (const i of same) add(i);
    }
    codes.forEach(k, members, c.maxNameBlock, inWindow, add);
    if (n <= words) return;
    // Organisations of the window sharing a word with the row, last: every pair found by another
    // key or block has been visited by now. Of the others, only those whose names may agree as
    // `contained`, `partial` or a `typo` with words run together are visited (each other level has
    // its own key above, and codes and digits their own lookups); the rest would score `differs` on
    // the applicant, below `lower` (see `pruning`). At a province's density most hits of these
    // keys are such pairs: a person's surname or given name within an organisation's name.
    const system = this.system;
    const addShared = (i: number) => {
      if (members[i] && this.stamp[i] !== serial) {
        this.stamp[i] = serial;
        if (mayAgreeByWord(p.name, system[i]!.name)) visit(i);
      }
    };
    for (const [from, to] of windows)
      for (let v = words; v < n; v++) this.index.lookupHashed(this.hashA[v]!, this.hashB[v]!, from, to, addShared);
  }

  /**
   * Writes to this.hashA/hashB the hash pairs (see window-index.ts) of the keys that find every
   * dossier of the window whose name does not simply differ, and returns their number; -1 when
   * there are too many (scan the window). The keys are hashed piece by piece, never built.
   */
  private windowHashes(p: PreparedPaper, unit: number): number {
    const t = p.name.tokens;
    // The same words in order, or one or two of them slipped by a letter.
    const near = t.map((w) => this.near.of(w));
    let count = 1;
    for (let i = 0; i < t.length; i++)
      for (let j = i; j < t.length; j++) count += i === j ? near[i]!.length : near[i]!.length * near[j]!.length;
    if (count > MAX_VARIANTS) return -1;
    const need = count + 6 + t.length + p.digits.length;
    if (this.hashA.length < need) {
      this.hashA = new Uint32Array(2 * need);
      this.hashB = new Uint32Array(2 * need);
    }
    const h = this.hasher;
    let n = 0;
    const emit = () => {
      this.hashA[n] = unitHashA(unit, h.first);
      this.hashB[n++] = unitHashB(unit, h.second);
    };
    const joined = (prefix: number, words: readonly string[], separator: number) => {
      h.start(prefix);
      for (let k = 0; k < words.length; k++) {
        if (k > 0 && separator >= 0) h.char(separator);
        h.text(words[k]!);
      }
      emit();
    };
    h.start(CH.s).text(p.nameKey ?? 'null');
    emit();
    joined(CH.hash, t, -1);
    joined(CH.eq, t, -1);
    // The same first and last word (a one-word name is both).
    if (t.length >= 1) {
      for (const prefix of [CH.e, CH.E]) {
        h.start(prefix)
          .text(t[0]!)
          .char(CH.space)
          .text(t[t.length - 1]!);
        emit();
      }
    }
    if (t.length >= 2 && t[0] === t[t.length - 1]) {
      h.start(CH.f).text(t[0]!);
      emit();
    }
    for (const d of p.digits) {
      h.start(CH.d).text(d, Math.max(0, d.length - this.config.digits));
      emit();
    }
    const words = [...t];
    joined(CH.eq, words, CH.space);
    for (let i = 0; i < t.length; i++) {
      for (const u of near[i]!) {
        words[i] = u;
        joined(CH.eq, words, CH.space);
        for (let j = i + 1; j < t.length; j++) {
          for (const v of near[j]!) {
            words[j] = v;
            joined(CH.eq, words, CH.space);
          }
          words[j] = t[j]!;
        }
      }
      words[i] = t[i]!;
    }
    // A word shared with an organisation (the organisations of the unit are indexed by word).
    this.wordKeysFrom = n;
    for (const w of t) {
      h.start(CH.o).text(w);
      emit();
    }
    return n;
  }
}
