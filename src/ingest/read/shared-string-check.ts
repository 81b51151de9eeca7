/**
 * A cell of type "s" holds the index of a string in xl/sharedStrings.xml. An index past the end
 * (or one that is not a whole number, "1.5", which a reader's parseInt turns into another index)
 * would make the reader show an empty cell or another cell's text: silently a wrong value. The zip
 * guard counts the shared strings and collects the indexes of the sheets as it inflates them, and
 * refuses the workbook whole when one does not point at a string.
 */

const SI = [Buffer.from('<si>'), Buffer.from('<si '), Buffer.from('<x:si>'), Buffer.from('<x:si ')];
const TYPE_S = [Buffer.from('t="s"'), Buffer.from("t='s'")];
const LT = 0x3c;
const GT = 0x3e;

/** Counts the `<si>` elements of the shared-strings part, chunk by chunk. */
export class SharedStringCounter {
  count = 0;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    const b = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    for (const pattern of SI) for (let i = b.indexOf(pattern); i >= 0; i = b.indexOf(pattern, i + 1)) this.count++;
    // A tag name cut by the chunk's end ("<s", "<x:si") is read again with the next chunk; a
    // complete one (ended by ">" or a space) was counted here and is not carried.
    const lt = b.lastIndexOf(LT);
    const cut = lt >= 0 && b.length - lt < 6 && b.indexOf(GT, lt) < 0 && b.indexOf(0x20, lt) < 0;
    this.carry = cut ? Buffer.from(b.subarray(lt)) : Buffer.alloc(0);
  }
}

/** A shared-string index that is not a whole number, or the largest one, with the cell it is in. */
export interface SharedIndexProblem {
  entry: string;
  cell: string;
  value: string;
}

/** Collects the shared-string indexes of one worksheet part's cells of type "s", chunk by chunk. */
export class SharedIndexScanner {
  /** The largest index, -1 when none. */
  max = -1;
  /** A value that is not a whole number (the first one). */
  bad: SharedIndexProblem | null = null;
  private carry: Buffer = Buffer.alloc(0);

  constructor(readonly entry: string) {}

  push(chunk: Buffer): void {
    const b = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let keepFrom = -1;
    for (const pattern of TYPE_S) {
      for (let i = b.indexOf(pattern); i >= 0; i = b.indexOf(pattern, i + 1)) {
        const start = back(b, i, LT);
        if (start < 0 || !isCellTag(b, start)) continue;
        const end = this.readCell(b, start, i);
        if (end < 0) {
          // The cell goes on in the next chunk: read it again from its start then.
          keepFrom = keepFrom < 0 ? start : Math.min(keepFrom, start);
          break;
        }
      }
    }
    if (keepFrom >= 0) {
      this.carry = Buffer.from(b.subarray(keepFrom));
      if (this.carry.length > 1 << 20) this.carry = Buffer.alloc(0);
      return;
    }
    // A `t="s"` split between chunks: carry the last few bytes.
    const lt = b.lastIndexOf(LT);
    this.carry =
      lt >= 0 && b.indexOf(GT, lt) < 0 && b.length - lt < 4096 ? Buffer.from(b.subarray(lt)) : Buffer.alloc(0);
  }

  /** Reads the `<v>` of the cell whose tag starts at `start`; the offset after it, or -1 when the chunk ends first. */
  private readCell(b: Buffer, start: number, typeAt: number): number {
    const tagEnd = fwd(b, typeAt, GT);
    if (tagEnd < 0) return -1;
    if (b[tagEnd - 1] === 0x2f) return tagEnd + 1; // <c … t="s"/>: no value
    // The value element: <v>, <x:v> …, the first element inside the cell ("</c>" at once: no value).
    const first = fwd(b, tagEnd + 1, LT);
    if (first < 0) return -1;
    if (b[first + 1] === 0x2f) return first;
    const vOpen = fwd(b, first, GT);
    if (vOpen < 0) return -1;
    const vClose = fwd(b, vOpen + 1, LT);
    if (vClose < 0) return -1;
    // The digits, read from the bytes (no string per cell: a sheet may have millions of them).
    let n = 0;
    let digits = 0;
    let other = false;
    for (let k = vOpen + 1; k < vClose; k++) {
      const c = b[k]!;
      if (c >= 0x30 && c <= 0x39) {
        if (digits > 0 && other) break;
        n = n * 10 + (c - 0x30);
        digits++;
      } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        if (digits > 0) other = true;
      } else {
        digits = 0;
        break;
      }
    }
    if (
      digits === 0 ||
      digits > 9 ||
      (other && digits > 0 && !/^\s*\d+\s*$/.test(b.toString('latin1', vOpen + 1, vClose)))
    ) {
      const ref = /\br="([A-Z]+\d+)"/.exec(b.toString('latin1', start, tagEnd))?.[1] ?? '?';
      this.bad ??= {
        entry: this.entry,
        cell: ref,
        value: b.toString('latin1', vOpen + 1, Math.min(vClose, vOpen + 21)).trim(),
      };
      return vClose;
    }
    if (n > this.max) this.max = n;
    return vClose;
  }
}

/** `<c` or `<prefix:c` followed by white space (looking at a few bytes only). */
function isCellTag(b: Buffer, at: number): boolean {
  let i = at + 1;
  for (let k = i; k < at + 17 && k < b.length; k++) {
    const c = b[k]!;
    if (c === 0x3a) {
      i = k + 1;
      break;
    }
    if (
      !(
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x41 && c <= 0x5a) ||
        (c >= 0x30 && c <= 0x39) ||
        c === 0x5f ||
        c === 0x2d ||
        c === 0x2e
      )
    )
      break;
  }
  const next = b[i + 1];
  return b[i] === 0x63 && (next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d);
}

/**
 * The offset of `byte` at or after `from`, or -1 (a loop: the distances are a few bytes, shorter than a native call).
 */
function fwd(b: Buffer, from: number, byte: number): number {
  for (let k = from; k < b.length; k++) if (b[k] === byte) return k;
  return -1;
}

/** The offset of `byte` at or before `from`, or -1. */
function back(b: Buffer, from: number, byte: number): number {
  for (let k = from; k >= 0; k--) if (b[k] === byte) return k;
  return -1;
}
