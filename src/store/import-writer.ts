/**
 * Writes one import as its rows stream in, inside the caller's transaction: the import record
 * (created when the first usable sheet's header and title are known, completed at the end), the
 * unit of each row, the rows themselves through prepared statements, and their data-quality
 * issues. Semantics are those of the former whole-file writer, row by row.
 */
import type Database from 'better-sqlite3';
import { AuditError, wrapSqliteError } from '../errors.js';
import type { DataRow, DqRule, ImportResult } from '../core/import-records.js';
import { foldCell } from '../normalize/fast-text.js';
import { HashedKeySet } from './key-set.js';
import { looksLikePerson, maskPersonalText } from '../normalize/personal.js';
import { parseCodeOnce } from '../normalize/parse-once.js';
import type { Db } from './db.js';
import type { SourceKind } from '../types.js';
import { officialUnitIds, unknownColumnUnitsError, unknownUnitError } from './unit-check.js';
import { UnitResolver } from './units.js';
import { buildStatusTable, statusState, type StatusTable } from '../normalize/status.js';

let builtInStatuses: StatusTable | null = null;
function defaultStatusTable(): StatusTable {
  return (builtInStatuses ??= buildStatusTable());
}

/** Below this many (estimated) rows in a file, indexes are kept during the load. */
const BULK_ROWS = 10000;

