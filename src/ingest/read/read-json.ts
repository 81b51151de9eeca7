/**
 * Reads a JSON export of dossier records (the national portal's sync records: MaHoSo,
 * TrangThaiHoSo, NgayTiepNhan…): a top-level array of objects, or an object whose `data` or
 * `result` holds that array (one level deeper too: `{ "result": { "data": [...] } }`). The file is
 * parsed as it streams in, record by record, by a small hand-written parser: each record becomes a
 * row under a header row made of the record keys (the keys of the first records, in the order they
 * first appear), so header detection, extraction and every later stage treat it as a table. A
 * malformed file throws {@link JsonFormatError}: the import refuses it whole.
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AuditError } from '../../errors.js';
import type { CellValue, RawRow } from '../../types.js';
import type { SourceFile } from './source.js';
import type { StreamSource } from './stream-source.js';

/** The JSON text is not what it must be: `line` is where it went wrong. */
export class JsonFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** One record: its keys and values in order. */
export type JsonRecord = Array<[string, CellValue]>;

const INCOMPLETE = Symbol('incomplete');
/** Keys of a wrapper object that hold the records. */
const LIST_KEYS = new Set(['data', 'result']);

type Phase = 'top' | 'key' | 'after-member' | 'first-item' | 'item' | 'after-item' | 'done';

/**
 * An incremental parser: `push` text as it is decoded, take the records completed so far; `end`
 * checks the text is whole. Each step (a record, or a member of a wrapper object) is parsed from its
 * start once the text holds all of it, so a step cut between two chunks is simply tried again.
 */
export class JsonRecordParser {
  private buf = '';
  private pos = 0;
  private line = 1;
  private phase: Phase = 'top';
  /** Open wrapper objects around the records. */
  private depth = 0;
  private foundList = false;
  /** Index of the next backslash at or after the string being read (-1: to find; Infinity: none). */
  private escAt = -1;
  /** Where the current step started (lines before it are counted in `line`). */
  private stepStart = 0;

  /** Parses what `text` completes; returns the records found. Throws JsonFormatError. */
  push(text: string, out: JsonRecord[] = []): JsonRecord[] {
    this.buf = this.pos === this.buf.length ? text : this.buf.slice(this.pos) + text;
    this.pos = 0;
    this.escAt = -1;
    for (;;) {
      const start = this.pos;
      this.stepStart = start;
      let progressed: boolean | typeof INCOMPLETE;
      try {
        progressed = this.step(out);
      } catch (e) {
        if (e !== INCOMPLETE) throw e;
        progressed = INCOMPLETE;
      }
      if (progressed === INCOMPLETE) {
        this.pos = start;
        this.escAt = -1;
        break;
      }
      this.countLines(start, this.pos);
      if (!progressed) break;
    }
    return out;
  }

  /** Checks that the text ended where a JSON document may end. */
  end(): void {
    this.stepStart = this.pos;
    const rest = this.buf.slice(this.pos);
    if (this.phase === 'done' && rest.trim() === '') return;
    if (this.phase === 'done') throw this.error('text after the end of the JSON document');
    if (this.phase === 'top' && rest.trim() === '') throw this.error('no JSON in the file');
    throw this.error('the JSON text ends in the middle (the file is cut short)');
  }

  private countLines(from: number, to: number): void {
    for (let i = this.buf.indexOf('\n', from); i >= 0 && i < to; i = this.buf.indexOf('\n', i + 1)) this.line++;
  }

  private error(what: string, at = this.pos): JsonFormatError {
    let line = this.line;
    for (let i = this.buf.indexOf('\n', this.stepStart); i >= 0 && i < at; i = this.buf.indexOf('\n', i + 1)) line++;
    return new JsonFormatError(what, line);
  }

