/**
 * Code neighbours for blocking: the system dossiers of a paper row's unit whose code shares a
 * symmetric-delete key with the row's code (the code itself or the code minus one character),
 * i.e. a code copied with one slip. Built as a join in flat typed arrays: the paper rows' keys
 * (as polynomial hashes, no substring built) go into a hash chain, and every system code probes
 * it with its own keys, each hashed in O(1); a hit is confirmed character by character. Linear
 * in the system dossiers; memory a few integers per paper key.
 */
import { forEachDeletionHash, polyHash, withUnit } from './hash.js';
import type { PreparedPaper, PreparedSystem } from '../compare/score.js';

/** Codes shorter than this are not looked up by slips (too many neighbours). */
export const MIN_SLIP_CODE = 8;

/** True when `a` without character `da` equals `b` without character `db` (−1: none removed). */
function sameWithout(a: string, da: number, b: string, db: number): boolean {
  if (a.length - (da >= 0 ? 1 : 0) !== b.length - (db >= 0 ? 1 : 0)) return false;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (i === da) i++;
    if (j === db) j++;
    if (i >= a.length || j >= b.length) break;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
  if (i === da) i++;
  if (j === db) j++;
  return i >= a.length && j >= b.length;
}

/** The join of some paper rows' codes (by position in the given list) with every system code. */
export class CodeNeighbours {
  /** Per paper position, its first key entry; entries of one row are consecutive. */
  private readonly start: Int32Array;
  /** Per key entry, its hits (system positions) as a range of `hitSys`. */
  private readonly hitStart: Int32Array;
  private readonly hitSys: Int32Array;

  /** `members`: when given, only the system dossiers it flags are probed (the others are never visited). */
  constructor(paper: readonly PreparedPaper[], system: readonly PreparedSystem[], members?: Uint8Array) {
    this.start = new Int32Array(paper.length + 1);
    const entPaper: number[] = [];
    const entDel: number[] = [];
    const entHash: number[] = [];
    paper.forEach((p, k) => {
      this.start[k] = entPaper.length;
      const code = p.src.codeKey;
      if (!code || code.length < MIN_SLIP_CODE) return;
      const unit = p.src.unitId;
      const add = (del: number, h: number) => {
        entPaper.push(k);
        entDel.push(del);
        entHash.push(withUnit(h, unit));
      };
      add(-1, polyHash(code));
      // Deleting either of two equal neighbours gives the same key: keep it once.
      forEachDeletionHash(code, (i, h) => {
        if (i === 0 || code.charCodeAt(i) !== code.charCodeAt(i - 1)) add(i, h);
      });
    });
    this.start[paper.length] = entPaper.length;
    const entries = entPaper.length;
    // Hash chains in flat arrays: per bucket its first entry, per entry the next one (ascending).
    let size = 1;
    while (size < 2 * entries) size *= 2;
    const mask = size - 1;
    const head = new Int32Array(size).fill(-1);
    const next = new Int32Array(entries).fill(-1);
    for (let e = entries - 1; e >= 0; e--) {
      const b = entHash[e]! & mask;
      next[e] = head[b]!;
      head[b] = e;
    }
    const pairs: number[] = [];
    const counts = new Int32Array(entries + 1);
    if (entries > 0) {
      system.forEach((s, i) => {
        const code = s.src.codeKey;
        const unit = s.src.unitId;
        if (unit === null || code.length < MIN_SLIP_CODE || (members !== undefined && !members[i])) return;
        const probe = (del: number, h: number) => {
          const key = withUnit(h, unit);
          for (let e = head[key & mask]!; e >= 0; e = next[e]!) {
            if (entHash[e] !== key) continue;
            const p = paper[entPaper[e]!]!;
            if (p.src.unitId === unit && sameWithout(p.src.codeKey!, entDel[e]!, code, del)) {
              pairs.push(e, i);
              counts[e + 1]!++;
            }
          }
        };
        probe(-1, polyHash(code));
        forEachDeletionHash(code, (at, h) => {
          if (at === 0 || code.charCodeAt(at) !== code.charCodeAt(at - 1)) probe(at, h);
        });
      });
    }
    for (let e = 0; e < entries; e++) counts[e + 1]! += counts[e]!;
    this.hitStart = counts;
    this.hitSys = new Int32Array(pairs.length / 2);
    const fill = counts.slice(0, entries);
    // System positions ascend within each entry (they are probed in order).
    for (let x = 0; x < pairs.length; x += 2) this.hitSys[fill[pairs[x]!]!++] = pairs[x + 1]!;
  }

  /**
   * Calls `visit` with the neighbours among `members` of the paper row at position `k`, key by
   * key; of a key shared by more than `cap` members (too common to block on), only those
   * `inWindow` accepts.
   */
  forEach(
    k: number,
    members: Uint8Array,
    cap: number,
    inWindow: (i: number) => boolean,
    visit: (i: number) => void,
  ): void {
    for (let e = this.start[k]!; e < this.start[k + 1]!; e++) {
      const from = this.hitStart[e]!;
      const to = this.hitStart[e + 1]!;
      let count = 0;
      for (let x = from; x < to && count <= cap; x++) if (members[this.hitSys[x]!]) count++;
      for (let x = from; x < to; x++) {
        const i = this.hitSys[x]!;
        if (members[i] && (count <= cap || inWindow(i))) visit(i);
      }
    }
  }
}
