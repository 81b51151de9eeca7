/**
 * Reads a CSV (or Excel "Unicode text") file: detects the encoding (UTF-8 with or without BOM,
 * UTF-16LE/BE with BOM, else Windows-1258 as saved by Excel on a Vietnamese Windows) and the
 * separator (`,` `;` or tab), then splits it (csv-split.ts: csv-parse's semantics, faster) keeping
 * the line each record starts on.
 */
import iconv from 'iconv-lite';
import { AuditError } from '../../errors.js';
import type { RawRow } from '../../types.js';
import { CsvQuoteError, CsvRecordTooLongError, splitCsv } from './csv-split.js';
import type { SourceFile } from './source.js';

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: text that is mostly ASCII or
 * Vietnamese (U+0000–U+01FF, U+1E00–U+1EFF) has a zero (or 0x1E) in one byte of most pairs and
 * almost never in the other. Looks at the first 4 KB; null when it is not UTF-16.
 */
export function sniffUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return null;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) zeroEven++;
    if (buf[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.02) return 'utf-16le';
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * Tells UTF-8 with a few stray bytes from a file in another encoding (Windows-1258), reading the
 * bytes as they come. Windows-1258 text with Vietnamese letters is almost never valid UTF-8
 * (its letters are single bytes ≥ 0xC0 followed by ASCII), so it has invalid bytes and next to no
 * valid multi-byte sequences; UTF-8 text with one stray byte has many valid sequences and a few
 * invalid ones. `firstBadLine` is the line of the first invalid byte.
 */
export class Utf8Scan {
  valid = 0;
  invalid = 0;
  firstBadLine = 0;
  private line = 1;
  private need = 0;

  /** Reads more bytes; false once the text is known not to be UTF-8 (stop reading). */
  push(b: Uint8Array): boolean {
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (this.need > 0) {
        if ((c & 0xc0) === 0x80) {
          if (--this.need === 0) this.valid++;
          continue;
        }
        this.bad();
        this.need = 0;
      }
      if (c < 0x80) {
        if (c === 10) this.line++;
      } else if (c >= 0xc2 && c <= 0xdf) this.need = 1;
      else if (c >= 0xe0 && c <= 0xef) this.need = 2;
      else if (c >= 0xf0 && c <= 0xf4) this.need = 3;
      else this.bad();
    }
    return !(this.invalid > 16 && this.valid < 2 * this.invalid);
  }

  /** After the last bytes: true when the text is UTF-8 with a few stray bytes. */
  end(): boolean {
    if (this.need > 0) this.bad();
    this.need = 0;
    return this.invalid > 0 && this.valid >= 2 * this.invalid;
  }

  private bad(): void {
    if (this.invalid++ === 0) this.firstBadLine = this.line;
  }
}

/** The refusal of a UTF-8 file with stray bytes: decoding it as Windows-1258 would garble every letter. */
export function strayBytesError(displayName: string, scan: Utf8Scan): AuditError {
  return new AuditError(
    'INGEST_BAD_ENCODING',
    `${displayName}: UTF-8 text with ${scan.invalid} invalid byte(s), the first on line ${scan.firstBadLine}; ` +
      `fix that line or save the file again as "CSV UTF-8"`,
    { file: displayName, row: scan.firstBadLine },
    { bytes: scan.invalid },
  );
}

/**
 * Detected text encoding and the decoded text: a byte-order mark (UTF-8, UTF-16LE/BE), UTF-16
 * without one ({@link sniffUtf16}), valid UTF-8, else Windows-1258; UTF-8 with a few stray bytes
 * is refused (INGEST_BAD_ENCODING, naming the line) when `displayName` is given.
 */
export function decodeText(buf: Buffer, displayName?: string): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(buf);
  if (utf16) return { text: iconv.decode(buf, utf16.replace('-', '')), encoding: utf16 };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text, encoding: 'utf-8' };
  } catch {
    const scan = new Utf8Scan();
    scan.push(buf);
    if (scan.end()) throw strayBytesError(displayName ?? 'text', scan);
    // Not valid UTF-8: Excel's "CSV" on a Vietnamese-locale Windows writes Windows-1258,
    // which keeps tones as combining marks; NFC is applied later to every value.
    return { text: iconv.decode(buf, 'windows1258').normalize('NFC'), encoding: 'windows-1258' };
  }
}

/** Picks the separator that splits the first lines into the most consistent number of fields (>1). */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 40);
  let best = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const max = Math.max(0, ...counts);
    if (max === 0) continue;
    // The header and data rows share the widest count; title lines have fewer separators.
    const score = counts.filter((c) => c === max).length * Math.log2(max + 1);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** A CSV record over the splitter's cap: refused whole, naming the line. */
export function recordTooLong(displayName: string, e: CsvRecordTooLongError): AuditError {
  const detail = `> ${e.limit.toLocaleString('en-US')}`;
  return new AuditError(
    'INGEST_TOO_LARGE',
    `${displayName}: refused, over a safety limit: line ${e.line}: a record longer than ${e.limit} characters`,
    { file: displayName, row: e.line },
    { reason: 'line', detail },
    { cause: e },
  );
}

/** Reads a CSV file into one sheet of raw rows. Row numbers are the line each record starts on. */
export function readCsvBuffer(buf: Buffer, displayName: string): SourceFile {
  const { text, encoding } = decodeText(buf, displayName);
  if (looksBinary(text)) {
    throw new AuditError(
      'INGEST_UNREADABLE',
      `${displayName}: not a text (CSV) file`,
      { file: displayName },
      { detail: 'binary content' },
    );
  }
  const delimiter = detectDelimiter(text);
  let rows: RawRow[];
  try {
    rows = splitCsv(text, delimiter);
  } catch (e) {
    if (e instanceof CsvRecordTooLongError) throw recordTooLong(displayName, e);
    if (!(e instanceof CsvQuoteError)) throw e;
    throw new AuditError(
      'INGEST_UNREADABLE',
      `${displayName}: not a readable CSV file (${e.message})`,
      { file: displayName, row: e.line },
      { detail: e.message },
      { cause: e },
    );
  }
  return { format: 'csv', sheets: [{ name: null, rows }], encoding, delimiter };
}

/** True when decoded text holds NULs or many control characters: random bytes or an image renamed .csv. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}
