/**
 * Imports one file into the database in one transaction: all of it or nothing. The same
 * content (SHA-256) imported again changes nothing; a paper register imported again under the
 * same unit and file name with new content replaces its earlier version.
 */
import path from 'node:path';
import { AuditError, wrapSqliteError } from '../errors.js';
import { detectHeader, type HeaderMatch } from '../ingest/detect-header.js';
import { extractSheet, titleLines, type DataRow, type DqRule, type SkipCounts } from '../ingest/extract.js';
import { DEFAULT_HEADER_RULES, type HeaderRule } from '../ingest/header-synonyms.js';
import { headerFromProfile, type Profile } from '../ingest/profile.js';
import { loadFile } from '../ingest/read-file.js';
import type { SourceSheet } from '../ingest/source.js';
import { findExportDate } from '../ingest/title-block.js';
import { monthOf } from '../normalize/dates.js';
import { foldText } from '../normalize/text.js';
import type { Field, SourceKind } from '../types.js';
import { setMeta, type Db } from './db.js';
import { UnitResolver } from './units.js';

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
}

/** What happened to one sheet. */
export interface SheetReport {
  sheet: string | null;
  headerRow: number | null;
  imported: number;
  skipped: SkipCounts;
  /** Cells converted from legacy 8-bit fonts (TCVN3, VNI). */
  legacy?: Partial<Record<'tcvn3' | 'vni', number>>;
  /** Why the whole sheet was passed over. */
  ignored?: 'no-header' | 'missing-columns' | 'empty';
}

/** A non-fatal remark for the user. */
export interface ImportWarning {
  code: 'AS_OF_FROM_DATA' | 'UNITS_CREATED' | 'REPLACED_VERSION';
  params: Record<string, unknown>;
}

/** Outcome of importing one file. */
export interface ImportResult {
  file: string;
  kind: SourceKind;
  outcome: 'imported' | 'unchanged' | 'replaced';
  importId: number;
  /** When unchanged: the import that replaced this content (it was an older version), if any. */
  supersededBy: number | null;
  replacedImportId: number | null;
  sha256: string;
  format: string;
  encoding: string;
  /** CSV separator, when CSV. */
  delimiter: string | null;
  unit: string | null;
  sheets: SheetReport[];
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  issues: Partial<Record<DqRule, number>>;
  asOf: string | null;
  asOfSource: 'option' | 'title' | 'latest-date' | null;
  coverage: { from: string; to: string } | null;
  unitsCreated: string[];
  warnings: ImportWarning[];
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

function selectSheets(sheets: SourceSheet[], wanted: string, file: string): SourceSheet[] {
  if (sheets.length === 1 && sheets[0]!.name === null) return sheets;
  const key = foldText(wanted);
  const found = sheets.filter((s) => s.name !== null && (s.name === wanted || foldText(s.name) === key));
  if (found.length === 0) {
    throw new AuditError('INGEST_SHEET_NOT_FOUND', `${file}: no sheet named "${wanted}" (sheets: ${sheets.map((s) => s.name).join(', ')})`, { file, sheet: wanted }, { sheets: sheets.map((s) => s.name) });
  }
  return found;
}

/** Imports one file. Throws AuditError when the file cannot be read; the database is then unchanged. */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  const now = options.now ?? (() => new Date());
  const rules = options.headerRules ?? DEFAULT_HEADER_RULES;
  const file = options.file;
  const loaded = await loadFile(file);
  const baseName = path.basename(file);
  const result: ImportResult = {
    file, kind: options.kind, outcome: 'imported', importId: 0, supersededBy: null, replacedImportId: null, sha256: loaded.sha256,
    format: loaded.source.format, encoding: loaded.source.encoding, delimiter: loaded.source.delimiter ?? null, unit: null, sheets: [], rowsRead: 0, rowsImported: 0,
    rowsSkipped: 0, issues: {}, asOf: null, asOfSource: null, coverage: null, unitsCreated: [], warnings: [],
  };
  // The same content again changes nothing, even an older version already replaced by a newer one.
  const same = db
    .prepare("SELECT id, replaced_by AS replacedBy FROM imports WHERE kind = ? AND sha256 = ? ORDER BY status = 'active' DESC, id DESC LIMIT 1")
    .get(options.kind, loaded.sha256) as { id: number; replacedBy: number | null } | undefined;
  if (same) return { ...result, outcome: 'unchanged', importId: same.id, supersededBy: same.replacedBy };