  private ws(): void {
    const b = this.buf;
    let i = this.pos;
    for (; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) break;
    }
    this.pos = i;
  }

  /** The next non-space character (INCOMPLETE at the end of the text). */
  private peek(): string {
    this.ws();
    if (this.pos >= this.buf.length) throw INCOMPLETE;
    return this.buf[this.pos]!;
  }

  /** One step; false when there is nothing more to do with this text. */
  private step(out: JsonRecord[]): boolean {
    switch (this.phase) {
      case 'done':
        this.ws();
        if (this.pos < this.buf.length) throw this.error('text after the end of the JSON document');
        return false;
      case 'top': {
        const c = this.peek();
        this.pos++;
        if (c === '[') this.enterList();
        else if (c === '{') this.enterWrapper();
        else
          throw this.error('expected a list of records ([…]) or an object holding one ({"data": […]})', this.pos - 1);
        return true;
      }
      case 'key': {
        const c = this.peek();
        if (c === '}') {
          this.pos++;
          this.leaveWrapper();
          return true;
        }
        if (c !== '"') throw this.error('expected a member name in quotes');
        this.pos++;
        const key = this.string();
        if (this.peek() !== ':') throw this.error('expected ":" after a member name');
        this.pos++;
        const v = this.peek();
        if (LIST_KEYS.has(key.toLowerCase()) && !this.foundList && (v === '[' || v === '{')) {
          this.pos++;
          if (v === '[') this.enterList();
          else this.enterWrapper();
          return true;
        }
        this.skipValue();
        this.phase = 'after-member';
        return true;
      }
      case 'after-member': {
        const c = this.peek();
        this.pos++;
        if (c === ',') this.phase = 'key';
        else if (c === '}') this.leaveWrapper();
        else throw this.error('expected "," or "}"', this.pos - 1);
        return true;
      }
      case 'first-item':
      case 'item': {
        const c = this.peek();
        if (c === ']' && this.phase === 'first-item') {
          this.pos++;
          this.leaveList();
          return true;
        }
        if (c !== '{') throw this.error('each record must be an object ({…})');
        this.pos++;
        out.push(this.record());
        this.phase = 'after-item';
        return true;
      }
      case 'after-item': {
        const c = this.peek();
        this.pos++;
        if (c === ',') this.phase = 'item';
        else if (c === ']') this.leaveList();
        else throw this.error('expected "," or "]" after a record', this.pos - 1);
        return true;
      }
    }
  }

  private enterList(): void {
    this.foundList = true;
    this.phase = 'first-item';
  }

  private leaveList(): void {
    this.phase = this.depth === 0 ? 'done' : 'after-member';
  }

  private enterWrapper(): void {
    this.depth++;
    this.phase = 'key';
  }

  private leaveWrapper(): void {
    this.depth--;
    if (this.depth > 0) {
      this.phase = 'after-member';
      return;
    }
    if (!this.foundList) throw this.error('no list of records: expected an array, or "data" or "result" holding one');
    this.phase = 'done';
  }

  /** The members of a record (after its "{"): scalars as text, nested values as their JSON text. */
  private record(): JsonRecord {
    const rec: JsonRecord = [];
    if (this.peek() === '}') {
      this.pos++;
      return rec;
    }
    for (;;) {
      if (this.peek() !== '"') throw this.error('expected a field name in quotes');
      this.pos++;
      const key = this.string();
      if (this.peek() !== ':') throw this.error('expected ":" after a field name');
      this.pos++;
      rec.push([key, this.value()]);
      const c = this.peek();
      this.pos++;
      if (c === '}') return rec;
      if (c !== ',') throw this.error('expected "," or "}" in a record', this.pos - 1);
    }
  }

  /** A member's value: text for strings and numbers (a number is never an Excel serial here), null for null. */
  private value(): CellValue {
    const c = this.peek();
    if (c === '"') {
      this.pos++;
      return this.string();
    }
    if (c === '{' || c === '[') {
      const start = this.pos;
      this.skipValue();
      return this.buf.slice(start, this.pos);
    }
    const m = this.literal();
    if (m === 'null') return null;
    return m;
  }

  /** A number, true, false or null, as written. */
  private literal(): string {
    const b = this.buf;
    const start = this.pos;
    let i = start;
    while (i < b.length && /[-+.eE0-9a-z]/.test(b[i]!)) i++;
    if (i >= b.length) throw INCOMPLETE;
    const t = b.slice(start, i);
    if (t !== 'true' && t !== 'false' && t !== 'null' && !/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(t))
      throw this.error(`unexpected "${t.slice(0, 20) || b[i]}"`);
    this.pos = i;
    return t;
  }

  /** A string's value (after its opening quote). */
  private string(): string {
    const b = this.buf;
    let i = this.pos;
    let out = '';
    for (;;) {
      const q = b.indexOf('"', i);
      if (this.escAt < i) {
        const found = b.indexOf('\\', i);
        this.escAt = found < 0 ? Infinity : found;
      }
      const e = this.escAt;
      if (q < 0 && e === Infinity) throw INCOMPLETE;
      if (q >= 0 && q < e) {
        const part = b.slice(i, q);
        for (let k = 0; k < part.length; k++)
          if (part.charCodeAt(k) < 0x20) throw this.error('a control character inside a string', i + k);
        this.pos = q + 1;
        return out + part;
      }
      out += b.slice(i, e);
      if (e + 1 >= b.length) throw INCOMPLETE;
      const x = b[e + 1]!;
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (x === 'u') {
        if (e + 6 > b.length) throw INCOMPLETE;
        const hex = b.slice(e + 2, e + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error('a bad \\u escape', e);
        out += String.fromCharCode(parseInt(hex, 16));
        i = e + 6;
      } else if (simple[x] !== undefined) {
        out += simple[x];
        i = e + 2;
      } else {
        throw this.error(`a bad escape "\\${x}"`, e);
      }
    }
  }

  /** Skips any value, checking its syntax. */
  private skipValue(): void {
    const c = this.peek();
    if (c === '"') {
      this.pos++;
      this.string();
    } else if (c === '{') {
      this.pos++;
      if (this.peek() === '}') {
        this.pos++;
        return;
      }
      for (;;) {
        if (this.peek() !== '"') throw this.error('expected a member name in quotes');
        this.pos++;
        this.string();
        if (this.peek() !== ':') throw this.error('expected ":" after a member name');
        this.pos++;
        this.skipValue();
        const d = this.peek();
        this.pos++;
        if (d === '}') return;
        if (d !== ',') throw this.error('expected "," or "}"', this.pos - 1);
      }
    } else if (c === '[') {
      this.pos++;
      if (this.peek() === ']') {
        this.pos++;
        return;
      }
      for (;;) {
        this.skipValue();
        const d = this.peek();
        this.pos++;
        if (d === ']') return;
        if (d !== ',') throw this.error('expected "," or "]"', this.pos - 1);
      }
    } else {
      this.literal();
    }
  }
}

