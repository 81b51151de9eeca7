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
import { AuditError } from '../../errors.js';
import { SharedStringScan, SheetFormatError, SheetLimitError, SheetScanner, type SheetScan } from './sheet-scan.js';
import {
  readCentralDirectory,
  writeZipArchive,
  ZipFormatError,
  type ZipEntryInfo,
  type ZipOutEntry,
} from './zip-central.js';
import { SharedIndexScanner, SharedStringCounter } from './shared-string-check.js';

export type { SheetScan } from './sheet-scan.js';

/** Limits applied to one workbook. */
export interface XlsxLimits {
  /** Largest total uncompressed size of all parts, bytes (env MOTCUA_AUDIT_MAX_XLSX_BYTES; default 512 MiB). */
  maxBytes: number;
  /**
   * Largest uncompressed:compressed ratio of a part of at least `ratioFloorBytes` (env MOTCUA_AUDIT_MAX_XLSX_RATIO;
   * default 100).
   */
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
  /**
   * Largest cell, as bytes of its XML in the sheet (between `<c …>` and `</c>`) or of its shared
   * string (env MOTCUA_AUDIT_MAX_XLSX_CELL_BYTES; default 4 MiB: a million Vietnamese characters
   * pass). Excel's own cell holds at most 32,767 characters (under 100 KiB); exceljs holds a
   * cell's text whole, several times over.
   */
  maxCellBytes: number;
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
  if (!Number.isFinite(n) || n <= 0)
    throw new AuditError(
      'CONFIG_INVALID',
      `${name}: not a positive number: "${raw}"`,
      { hint: name },
      { option: name, value: raw },
    );
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
    maxCellBytes: envNumber(env, 'MOTCUA_AUDIT_MAX_XLSX_CELL_BYTES', 4 * MIB),
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

type Reason =
  | 'total-size'
  | 'entry-size'
  | 'ratio'
  | 'inflated-size'
  | 'entries'
  | 'rows'
  | 'columns'
  | 'cells'
  | 'cell';

const ENV_OF: Partial<Record<Reason, string>> = {
  'total-size': 'MOTCUA_AUDIT_MAX_XLSX_BYTES',
  'entry-size': 'MOTCUA_AUDIT_MAX_XLSX_BYTES',
  ratio: 'MOTCUA_AUDIT_MAX_XLSX_RATIO',
  cells: 'MOTCUA_AUDIT_MAX_XLSX_CELLS',
  cell: 'MOTCUA_AUDIT_MAX_XLSX_CELL_BYTES',
};

function tooLarge(
  file: string,
  reason: Reason,
  detail: string,
  where: { sheet?: string; row?: number; column?: string } = {},
): AuditError {
  const env = ENV_OF[reason];
  return new AuditError(
    'INGEST_TOO_LARGE',
    `${file}: refused, over a safety limit: ${detail}`,
    { file, ...where, hint: env },
    { reason, detail, ...(env ? { env } : {}) },
  );
}

/** A cell over the cap, named by its sheet (as the workbook names it), row and column. */
function cellTooLarge(
  file: string,
  buf: Buffer,
  entries: ZipEntryInfo[],
  part: string,
  ref: string | undefined,
  bytes: number,
  limit: number,
): AuditError {
  const m = /^([A-Z]+)(\d+)$/.exec(ref ?? '');
  const sheet = sheetNames(buf, entries).get(part.toLowerCase()) ?? part;
  return tooLarge(file, 'cell', `${ref ? `${ref}: ` : ''}${formatBytes(bytes)}+ > ${formatBytes(limit)}`, {
    sheet,
    ...(m ? { row: Number(m[2]), column: m[1] } : {}),
  });
}

const unescapeXml = (v: string): string =>
  v.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'quot'
          ? '"'
          : e === 'apos'
            ? "'"
            : e === 'amp'
              ? '&'
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/** Sheet part (lower case) → the sheet's name, from xl/workbook.xml and its relationships (failure paths only). */
function sheetNames(buf: Buffer, entries: ZipEntryInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  const part = (name: string): string => {
    const e = entries.find((x) => x.name === name);
    if (!e || e.size > 16 * MIB) return '';
    const data = buf.subarray(e.dataStart, e.dataEnd);
    try {
      return (e.method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: 16 * MIB }) : data).toString('utf8');
    } catch {
      return '';
    }
  };
  const targets = new Map<string, string>();
  for (const m of part('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const m of part('xl/workbook.xml').matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\b[\w.-]+:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) out.set(target.toLowerCase(), unescapeXml(name));
  }
  return out;
}

