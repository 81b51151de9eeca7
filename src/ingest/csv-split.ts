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

/** Splits text fed in chunks into raw rows. */
export class CsvSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;

  constructor(private readonly delimiter: string) {}

  /** Feeds a chunk; returns the rows completed so far. */
  push(chunk: string, out: RawRow[] = []): RawRow[] {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.run(false, out);
    return out;
  }

  /** Ends the text; returns the last rows. Throws CsvQuoteError on an unclosed quote. */
  end(out: RawRow[] = []): RawRow[] {
    this.run(true, out);
    return out;
  }

  private run(final: boolean, out: RawRow[]): void {
    const buf = this.buf;
    const len = buf.length;
    const d = this.delimiter;
    while (this.pos < len) {
      // The first LF, CR or quote from here: one pass over the characters.
      let i = this.pos;
      let c = 0;
      for (; i < len; i++) {
        c = buf.charCodeAt(i);
        if (c === 10 || c === 13 || c === 34) break;
      }
      if (i < len && c === 34) {
        if (!this.quoted(final, out)) return;
        continue;
      }
      if (i >= len && !final) return;
      let next = i + 1;
      if (i < len && c === 13) {
        if (i + 1 >= len && !final) return; // a CR at the chunk's end: is an LF next?
        if (buf.charCodeAt(i + 1) === 10) next = i + 2;
      }
      // The parts become the cells in place: empty fields are null.
      const cells = buf.slice(this.pos, i).split(d) as Array<string | null>;
      for (let k = 0; k < cells.length; k++) if (cells[k] === '') cells[k] = null;
      out.push({ rowNumber: this.line, cells });
      this.line++;
      this.pos = next;
    }
  }

  /** One record with quotes, from this.pos. Returns false when more text is needed. */
  private quoted(final: boolean, out: RawRow[]): boolean {
    const buf = this.buf;
    const len = buf.length;
    const dc = this.delimiter.charCodeAt(0);
    const cells: Array<string | null> = [];
    let i = this.pos;
    let breaks = 0;
    for (;;) {
      // At the start of a field. Character codes: 34 quote, 10 LF, 13 CR; NaN past the end.
      const start = i;
      let value: string | null = null;
      if (buf.charCodeAt(i) === 34) {
        let j = i + 1;
        let text = '';
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0) {
            if (!final) return false;
            throw new CsvQuoteError(this.line);
          }
          text += buf.slice(j, q);
          if (q + 1 >= len && !final) return false;
          if (buf.charCodeAt(q + 1) === 34) {
            text += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const c = buf.charCodeAt(i);
        if (i >= len || c === dc || c === 10 || c === 13) {
          value = text;
          breaks += countBreaks(text);
        } else {
          i = start; // text after the closing quote: the field is taken literally
        }
      }
      if (value === null) {
        let j = i;
        for (; j < len; j++) {
          const c = buf.charCodeAt(j);
          if (c === dc || c === 10 || c === 13) break;
        }
        if (j >= len && !final) return false;
        value = buf.slice(i, j);
        i = j;
      }
      cells.push(value === '' ? null : value);
      const c = buf.charCodeAt(i);
      if (c === dc) {
        i++;
        continue;
      }
      // End of the record: CR LF, LF, CR or the end of the text.
      if (c === 13) {
        if (i + 1 >= len && !final) return false;
        i += buf.charCodeAt(i + 1) === 10 ? 2 : 1;
      } else if (c === 10) i++;
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
