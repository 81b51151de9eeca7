/**
 * Checks an .xlsx before exceljs inflates it. exceljs (through JSZip) inflates every part whole
 * into memory and builds an object per row and cell, so a crafted or bloated workbook could
 * exhaust the machine. This guard reads the zip central directory itself and refuses, with
 * INGEST_TOO_LARGE, a workbook whose declared sizes exceed a cap, whose compression ratio is a
 * zip bomb's, whose parts inflate beyond what they declare, or whose sheets go past Excel's own
 * limits (1,048,576 rows, 16,384 columns) or a cell-count cap. It inflates each part once with a
 * counting stream that stops at the declared size, so memory stays bounded even when the
 * headers lie. Sheets bloated with formatted-but-empty rows and cells (a whole sheet formatted
 * down to row 1,048,576) are compacted: the empty elements are dropped and exceljs reads the
 * compacted copy, in memory proportional to the real content.
 */
import zlib from 'node:zlib';
import { AuditError } from '../errors.js';
import { SheetFormatError, SheetLimitError, SheetScanner, type SheetScan } from './sheet-scan.js';
import { readCentralDirectory, writeZipArchive, ZipFormatError, type ZipEntryInfo, type ZipOutEntry } from './zip-central.js';
import { SharedIndexScanner, SharedStringCounter } from './shared-string-check.js';

export type { SheetScan } from './sheet-scan.js';

/** Limits applied to one workbook. */
export interface XlsxLimits {
  /** Largest total uncompressed size of all parts, bytes (env MOTCUA_AUDIT_MAX_XLSX_BYTES; default 512 MiB). */
  maxBytes: number;
  /** Largest uncompressed:compressed ratio of a part of at least `ratioFloorBytes` (env MOTCUA_AUDIT_MAX_XLSX_RATIO; default 100). */
  maxRatio: number;
  /** Parts smaller than this are not ratio-checked (tiny parts compress absurdly well). Default 1 MiB. */
  ratioFloorBytes: number;
  /** Largest number of parts in the archive. Default 10,000. */
  maxEntries: number;
  /** Largest row number or row count of a sheet. Default 1,048,576 (Excel's limit). */
  maxRows: number;
  /** Largest column of a sheet. Default 16,384 (XFD, Excel's limit). */
  maxColumns: number;
  /** Largest number of cells holding a value, whole workbook (env MOTCUA_AUDIT_MAX_XLSX_CELLS; default 10,000,000). */
  maxCells: number;
  /** Compact sheets when they hold at least this many empty row and cell elements. Default 10,000. */
  compactMinEmpty: number;
  /**
   * …and when those are at least this share of their row and cell elements. Default 0.5: a sheet
   * bloated with formatted empty rows is compacted; an export whose blank cells are merely styled
   * is read as it is (compacting inflates, scans and deflates the sheet once more: at 500,000 rows,
   * 4 % of them blank, it cost as much as reading the workbook).
   */
  compactMinShare: number;
}

const MIB = 1 << 20;

/** Parses a positive number from the environment; a bad value is a configuration error. */
function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n <= 0) throw new AuditError('CONFIG_INVALID', `${name}: not a positive number: "${raw}"`, { hint: name }, { option: name, value: raw });
  return n;
}

/** The default limits, with the caps the environment overrides. */
export function xlsxLimits(env: NodeJS.ProcessEnv = process.env, overrides: Partial<XlsxLimits> = {}): XlsxLimits {
  return {
    maxBytes: envNumber(env, 'MOTCUA_AUDIT_MAX_XLSX_BYTES', 512 * MIB),
    maxRatio: envNumber(env, 'MOTCUA_AUDIT_MAX_XLSX_RATIO', 100),
    ratioFloorBytes: MIB,
    maxEntries: 10_000,
    maxRows: 1_048_576,
    maxColumns: 16_384,
    maxCells: envNumber(env, 'MOTCUA_AUDIT_MAX_XLSX_CELLS', 10_000_000),
    compactMinEmpty: 10_000,
    compactMinShare: 0.5,
    ...overrides,
  };
}

