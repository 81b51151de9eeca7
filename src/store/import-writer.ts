/**
 * Writes one import as its rows stream in, inside the caller's transaction: the import record
 * (created when the first usable sheet's header and title are known, completed at the end), the
 * unit of each row, the rows themselves through prepared statements, and their data-quality
 * issues. Semantics are those of the former whole-file writer, row by row.
 */
import type Database from 'better-sqlite3';
import { AuditError } from '../errors.js';
import type { DataRow, DqRule } from '../ingest/extract.js';
import { foldCell } from '../ingest/fast-text.js';
import { HashedKeySet } from '../ingest/key-set.js';
import { parseCodeOnce } from '../ingest/parse-once.js';
import type { Db } from './db.js';
import type { ImportOptions, ImportResult } from './import.js';
import { UnitResolver } from './units.js';

/** Below this many (estimated) rows in a file, indexes are kept during the load. */
const BULK_ROWS = 10000;

/** Identity of the file being imported. */
export interface ImportedFileInfo {
  sha256: string;
  size: number;
  baseName: string;
}

/** Streams the rows of one import into the database. */
export class ImportWriter {
  private readonly units: UnitResolver;
  private fileUnitId: number | null = null;
  private importId = 0;
  private insert!: Database.Statement<unknown[]>;
  private readonly insertIssue: Database.Statement<unknown[]>;
  /**
   * Code keys of the rows written (system), for the duplicate check: kept as hashes and row ids
   * (a cell's text is a slice of its chunk of the file: keeping the strings kept the whole file).
   */
  private readonly seen: HashedKeySet;
  private codeKeyStatement: Database.Statement<unknown[]> | null = null;
  /** Indexes dropped for the bulk load, created again in finish(). */
  private deferred: Array<{ name: string; sql: string }> = [];
  private readonly knownUnits = new Map<string, { id: number; unknown: boolean }>();
  /** Rows written. */
  rows = 0;
  /** System rows refused for having no code (counted as read, not imported). */
  codeless = 0;

