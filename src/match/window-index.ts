/**
 * A compact index of system dossiers by unit, key and received day, for blocking at scale. Each
 * dossier is entered under a few string keys (built by the caller); a key is stored as two
 * 32-bit hashes in a bucketed array (CSR: offsets + entries, no per-key objects), and each
 * bucket lists its dossiers in received-day order, so "dossiers of unit U with key K received
 * between day a and day b" is a binary search and a short scan. Per unit, every dated dossier
 * in day order as well, and the "special" ones (the caller decides which) that every query
 * must see.
 */
import { finalize, hashString, SEED_A, SEED_B } from './hash.js';

/** Day of a dossier without a received date: after every real day, so never in a window. */
export const NO_DAY = 0x7fffffff;

/** One dossier to index. */
export interface IndexInput {
  unit: number | null;
  day: number | null;
  keys: readonly string[];
  special: boolean;
}

function keyHashes(unit: number, key: string): [number, number] {
  return [finalize((hashString(key, SEED_A) ^ Math.imul(unit + 1, 0x9e3779b1)) >>> 0), finalize((hashString(key, SEED_B) + Math.imul(unit + 7, 0x85ebca77)) >>> 0)];
}

/** Position of the first element of `list[lo, hi)` whose day is ≥ `day`. */
function lowerBound(list: Int32Array, lo: number, hi: number, day: number, days: Int32Array): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[list[mid]!]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index (positions are those of the input array). */
export class WindowIndex {
  /** Received day of each dossier ({@link NO_DAY} when none). */
  readonly days: Int32Array;
  private readonly mask: number;
  private readonly offsets: Uint32Array;
  private readonly entries: Int32Array;
  private readonly hashA: Uint32Array;
  private readonly hashB: Uint32Array;
  private readonly byUnit = new Map<number, Int32Array>();
  private readonly specials = new Map<number, Int32Array>();

  constructor(inputs: readonly IndexInput[]) {
    const n = inputs.length;
    this.days = new Int32Array(n);
    for (let i = 0; i < n; i++) this.days[i] = inputs[i]!.day ?? NO_DAY;
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => this.days[a]! - this.days[b]! || a - b);
    let total = 0;
    for (const x of inputs) if (x.unit !== null) total += x.keys.length;
    let size = 1;
    while (size < total) size *= 2;
    this.mask = size - 1;
    const entA = new Uint32Array(total);
    const entB = new Uint32Array(total);
    const entI = new Int32Array(total);
    const counts = new Uint32Array(size + 1);
    const unitLists = new Map<number, number[]>();
    const specialLists = new Map<number, number[]>();
    let k = 0;
    for (const i of order) {
      const x = inputs[i]!;
      if (x.unit === null) continue;
      if (x.day !== null) push(unitLists, x.unit, i);
      if (x.special) push(specialLists, x.unit, i);
      for (const key of x.keys) {
        const [a, b] = keyHashes(x.unit, key);
        entA[k] = a;
        entB[k] = b;
        entI[k++] = i;
        counts[(a & this.mask) + 1]!++;
      }
    }
    for (let b = 0; b < size; b++) counts[b + 1]! += counts[b]!;
    this.offsets = counts;
    this.entries = new Int32Array(total);
    this.hashA = new Uint32Array(total);
    this.hashB = new Uint32Array(total);
    const fill = counts.slice(0, size);
    // A stable counting sort: each bucket keeps the day order of insertion.
    for (let e = 0; e < total; e++) {
      const at = fill[entA[e]! & this.mask]!++;
      this.entries[at] = entI[e]!;
      this.hashA[at] = entA[e]!;
      this.hashB[at] = entB[e]!;
    }
    for (const [u, list] of unitLists) this.byUnit.set(u, Int32Array.from(list));
    for (const [u, list] of specialLists) this.specials.set(u, Int32Array.from(list));
  }

  /** Calls `visit` with each dossier of `unit` under `key` received in [from, to] (every day when from is null). */
  lookup(unit: number, key: string, from: number | null, to: number, visit: (i: number) => void): void {
    const [a, b] = keyHashes(unit, key);
    this.lookupHashed(a, b, from, to, visit);
  }

  /** The hash pair of a key of a unit, for {@link lookupHashed}. */
  hashes(unit: number, key: string): [number, number] {
    return keyHashes(unit, key);
  }

  /** {@link lookup} by the key's hash pair. */
  lookupHashed(a: number, b: number, from: number | null, to: number, visit: (i: number) => void): void {
    const bucket = a & this.mask;
    const end = this.offsets[bucket + 1]!;
    let at = from === null ? this.offsets[bucket]! : lowerBound(this.entries, this.offsets[bucket]!, end, from, this.days);
    for (; at < end; at++) {
      const i = this.entries[at]!;
      if (from !== null && this.days[i]! > to) break;
      if (this.hashA[at] === a && this.hashB[at] === b) visit(i);
    }
  }

  /** Calls `visit` with each dated dossier of `unit` received in [from, to]; only the special ones when `specialOnly`. */
  scan(unit: number, from: number, to: number, specialOnly: boolean, visit: (i: number) => void): void {
    const list = (specialOnly ? this.specials : this.byUnit).get(unit);
    if (!list) return;
    for (let at = lowerBound(list, 0, list.length, from, this.days); at < list.length && this.days[list[at]!]! <= to; at++) visit(list[at]!);
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
