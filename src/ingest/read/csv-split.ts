/**
 * A fast incremental CSV splitter with csv-parse's semantics as this tool uses it (any of CRLF,
 * LF, CR ends a record; ragged rows kept; a quote inside an unquoted field is a literal; a field
 * whose closing quote is followed by other text is kept literally, quotes and all; empty lines
 * are records of one empty field). A line without any quote is split with `String.split`, the
 * common case of system exports; a record with quotes goes through a small state machine that
 * may span lines. Row numbers are the line each record starts on, counting a CRLF once, also
 * inside quoted fields (csv-parse's own counter miscounts there).
 *
 * Time is linear in the text, also for one very long record: a record still incomplete at the end
 * of a chunk is scanned again only once the text held has doubled since the last scan (the text
 * of a record is scanned at most about three times in all). A record longer than
 * `maxRecordChars` (default MAX_CSV_RECORD_CHARS) throws CsvRecordTooLongError, so memory stays
 * bounded whatever the file holds.
 */
import type { RawRow } from '../../types.js';

/** Thrown when the text ends inside a quoted field. */
export class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  }
}

/**
 * The longest CSV record read, in characters (a line, or several when a quoted field holds line
 * breaks): 4,194,304 (4 Mi). A register's line is a few hundred characters; Excel's own cell holds
 * at most 32,767.
 */
export const MAX_CSV_RECORD_CHARS = 4 << 20;

/** Thrown when one record is longer than the splitter's cap. */
export class CsvRecordTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line ${line}: a record longer than ${limit} characters`);
  }
}

/** Splits text fed in chunks into raw rows. */
export class CsvSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;
  /** Chunks held back while the record they continue is incomplete, and their length. */
  private held: string[] = [];
  private heldChars = 0;
  /** Length of the incomplete record's text when it was last scanned (0: no record pending). */
  private stalledAt = 0;
  /** Characters handed to the scanner so far (tests check the splitter stays linear). */
  scanned = 0;

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars = MAX_CSV_RECORD_CHARS,
  ) {}

  /** Feeds a chunk; returns the rows completed so far. */
  push(chunk: string, out: RawRow[] = []): RawRow[] {
    if (this.stalledAt > 0) {
      this.held.push(chunk);
      this.heldChars += chunk.length;
      const pending = this.buf.length - this.pos + this.heldChars;
      // Scan again only when the text has doubled: linear time on a record of any length.
      if (pending < 2 * this.stalledAt) {
        if (pending > this.maxRecordChars) throw new CsvRecordTooLongError(this.line, this.maxRecordChars);
        return out;
      }
      chunk = this.held.join('');
      this.held = [];
      this.heldChars = 0;
    }
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.run(false, out);
    this.stall();
    return out;
  }

  /** Ends the text; returns the last rows. Throws CsvQuoteError on an unclosed quote. */
  end(out: RawRow[] = []): RawRow[] {
    if (this.heldChars > 0) {
      this.buf = this.buf.slice(this.pos) + this.held.join('');
      this.pos = 0;
      this.held = [];
      this.heldChars = 0;
    }
    this.run(true, out);
    this.stalledAt = 0;
    return out;
  }

  /** After a scan: the incomplete record left, if any, and the cap on its length. */
  private stall(): void {
    const pending = this.buf.length - this.pos;
    if (pending > this.maxRecordChars) throw new CsvRecordTooLongError(this.line, this.maxRecordChars);
    this.stalledAt = pending;
  }

  private run(final: boolean, out: RawRow[]): void {
    const buf = this.buf;
    const len = buf.length;
    const d = this.delimiter;
    this.scanned += len - this.pos;
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
      if (i - this.pos > this.maxRecordChars) throw new CsvRecordTooLongError(this.line, this.maxRecordChars);
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
      if (i - this.pos > this.maxRecordChars) throw new CsvRecordTooLongError(this.line, this.maxRecordChars);
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
