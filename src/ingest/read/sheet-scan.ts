/**
 * A streaming scan of one worksheet's XML (as it is inflated, chunk by chunk): counts rows and
 * cells, finds the last row and column, reads the declared dimension, and stops at the first
 * limit passed. In compact mode it also writes a copy without the empty elements: self-closing
 * rows and cells (formatting only, no value) and rows left with no value.
 */

/** What the scan saw. */
export interface SheetScan {
  entry: string;
  rows: number;
  emptyRows: number;
  cells: number;
  emptyCells: number;
  maxRow: number;
  maxColumn: number;
  dimension: string | null;
  /** Row and cell elements without an `r` reference (their place is implied by order). */
  unreferenced: number;
}

/** The limits a scan enforces. */
export interface SheetScanLimits {
  maxRows: number;
  maxColumns: number;
  /** Cells holding a value, counted across every sheet sharing `counter`. */
  maxCells: number;
  /** Bytes of one cell's XML between `<c …>` and `</c>` (the counting pass only; unset: no cap). */
  maxCellBytes?: number;
}

/** A limit was passed: `reason` is rows | columns | cells, `detail` says by how much. */
export class SheetLimitError extends Error {
  constructor(
    readonly reason: 'rows' | 'columns' | 'cells' | 'cell',
    readonly detail: string,
    readonly cell?: string,
    readonly bytes = 0,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** A tag too long to be real XML of a sheet (a crafted file). */
export class SheetFormatError extends Error {}

const MIB = 1 << 20;
const TAG_RE = /<(\/?)(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)(?=[\s/>])([^>]*)>/g;

/** Offset of the value of attribute `r` in `attrs` (after `r="`), or -1. */
function refAt(attrs: string): number {
  for (let i = attrs.indexOf('r="'); i >= 0; i = attrs.indexOf('r="', i + 1)) {
    const before = attrs.charCodeAt(i - 1);
    if (i === 0 || before === 32 || before === 9 || before === 10 || before === 13) return i + 3;
  }
  return -1;
}

/** Column number of the letters at `at` ("A" → 1, "XFD" → 16384), 0 when none. */
function lettersAt(s: string, at: number): number {
  let n = 0;
  for (let i = at; i < s.length && i < at + 8; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** The number of the digits at `at`, after any letters. */
function digitsAt(s: string, at: number): number {
  let i = at;
  while (i < s.length && s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90) i++;
  let n = 0;
  for (; i < s.length && i < at + 20; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

const EMPTY = Buffer.alloc(0);
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const KIND_CELL = 1;
const KIND_ROW = 2;
const KIND_DIMENSION = 3;

/** [A-Za-z_] */
function isNameStart(c: number | undefined): boolean {
  return c !== undefined && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
}

/** [\w.-] or the prefix's colon. */
function isNameByte(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === COLON
  );
}

const DIMENSION = Buffer.from('dimension', 'latin1');

/** Which of c, row, dimension the local name in b[start, end) is; 0 for any other. */
function localKind(b: Buffer, start: number, end: number): number {
  const n = end - start;
  if (n === 1) return b[start] === 0x63 ? KIND_CELL : 0;
  if (n === 3) return b[start] === 0x72 && b[start + 1] === 0x6f && b[start + 2] === 0x77 ? KIND_ROW : 0;
  if (n === 9) return b.compare(DIMENSION, 0, 9, start, end) === 0 ? KIND_DIMENSION : 0;
  return 0;
}

/** `refAt` on the attribute bytes b[from, to): offset of the value of `r` (after `r="`), or -1. */
function refAtBytes(b: Buffer, from: number, to: number): number {
  for (let i = from; i + 2 < to; i++) {
    if (b[i] !== 0x72 || b[i + 1] !== 0x3d || b[i + 2] !== 0x22) continue;
    const before = b[i - 1];
    if (i === from || before === 32 || before === 9 || before === 10 || before === 13) return i + 3;
  }
  return -1;
}

/** `lettersAt` on bytes, stopping at `to`. */
function lettersAtBytes(b: Buffer, at: number, to: number): number {
  let n = 0;
  for (let i = at; i < to && i < at + 8; i++) {
    const c = b[i]!;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** `digitsAt` on bytes, stopping at `to`. */
function digitsAtBytes(b: Buffer, at: number, to: number): number {
  let i = at;
  while (i < to && b[i]! >= 65 && b[i]! <= 90) i++;
  let n = 0;
  for (; i < to && i < at + 20; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Column letters of a column number (1 → A, 16384 → XFD). */
function columnLetters(n: number): string {
  let out = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

/**
 * Measures the strings of a shared-strings part (`<si>` … `</si>`): the first one longer than
 * `maxBytes` is `tooLong` (its index), read by exceljs whole into memory otherwise.
 */
export class SharedStringScan {
  tooLong: { index: number; bytes: number } | null = null;
  private carry = '';
  private seen = 0;
  private index = -1;
  private open = -1;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    if (this.tooLong) return;
    // latin1: one char per byte, so offsets are byte offsets. A tag cut at the chunk's end is carried.
    const s = this.carry + chunk.toString('latin1');
    const base = this.seen - this.carry.length;
    const re = /<(\/?)(?:[A-Za-z_][\w.-]*:)?si(?=[\s/>])[^>]*>/g;
    let m: RegExpExecArray | null;
    let lastEnd = 0;
    while ((m = re.exec(s))) {
      lastEnd = m.index + m[0].length;
      if (m[1] === '/') {
        if (this.open >= 0) this.check(base + m.index - this.open);
        this.open = -1;
      } else {
        this.index++;
        this.open = m[0].endsWith('/>') ? -1 : base + lastEnd;
      }
      if (this.tooLong) return;
    }
    this.seen += chunk.length;
    const lt = s.lastIndexOf('<');
    this.carry = lt >= lastEnd && s.length - lt < 64 ? s.slice(lt) : '';
    if (this.open >= 0) this.check(this.seen - this.open);
  }

  private check(bytes: number): void {
    if (bytes > this.maxBytes && !this.tooLong) this.tooLong = { index: this.index, bytes };
  }
}

/** Scans one worksheet part; feed it with `push`, finish with `end`. */
export class SheetScanner {
  readonly scan: SheetScan;
  private carry = '';
  private cellsInRow = 0;
  private readonly out: Buffer[] = [];

  constructor(
    entry: string,
    private readonly limits: SheetScanLimits,
    private readonly counter: { n: number },
    private readonly compact = false,
  ) {
    this.scan = {
      entry,
      rows: 0,
      emptyRows: 0,
      cells: 0,
      emptyCells: 0,
      maxRow: 0,
      maxColumn: 0,
      dimension: null,
      unreferenced: 0,
    };
  }

  /** Scans the next chunk of inflated XML. Throws SheetLimitError / SheetFormatError. */
  push(chunk: Buffer): void {
    if (!this.compact) {
      this.pushBytes(chunk);
      return;
    }
    // latin1 keeps one char per byte: ASCII tags match, UTF-8 text passes through untouched.
    let s = this.carry + chunk.toString('latin1');
    const open = s.lastIndexOf('<');
    if (open >= 0 && s.indexOf('>', open) === -1) {
      this.carry = s.slice(open);
      s = s.slice(0, open);
      if (this.carry.length > MIB) throw new SheetFormatError(`${this.scan.entry}: an XML tag longer than 1 MiB`);
    } else {
      this.carry = '';
    }
    this.process(s);
  }

  /** Ends the scan; in compact mode, returns the compacted XML. */
  end(): Buffer {
    if (!this.compact) {
      this.scanBytes(this.carryBytes);
      this.carryBytes = EMPTY;
      return EMPTY;
    }
    this.process(this.carry);
    this.carry = '';
    return Buffer.concat(this.out);
  }

  private carryBytes: Buffer = EMPTY;
  /** Offset in the part of the bytes being scanned. */
  private seen = 0;
  /** Offset where the content of the cell open now starts (-1: none), and its reference. */
  private cellOpen = -1;
  /** The open cell's column and row (its reference is made only for an error). */
  private cellColumn = 0;
  private cellRow = 0;
  private rowNumber = 0;

  /** `push` of the counting pass: the same scan as `process`, on the bytes, without making strings. */
  private pushBytes(chunk: Buffer): void {
    let b = this.carryBytes.length ? Buffer.concat([this.carryBytes, chunk]) : chunk;
    const open = b.lastIndexOf(LT);
    if (open >= 0 && b.indexOf(GT, open) === -1) {
      this.carryBytes = Buffer.from(b.subarray(open));
      b = b.subarray(0, open);
      if (this.carryBytes.length > MIB) throw new SheetFormatError(`${this.scan.entry}: an XML tag longer than 1 MiB`);
    } else {
      this.carryBytes = EMPTY;
    }
    this.scanBytes(b);
    this.seen += b.length;
  }

  /** A cell longer than the cap: refused (the reader would hold it whole, and more than once). */
  private cellTooLong(bytes: number): SheetLimitError {
    const ref = this.cellColumn > 0 && this.cellRow > 0 ? `${columnLetters(this.cellColumn)}${this.cellRow}` : '';
    return new SheetLimitError(
      'cell',
      `${this.scan.entry}: ${ref || '?'}: > ${this.limits.maxCellBytes} bytes (${bytes}+)`,
      ref,
      bytes,
    );
  }

  /**
   * Finds the tags TAG_RE finds (`<`, an optional `prefix:`, then row, c or dimension followed by
   * white space, `/` or `>`, attributes up to the next `>`) by looking at bytes: at a million
   * rows the regular expression on latin1 text took as long as reading the workbook itself.
   */
  private scanBytes(b: Buffer): void {
    const sc = this.scan;
    const lim = this.limits;
    const len = b.length;
    for (let i = b.indexOf(LT); i >= 0 && i < len; ) {
      let j = i + 1;
      const closing = b[j] === SLASH;
      if (closing) j++;
      // The qualified name: [A-Za-z_][\w.-]* then, after one colon, the local name.
      const nameStart = j;
      let colon = -1;
      let colons = 0;
      while (j < len && isNameByte(b[j]!)) {
        if (b[j] === COLON) {
          colon = j;
          colons++;
        }
        j++;
      }
      const localStart = colons === 1 ? colon + 1 : nameStart;
      const next = j < len ? b[j]! : -1;
      const kind =
        colons > 1 || !isNameStart(b[nameStart]) || (colons === 1 && !isNameStart(b[localStart]))
          ? 0
          : localKind(b, localStart, j);
      if (
        kind === 0 ||
        !(
          next === SLASH ||
          next === GT ||
          next === 32 ||
          next === 9 ||
          next === 10 ||
          next === 13 ||
          next === 12 ||
          next === 11 ||
          next === 0xa0
        )
      ) {
        i = b.indexOf(LT, i + 1);
        continue;
      }
      const close = b.indexOf(GT, j);
      if (close < 0) break;
      const empty = close > j && b[close - 1] === SLASH;
      if (closing) {
        // Closing tags only matter to the compacting pass (but, as there, they end at the next '>'),
        // and to the cell cap.
        if (kind === KIND_CELL && this.cellOpen >= 0) {
          const bytes = this.seen + i - this.cellOpen;
          if (bytes > lim.maxCellBytes!) throw this.cellTooLong(bytes);
          this.cellOpen = -1;
        }
      } else if (kind === KIND_CELL) {
        sc.cells++;
        this.cellsInRow++;
        const at = refAtBytes(b, j, close);
        if (at < 0) sc.unreferenced++;
        const col = Math.max(this.cellsInRow, at < 0 ? 0 : lettersAtBytes(b, at, close));
        if (col > sc.maxColumn) {
          sc.maxColumn = col;
          if (col > lim.maxColumns) throw new SheetLimitError('columns', `${sc.entry}: ${col} > ${lim.maxColumns}`);
        }
        if (!empty) {
          if (++this.counter.n > lim.maxCells) throw new SheetLimitError('cells', `> ${lim.maxCells}`);
          if (lim.maxCellBytes !== undefined) {
            this.cellOpen = this.seen + close + 1;
            this.cellColumn = col;
            this.cellRow = this.rowNumber;
          }
        } else sc.emptyCells++;
      } else if (kind === KIND_ROW) {
        sc.rows++;
        this.cellsInRow = 0;
        const at = refAtBytes(b, j, close);
        if (at < 0) sc.unreferenced++;
        const row = at < 0 ? sc.rows : digitsAtBytes(b, at, close);
        this.rowNumber = row;
        if (row > sc.maxRow) sc.maxRow = row;
        if (sc.maxRow > lim.maxRows || sc.rows > lim.maxRows)
          throw new SheetLimitError('rows', `${sc.entry}: ${Math.max(sc.maxRow, sc.rows)} > ${lim.maxRows}`);
        if (empty) sc.emptyRows++;
      } else {
        const ref = /\bref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"/.exec(b.toString('latin1', j, close));
        if (ref && sc.dimension === null) {
          sc.dimension = ref[0].slice(5, -1);
          if (lettersAt(ref[1]!, 0) > lim.maxColumns)
            throw new SheetLimitError('columns', `${sc.entry}: ${sc.dimension}`);
          if (Number(ref[2]) > lim.maxRows) throw new SheetLimitError('rows', `${sc.entry}: ${sc.dimension}`);
        }
      }
      i = b.indexOf(LT, close + 1);
    }
    // A cell still open at the end of what came: refused as soon as it passes the cap.
    if (this.cellOpen >= 0 && this.seen + len - this.cellOpen > lim.maxCellBytes!)
      throw this.cellTooLong(this.seen + len - this.cellOpen);
  }

  private process(s: string): void {
    const sc = this.scan;
    const lim = this.limits;
    let last = 0;
    const kept: string[] = [];
    // An open <row> of this chunk holding no value so far: dropped whole at its </row>.
    let open: { kept: number; valued: boolean } | null = null;
    TAG_RE.lastIndex = 0;
    for (let m = TAG_RE.exec(s); m; m = TAG_RE.exec(s)) {
      const attrs = m[3]!;
      const empty = attrs.charCodeAt(attrs.length - 1) === 47; // '/'
      if (m[1] === '/') {
        if (m[2] !== 'row' || !open) continue;
        if (!open.valued && this.compact) {
          kept.length = open.kept;
          last = m.index + m[0].length;
          sc.emptyRows++;
        }
        open = null;
        continue;
      }
      if (m[2] === 'c') {
        sc.cells++;
        this.cellsInRow++;
        const at = refAt(attrs);
        if (at < 0) sc.unreferenced++;
        const col = Math.max(this.cellsInRow, at < 0 ? 0 : lettersAt(attrs, at));
        if (col > sc.maxColumn) {
          sc.maxColumn = col;
          if (col > lim.maxColumns) throw new SheetLimitError('columns', `${sc.entry}: ${col} > ${lim.maxColumns}`);
        }
        if (!empty) {
          if (open) open.valued = true;
          if (++this.counter.n > lim.maxCells) throw new SheetLimitError('cells', `> ${lim.maxCells}`);
          continue;
        }
        sc.emptyCells++;
      } else if (m[2] === 'row') {
        sc.rows++;
        this.cellsInRow = 0;
        const at = refAt(attrs);
        if (at < 0) sc.unreferenced++;
        const row = at < 0 ? sc.rows : digitsAt(attrs, at);
        if (row > sc.maxRow) sc.maxRow = row;
        if (sc.maxRow > lim.maxRows || sc.rows > lim.maxRows)
          throw new SheetLimitError('rows', `${sc.entry}: ${Math.max(sc.maxRow, sc.rows)} > ${lim.maxRows}`);
        if (!empty) {
          open = { kept: 0, valued: false };
          if (this.compact) {
            kept.push(s.slice(last, m.index));
            last = m.index;
            open.kept = kept.length;
          }
          continue;
        }
        sc.emptyRows++;
      } else {
        const ref = /\bref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"/.exec(attrs);
        if (ref && sc.dimension === null) {
          sc.dimension = ref[0].slice(5, -1);
          if (lettersAt(ref[1]!, 0) > lim.maxColumns)
            throw new SheetLimitError('columns', `${sc.entry}: ${sc.dimension}`);
          if (Number(ref[2]) > lim.maxRows) throw new SheetLimitError('rows', `${sc.entry}: ${sc.dimension}`);
        }
        continue;
      }
      // An empty row or cell element: dropped from the compacted copy.
      if (this.compact) {
        kept.push(s.slice(last, m.index));
        last = m.index + m[0].length;
      }
    }
    if (this.compact) {
      kept.push(s.slice(last));
      this.out.push(Buffer.from(kept.join(''), 'latin1'));
    }
  }
}