/** The outcome of a passed check. */
export interface XlsxInspection {
  entries: number;
  uncompressedBytes: number;
  sheets: SheetScan[];
  /** A compacted copy of the workbook for the reader, or null to read the file as it is. */
  compacted: Buffer | null;
}

/** Human-readable size, e.g. "512 MiB", "2.0 GiB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * MIB) return `${(n / (1024 * MIB)).toFixed(1)} GiB`;
  if (n >= MIB) return `${Math.round(n / MIB)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} B`;
}

type Reason = 'total-size' | 'entry-size' | 'ratio' | 'inflated-size' | 'entries' | 'rows' | 'columns' | 'cells';

const ENV_OF: Partial<Record<Reason, string>> = {
  'total-size': 'MOTCUA_AUDIT_MAX_XLSX_BYTES', 'entry-size': 'MOTCUA_AUDIT_MAX_XLSX_BYTES', ratio: 'MOTCUA_AUDIT_MAX_XLSX_RATIO', cells: 'MOTCUA_AUDIT_MAX_XLSX_CELLS',
};

function tooLarge(file: string, reason: Reason, detail: string): AuditError {
  const env = ENV_OF[reason];
  return new AuditError('INGEST_TOO_LARGE', `${file}: refused, over a safety limit: ${detail}`, { file, hint: env }, { reason, detail, ...(env ? { env } : {}) });
}

function unreadable(file: string, detail: string, cause?: unknown): AuditError {
  return new AuditError('INGEST_UNREADABLE', `${file}: not a readable .xlsx workbook (${detail})`, { file }, { detail }, { cause });
}

const IS_SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const IS_SHARED_STRINGS = /^xl\/sharedStrings\.xml$/i;

/** Inflates one part with a counting stream; rejects as soon as it passes `limit` bytes. */
function inflateCounting(data: Buffer, limit: number, onChunk: ((c: Buffer) => void) | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: MIB });
    let total = 0;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(e);
    };
    inflate.on('data', (c: Buffer) => {
      if (settled) return;
      total += c.length;
      if (total > limit) return fail(new RangeError('inflates beyond its declared size'));
      try {
        onChunk?.(c);
      } catch (e) {
        fail(e);
      }
    });
    inflate.on('error', fail);
    inflate.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(total);
    });
    inflate.end(data);
  });
}

/** Inflates one part, feeding `scanner`; maps every failure to the user-facing error. */
async function inflateChecked(buf: Buffer, e: ZipEntryInfo, file: string, scanner: { push(c: Buffer): void } | null): Promise<void> {
  const data = buf.subarray(e.dataStart, e.dataEnd);
  let size: number;
  try {
    if (e.method === 0) {
      size = data.length;
      scanner?.push(data);
    } else {
      size = await inflateCounting(data, e.size, scanner ? (c) => scanner.push(c) : null);
    }
  } catch (err) {
    if (err instanceof SheetLimitError) throw tooLarge(file, err.reason, err.detail);
    if (err instanceof SheetFormatError) throw unreadable(file, err.message, err);
    if (err instanceof RangeError) throw tooLarge(file, 'inflated-size', `${e.name}: > ${formatBytes(e.size)}`);
    throw unreadable(file, `zip: ${e.name}: ${String((err as Error).message ?? err)}`, err);
  }
  if (size !== e.size) throw unreadable(file, `zip: ${e.name}: ${size} bytes, ${e.size} declared`);
}

/**
 * Checks a workbook's bytes; throws AuditError INGEST_TOO_LARGE (over a limit), INGEST_ENCRYPTED
 * or INGEST_UNREADABLE (a broken archive), or returns what it saw and, for a bloated workbook,
 * a compacted copy to read instead.
 */