/** What the writer reads of an import's options (the import's `ImportOptions` has these fields). */
export interface ImportWriterOptions {
  kind: SourceKind;
  /** Path as the user gave it (stored and shown). */
  file: string;
  /** Paper: the unit whose register this is. */
  unit?: string | null;
  /** Paper: create units not in the official list instead of refusing them. */
  newUnit?: boolean;
  /** Status labels known at import (built-in when absent). */
  statusTable?: StatusTable;
}

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
  /** The spelling the file's unit was given by (--unit or the title block), resolved again per row on its date. */
  private fileUnitSpelling: string | null = null;
  /** Whether units have periods or successors (else a row's unit does not depend on its date). */
  private readonly overTime: boolean;
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
  /**
   * Official unit ids when names outside them are refused (paper, an official list exists, no --new-unit); else null.
   */
  private readonly official: Set<number> | null;
  /** Unit column values of no official unit (the file is then refused in finish()). */
  private readonly unknownColumnUnits = new Set<string>();
  /** The name an unknown unit cell gets (masked when it holds a person), per spelling. */
  private readonly unitNames = new Map<string, string>();
  /** Rows written. */
  rows = 0;
  /** System rows refused for having no code (counted as read, not imported). */
  codeless = 0;
  /** State of each status text seen (a few dozen labels in a million rows); unknown ones counted. */
  private readonly statusSeen = new Map<string, boolean>();
  private readonly unknownStatuses = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly options: ImportWriterOptions,
    private readonly result: ImportResult,
    private readonly file: ImportedFileInfo,
    private readonly now: () => Date,
  ) {
    this.units = new UnitResolver(db, now);
    const official = options.kind === 'paper' && !options.newUnit ? officialUnitIds(db) : null;
    this.official = official !== null && official.size > 0 ? official : null;
    this.overTime = this.units.timeline.changes;
    // Sized for the rows the file may hold (~230 bytes a CSV row), so that it seldom grows.
    this.seen = new HashedKeySet(
      (id) => this.codeKeyOf(id),
      Math.min(1 << 22, Math.max(1 << 12, Math.round(file.size / 200))),
    );
    this.insertIssue = db.prepare(
      'INSERT INTO dq_issues(import_id, source, row_id, sheet, row_number, column_name, rule, raw_value, unit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
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
        if (this.official !== null) {
          const f = this.units.find(options.unit);
          if (f === null || !this.official.has(f.id)) throw unknownUnitError(db, options.unit, '--unit', options.file);
        }
        const u = this.units.resolve(options.unit);
        this.fileUnitId = u.id;
        this.fileUnitSpelling = options.unit;
        result.unit = u.name;
      } else {
        const fromTitle = title.map((l) => this.units.find(l)).find((u) => u !== null) ?? null;
        if (fromTitle) {
          this.fileUnitId = fromTitle.id;
          this.fileUnitSpelling = title.find((l) => this.units.find(l) !== null) ?? null;
          result.unit = fromTitle.name;
        }
      }
      const previous = db
        .prepare(
          "SELECT id FROM imports WHERE kind = 'paper' AND status = 'active' AND base_name = ? AND unit_id IS ? ORDER BY id DESC LIMIT 1",
        )
        .get(this.file.baseName, this.fileUnitId) as { id: number } | undefined;
      if (previous) result.replacedImportId = previous.id;
    }
    this.importId = Number(
      db
        .prepare(`INSERT INTO imports(kind, path, base_name, sha256, size, format, encoding, unit_id, as_of, as_of_source,
          coverage_from, coverage_to, rows_read, rows_imported, rows_skipped, details_json, imported_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, 0, '{}', ?)`)
        .run(
          options.kind,
          options.file,
          this.file.baseName,
          this.file.sha256,
          this.file.size,
          result.format,
          result.encoding,
          this.fileUnitId,
          result.asOf,
          result.asOfSource,
          this.now().toISOString(),
        ).lastInsertRowid,
    );
    result.importId = this.importId;
    if (result.replacedImportId !== null) {
      // The replaced version's rows are kept aside: `imports remove` of this version restores them.
      db.prepare('INSERT INTO replaced_dq_issues SELECT * FROM dq_issues WHERE import_id = ?').run(
        result.replacedImportId,
      );
      db.prepare('INSERT INTO replaced_paper_rows SELECT * FROM paper_rows WHERE import_id = ?').run(
        result.replacedImportId,
      );
      db.prepare('DELETE FROM dq_issues WHERE import_id = ?').run(result.replacedImportId);
      db.prepare('DELETE FROM paper_rows WHERE import_id = ?').run(result.replacedImportId);
      db.prepare("UPDATE imports SET status = 'replaced', replaced_by = ? WHERE id = ?").run(
        this.importId,
        result.replacedImportId,
      );
      result.outcome = 'replaced';
      result.warnings.push({ code: 'REPLACED_VERSION', params: { previousImportId: result.replacedImportId } });
    }
    this.deferIndexes(options.kind === 'paper' ? 'paper_rows' : 'system_rows');
    this.insert =
      options.kind === 'paper'
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
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
      )
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
    return new AuditError(
      'UNIT_REQUIRED',
      `${this.options.file}: which unit's register is this? Give it with --unit NAME`,
      { file: this.options.file, hint: '--unit "UBND huyện Gò Dầu"' },
    );
  }

  private addIssue(
    rowId: number | null,
    r: DataRow,
    rule: DqRule,
    column: string | null,
    raw: string | null,
    unitId: number | null,
  ): void {
    this.insertIssue.run(this.importId, this.options.kind, rowId, r.sheet, r.rowNumber, column, rule, raw, unitId);
    this.result.issues[rule] = (this.result.issues[rule] ?? 0) + 1;
  }

  /**
   * The row's unit on its received date (units over time): its name resolved on that date, then
   * moved to the unit of its line of succession that existed then (see UnitTimeline.atDate).
   */
  private rowUnit(r: DataRow): { id: number; unknown: boolean } {
    const found = this.rowUnitByName(r);
    if (!this.overTime || found.unknown || r.receivedDate === null) return found;
    const byCode = this.units.findByParsedCode(r.code ? parseCodeOnce(r.code) : null);
    const timeline = this.units.timeline;
    // A system lists old dossiers under their successor's name, which may be a name that an older
    // unit of the line bore too ("UBND xã Thạnh Đức", old and new): its code's unit, of the same
    // line and existing on the received date, is the unit that received it.
    if (
      this.options.kind === 'system' &&
      byCode &&
      byCode.id !== found.id &&
      timeline.validOn(byCode.id, r.receivedDate) &&
      timeline.sameGroup(byCode.id, found.id)
    ) {
      return { id: byCode.id, unknown: false };
    }
    const id = timeline.atDate(found.id, r.receivedDate, byCode?.id ?? null);
    return id === found.id ? found : { id, unknown: false };
  }

  private rowUnitByName(r: DataRow): { id: number; unknown: boolean } {
    const units = this.units;
    if (this.overTime && r.receivedDate !== null) {
      const spelling = r.unit ?? this.fileUnitSpelling;
      const dated = spelling === null ? null : units.findOn(spelling, r.receivedDate);
      if (dated !== null) return { id: dated, unknown: false };
    }
    if (r.unit !== null) {
      // A name once found keeps its unit (the resolver only learns): remembered per spelling.
      const seen = this.knownUnits.get(r.unit);
      if (seen !== undefined) return seen;
      const known = units.find(r.unit);
      if (this.official !== null && (known === null || !this.official.has(known.id))) {
        // Refused with the file in finish(); the row is not written meanwhile.
        this.unknownColumnUnits.add(r.unit);
        const refused = { id: -1, unknown: true };
        if (this.knownUnits.size < 10000) this.knownUnits.set(r.unit, refused);
        return refused;
      }
      if (known) {
        const hit = { id: known.id, unknown: false };
        if (this.knownUnits.size < 10000) this.knownUnits.set(r.unit, hit);
        return hit;
      }
      if (this.options.kind === 'system') {
        const byCode = units.findByDossierCode(r.code);
        if (byCode) return { id: byCode.id, unknown: false };
      }
      // A person (a name, a phone number) typed into the unit column is not made a unit under
      // that name, which every report and the "new units" warning would print: the new unit's
      // name is masked as the reports mask personal data (the raw cell stays in the data-quality
      // finding, masked in the reports for people).
      let name = this.unitNames.get(r.unit);
      if (name === undefined) {
        name = looksLikePerson(r.unit) ? maskPersonalText(r.unit) : r.unit;
        if (this.unitNames.size < 10000) this.unitNames.set(r.unit, name);
      }
      return { id: units.resolve(name).id, unknown: true };
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
      if (unit.id === -1) return;
      const contentKey =
        `${r.codeKey ?? ''}|${foldCell(r.applicant ?? '')}|` +
        `${foldCell(r.procedure ?? '')}|` +
        `${r.receivedDate ?? ''}`;
      const id = Number(
        this.insert.run(
          this.importId,
          r.sheet,
          r.rowNumber,
          unit.id,
          r.code,
          r.codeKey,
          r.applicant,
          r.procedure,
          r.address,
          r.receivedDate,
          r.dueDate,
          r.returnedDate,
          r.returnedOnPaper ? 1 : 0,
          r.note,
          contentKey,
          JSON.stringify(r.legacyRaw ? { ...r.raw, legacy: r.legacyRaw } : r.raw),
          r.extraCodeKeys ? r.extraCodeKeys.join(' ') : null,
          r.quantity ?? null,
          r.agency ?? null,
        ).lastInsertRowid,
      );
      for (const i of r.issues) this.addIssue(id, r, i.rule, i.column, i.raw, unit.id);
      if (unit.unknown) this.addIssue(id, r, 'unit_unknown', null, r.unit, unit.id);
      // extractRow has just parsed this code: parseCodeOnce remembers it.
      const byCode = this.units.findByParsedCode(r.code ? parseCodeOnce(r.code) : null);
      // A code keeping a predecessor's prefix (or a successor's) is no mismatch: one line of succession.
      if (byCode && byCode.id !== unit.id && !(this.overTime && this.units.timeline.sameGroup(byCode.id, unit.id)))
        this.addIssue(id, r, 'code_unit_mismatch', null, r.code, unit.id);
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
    const id = Number(
      this.insert.run(
        this.importId,
        r.sheet,
        r.rowNumber,
        unit.id,
        r.code,
        r.codeKey,
        r.applicant,
        r.procedure,
        r.receivedDate,
        r.dueDate,
        r.resultDate,
        r.returnedDate,
        r.status,
        result.asOf ?? '',
      ).lastInsertRowid,
    );
    for (const i of r.issues)
      if (i.rule !== 'no_applicant_no_code') this.addIssue(id, r, i.rule, i.column, i.raw, unit.id);
    if (unit.unknown) this.addIssue(id, r, 'unit_unknown', null, r.unit ?? r.code, unit.id);
    if (this.seen.addIfAbsent(r.codeKey, id)) this.addIssue(id, r, 'duplicate_code', null, r.code, unit.id);
    if (r.status !== null && !this.knownStatus(r.status)) {
      this.addIssue(id, r, 'status_unknown', r.statusColumn ?? null, r.status, unit.id);
      this.unknownStatuses.set(r.status, (this.unknownStatuses.get(r.status) ?? 0) + 1);
    }
    this.rows++;
  }

  /** Whether the status table knows a status text (memoised per text). */
  private knownStatus(status: string): boolean {
    let known = this.statusSeen.get(status);
    if (known === undefined) {
      known = statusState(status, this.options.statusTable ?? defaultStatusTable()) !== 'unknown';
      if (this.statusSeen.size < 10000) this.statusSeen.set(status, known);
    }
    return known;
  }

  /** Completes the import record once every row is in. */
  finish(title: string[]): void {
    const { db, options, result } = this;
    if (this.unknownColumnUnits.size > 0) throw unknownColumnUnitsError(db, options.file, [...this.unknownColumnUnits]);
    if (this.unknownStatuses.size > 0) {
      // The import ends by naming the labels no table knows, most frequent first.
      const labels = [...this.unknownStatuses]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 20)
        .map(([label, count]) => ({ label, count }));
      result.warnings.push({ code: 'STATUS_UNKNOWN', params: { labels, total: this.unknownStatuses.size } });
    }
    if (options.kind === 'paper' && this.fileUnitId === null && this.rows === 0) throw this.unitRequired();
    if (options.kind === 'system' && result.asOfSource === 'latest-date') {
      db.prepare('UPDATE system_rows SET as_of = ? WHERE import_id = ?').run(result.asOf, this.importId);
    }
    for (const i of this.deferred) db.exec(i.sql);
    this.deferred = [];
    db.prepare(`UPDATE imports SET as_of = ?, as_of_source = ?, coverage_from = ?, coverage_to = ?, rows_read = ?, rows_imported = ?, rows_skipped = ?,
        details_json = ? WHERE id = ?`).run(
      result.asOf,
      result.asOfSource,
      result.coverage?.from ?? null,
      result.coverage?.to ?? null,
      result.rowsRead,
      result.rowsImported,
      result.rowsSkipped,
      JSON.stringify({ sheets: result.sheets, title: title.slice(0, 10) }),
      this.importId,
    );
    result.unitsCreated = [...this.units.created];
    if (result.unitsCreated.length > 0)
      result.warnings.push({ code: 'UNITS_CREATED', params: { units: result.unitsCreated } });
  }
}

/** The import of this content, if any: the active one first, else the newest (an older version replaced since). */
export function findImportOfContent(
  db: Db,
  kind: SourceKind,
  sha256: string,
): { id: number; replacedBy: number | null } | undefined {
  return db
    .prepare(
      "SELECT id, replaced_by AS replacedBy FROM imports WHERE kind = ? AND sha256 = ? ORDER BY status = 'active' DESC, id DESC LIMIT 1",
    )
    .get(kind, sha256) as { id: number; replacedBy: number | null } | undefined;
}

/**
 * Runs `body` (the whole streamed read of `file`) in one immediate transaction: a file unreadable
 * half-way leaves nothing. SQLite errors are reported for `file`.
 */
export async function inImportTransaction(db: Db, file: string, body: () => Promise<void>): Promise<void> {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    throw wrapSqliteError(e, file);
  }
  try {
    await body();
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw wrapSqliteError(e, file);
  }
}

/** Statistics for the planner after a bulk load; SQLite decides whether anything is worth redoing. */
export function optimizeAfterLoad(db: Db): void {
  try {
    db.exec('PRAGMA optimize');
  } catch {
    // Only an optimisation: a busy database keeps its old statistics.
  }
}
