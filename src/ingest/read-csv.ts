/**
 * Reads a CSV (or Excel "Unicode text") file: detects the encoding (UTF-8 with or without BOM,
 * UTF-16LE/BE with BOM, else Windows-1258 as saved by Excel on a Vietnamese Windows) and the
 * separator (`,` `;` or tab), then splits it (csv-split.ts: csv-parse's semantics, faster) keeping
 * the line each record starts on.
 */
import iconv from 'iconv-lite';
import { AuditError } from '../errors.js';
import type { RawRow } from '../types.js';
import { CsvQuoteError, CsvRecordTooLongError, splitCsv } from './csv-split.js';
import type { SourceFile } from './source.js';

/** Detected text encoding and the decoded text. */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf-16be' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text, encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Excel's "CSV" on a Vietnamese-locale Windows writes Windows-1258,
    // which keeps tones as combining marks; NFC is applied later to every value.
    return { text: iconv.decode(buf, 'windows1258').normalize('NFC'), encoding: 'windows-1258' };
  }
}

/** Picks the separator that splits the first lines into the most consistent number of fields (>1). */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 40);
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
  return new AuditError('INGEST_TOO_LARGE', `${displayName}: refused, over a safety limit: line ${e.line}: a record longer than ${e.limit} characters`, { file: displayName, row: e.line }, { reason: 'line', detail }, { cause: e });
}

/** Reads a CSV file into one sheet of raw rows. Row numbers are the line each record starts on. */
export function readCsvBuffer(buf: Buffer, displayName: string): SourceFile {
  const { text, encoding } = decodeText(buf);
  if (looksBinary(text)) {
    throw new AuditError('INGEST_UNREADABLE', `${displayName}: not a text (CSV) file`, { file: displayName }, { detail: 'binary content' });
  }
  const delimiter = detectDelimiter(text);
  let rows: RawRow[];
  try {
    rows = splitCsv(text, delimiter);
  } catch (e) {
    if (e instanceof CsvRecordTooLongError) throw recordTooLong(displayName, e);
    if (!(e instanceof CsvQuoteError)) throw e;
    throw new AuditError('INGEST_UNREADABLE', `${displayName}: not a readable CSV file (${e.message})`, { file: displayName, row: e.line }, { detail: e.message }, { cause: e });
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