  // Read every selected sheet under its header.
  const rows: DataRow[] = [];
  let title: string[] = [];
  let missingReport: { found: string[]; missing: Field[]; sheet: string | null } | null = null;
  const wanted = options.sheet ? [options.sheet] : options.profile?.sheets ?? null;
  const selected = wanted ? wanted.flatMap((w) => selectSheets(loaded.source.sheets, w, file)) : loaded.source.sheets;
  for (const sheet of selected) {
    const report: SheetReport = { sheet: sheet.name, headerRow: null, imported: 0, skipped: {} };
    result.sheets.push(report);
    if (sheet.rows.length === 0) {
      report.ignored = 'empty';
      continue;
    }
    const header = options.profile ? headerFromProfile(sheet.rows, options.profile, rules) : detectHeader(sheet.rows, rules);
    if (!header) {
      report.ignored = 'no-header';
      continue;
    }
    const missing = missingFields(options.kind, header);
    if (missing.length > 0) {
      report.ignored = 'missing-columns';
      missingReport ??= { found: header.labels.filter((l) => l !== ''), missing, sheet: sheet.name };
      continue;
    }
    report.headerRow = header.headerRows[header.headerRows.length - 1]!;
    if (sheet.legacy) report.legacy = sheet.legacy;
    const extracted = extractSheet(sheet.rows, sheet.name, header, { date1904: loaded.source.date1904, countGaps: loaded.source.format === 'xlsx' });
    report.imported = extracted.rows.length;
    report.skipped = extracted.skipped;
    rows.push(...extracted.rows);
    if (title.length === 0) title = titleLines(sheet.rows, header);
  }
  const usable = result.sheets.filter((s) => s.headerRow !== null);
  if (usable.length === 0) {
    if (missingReport) {
      throw new AuditError(
        'INGEST_MISSING_COLUMNS',
        `${file}: required columns missing: ${missingReport.missing.join(', ')} (found: ${missingReport.found.join(' | ')})`,
        { file, sheet: missingReport.sheet, hint: 'motcua-audit inspect FILE; --profile FILE' },
        { missing: missingReport.missing, found: missingReport.found },
      );
    }
    if (result.sheets.every((s) => s.ignored === 'empty')) throw new AuditError('INGEST_EMPTY', `${file}: no rows in the file`, { file });
    throw new AuditError('INGEST_NO_HEADER', `${file}: no header row with known column names in the first 30 rows`, { file, hint: 'motcua-audit inspect FILE; --profile FILE' });
  }
  for (const s of result.sheets) {
    const skipped = Object.values(s.skipped).reduce((a, b) => a + (b ?? 0), 0);
    result.rowsSkipped += skipped;
    result.rowsImported += s.imported;
  }
  result.rowsRead = result.rowsImported + result.rowsSkipped;

  // As-of of a system snapshot: the option, else the title block's export date, else the latest date inside.
  if (options.kind === 'system') {
    if (options.asOf) {
      result.asOf = options.asOf;
      result.asOfSource = 'option';
    } else {
      const fromTitle = findExportDate(title);
      if (fromTitle) {
        result.asOf = fromTitle;
        result.asOfSource = 'title';
      } else {
        const latest = rows.flatMap((r) => [r.receivedDate, r.resultDate, r.returnedDate]).filter((d): d is string => d !== null).sort().pop();
        if (!latest) throw new AuditError('IMPORT_AS_OF_REQUIRED', `${file}: cannot tell the date of this export; give it with --as-of DATE`, { file, hint: '--as-of DD/MM/YYYY' });
        result.asOf = latest;
        result.asOfSource = 'latest-date';
        result.warnings.push({ code: 'AS_OF_FROM_DATA', params: { asOf: latest } });
      }
    }
  }
  const months = rows.map((r) => r.receivedDate).filter((d): d is string => d !== null).sort();
  if (months.length > 0) result.coverage = { from: monthOf(months[0]!), to: monthOf(months[months.length - 1]!) };

  try {
    db.transaction(() => writeImport(db, options, result, rows, title, loaded, baseName, now)).immediate();
  } catch (e) {
    throw wrapSqliteError(e, file);
  }
  return result;
}

