/**
 * 32-bit hashes for the matcher's compact indexes: two independent string hashes (a key is
 * identified by both, so a false hit needs a 64-bit collision) and a polynomial hash whose value
 * for a string with one character deleted is computed in O(1) from prefix and suffix hashes.
 */

/** FNV-1a of `s`, then a murmur finalizer; `seed` selects an independent hash. */
export function hashString(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return finalize(h);
}

/** Murmur3's 32-bit finalizer (spreads the bits). */
export function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The two seeds of a key's hash pair. */
export const SEED_A = 0x811c9dc5;
export const SEED_B = 0x9747b28c;

const BASE = 0x01000193;

/** Polynomial hash Σ s[i]·B^(n−1−i) mod 2^32 of `s`. */
export function polyHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) >>> 0;
  return h;
}

/** Scratch buffers of forEachDeletionHash (grown on demand). */
let pre = new Uint32Array(64);
let suf = new Uint32Array(64);
let pow = new Uint32Array(64);

/**
 * Calls `visit(i, hash)` with the polynomial hash of `s` minus its i-th character, for every i,
 * in O(n) in all (no substring is built).
 */
export function forEachDeletionHash(s: string, visit: (i: number, hash: number) => void): void {
  const n = s.length;
  if (pre.length < n + 1) {
    pre = new Uint32Array(2 * n + 2);
    suf = new Uint32Array(2 * n + 2);
    pow = new Uint32Array(2 * n + 2);
  }
  suf[n] = 0;
  pow[0] = 1;
  for (let i = 0; i < n; i++) {
    pre[i + 1] = (Math.imul(pre[i]!, BASE) + s.charCodeAt(i)) >>> 0;
    pow[i + 1] = Math.imul(pow[i]!, BASE) >>> 0;
  }
  for (let i = n - 1; i >= 0; i--) suf[i] = (Math.imul(s.charCodeAt(i), pow[n - 1 - i]!) + suf[i + 1]!) >>> 0;
  // Without character i: the prefix shifted by the n−1−i characters that follow it.
  for (let i = 0; i < n; i++) visit(i, (Math.imul(pre[i]!, pow[n - 1 - i]!) + suf[i + 1]!) >>> 0);
}

/** Mixes a unit id into a hash; the result is a small integer (a fast Map key). */
export function withUnit(h: number, unit: number): number {
  return finalize((h ^ Math.imul(unit + 1, 0x9e3779b1)) >>> 0) & 0x3fffffff;
}

/**
 * Both FNV-1a states of {@link hashString} (seeds {@link SEED_A} and {@link SEED_B}) over a key fed
 * piece by piece, so that a key made of several words is hashed without building its string.
 */
export class PairHasher {
  private a = 0;
  private b = 0;

  /** Starts a new key with the character `code`. */
  start(code: number): this {
    this.a = SEED_A;
    this.b = SEED_B;
    return this.char(code);
  }

  /** Appends one character. */
  char(code: number): this {
    this.a = Math.imul(this.a ^ code, 16777619);
    this.b = Math.imul(this.b ^ code, 16777619);
    return this;
  }

  /** Appends `s` from position `from`. */
  text(s: string, from = 0): this {
    for (let i = from; i < s.length; i++) this.char(s.charCodeAt(i));
    return this;
  }

  /** hashString(key, SEED_A) of the key fed so far. */
  get first(): number {
    return finalize(this.a);
  }

  /** hashString(key, SEED_B) of the key fed so far. */
  get second(): number {
    return finalize(this.b);
  }
}