/** The first cell of the sheets holding shared string `index` (failure path: the sheets are inflated once more). */
async function cellOfSharedString(
  buf: Buffer,
  entries: ZipEntryInfo[],
  index: number,
): Promise<{ part: string; ref: string } | null> {
  const re = new RegExp(`<(?:[\\w.-]+:)?c\\s([^>]*)>\\s*<(?:[\\w.-]+:)?v>\\s*${index}\\s*</`, 'g');
  for (const e of entries) {
    if (!IS_SHEET.test(e.name)) continue;
    let carry = '';
    let found: string | null = null;
    try {
      await inflateCounting(buf.subarray(e.dataStart, e.dataEnd), e.size, (c) => {
        if (found !== null) return;
        const s = carry + c.toString('latin1');
        re.lastIndex = 0;
        for (let m = re.exec(s); m; m = re.exec(s)) {
          if (/\bt="s"/.test(m[1]!)) {
            found = /\br="([A-Z]+\d+)"/.exec(m[1]!)?.[1] ?? '';
            return;
          }
        }
        carry = s.slice(-512);
      });
    } catch {
      continue;
    }
    if (found !== null) return { part: e.name, ref: found };
  }
  return null;
}

function unreadable(file: string, detail: string, cause?: unknown): AuditError {
  return new AuditError(
    'INGEST_UNREADABLE',
    `${file}: not a readable .xlsx workbook (${detail})`,
    { file },
    { detail },
    { cause },
  );
}

/** A part whose XML stops before the end of its root element: the workbook was cut short. */
function truncated(file: string, part: string): AuditError {
  return new AuditError(
    'INGEST_UNREADABLE',
    `${file}: not a readable .xlsx workbook (${part}: the XML stops before its end; the file was cut short)`,
    { file },
    { reason: 'xml-truncated', part },
  );
}

/** The XML parts whose end is checked: those the readers read (the workbook's, relationships, content types). */
const IS_XML = /^(?:xl\/.*\.(?:xml|rels)|_rels\/\.rels|\[Content_Types\]\.xml)$/i;

