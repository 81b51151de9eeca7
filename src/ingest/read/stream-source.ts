/**
 * Streaming readers for import: a file is hashed once (and, for text, checked for valid UTF-8),
 * then read again as batches of raw rows, sheet by sheet, so that neither the whole file nor the
 * whole table is ever held in memory. CSV goes through the fast splitter (csv-split.ts) after
 * incremental decoding; xlsx through exceljs's streaming WorkbookReader with styles cached (the
 * cell fonts tell legacy TCVN3/VNI text apart).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AuditError } from '../../errors.js';
import type { CellValue, RawRow } from '../../types.js';
import { Cp1258NfcDecoder } from './cp1258.js';
import { CsvQuoteError, CsvRecordTooLongError, CsvSplitter } from './csv-split.js';
import { detectDelimiter, looksBinary, recordTooLong, sniffUtf16, strayBytesError, Utf8Scan } from './read-csv.js';
import { legacyFromFontName } from '../../normalize/legacy.js';
import { plainCellValue, xlsxUnreadable } from './read-xlsx.js';

/** Rows handed over per batch, at most. */
export const BATCH_ROWS = 2000;

/**
 * Cells handed over per batch of an xlsx sheet, at most (about a hundred rows). A batch's rows live
 * until it is handed over: batches of 2000 rows outlived two or three young-generation collections
 * each, so every row was copied and then promoted, and collecting them took a third of reading a
 * 500,000-row export (3.4 s of 13; 1.0 s of 9.8 with 250 rows, and wide registers needed 100).
 */
export const BATCH_CELLS = 1500;

/**
 * Bytes of a CSV decoded to text at a time. A text above V8's regular object size (128 KB; a
 * two-byte string of 64K characters) is made in the large-object space: decoding and splitting
 * 1 MB at a time measured 3-6 times slower than 32 KB at a time, whose text stays well below.
 */
const DECODE_BYTES = 1 << 15;

/** One sheet being streamed. */
export interface StreamSheet {
  name: string | null;
  hidden: boolean;
  /** Batches of rows in order; empty rows are not returned for xlsx (as the full reader). */
  batches: AsyncIterable<RawRow[]>;
  /**
   * Font name of each cell of the rows read so far (xlsx) in a legacy TCVN3/VNI font, for legacy-font
   * conversion (rows and cells in other fonts have none); dropped per batch.
   */
  fonts?: Map<number, Array<string | null>>;
  /** Legacy-font cells already converted by a whole-file reader (no conversion left to do). */
  legacy?: Partial<Record<'tcvn3' | 'vni', number>>;
}

/** A file opened for streaming. */
export interface StreamSource {
  format: 'xlsx' | 'csv' | 'json';
  encoding: string;
  delimiter?: string;
  date1904?: boolean;
  /** Bytes read so far (for progress) and the file's size. */
  bytesRead(): number;
  sheets: AsyncIterable<StreamSheet>;
  /** Releases what the source holds even when its sheets were never read (a reader thread started ahead). */
  close?: () => Promise<void>;
}

/** Bytes read from a file at a time. */
const READ_BYTES = 1 << 20;

/**
 * The bytes of a file in chunks, read into one reused buffer: each chunk is valid only until the
 * next one is asked for (a fresh 1 MB buffer per chunk, as `fs.createReadStream` makes, measured
 * 3-8 times slower than reading and hashing).
 */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** SHA-256 of a file read in chunks; with `utf8`, also whether the bytes are valid UTF-8. */
export async function hashFile(file: string, utf8: boolean): Promise<{ sha256: string; validUtf8: boolean }> {
  const hash = crypto.createHash('sha256');
  let valid = utf8;
  // An incomplete multi-byte sequence at a chunk's end is held back at the start of the buffer,
  // and the next chunk is read right after it (no copy of the chunk).
  const buf = Buffer.allocUnsafe(READ_BYTES + 3);
  let carried = 0;
  const fh = await fs.promises.open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, carried, READ_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(carried, carried + bytesRead));
      if (!valid) continue;
      const b = buf.subarray(0, carried + bytesRead);
      let cut = b.length;
      for (let k = 1; k <= 3 && k <= b.length; k++) {
        const c = b[b.length - k]!;
        if ((c & 0xc0) === 0x80) continue;
        if (c >= 0xc0) {
          const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
          if (need > k) cut = b.length - k;
        }
        break;
      }
      if (!isUtf8(b.subarray(0, cut))) valid = false;
      carried = b.length - cut;
      b.copy(buf, 0, cut);
    }
  } finally {
    await fh.close();
  }
  if (valid && carried > 0) valid = false;
  return { sha256: hash.digest('hex'), validUtf8: valid };
}

type Decoder = { write(b: Buffer): string; end(): string };