export async function guardXlsx(buf: Buffer, file: string, limits: XlsxLimits = xlsxLimits()): Promise<XlsxInspection> {
  let entries: ZipEntryInfo[];
  try {
    entries = readCentralDirectory(buf).entries;
  } catch (e) {
    if (e instanceof ZipFormatError) throw unreadable(file, `zip: ${e.message}`, e);
    throw e;
  }
  if (entries.length > limits.maxEntries) throw tooLarge(file, 'entries', `${entries.length} > ${limits.maxEntries}`);
  // Two parts of one name: a reader would take either (or both, as two sheets); refused whole.
  const names = new Set<string>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (names.has(key)) throw unreadable(file, `zip: two parts named ${e.name}`);
    names.add(key);
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw new AuditError('INGEST_ENCRYPTED', `${file}: the workbook is password-protected`, { file });
    if (e.method !== 0 && e.method !== 8) throw unreadable(file, `zip: ${e.name}: compression method ${e.method}`);
    if (e.size > limits.maxBytes) throw tooLarge(file, 'entry-size', `${e.name}: ${formatBytes(e.size)} > ${formatBytes(limits.maxBytes)}`);
    total += e.size;
    if (total > limits.maxBytes) throw tooLarge(file, 'total-size', `${formatBytes(total)}+ > ${formatBytes(limits.maxBytes)}`);
    if (e.size >= limits.ratioFloorBytes && e.size > Math.max(e.compressedSize, 1) * limits.maxRatio) {
      throw tooLarge(file, 'ratio', `${e.name}: ${Math.round(e.size / Math.max(e.compressedSize, 1))}:1 > ${limits.maxRatio}:1`);
    }
  }

  // Inflate every part once, counting (headers may lie), and scan the sheets as they stream by.
  const counter = { n: 0 };
  const sheets: SheetScan[] = [];
  // Shared strings counted, and the indexes the sheets' cells point at collected, as they inflate.
  const strings = new SharedStringCounter();
  const indexes: SharedIndexScanner[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const scanner = IS_SHEET.test(e.name) ? new SheetScanner(e.name, limits, counter) : null;
    const index = scanner ? new SharedIndexScanner(e.name) : null;
    if (index) indexes.push(index);
    const sink = scanner && index ? { push: (c: Buffer) => (scanner.push(c), index.push(c)) } : IS_SHARED_STRINGS.test(e.name) ? strings : null;
    await inflateChecked(buf, e, file, sink);
    if (scanner) {
      scanner.end();
      sheets.push(scanner.scan);
    }
  }
  for (const ix of indexes) {
    if (ix.bad) throw unreadable(file, `${ix.bad.entry}: cell ${ix.bad.cell}: shared string index "${ix.bad.value}" is not a whole number`);
    if (ix.max >= strings.count) throw unreadable(file, `${ix.entry}: a cell points at shared string ${ix.max}, the workbook has ${strings.count}`);
  }

  // A workbook bloated with empty formatted rows and cells is handed to the reader compacted.
  // Dropping an element is only safe when every element names its place: an unreferenced row or
  // cell takes the place after the previous one, which dropping would shift.
  const bloated = sheets.filter((sc) => sc.emptyRows + sc.emptyCells > 0 && sc.unreferenced === 0);
  let compacted: Buffer | null = null;
  const empty = bloated.reduce((a, sc) => a + sc.emptyRows + sc.emptyCells, 0);
  const elements = bloated.reduce((a, sc) => a + sc.rows + sc.cells, 0);
  if (empty >= limits.compactMinEmpty && empty >= elements * limits.compactMinShare && buf.length < 0xffffffff) {
    const parts = new Map<string, Buffer>();
    for (const sc of bloated) {
      const e = entries.find((x) => x.name === sc.entry)!;
      const scanner = new SheetScanner(e.name, { ...limits, maxCells: Number.POSITIVE_INFINITY }, { n: 0 }, true);
      await inflateChecked(buf, e, file, scanner);
      parts.set(e.name, scanner.end());
    }
    const out: ZipOutEntry[] = entries
      .filter((e) => !e.name.endsWith('/'))
      .map((e) => {
        const part = parts.get(e.name);
        return part ? { name: e.name, content: part } : { name: e.name, raw: { method: e.method, crc: e.crc, size: e.size, data: buf.subarray(e.dataStart, e.dataEnd) } };
      });
    compacted = writeZipArchive(out);
  }
  return { entries: entries.length, uncompressedBytes: total, sheets, compacted };
}
