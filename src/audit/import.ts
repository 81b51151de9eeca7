/**
 * Imports one file into the database in one transaction: all of it or nothing. The same
 * content (SHA-256) imported again changes nothing; a paper register imported again under the
 * same unit and file name with new content replaces its earlier version.
 */
import path from 'node:path';
import { AuditError, isAuditError } from '../errors.js';
import { detectHeader, HEADER_SEARCH_ROWS, type HeaderMatch } from '../ingest/interpret/detect-header.js';
import { classifyRow, extractRow, titleLines } from '../ingest/interpret/extract.js';
import { DEFAULT_HEADER_RULES, type HeaderRule } from '../ingest/interpret/header-synonyms.js';
import { fillMergedGroupHeaders } from '../ingest/interpret/merged-header.js';
import { headerFromProfile, type Profile } from '../ingest/interpret/profile.js';
import { markDataChanged } from '../store/match-store.js';
import { checkXlsx, LegacyCounter, streamFromLoaded } from '../ingest/read/stream-helpers.js';
import { checkPath, loadFile } from '../ingest/read/read-file.js';
import {
  hashFile,
  openCsvStream,
  openXlsxStream,
  streamKind,
  type StreamSource,
} from '../ingest/read/stream-source.js';
import { readOnThread, startReader, threadedSource, type ReadThreadSetting } from '../ingest/read/read-thread.js';
import { kindEvidence, kindSigns, wrongKind, type KindEvidence } from '../ingest/interpret/kind-check.js';
import { findExportDate } from '../ingest/interpret/title-block.js';
import { openJsonStream } from '../ingest/read/read-json.js';
import { monthOf } from '../normalize/dates.js';
import { foldText } from '../normalize/text.js';
import type { Field, RawRow, SourceKind } from '../types.js';
import type { StatusTable } from '../normalize/status.js';
import type { Db } from '../store/db.js';
import {
  findImportOfContent,
  ImportWriter,
  inImportTransaction,
  optimizeAfterLoad,
  type ImportedFileInfo,
} from '../store/import-writer.js';
import { ProgressMeter, type ImportProgress } from './import-progress.js';
import type { SheetReport, ImportResult } from '../core/import-records.js';
export type { ImportResult } from '../core/import-records.js';
export { loadProfile } from '../ingest/interpret/profile.js';
export { readThreadSetting } from '../ingest/read/read-thread.js';

/** Options of one file import, fully defaulted by the caller. */
export interface ImportOptions {
  kind: SourceKind;
  /** Path as the user gave it (stored and shown). */
  file: string;
  /** Paper: the unit whose register this is (a unit column in the file wins per row). */
  unit?: string | null;
  /** Import only this sheet. */
  sheet?: string | null;
  /** System: the date the export's state is valid for (ISO). */
  asOf?: string | null;
  headerRules?: readonly HeaderRule[];
  /** An explicit column mapping, for registers nothing detects. */
  profile?: Profile | null;
  now?: () => Date;
  /** Where the file is read: on a worker thread when large (auto), always or never. */
  readThread?: ReadThreadSetting;
  /** Status labels known at import (built-in when absent): a status no table knows is a `status_unknown` finding. */
  statusTable?: StatusTable;
  /** Called as rows stream in (about every batch) and once at the end; the CLI draws a progress bar. */
  onProgress?: (event: ImportProgress) => void;
  /** Import even when the file looks like the other kind (an export given as a register, or the reverse). */
  force?: boolean;
  /** Paper: create units not in the official list instead of refusing them. */
  newUnit?: boolean;
}

const REQUIRED: Record<SourceKind, { all: Field[]; anyOf: Field[] }> = {
  paper: { all: ['receivedDate'], anyOf: ['code', 'applicant'] },
  system: { all: ['code'], anyOf: [] },
};

function missingFields(kind: SourceKind, header: HeaderMatch): Field[] {
  const req = REQUIRED[kind];
  const missing = req.all.filter((f) => header.columns[f] === undefined);
  if (req.anyOf.length > 0 && req.anyOf.every((f) => header.columns[f] === undefined)) missing.push(...req.anyOf);
  return missing;
}

/** True when a sheet is one the user asked for (or no sheet was asked for). */
function wantedSheet(name: string | null, wanted: readonly string[] | null): boolean {
  if (wanted === null || name === null) return true;
  const key = foldText(name);
  return wanted.some((w) => name === w || foldText(w) === key);
}