  constructor(private readonly db: Db, private readonly options: ImportOptions, private readonly result: ImportResult, private readonly file: ImportedFileInfo, private readonly now: () => Date) {
    this.units = new UnitResolver(db, now);
    // Sized for the rows the file may hold (~230 bytes a CSV row), so that it seldom grows.
    this.seen = new HashedKeySet((id) => this.codeKeyOf(id), Math.min(1 << 22, Math.max(1 << 12, Math.round(file.size / 200))));
    this.insertIssue = db.prepare('INSERT INTO dq_issues(import_id, source, row_id, sheet, row_number, column_name, rule, raw_value, unit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  }

  /** True once begin() ran. */
  get started(): boolean {
    return this.importId !== 0;
  }

  /** Resolves the file's unit (paper), replaces an earlier version, and creates the import record. */
  begin(title: string[]): void {
    const { db, options, result } = this;
    if (options.kind === 'paper') {
      if (options.unit) {
        const u = this.units.resolve(options.unit);
        this.fileUnitId = u.id;
        result.unit = u.name;
      } else {
        const fromTitle = title.map((l) => this.units.find(l)).find((u) => u !== null) ?? null;
        if (fromTitle) {
          this.fileUnitId = fromTitle.id;
          result.unit = fromTitle.name;
        }
      }
      const previous = db
        .prepare("SELECT id FROM imports WHERE kind = 'paper' AND status = 'active' AND base_name = ? AND unit_id IS ? ORDER BY id DESC LIMIT 1")
        .get(this.file.baseName, this.fileUnitId) as { id: number } | undefined;
      if (previous) result.replacedImportId = previous.id;
    }
    this.importId = Number(
      db.prepare(`INSERT INTO imports(kind, path, base_name, sha256, size, format, encoding, unit_id, as_of, as_of_source,
          coverage_from, coverage_to, rows_read, rows_imported, rows_skipped, details_json, imported_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, 0, '{}', ?)`)
        .run(options.kind, options.file, this.file.baseName, this.file.sha256, this.file.size, result.format, result.encoding, this.fileUnitId, result.asOf, result.asOfSource, this.now().toISOString()).lastInsertRowid,
    );
    result.importId = this.importId;
    if (result.replacedImportId !== null) {
      db.prepare('DELETE FROM dq_issues WHERE import_id = ?').run(result.replacedImportId);
      db.prepare('DELETE FROM paper_rows WHERE import_id = ?').run(result.replacedImportId);
      db.prepare("UPDATE imports SET status = 'replaced', replaced_by = ? WHERE id = ?").run(this.importId, result.replacedImportId);
      result.outcome = 'replaced';
      result.warnings.push({ code: 'REPLACED_VERSION', params: { previousImportId: result.replacedImportId } });
    }
    this.deferIndexes(options.kind === 'paper' ? 'paper_rows' : 'system_rows');
    this.insert = options.kind === 'paper'
      ? db.prepare(`INSERT INTO paper_rows(import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure, address,
          received_date, due_date, returned_date, returned_on_paper, note, content_key, raw_json, extra_codes, quantity, agency)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      : db.prepare(`INSERT INTO system_rows(import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure,
          received_date, due_date, result_date, returned_date, status, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /**
   * A bulk load into a table that is small beside the file: its secondary indexes are dropped
   * and created again in finish() (sorting once beats inserting every key into the B-trees).
   * Inside the import's transaction: a failed import gets them back with the rollback.
   */
  private deferIndexes(table: 'paper_rows' | 'system_rows'): void {
    // Rows the file may hold, on the low side (bytes per row: CSV ~230, xlsx ~70 when zipped).
    const estimate = this.file.size / (this.result.format === 'csv' ? 400 : 150);
    if (estimate < BULK_ROWS) return;
    const existing = (this.db.prepare(`SELECT max(id) AS n FROM ${table}`).get() as { n: number | null }).n ?? 0;
    if (existing > estimate) return;
    const indexes = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
      .all(table) as Array<{ name: string; sql: string }>;
    for (const i of indexes) this.db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
    this.deferred = indexes;
  }

  /** The code key stored on a system row of this import. */
  private codeKeyOf(id: number): string | null {
    this.codeKeyStatement ??= this.db.prepare('SELECT code_key FROM system_rows WHERE id = ?').pluck();
    return (this.codeKeyStatement.get(id) as string | undefined) ?? null;
  }

  private unitRequired(): AuditError {
    return new AuditError('UNIT_REQUIRED', `${this.options.file}: which unit's register is this? Give it with --unit NAME`, { file: this.options.file, hint: '--unit "UBND huyện Gò Dầu"' });
  }

  private addIssue(rowId: number | null, r: DataRow, rule: DqRule, column: string | null, raw: string | null, unitId: number | null): void {
    this.insertIssue.run(this.importId, this.options.kind, rowId, r.sheet, r.rowNumber, column, rule, raw, unitId);
    this.result.issues[rule] = (this.result.issues[rule] ?? 0) + 1;
  }

  private rowUnit(r: DataRow): { id: number; unknown: boolean } {
    const units = this.units;
    if (r.unit !== null) {
      // A name once found keeps its unit (the resolver only learns): remembered per spelling.
      const seen = this.knownUnits.get(r.unit);
      if (seen !== undefined) return seen;
      const known = units.find(r.unit);
      if (known) {
        const hit = { id: known.id, unknown: false };
        if (this.knownUnits.size < 10000) this.knownUnits.set(r.unit, hit);
        return hit;
      }
      if (this.options.kind === 'system') {
        const byCode = units.findByDossierCode(r.code);
        if (byCode) return { id: byCode.id, unknown: false };
      }
      return { id: units.resolve(r.unit).id, unknown: true };
    }
    if (this.fileUnitId !== null) return { id: this.fileUnitId, unknown: false };
    const byCode = units.findByDossierCode(r.code);
    if (byCode) return { id: byCode.id, unknown: false };
    const prefix = r.code?.split('-')[0] ?? '?';
    return { id: units.resolve(prefix).id, unknown: true };
  }

  /** Writes one dossier row with its issues. */
  write(r: DataRow): void {
    // A system export dated from its latest date gets its as-of in finish(); '' holds the place until then.
    const { options, result } = this;
    if (options.kind === 'paper') {
      if (this.fileUnitId === null && r.unit === null) throw this.unitRequired();
      const unit = this.rowUnit(r);
      const contentKey = `${r.codeKey ?? ''}|${foldCell(r.applicant ?? '')}|${foldCell(r.procedure ?? '')}|${r.receivedDate ?? ''}`;
      const id = Number(this.insert.run(this.importId, r.sheet, r.rowNumber, unit.id, r.code, r.codeKey, r.applicant, r.procedure, r.address,
        r.receivedDate, r.dueDate, r.returnedDate, r.returnedOnPaper ? 1 : 0, r.note, contentKey, JSON.stringify(r.legacyRaw ? { ...r.raw, legacy: r.legacyRaw } : r.raw),
        r.extraCodeKeys ? r.extraCodeKeys.join(' ') : null, r.quantity ?? null, r.agency ?? null).lastInsertRowid);
      for (const i of r.issues) this.addIssue(id, r, i.rule, i.column, i.raw, unit.id);
      if (unit.unknown) this.addIssue(id, r, 'unit_unknown', null, r.unit, unit.id);
      // extractRow has just parsed this code: parseCodeOnce remembers it.
      const byCode = this.units.findByParsedCode(r.code ? parseCodeOnce(r.code) : null);
      if (byCode && byCode.id !== unit.id) this.addIssue(id, r, 'code_unit_mismatch', null, r.code, unit.id);
      this.rows++;
      return;
    }
    const unit = this.rowUnit(r);
    if (r.codeKey === null) {
      // A system row without a code cannot be a dossier of the system: keep it as a finding.
      this.addIssue(null, r, 'code_malformed', null, null, unit.id);
      this.codeless++;
      return;
    }
    const id = Number(this.insert.run(this.importId, r.sheet, r.rowNumber, unit.id, r.code, r.codeKey, r.applicant, r.procedure,
      r.receivedDate, r.dueDate, r.resultDate, r.returnedDate, r.status, result.asOf ?? '').lastInsertRowid);
    for (const i of r.issues) if (i.rule !== 'no_applicant_no_code') this.addIssue(id, r, i.rule, i.column, i.raw, unit.id);
    if (unit.unknown) this.addIssue(id, r, 'unit_unknown', null, r.unit ?? r.code, unit.id);
    if (this.seen.addIfAbsent(r.codeKey, id)) this.addIssue(id, r, 'duplicate_code', null, r.code, unit.id);
    this.rows++;
  }

  /** Completes the import record once every row is in. */
  finish(title: string[]): void {
    const { db, options, result } = this;
    if (options.kind === 'paper' && this.fileUnitId === null && this.rows === 0) throw this.unitRequired();
    if (options.kind === 'system' && result.asOfSource === 'latest-date') {
      db.prepare('UPDATE system_rows SET as_of = ? WHERE import_id = ?').run(result.asOf, this.importId);
    }
    for (const i of this.deferred) db.exec(i.sql);
    this.deferred = [];
    db.prepare(`UPDATE imports SET as_of = ?, as_of_source = ?, coverage_from = ?, coverage_to = ?, rows_read = ?, rows_imported = ?, rows_skipped = ?,
        details_json = ? WHERE id = ?`)
      .run(result.asOf, result.asOfSource, result.coverage?.from ?? null, result.coverage?.to ?? null, result.rowsRead, result.rowsImported, result.rowsSkipped,
        JSON.stringify({ sheets: result.sheets, title: title.slice(0, 10) }), this.importId);
    result.unitsCreated = [...this.units.created];
    if (result.unitsCreated.length > 0) result.warnings.push({ code: 'UNITS_CREATED', params: { units: result.unitsCreated } });
  }
}