function decoderFor(encoding: string): Decoder {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    const td = new TextDecoder('utf-8');
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  const d = iconv.getDecoder(encoding === 'windows-1258' ? 'windows1258' : encoding.replace('-', ''));
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/**
 * Throws INGEST_BAD_ENCODING when a file that is not valid UTF-8 is UTF-8 with a few stray bytes (a Windows-1258 file
 * stops the scan early).
 */
async function strayUtf8(file: string, displayName: string): Promise<void> {
  const scan = new Utf8Scan();
  for await (const chunk of fileChunks(file)) if (!scan.push(chunk)) return;
  if (scan.end()) throw strayBytesError(displayName, scan);
}

/** Opens a CSV for streaming. `validUtf8` comes from hashFile. Throws INGEST_UNREADABLE for binary content. */
export async function openCsvStream(file: string, displayName: string, validUtf8: boolean): Promise<StreamSource> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(256 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const h = head.subarray(0, n);
  let encoding: string;
  let skip = 0;
  if (h.length >= 3 && h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf) [encoding, skip] = ['utf-8-bom', 3];
  else if (h.length >= 2 && h[0] === 0xff && h[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
  else if (h.length >= 2 && h[0] === 0xfe && h[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
  else {
    const utf16 = sniffUtf16(h);
    if (utf16 === null && !validUtf8) await strayUtf8(file, displayName);
    encoding = utf16 ?? (validUtf8 ? 'utf-8' : 'windows-1258');
  }
  const sampleDecoder = decoderFor(encoding);
  let sample = sampleDecoder.write(h.subarray(skip));
  if (encoding === 'windows-1258') sample = sample.normalize('NFC');
  if (looksBinary(sample)) {
    throw new AuditError(
      'INGEST_UNREADABLE',
      `${displayName}: not a text (CSV) file`,
      { file: displayName },
      { detail: 'binary content' },
    );
  }
  const delimiter = detectDelimiter(sample);
  let bytes = 0;
  async function* batches(): AsyncGenerator<RawRow[]> {
    // Windows-1258 is decoded straight to NFC text (cp1258.ts), cut anywhere.
    const decoder: Decoder = encoding === 'windows-1258' ? new Cp1258NfcDecoder() : decoderFor(encoding);
    const splitter = new CsvSplitter(delimiter);
    const feed = (text: string, out: RawRow[] = []): RawRow[] => splitter.push(text, out);
    let first = true;
    try {
      // Every chunk is decoded before the next read (its buffer is reused): a slice's text is made
      // before its rows are yielded.
      for await (const chunk of fileChunks(file)) {
        bytes += chunk.length;
        const data = first ? chunk.subarray(skip) : chunk;
        first = false;
        // One small batch per slice: rows and their text die young (cheap for the garbage collector).
        for (let at = 0; at < data.length; at += DECODE_BYTES) {
          const rows = feed(decoder.write(data.subarray(at, at + DECODE_BYTES)));
          if (rows.length > 0) yield rows;
        }
      }
      const rows = feed(decoder.end());
      splitter.end(rows);
      if (rows.length > 0) yield rows;
    } catch (e) {
      if (e instanceof CsvQuoteError) {
        throw new AuditError(
          'INGEST_UNREADABLE',
          `${displayName}: not a readable CSV file (${e.message})`,
          { file: displayName, row: e.line },
          { detail: e.message },
          { cause: e },
        );
      }
      if (e instanceof CsvRecordTooLongError) throw recordTooLong(displayName, e);
      throw e;
    }
  }
  const sheet: StreamSheet = { name: null, hidden: false, batches: batches() };
  return {
    format: 'csv',
    encoding,
    delimiter,
    bytesRead: () => bytes,
    sheets: (async function* () {
      yield sheet;
    })(),
  };
}

function unreadable(displayName: string, e: unknown): AuditError {
  const msg = String((e as Error)?.message ?? e);
  if (/encrypt|password|CFB|Compound/i.test(msg)) {
    return new AuditError(
      'INGEST_ENCRYPTED',
      `${displayName}: the workbook is password-protected`,
      { file: displayName },
      {},
      { cause: e },
    );
  }
  return xlsxUnreadable(displayName, e);
}

/** Opens an xlsx workbook for streaming, from the file or from bytes (the zip guard's compacted copy). */
export function openXlsxStream(file: string, displayName: string, data?: Buffer | null, rowsHint = 0): StreamSource {
  let bytes = 0;
  const size = fs.statSync(file).size;
  // Progress is told in the file's bytes. With the rows the zip guard counted, as the share of
  // them read: the zip layer reads the bytes far ahead of the rows (the whole copy in memory at
  // once), so bytes taken put every import's bar at 100 % from its first row.
  const rows = { read: 0, done: false };
  const bytesRead = (): number => {
    if (rows.done) return size;
    if (rowsHint > 0) return Math.min(size, Math.round((size * rows.read) / rowsHint));
    return Math.min(bytes, size);
  };
  let date1904 = false;
  return {
    format: 'xlsx',
    encoding: 'xlsx',
    bytesRead,
    // Known once the workbook part is read, before the first sheet's rows.
    get date1904() {
      return date1904;
    },
    sheets: (async function* () {
      // Opened only when read, so a file found unchanged is never read twice.
      const raw = data ? Readable.from([data]) : fs.createReadStream(file, { highWaterMark: 1 << 20 });
      const counted = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          cb(null, chunk);
        },
      });
      pipeline(raw, counted, () => undefined);
      // exceljs is loaded only when a workbook is read (about half a second of start-up otherwise).
      const { default: excel } = await import('exceljs');
      decodeUtf8AcrossChunks();
      const reader = new excel.stream.xlsx.WorkbookReader(counted, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'ignore',
      });
      try {
        for await (const ws of reader as AsyncIterable<
          ExcelJS.stream.xlsx.WorksheetReader & { name: string; state?: string }
        >) {
          const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
          date1904 = Boolean(props?.model?.date1904);
          const fonts = new Map<number, Array<string | null>>();
          const sheet: StreamSheet = {
            name: ws.name,
            hidden: ws.state !== undefined && ws.state !== 'visible',
            fonts,
            batches: xlsxBatches(ws, fonts, displayName, rows),
          };
          yield sheet;
          // Drain what the consumer did not read, so the next sheet can come.
          for await (const _ of sheet.batches) void _;
        }
        rows.done = true;
      } catch (e) {
        if (e instanceof AuditError) throw e;
        throw unreadable(displayName, e);
      }
    })(),
  };
}

/** Font names seen, each with itself when it names a legacy 8-bit font, else null. */
const legacyFontNames = new Map<string, string | null>();

/**
 * The font name when it is a legacy TCVN3/VNI font, else null. Every other name (and no name)
 * reads the same to the legacy conversion, which only asks `legacyFromFontName`: not keeping them
 * spares two font arrays and a map entry per row, alive as long as their batch.
 */
function legacyFont(name: string | undefined): string | null {
  if (!name) return null;
  let known = legacyFontNames.get(name);
  if (known === undefined) {
    known = legacyFromFontName(name) ? name : null;
    if (legacyFontNames.size < 1000) legacyFontNames.set(name, known);
  }
  return known;
}

async function* xlsxBatches(
  ws: AsyncIterable<ExcelJS.Row>,
  fonts: Map<number, Array<string | null>>,
  displayName: string,
  rows: { read: number },
): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  let batchCells = 0;
  try {
    for await (const row of ws) {
      const cells: CellValue[] = [];
      // Only legacy font names are kept: conversion looks at nothing else (see legacyFont).
      let rowFonts: Array<string | null> | null = null;
      let any = false;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const v = plainCellValue(cell.value);
        cells[col - 1] = v;
        if (v !== null) any = true;
        const fontName = legacyFont(cell.font?.name);
        if (fontName !== null) (rowFonts ??= [])[col - 1] = fontName;
      });
      if (!any) continue;
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      batch.push({ rowNumber: row.number, cells });
      batchCells += cells.length;
      if (rowFonts !== null)
        fonts.set(
          row.number,
          Array.from(rowFonts as Array<string | null>, (f) => f ?? null),
        );
      if (batch.length >= BATCH_ROWS || batchCells >= BATCH_CELLS) {
        rows.read += batch.length;
        yield batch;
        batch = [];
        batchCells = 0;
      }
    }
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw unreadable(displayName, e);
  }
  rows.read += batch.length;
  if (batch.length > 0) yield batch;
}