/** Reads the first rows of a sheet, enough to find its header (and a profile's header row). */
async function readHead(it: AsyncIterator<RawRow[]>, until: number): Promise<{ head: RawRow[]; done: boolean }> {
  const head: RawRow[] = [];
  while (head.length === 0 || head[head.length - 1]!.rowNumber <= until) {
    const n = await it.next();
    if (n.done) return { head, done: true };
    head.push(...n.value);
  }
  return { head, done: false };
}

async function drain(it: AsyncIterator<RawRow[]>): Promise<void> {
  for (let n = await it.next(); !n.done; n = await it.next());
}

/** Opens a file for streaming: checks the path, hashes it, picks the reader. */
async function openForImport(
  file: string,
  thread: ReadThreadSetting,
): Promise<{ source: StreamSource; sha256: string; size: number }> {
  const kind = streamKind(file);
  if (kind === 'json') {
    // Parsed as it streams, on this thread (records are few fields each; no reader thread pays off).
    const size = checkPath(file);
    const { sha256, validUtf8 } = await hashFile(file, true);
    return { source: openJsonStream(file, file, validUtf8), sha256, size };
  }
  if (kind === 'csv') {
    const size = checkPath(file);
    // A large file's reader thread starts now and loads its readers while the file is hashed.
    const reader = readOnThread(size, thread) ? startReader('csv') : null;
    try {
      const { sha256, validUtf8 } = await hashFile(file, true);
      // Sniffed here (encoding, separator, not binary), read on the worker thread when large.
      const source = await openCsvStream(file, file, validUtf8);
      if (reader === null) return { source, sha256, size };
      return {
        source: threadedSource({ format: 'csv', file, displayName: file, validUtf8 }, source, reader),
        sha256,
        size,
      };
    } catch (e) {
      await reader?.stop();
      throw e;
    }
  }
  if (kind === 'xlsx') {
    // As for CSV: the reader thread (and exceljs in it) starts while the zip guard checks the bytes.
    const reader = readOnThread(checkPath(file), thread) ? startReader('xlsx') : null;
    try {
      // The workbook's bytes are checked by the zip guard (sizes, ratio, dimensions) before streaming.
      const checked = await checkXlsx(file);
      const resolved = path.resolve(file);
      const { sha256, size } = checked;
      if (reader === null)
        return { source: openXlsxStream(resolved, file, checked.compacted, checked.rows), sha256, size };
      const spec = {
        format: 'xlsx',
        file: resolved,
        displayName: file,
        data: checked.compacted ?? null,
        rows: checked.rows,
      } as const;
      return { source: threadedSource(spec, { format: 'xlsx', encoding: 'xlsx' }, reader), sha256, size };
    } catch (e) {
      await reader?.stop();
      throw e;
    }
  }
  // .xls/.ods (converted) and refusals: the whole-file reader.
  const loaded = await loadFile(file);
  return { source: streamFromLoaded(loaded.source), sha256: loaded.sha256, size: loaded.size };
}

/** Imports one file. Throws AuditError when the file cannot be read; the database is then unchanged. */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  const now = options.now ?? (() => new Date());
  const rules = options.headerRules ?? DEFAULT_HEADER_RULES;
  const file = options.file;
  const opened = await openForImport(file, options.readThread ?? 'auto');
  try {
    return await importOpened(db, options, rules, opened, now);
  } finally {
    // A reader thread started ahead is stopped even when the file is found unchanged or refused before its rows.
    await opened.source.close?.();
  }
}

async function importOpened(
  db: Db,
  options: ImportOptions,
  rules: readonly HeaderRule[],
  opened: { source: StreamSource; sha256: string; size: number },
  now: () => Date,
): Promise<ImportResult> {
  const file = options.file;
  const source = opened.source;
  const baseName = path.basename(file);
  const result: ImportResult = {
    file,
    kind: options.kind,
    outcome: 'imported',
    importId: 0,
    supersededBy: null,
    replacedImportId: null,
    sha256: opened.sha256,
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter ?? null,
    unit: null,
    sheets: [],
    rowsRead: 0,
    rowsImported: 0,
    rowsSkipped: 0,
    issues: {},
    asOf: null,
    asOfSource: null,
    coverage: null,
    unitsCreated: [],
    warnings: [],
  };
  // The same content again changes nothing, even an older version already replaced by a newer one.
  const same = findImportOfContent(db, options.kind, opened.sha256);
  if (same) {
    return { ...result, outcome: 'unchanged', importId: same.id, supersededBy: same.replacedBy };
  }

  // One transaction around the whole streamed read: a file unreadable half-way leaves nothing.
  await inImportTransaction(db, file, () =>
    streamInto(db, options, rules, source, result, { sha256: opened.sha256, size: opened.size, baseName }, now),
  );
  optimizeAfterLoad(db);
  return result;
}

