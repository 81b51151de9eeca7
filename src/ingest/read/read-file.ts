/**
 * Opens an input file whatever it is, or refuses it whole with one clear error: missing, a
 * folder, empty, an unsupported or disguised format, a password-protected workbook.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../../errors.js';
import { convertToXlsx } from './convert-legacy-format.js';
import { readCsvBuffer } from './read-csv.js';
import { readJsonBuffer } from './read-json.js';
import { readXlsx } from './read-xlsx.js';
import { prepareForStreaming } from './zip-central.js';
import { guardXlsx } from './zip-guard.js';
import type { SourceFile } from './source.js';

/** A file read from disk, with its identity. */
export interface LoadedFile {
  source: SourceFile;
  sha256: string;
  size: number;
  absolutePath: string;
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Refuses a missing path, a folder, anything that is not a regular file (a FIFO, a device such as
 * /dev/zero, a socket), a symbolic-link loop and an empty file; returns its size. Each refusal
 * says which of these it is (params.kind / params.reason).
 */
export function checkPath(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP')
      throw new AuditError(
        'INGEST_NOT_FOUND',
        `${file}: a loop of symbolic links, not a file`,
        { file },
        { reason: 'loop' },
        { cause: e },
      );
    if (code === 'EACCES' || code === 'EPERM')
      throw new AuditError(
        'INGEST_NOT_FOUND',
        `${file}: permission denied`,
        { file },
        { reason: 'permission' },
        { cause: e },
      );
    throw new AuditError('INGEST_NOT_FOUND', `${file}: file not found`, { file }, { reason: 'missing' }, { cause: e });
  }
  if (stat.isDirectory())
    throw new AuditError('INGEST_NOT_A_FILE', `${file}: is a folder, not a file`, { file }, { kind: 'folder' });
  if (!stat.isFile())
    throw new AuditError(
      'INGEST_NOT_A_FILE',
      `${file}: not a regular file (a pipe, a device or a socket)`,
      { file },
      { kind: 'special' },
    );
  if (stat.size === 0) throw new AuditError('INGEST_EMPTY', `${file}: the file is empty`, { file });
  return stat.size;
}

/** What a file named .xlsx that is no zip at all looks like, by its first bytes; null when unknown. */
function notZipKind(buf: Buffer): string | null {
  const head = buf
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('%pdf')) return 'pdf';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table')) return 'html';
  if (head.startsWith('<?xml')) return 'xml';
  if (head.startsWith('{\\rtf')) return 'rtf';
  // Printable text with separators: a CSV saved under the wrong name.
  const sample = buf.subarray(0, 512);
  if (sample.length > 0 && !sample.includes(0) && /[,;\t]/.test(head)) return 'text';
  return null;
}

/**
 * Checks an xlsx workbook's bytes before any reader inflates them; returns the compacted copy to
 * read instead when the zip guard made one (else null).
 */
export async function checkXlsxBytes(buf: Buffer, file: string): Promise<Buffer | null> {
  return (await guardXlsxBytes(buf, file)).compacted;
}

/** As checkXlsxBytes, with the rows holding cells in all sheets (the progress of a streamed read). */
async function guardXlsxBytes(buf: Buffer, file: string): Promise<{ compacted: Buffer | null; rows: number }> {
  if (buf.subarray(0, 8).equals(OLE2_MAGIC)) {
    // An OLE2 container named .xlsx is an encrypted (password-protected) workbook or an .xls.
    throw new AuditError(
      'INGEST_ENCRYPTED',
      `${file}: the workbook is password-protected or in the old .xls format; save it as .xlsx without a password`,
      { file },
    );
  }
  if (buf[0] !== 0x50 || buf[1] !== 0x4b) {
    const looksLike = notZipKind(buf);
    if (looksLike !== null)
      throw new AuditError(
        'INGEST_NOT_EXCEL',
        `${file}: not an Excel workbook: looks like ${looksLike}`,
        { file },
        { looksLike },
      );
    throw new AuditError(
      'INGEST_UNREADABLE',
      `${file}: not an .xlsx workbook (the content is something else)`,
      { file },
      { detail: 'not a zip' },
    );
  }
  // Sizes, zip-bomb ratio and sheet dimensions are checked before exceljs inflates anything;
  // a workbook bloated with empty formatted rows is read from its compacted copy.
  const guarded = await guardXlsx(buf, file);
  return {
    compacted: guarded.compacted ?? null,
    rows: guarded.sheets.reduce((n, sheet) => n + sheet.rows - sheet.emptyRows, 0),
  };
}

/**
 * An xlsx file checked for streaming: its hash (of the file as it is), its size, the rows holding
 * cells in its sheets (as the guard counted them: the progress of the read), and in
 * `compacted` the bytes the streaming reader must read instead of the file: the zip guard's
 * compacted copy when the sheets were bloated, always rearranged by `prepareForStreaming` so that
 * exceljs's streaming reader can neither drop a sheet nor read one before the workbook part.
 */
export async function checkXlsx(
  file: string,
): Promise<{ sha256: string; size: number; compacted: Buffer | null; rows: number }> {
  const size = checkPath(file);
  const buf = fs.readFileSync(file);
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const { compacted, rows } = await guardXlsxBytes(buf, file);
  return { sha256, size, compacted: prepareForStreaming(compacted ?? buf), rows };
}

/** Checks the path, hashes the content and reads it with the reader its extension and bytes call for. */
export async function loadFile(file: string): Promise<LoadedFile> {
  const size = checkPath(file);
  const buf = fs.readFileSync(file);
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const ext = path.extname(file).toLowerCase();
  const absolutePath = path.resolve(file);
  let source: SourceFile;
  if (ext === '.xlsx' || ext === '.xlsm') {
    source = await readXlsx(absolutePath, file, await checkXlsxBytes(buf, file));
  } else if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    source = readCsvBuffer(buf, file);
  } else if (ext === '.json') {
    source = readJsonBuffer(buf, file);
  } else if (ext === '.xls' || ext === '.ods') {
    const converted = convertToXlsx(absolutePath, file);
    try {
      // The converted workbook goes through the same zip guard as an .xlsx: a small .xls or .ods
      // can convert to a huge .xlsx (LibreOffice writes every formatted row it is given).
      source = await readXlsx(converted.xlsx, file, await checkXlsxBytes(fs.readFileSync(converted.xlsx), file));
    } finally {
      converted.cleanup();
    }
  } else {
    throw new AuditError(
      'INGEST_UNSUPPORTED',
      `${file}: unsupported file type "${ext || '(none)'}"; use .xlsx, .csv or .json`,
      { file },
      { ext },
    );
  }
  return { source, sha256, size, absolutePath };
}
