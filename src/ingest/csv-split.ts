/**
 * A fast incremental CSV splitter with csv-parse's semantics as this tool uses it (any of CRLF,
 * LF, CR ends a record; ragged rows kept; a quote inside an unquoted field is a literal; a field
 * whose closing quote is followed by other text is kept literally, quotes and all; empty lines
 * are records of one empty field). A line without any quote is split with `String.split`, the
 * common case of system exports; a record with quotes goes through a small state machine that
 * may span lines. Row numbers are the line each record starts on, counting a CRLF once, also
 * inside quoted fields (csv-parse's own counter miscounts there).
 */
import type { RawRow } from '../types.js';

/** Thrown when the text ends inside a quoted field. */
export class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  }
}

const NONE = Number.MAX_SAFE_INTEGER;

/** Splits text fed in chunks into raw rows. */
export class CsvSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;
  // Cached next positions of the characters that matter: each is searched again only once passed.
  private nextLf = -1;
  private nextCr = -1;
  private nextQuote = -1;

  constructor(private readonly delimiter: string) {}

  /** Feeds a chunk; returns the rows completed so far. */
  push(chunk: string, out: RawRow[] = []): RawRow[] {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.nextLf = this.nextCr = this.nextQuote = -1;
    this.run(false, out);
    return out;
  }

  /** Ends the text; returns the last rows. Throws CsvQuoteError on an unclosed quote. */
  end(out: RawRow[] = []): RawRow[] {
    this.run(true, out);
    return out;
  }

  private find(ch: string, cached: number): number {
    if (cached >= this.pos || cached === NONE) return cached;
    const i = this.buf.indexOf(ch, this.pos);
    return i < 0 ? NONE : i;
  }

  private run(final: boolean, out: RawRow[]): void {
    const buf = this.buf;
    const d = this.delimiter;
    while (this.pos < buf.length) {
      this.nextLf = this.find('\n', this.nextLf);
      this.nextCr = this.find('\r', this.nextCr);
      this.nextQuote = this.find('"', this.nextQuote);
      const eol = Math.min(this.nextLf, this.nextCr);
      if (this.nextQuote < eol) {
        if (!this.quoted(final, out)) return;
        continue;
      }
      if (eol === NONE && !final) return;
      const end = eol === NONE ? buf.length : eol;
      let next = end + 1;
      if (eol !== NONE && buf.charCodeAt(eol) === 13) {
        if (eol + 1 >= buf.length && !final) return; // a CR at the chunk's end: is an LF next?
        if (buf.charCodeAt(eol + 1) === 10) next = eol + 2;
      }
      const line = buf.slice(this.pos, end);
      const parts = line.split(d);
      const cells: Array<string | null> = new Array(parts.length);
      for (let i = 0; i < parts.length; i++) cells[i] = parts[i] === '' ? null : parts[i]!;
      out.push({ rowNumber: this.line, cells });
      this.line++;
      this.pos = next;
    }
  }

  /** One record with quotes, from this.pos. Returns false when more text is needed. */
  private quoted(final: boolean, out: RawRow[]): boolean {
    const buf = this.buf;
    const d = this.delimiter;
    const cells: Array<string | null> = [];
    let i = this.pos;
    let breaks = 0;
    for (;;) {
      // At the start of a field.
      const start = i;
      let value: string | null = null;
      if (buf[i] === '"') {
        let j = i + 1;
        let text = '';
        let inner = 0;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0) {
            if (!final) return false;
            throw new CsvQuoteError(this.line);
          }
          text += buf.slice(j, q);
          if (q + 1 >= buf.length && !final) return false;
          if (buf[q + 1] === '"') {
            text += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const c = buf[i];
        if (c === undefined || c === d || c === '\n' || c === '\r') {
          inner = countBreaks(text);
          value = text;
          breaks += inner;
        } else {
          i = start; // text after the closing quote: the field is taken literally
        }
      }
      if (value === null) {
        let j = i;
        while (j < buf.length) {
          const c = buf[j];
          if (c === d || c === '\n' || c === '\r') break;
          j++;
        }
        if (j >= buf.length && !final) return false;
        value = buf.slice(i, j);
        i = j;
      }
      cells.push(value === '' ? null : value);
      const c = buf[i];
      if (c === d) {
        i++;
        continue;
      }
      // End of the record: CR LF, LF, CR or the end of the text.
      if (c === '\r') {
        if (i + 1 >= buf.length && !final) return false;
        i += buf[i + 1] === '\n' ? 2 : 1;
      } else if (c === '\n') i++;
      out.push({ rowNumber: this.line, cells });
      this.line += 1 + breaks;
      this.pos = i;
      return true;
    }
  }
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  for (let i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) if (s.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/** Splits a whole text at once. */
export function splitCsv(text: string, delimiter: string): RawRow[] {
  const s = new CsvSplitter(delimiter);
  const out = s.push(text);
  return s.end(out);
}