async function streamInto(
  db: Db,
  options: ImportOptions,
  rules: readonly HeaderRule[],
  source: StreamSource,
  result: ImportResult,
  info: ImportedFileInfo,
  now: () => Date,
): Promise<void> {
  const file = options.file;
  const writer = new ImportWriter(db, options, result, info, now);
  const progress = new ProgressMeter(options, source, info.size);
  let title: string[] = [];
  let missingReport: { found: string[]; missing: Field[]; sheet: string | null } | null = null;
  const wanted = options.sheet ? [options.sheet] : (options.profile?.sheets ?? null);
  const names: Array<string | null> = [];
  let latest: string | null = null;
  let firstMonth: string | null = null;
  let lastMonth: string | null = null;

  for await (const sheet of source.sheets) {
    names.push(sheet.name);
    const it = sheet.batches[Symbol.asyncIterator]();
    if (!wantedSheet(sheet.name, wanted)) {
      await drain(it);
      continue;
    }
    const report: SheetReport = { sheet: sheet.name, headerRow: null, imported: 0, skipped: {} };
    result.sheets.push(report);
    const until = Math.max(HEADER_SEARCH_ROWS, options.profile?.headerRow ?? 0) + 1;
    const { head } = await readHead(it, until);
    if (head.length === 0) {
      report.ignored = 'empty';
      continue;
    }
    const legacy = new LegacyCounter(sheet);
    legacy.convert(head);
    // Merged header cells arrive empty but for their first cell from the streamed xlsx and from CSV alike.
    const searched = source.format !== 'json' ? fillMergedGroupHeaders(head) : head;
    const header = options.profile
      ? headerFromProfile(searched, options.profile, rules)
      : detectHeader(searched, rules);
    if (!header) {
      report.ignored = 'no-header';
      await drain(it);
      continue;
    }
    const missing = missingFields(options.kind, header);
    if (missing.length > 0) {
      report.ignored = 'missing-columns';
      missingReport ??= { found: header.labels.filter((l) => l !== ''), missing, sheet: sheet.name };
      await drain(it);
      continue;
    }
    report.headerRow = header.headerRows[header.headerRows.length - 1]!;
    if (!writer.started) {
      title = titleLines(head, header);
      if (!options.force) refuseWrongKind(options.kind, file, sheet.name, kindEvidence(head, header, title));
      if (options.kind === 'system') setAsOfBeforeRows(options, result, title);
      writer.begin(title);
    }
    const extractOptions = { date1904: source.date1904, countGaps: source.format === 'xlsx' };
    let previous = head[header.lastHeaderIndex]!.rowNumber;
    const take = (rows: readonly RawRow[], from: number) => {
      for (let i = from; i < rows.length; i++) {
        const row = rows[i]!;
        const gap = row.rowNumber - previous - 1;
        previous = row.rowNumber;
        if (extractOptions.countGaps && gap > 0) report.skipped.blank = (report.skipped.blank ?? 0) + gap;
        const reason = classifyRow(row, header);
        if (reason) {
          report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
          continue;
        }
        const r = extractRow(row, sheet.name, header, extractOptions);
        report.imported++;
        if (r.receivedDate !== null && (latest === null || r.receivedDate > latest)) latest = r.receivedDate;
        if (r.resultDate !== null && (latest === null || r.resultDate > latest)) latest = r.resultDate;
        if (r.returnedDate !== null && (latest === null || r.returnedDate > latest)) latest = r.returnedDate;
        if (r.receivedDate !== null) {
          if (firstMonth === null || r.receivedDate < firstMonth) firstMonth = r.receivedDate;
          if (lastMonth === null || r.receivedDate > lastMonth) lastMonth = r.receivedDate;
        }
        writer.write(r);
      }
      progress.rows(rows.length - from);
    };
    take(head, header.lastHeaderIndex + 1);
    for (let n = await it.next(); !n.done; n = await it.next()) {
      legacy.convert(n.value);
      take(n.value, 0);
    }
    if (legacy.total) report.legacy = legacy.total;
  }
  if (wanted && names.length > 0 && !(names.length === 1 && names[0] === null)) {
    for (const w of wanted) {
      if (!names.some((n) => wantedSheet(n, [w]))) {
        throw new AuditError(
          'INGEST_SHEET_NOT_FOUND',
          `${file}: no sheet named "${w}" (sheets: ${names.join(', ')})`,
          { file, sheet: w },
          { sheets: names },
        );
      }
    }
  }
  const usable = result.sheets.filter((s) => s.headerRow !== null);
  if (usable.length === 0) {
    if (missingReport) {
      throw new AuditError(
        'INGEST_MISSING_COLUMNS',
        `${file}: required columns missing: ${missingReport.missing.join(', ')} ` +
          `(found: ${missingReport.found.join(' | ')})`,
        { file, sheet: missingReport.sheet, hint: 'motcua-audit inspect FILE; --profile FILE' },
        { missing: missingReport.missing, found: missingReport.found },
      );
    }
    if (result.sheets.every((s) => s.ignored === 'empty'))
      throw new AuditError('INGEST_EMPTY', `${file}: no rows in the file`, { file });
    throw new AuditError('INGEST_NO_HEADER', `${file}: no header row with known column names in the first 30 rows`, {
      file,
      hint: 'motcua-audit inspect FILE; --profile FILE',
    });
  }
  for (const s of result.sheets) {
    result.rowsSkipped += Object.values(s.skipped).reduce((a, b) => a + (b ?? 0), 0);
    result.rowsImported += s.imported;
  }
  result.rowsRead = result.rowsImported + result.rowsSkipped;
  result.rowsImported -= writer.codeless;
  if (options.kind === 'system' && result.asOf === null) {
    if (!latest)
      throw new AuditError(
        'IMPORT_AS_OF_REQUIRED',
        `${file}: cannot tell the date of this export; give it with --as-of DATE`,
        { file, hint: '--as-of DD/MM/YYYY' },
      );
    result.asOf = latest;
    result.asOfSource = 'latest-date';
    result.warnings.push({ code: 'AS_OF_FROM_DATA', params: { asOf: latest } });
  }
  if (firstMonth !== null && lastMonth !== null)
    result.coverage = { from: monthOf(firstMonth), to: monthOf(lastMonth) };
  writer.finish(title);
  markDataChanged(db);
  progress.done();
}

