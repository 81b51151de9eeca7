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

/** The dossiers to index, by position (keys are asked for once per dossier and not kept). */
export interface IndexSource {
  count: number;
  unit(i: number): number | null;
  day(i: number): number | null;
  special(i: number): boolean;
  keys(i: number): readonly string[];
}

/** The first hash of a key of a unit, from the key's hashString(key, SEED_A). */
export function unitHashA(unit: number, h: number): number {
  return finalize((h ^ Math.imul(unit + 1, 0x9e3779b1)) >>> 0);
}

/** The second hash of a key of a unit, from the key's hashString(key, SEED_B). */
export function unitHashB(unit: number, h: number): number {
  return finalize((h + Math.imul(unit + 7, 0x85ebca77)) >>> 0);
}

const keyHashA = (unit: number, key: string) => unitHashA(unit, hashString(key, SEED_A));
const keyHashB = (unit: number, key: string) => unitHashB(unit, hashString(key, SEED_B));

const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** A growing list of 32-bit integers, in fixed-size chunks (never copied, so never held twice). */
class Chunked {
  private readonly chunks: Uint32Array[] = [];
  length = 0;

  push(x: number): void {
    if ((this.length & CHUNK_MASK) === 0) this.chunks.push(new Uint32Array(CHUNK_MASK + 1));
    this.chunks[this.length >>> CHUNK_BITS]![this.length & CHUNK_MASK] = x;
    this.length++;
  }

  at(e: number): number {
    return this.chunks[e >>> CHUNK_BITS]![e & CHUNK_MASK]!;
  }
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

  constructor(source: IndexSource) {
    const n = source.count;
    this.days = new Int32Array(n);
    for (let i = 0; i < n; i++) this.days[i] = source.day(i) ?? NO_DAY;
    const order = dayOrder(this.days);
    const entA = new Chunked();
    const entB = new Chunked();
    const entI = new Chunked();
    const unitLists = new Map<number, number[]>();
    const specialLists = new Map<number, number[]>();
    for (const i of order) {
      const unit = source.unit(i);
      if (unit === null) continue;
      if (this.days[i] !== NO_DAY) push(unitLists, unit, i);
      if (source.special(i)) push(specialLists, unit, i);
      for (const key of source.keys(i)) {
        entA.push(keyHashA(unit, key));
        entB.push(keyHashB(unit, key));
        entI.push(i);
      }
    }
    const total = entA.length;
    let size = 1;
    while (size < total) size *= 2;
    this.mask = size - 1;
    const counts = new Uint32Array(size + 1);
    for (let e = 0; e < total; e++) counts[(entA.at(e) & this.mask) + 1]!++;
    for (let b = 0; b < size; b++) counts[b + 1]! += counts[b]!;
    this.offsets = counts;
    this.entries = new Int32Array(total);
    this.hashA = new Uint32Array(total);
    this.hashB = new Uint32Array(total);
    const fill = counts.slice(0, size);
    // A stable counting sort: each bucket keeps the day order of insertion.
    for (let e = 0; e < total; e++) {
      const a = entA.at(e);
      const at = fill[a & this.mask]!++;
      this.entries[at] = entI.at(e);
      this.hashA[at] = a;
      this.hashB[at] = entB.at(e);
    }
    for (const [u, list] of unitLists) this.byUnit.set(u, Int32Array.from(list));
    for (const [u, list] of specialLists) this.specials.set(u, Int32Array.from(list));
  }

  /**
   * Calls `visit` with each dossier of `unit` whose key has the hash pair (a, b), received in [from, to] (every day
   * when from is null).
   */
  lookupHashed(a: number, b: number, from: number | null, to: number, visit: (i: number) => void): void {
    const bucket = a & this.mask;
    const end = this.offsets[bucket + 1]!;
    let at =
      from === null ? this.offsets[bucket]! : lowerBound(this.entries, this.offsets[bucket]!, end, from, this.days);
    for (; at < end; at++) {
      const i = this.entries[at]!;
      if (from !== null && this.days[i]! > to) break;
      if (this.hashA[at] === a && this.hashB[at] === b) visit(i);
    }
  }

  /**
   * Appends to `out` the dossiers of `unit` under `key` (every day, in index order) that
   * `members` flags, and returns true; stops and returns false as soon as there are more than
   * `limit` (a block too large to use need not be listed whole).
   */
  collect(unit: number, key: string, limit: number, members: Uint8Array, out: number[]): boolean {
    const a = keyHashA(unit, key);
    const b = keyHashB(unit, key);
    const bucket = a & this.mask;
    const end = this.offsets[bucket + 1]!;
    let found = 0;
    for (let at = this.offsets[bucket]!; at < end; at++) {
      const i = this.entries[at]!;
      if (this.hashA[at] === a && this.hashB[at] === b && members[i]) {
        if (++found > limit) return false;
        out.push(i);
      }
    }
    return true;
  }

  /**
   * Calls `visit` with each dated dossier of `unit` received in [from, to]; only the special ones when `specialOnly`.
   */
  scan(unit: number, from: number, to: number, specialOnly: boolean, visit: (i: number) => void): void {
    const list = (specialOnly ? this.specials : this.byUnit).get(unit);
    if (!list) return;
    for (
      let at = lowerBound(list, 0, list.length, from, this.days);
      at < list.length && this.days[list[at]!]! <= to;
      at++
    )
      visit(list[at]!);
  }
}

/** Positions ordered by day, then position (a counting sort when the days span a few years, else a comparison sort). */
function dayOrder(days: Int32Array): Int32Array {
  const n = days.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (days[i] === NO_DAY) continue;
    min = Math.min(min, days[i]!);
    max = Math.max(max, days[i]!);
  }
  const span = max - min + 1;
  if (min > max || !(span <= 4 * n + 100_000))
    return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => days[a]! - days[b]! || a - b);
  // Slot per day, the last slot for NO_DAY (after every real day); positions ascend within a slot.
  const slot = (d: number) => (d === NO_DAY ? span : d - min);
  const start = new Int32Array(span + 2);
  for (let i = 0; i < n; i++) start[slot(days[i]!) + 1]!++;
  for (let k = 0; k <= span; k++) start[k + 1]! += start[k]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[slot(days[i]!)]!++] = i;
  return order;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