function writeImport(
  db: Db, options: ImportOptions, result: ImportResult, rows: DataRow[], title: string[],
  loaded: { sha256: string; size: number }, baseName: string, now: () => Date,
): void {
  const units = new UnitResolver(db, now);
  let fileUnitId: number | null = null;
  if (options.kind === 'paper') {
    const hasUnitColumn = rows.some((r) => r.unit !== null);
    if (options.unit) {
      const u = units.resolve(options.unit);
      fileUnitId = u.id;
      result.unit = u.name;
    } else {
      const fromTitle = title.map((l) => units.find(l)).find((u) => u !== null) ?? null;
      if (fromTitle) {
        fileUnitId = fromTitle.id;
        result.unit = fromTitle.name;
      } else if (!hasUnitColumn || rows.some((r) => r.unit === null)) {
        throw new AuditError('UNIT_REQUIRED', `${options.file}: which unit's register is this? Give it with --unit NAME`, { file: options.file, hint: '--unit "UBND huyện Gò Dầu"' });
      }
    }
    const previous = db
      .prepare("SELECT id FROM imports WHERE kind = 'paper' AND status = 'active' AND base_name = ? AND unit_id IS ? ORDER BY id DESC LIMIT 1")
      .get(baseName, fileUnitId) as { id: number } | undefined;
    if (previous) result.replacedImportId = previous.id;
  }
  const insertImport = db.prepare(`INSERT INTO imports(kind, path, base_name, sha256, size, format, encoding, unit_id, as_of, as_of_source,
      coverage_from, coverage_to, rows_read, rows_imported, rows_skipped, details_json, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const details = { sheets: result.sheets, title: title.slice(0, 10) };
  const importId = Number(
    insertImport.run(options.kind, options.file, baseName, loaded.sha256, loaded.size, result.format, result.encoding, fileUnitId, result.asOf, result.asOfSource,
      result.coverage?.from ?? null, result.coverage?.to ?? null, result.rowsRead, result.rowsImported, result.rowsSkipped, JSON.stringify(details), now().toISOString()).lastInsertRowid,
  );
  result.importId = importId;
  if (result.replacedImportId !== null) {
    db.prepare('DELETE FROM dq_issues WHERE import_id = ?').run(result.replacedImportId);
    db.prepare('DELETE FROM paper_rows WHERE import_id = ?').run(result.replacedImportId);
    db.prepare("UPDATE imports SET status = 'replaced', replaced_by = ? WHERE id = ?").run(importId, result.replacedImportId);
    result.outcome = 'replaced';
    result.warnings.push({ code: 'REPLACED_VERSION', params: { previousImportId: result.replacedImportId } });
  }

  const insertIssue = db.prepare('INSERT INTO dq_issues(import_id, source, row_id, sheet, row_number, column_name, rule, raw_value, unit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const addIssue = (rowId: number | null, r: DataRow, rule: DqRule, column: string | null, raw: string | null, unitId: number | null) => {
    insertIssue.run(importId, options.kind, rowId, r.sheet, r.rowNumber, column, rule, raw, unitId);
    result.issues[rule] = (result.issues[rule] ?? 0) + 1;
  };
  const rowUnit = (r: DataRow): { id: number; unknown: boolean } => {
    if (r.unit !== null) {
      const known = units.find(r.unit);
      if (known) return { id: known.id, unknown: false };
      if (options.kind === 'system') {
        const byCode = units.findByDossierCode(r.code);
        if (byCode) return { id: byCode.id, unknown: false };
      }
      return { id: units.resolve(r.unit).id, unknown: true };
    }
    if (fileUnitId !== null) return { id: fileUnitId, unknown: false };
    const byCode = units.findByDossierCode(r.code);
    if (byCode) return { id: byCode.id, unknown: false };
    const prefix = r.code?.split('-')[0] ?? '?';
    return { id: units.resolve(prefix).id, unknown: true };
  };

  if (options.kind === 'paper') {
    const insert = db.prepare(`INSERT INTO paper_rows(import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure, address,
        received_date, due_date, returned_date, returned_on_paper, note, content_key, raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of rows) {
      const unit = rowUnit(r);
      const contentKey = [r.codeKey ?? '', foldText(r.applicant ?? ''), foldText(r.procedure ?? ''), r.receivedDate ?? ''].join('|');
      const id = Number(insert.run(importId, r.sheet, r.rowNumber, unit.id, r.code, r.codeKey, r.applicant, r.procedure, r.address,
        r.receivedDate, r.dueDate, r.returnedDate, r.returnedOnPaper ? 1 : 0, r.note, contentKey, JSON.stringify(r.legacyRaw ? { ...r.raw, legacy: r.legacyRaw } : r.raw)).lastInsertRowid);
      for (const i of r.issues) addIssue(id, r, i.rule, i.column, i.raw, unit.id);
      if (unit.unknown) addIssue(id, r, 'unit_unknown', null, r.unit, unit.id);
      const byCode = units.findByDossierCode(r.code);
      if (byCode && byCode.id !== unit.id) addIssue(id, r, 'code_unit_mismatch', null, r.code, unit.id);
    }
  } else {
    const insert = db.prepare(`INSERT INTO system_rows(import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure,
        received_date, due_date, result_date, returned_date, status, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const seen = new Set<string>();
    for (const r of rows) {
      const unit = rowUnit(r);
      if (r.codeKey === null) {
        // A system row without a code cannot be a dossier of the system: keep it as a finding.
        addIssue(null, r, 'code_malformed', null, null, unit.id);
        result.rowsImported--;
        continue;
      }
      const id = Number(insert.run(importId, r.sheet, r.rowNumber, unit.id, r.code, r.codeKey, r.applicant, r.procedure,
        r.receivedDate, r.dueDate, r.resultDate, r.returnedDate, r.status, result.asOf).lastInsertRowid);
      for (const i of r.issues) if (i.rule !== 'no_applicant_no_code') addIssue(id, r, i.rule, i.column, i.raw, unit.id);
      if (unit.unknown) addIssue(id, r, 'unit_unknown', null, r.unit ?? r.code, unit.id);
      if (seen.has(r.codeKey)) addIssue(id, r, 'duplicate_code', null, r.code, unit.id);
      seen.add(r.codeKey);
    }
  }
  result.unitsCreated = [...units.created];
  if (result.unitsCreated.length > 0) result.warnings.push({ code: 'UNITS_CREATED', params: { units: result.unitsCreated } });
  setMeta(db, 'match_stale', '1');
}