/** As-of of a system snapshot known before any row: the option, else the title block's export date. */
function setAsOfBeforeRows(options: ImportOptions, result: ImportResult, title: string[]): void {
  if (options.asOf) {
    result.asOf = options.asOf;
    result.asOfSource = 'option';
    return;
  }
  const fromTitle = findExportDate(title);
  if (fromTitle) {
    result.asOf = fromTitle;
    result.asOfSource = 'title';
  }
}

/** Refuses a file that looks like the other kind (exit 3), naming what it looks like and the right command. */
function refuseWrongKind(kind: SourceKind, file: string, sheet: string | null, e: KindEvidence): void {
  const looksLike = wrongKind(kind, e);
  if (looksLike === null) return;
  throw new AuditError(
    'INGEST_WRONG_KIND',
    `${file}: looks like a ` +
      (looksLike === 'system' ? 'system export' : 'paper register') +
      `, not a ` +
      (kind === 'system' ? 'system export' : 'paper register') +
      `; use "motcua-audit import ${looksLike}" (or --force)`,
    { file, sheet },
    { kind, looksLike, signs: kindSigns(looksLike, e) },
  );
}

/** The outcome of importing several files: what was imported and what was refused. */
export interface ImportBatchResult {
  results: ImportResult[];
  failures: Array<{ file: string; error: AuditError }>;
}

/**
 * Imports each file in its own transaction. A file that cannot be read is refused whole and
 * the others still import; the caller decides the exit code from `failures`.
 */
export async function importFiles(
  db: Db,
  files: readonly string[],
  options: Omit<ImportOptions, 'file'>,
): Promise<ImportBatchResult> {
  const out: ImportBatchResult = { results: [], failures: [] };
  for (const file of files) {
    try {
      out.results.push(await importFile(db, { ...options, file }));
    } catch (e) {
      if (!isAuditError(e)) throw e;
      // Usage problems (a missing --unit) concern every file alike: stop at once.
      if (
        e.code === 'UNIT_REQUIRED' ||
        e.code === 'UNIT_UNKNOWN' ||
        e.code === 'UNIT_COLUMN_UNKNOWN' ||
        e.code === 'DB_LOCKED' ||
        e.code === 'DB_READONLY' ||
        e.code === 'DB_FULL'
      )
        throw e;
      out.failures.push({ file, error: e });
    }
  }
  return out;
}