const requireCjs = createRequire(import.meta.url);
let utf8Patched = false;

/** Decodes a stream of UTF-8 bytes to text, a character cut between two chunks kept whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s !== '') yield s;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * exceljs 4's streaming reader decodes every inflated chunk of a part on its own
 * (utils/parse-sax.js), so a Vietnamese letter cut between two chunks became U+FFFD in cell
 * text, unit names and sheet names. Its WorkbookReader is given decoded text instead: the parts
 * it reads as streams get a UTF-8 string decoding, and worksheets a decoding iterator.
 */
function decodeUtf8AcrossChunks(): void {
  if (utf8Patched) return;
  utf8Patched = true;
  type Reader = Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  const proto = (requireCjs('exceljs/lib/stream/xlsx/workbook-reader.js') as { prototype: Reader }).prototype;
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = function (this: unknown, entry: unknown, ...rest: unknown[]) {
      (entry as { setEncoding?: (e: string) => void }).setEncoding?.('utf8');
      return original.call(this, entry, ...rest);
    };
  }
  const worksheet = proto._parseWorksheet;
  if (typeof worksheet === 'function') {
    proto._parseWorksheet = function (this: unknown, iterator: unknown, ...rest: unknown[]) {
      return worksheet.call(this, utf8Text(iterator as AsyncIterable<Buffer | string>), ...rest);
    };
  }
}

/** The extension-based kind of a file for streaming, or null when it must go through loadFile. */
export function streamKind(file: string): 'csv' | 'xlsx' | 'json' | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  return null;
}