/**
 * Checks that an XML part is whole: its root element is closed at the end of the part (only
 * white space after it). A sheet or the shared strings cut short (a copy interrupted, a file
 * re-zipped after a partial download) is otherwise read by exceljs's forgiving parser up to the
 * cut, and the workbook would import part of its rows. Keeps the first 4 KiB (to find the root
 * element's name) and the last 1 KiB; memory does not grow with the part.
 */
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export class XmlEndCheck {
  private head = '';
  private tail: Buffer = Buffer.alloc(0);
  private total = 0;

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.head.length < 4096)
      this.head += chunk.toString('latin1', 0, Math.min(chunk.length, 4096 - this.head.length));
    this.tail =
      chunk.length >= 1024
        ? Buffer.from(chunk.subarray(chunk.length - 1024))
        : Buffer.concat([this.tail, chunk]).subarray(-1024);
  }

  /** True when the part ends its root element (or cannot be judged: UTF-16, a root not found in the head). */
  whole(): boolean {
    if (this.total === 0) return false;
    let h = this.head;
    if (h.startsWith('\xef\xbb\xbf')) h = h.slice(3);
    if (h.startsWith('\xff\xfe') || h.startsWith('\xfe\xff')) return true;
    // Skip the prolog: white space, <?…?>, comments, a doctype.
    let i = 0;
    for (;;) {
      while (i < h.length && WS.has(h.charCodeAt(i))) i++;
      if (h.startsWith('<?', i)) {
        const e = h.indexOf('?>', i);
        if (e < 0) return this.total > this.head.length;
        i = e + 2;
      } else if (h.startsWith('<!--', i)) {
        const e = h.indexOf('-->', i);
        if (e < 0) return this.total > this.head.length;
        i = e + 3;
      } else if (h.startsWith('<!', i)) {
        const e = h.indexOf('>', i);
        if (e < 0) return this.total > this.head.length;
        i = e + 1;
      } else break;
    }
    const m = /^<([A-Za-z_][\w.:-]*)/.exec(h.slice(i, i + 300));
    if (!m) return i >= h.length && this.total > this.head.length;
    const root = m[1]!;
    const tail = this.tail.toString('latin1').replace(/[ \t\r\n]+$/, '');
    const close = tail.lastIndexOf('</');
    if (close >= 0 && new RegExp(`^</${root.replace(/[.]/g, '\\.')}\\s*>$`).test(tail.slice(close))) return true;
    // A root element that is empty (<root …/>) and the whole part.
    const startEnd = h.indexOf('>', i);
    return (
      startEnd > 0 &&
      h[startEnd - 1] === '/' &&
      this.total <= this.head.length &&
      /^[ \t\r\n]*$/.test(h.slice(startEnd + 1))
    );
  }
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
async function inflateChecked(
  buf: Buffer,
  entries: ZipEntryInfo[],
  e: ZipEntryInfo,
  file: string,
  scanner: { push(c: Buffer): void } | null,
  limits: XlsxLimits,
  strings: SharedStringScan | null = null,
): Promise<void> {
  const data = buf.subarray(e.dataStart, e.dataEnd);
  const xml = IS_XML.test(e.name) ? new XmlEndCheck() : null;
  const feed = (c: Buffer): void => {
    xml?.push(c);
    scanner?.push(c);
    strings?.push(c);
  };
  let size: number;
  try {
    if (e.method === 0) {
      size = data.length;
      feed(data);
    } else {
      size = await inflateCounting(data, e.size, xml || scanner ? feed : null);
    }
  } catch (err) {
    if (err instanceof SheetLimitError && err.reason === 'cell')
      throw cellTooLarge(file, buf, entries, e.name, err.cell, err.bytes, limits.maxCellBytes);
    if (err instanceof SheetLimitError) throw tooLarge(file, err.reason, err.detail);
    if (err instanceof SheetFormatError) throw unreadable(file, err.message, err);
    if (err instanceof RangeError) throw tooLarge(file, 'inflated-size', `${e.name}: > ${formatBytes(e.size)}`);
    throw unreadable(file, `zip: ${e.name}: ${String((err as Error).message ?? err)}`, err);
  }
  if (size !== e.size) throw unreadable(file, `zip: ${e.name}: ${size} bytes, ${e.size} declared`);
  if (xml && !xml.whole()) throw truncated(file, e.name);
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
  if (!entries.some((e) => /^xl\/workbook\.xml$/i.test(e.name))) {
    // A zip without a workbook: a Word or PowerPoint file (or another archive) renamed .xlsx.
    const has = (re: RegExp) => entries.some((e) => re.test(e.name));
    const looksLike = has(/^word\//i)
      ? 'word'
      : has(/^ppt\//i)
        ? 'powerpoint'
        : has(/^content\.xml$/i)
          ? 'opendocument'
          : 'zip';
    throw new AuditError(
      'INGEST_NOT_EXCEL',
      `${file}: not an Excel workbook: looks like ${looksLike}`,
      { file },
      { looksLike },
    );
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
    if (e.size > limits.maxBytes)
      throw tooLarge(file, 'entry-size', `${e.name}: ${formatBytes(e.size)} > ${formatBytes(limits.maxBytes)}`);
    total += e.size;
    if (total > limits.maxBytes)
      throw tooLarge(file, 'total-size', `${formatBytes(total)}+ > ${formatBytes(limits.maxBytes)}`);
    if (e.size >= limits.ratioFloorBytes && e.size > Math.max(e.compressedSize, 1) * limits.maxRatio) {
      throw tooLarge(
        file,
        'ratio',
        `${e.name}: ${Math.round(e.size / Math.max(e.compressedSize, 1))}:1 > ${limits.maxRatio}:1`,
      );
    }
  }

  // Inflate every part once, counting (headers may lie), and scan the sheets as they stream by.
  const counter = { n: 0 };
  const sheets: SheetScan[] = [];
  let bigString: { index: number; bytes: number } | null = null;
  // Shared strings counted, and the indexes the sheets' cells point at collected, as they inflate.
  const stringCount = new SharedStringCounter();
  const indexes: SharedIndexScanner[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const scanner = IS_SHEET.test(e.name) ? new SheetScanner(e.name, limits, counter) : null;
    const index = scanner ? new SharedIndexScanner(e.name) : null;
    if (index) indexes.push(index);
    const isStrings = IS_SHARED_STRINGS.test(e.name);
    const strings = isStrings ? new SharedStringScan(limits.maxCellBytes) : null;
    const sink =
      scanner && index
        ? {
            push: (c: Buffer) => {
              scanner.push(c);
              index.push(c);
            },
          }
        : isStrings
          ? stringCount
          : null;
    await inflateChecked(buf, entries, e, file, sink, limits, strings);
    if (scanner) {
      scanner.end();
      sheets.push(scanner.scan);
    }
    if (strings?.tooLong) bigString = strings.tooLong;
  }
  // A shared string over the cap: refused, named by the first cell showing it.
  if (bigString) {
    const at = await cellOfSharedString(buf, entries, bigString.index);
    if (at) throw cellTooLarge(file, buf, entries, at.part, at.ref, bigString.bytes, limits.maxCellBytes);
    throw tooLarge(
      file,
      'cell',
      `xl/sharedStrings.xml #${bigString.index}: ${formatBytes(bigString.bytes)}+ ` +
        `> ${formatBytes(limits.maxCellBytes)}`,
    );
  }
  for (const ix of indexes) {
    if (ix.bad)
      throw unreadable(
        file,
        `${ix.bad.entry}: cell ${ix.bad.cell}: shared string index "${ix.bad.value}" is not a whole number`,
      );
    if (ix.max >= stringCount.count)
      throw unreadable(
        file,
        `${ix.entry}: a cell points at shared string ${ix.max}, the workbook has ${stringCount.count}`,
      );
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
      const scanner = new SheetScanner(
        e.name,
        { ...limits, maxCells: Number.POSITIVE_INFINITY, maxCellBytes: undefined },
        { n: 0 },
        true,
      );
      await inflateChecked(buf, entries, e, file, scanner, limits);
      parts.set(e.name, scanner.end());
    }
    const out: ZipOutEntry[] = entries
      .filter((e) => !e.name.endsWith('/'))
      .map((e) => {
        const part = parts.get(e.name);
        return part
          ? { name: e.name, content: part }
          : {
              name: e.name,
              raw: { method: e.method, crc: e.crc, size: e.size, data: buf.subarray(e.dataStart, e.dataEnd) },
            };
      });
    compacted = writeZipArchive(out);
  }
  return { entries: entries.length, uncompressedBytes: total, sheets, compacted };
}