/** Records → rows: the header row (keys of the first records) as row 1, record n as row n + 1. */
export class RecordRows {
  private index: Map<string, number> | null = null;
  private next = 2;

  /** The rows of a batch of records; the first call also returns the header row, its keys those of this batch. */
  rows(records: readonly JsonRecord[]): RawRow[] {
    const out: RawRow[] = [];
    if (this.index === null) {
      const index = new Map<string, number>();
      for (const r of records) for (const [k] of r) if (!index.has(k)) index.set(k, index.size);
      this.index = index;
      out.push({ rowNumber: 1, cells: [...index.keys()] });
    }
    const index = this.index;
    for (const r of records) {
      const cells: CellValue[] = new Array<CellValue>(index.size).fill(null);
      for (const [k, v] of r) {
        const at = index.get(k);
        if (at !== undefined) cells[at] = v;
      }
      out.push({ rowNumber: this.next++, cells });
    }
    return out;
  }
}

/** Records gathered before the header is fixed (their keys make it). */
const FIRST_BATCH = 2000;
const READ_BYTES = 1 << 20;

function unreadable(displayName: string, e: JsonFormatError): AuditError {
  return new AuditError(
    'INGEST_UNREADABLE',
    `${displayName}: not a readable JSON file (line ${e.line}: ${e.message})`,
    { file: displayName, row: e.line },
    { detail: `line ${e.line}: ${e.message}` },
    { cause: e },
  );
}

function checkUtf8(validUtf8: boolean, displayName: string): void {
  if (!validUtf8)
    throw new AuditError(
      'INGEST_UNREADABLE',
      `${displayName}: not a readable JSON file (the text is not UTF-8)`,
      { file: displayName },
      { detail: 'not UTF-8' },
    );
}

/** Opens a JSON file for streaming (its bytes already hashed and checked as UTF-8). */
export function openJsonStream(file: string, displayName: string, validUtf8: boolean): StreamSource {
  checkUtf8(validUtf8, displayName);
  let read = 0;
  async function* batches(): AsyncGenerator<RawRow[]> {
    const parser = new JsonRecordParser();
    const rows = new RecordRows();
    const decoder = new StringDecoder('utf8');
    let pending: JsonRecord[] = [];
    const fh = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.allocUnsafe(READ_BYTES);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        read += bytesRead;
        parser.push(decoder.write(buf.subarray(0, bytesRead)), pending);
        if (pending.length >= FIRST_BATCH) {
          yield rows.rows(pending);
          pending = [];
        }
      }
      parser.push(decoder.end(), pending);
      parser.end();
    } catch (e) {
      if (e instanceof JsonFormatError) throw unreadable(displayName, e);
      throw e;
    } finally {
      await fh.close();
    }
    if (pending.length > 0) yield rows.rows(pending);
  }
  return {
    format: 'json',
    encoding: 'utf-8',
    bytesRead: () => read,
    sheets: (async function* () {
      yield { name: null, hidden: false, batches: batches() };
    })(),
  };
}

/** Reads a whole JSON file (for `inspect`). */
export function readJsonBuffer(buf: Buffer, displayName: string): SourceFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    checkUtf8(false, displayName);
    throw new Error('unreachable');
  }
  const parser = new JsonRecordParser();
  let records: JsonRecord[];
  try {
    records = parser.push(text);
    parser.end();
  } catch (e) {
    if (e instanceof JsonFormatError) throw unreadable(displayName, e);
    throw e;
  }
  // The header is made of the first batch's keys, as when streaming.
  const r = new RecordRows();
  const rows: RawRow[] = [];
  for (let i = 0; i < records.length; i += FIRST_BATCH) rows.push(...r.rows(records.slice(i, i + FIRST_BATCH)));
  return { format: 'json', sheets: [{ name: null, rows }], encoding: 'utf-8' };
}
