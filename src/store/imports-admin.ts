/**
 * The imports as the user sees them (`imports list`) and their undo (`imports remove`): one
 * transaction removes an import's rows and data-quality issues, restores the register version it
 * had replaced, drops the units only it had created, marks the match stale and records the removal
 * in the run history. Afterwards the database audits as if the file had never been imported.
 */
import os from 'node:os';
import { AuditError } from '../errors.js';
import { setMeta, type Db } from './db.js';

/** One import, as listed. */
export interface ImportListing {
  id: number;
  kind: 'system' | 'paper';
  file: string;
  unit: string | null;
  sha256: string;
  rows: number;
  importedAt: string;
  status: 'active' | 'replaced';
  replacedBy: number | null;
}

/** Every import, oldest first. */
export function listImports(db: Db): ImportListing[] {
  return db
    .prepare(`SELECT i.id, i.kind, i.path AS file, u.name AS unit, i.sha256, i.rows_imported AS rows, i.imported_at AS importedAt, i.status,
        i.replaced_by AS replacedBy FROM imports i LEFT JOIN units u ON u.id = i.unit_id ORDER BY i.id`)
    .all() as ImportListing[];
}

/** What one removal did. */
export interface RemovedImport {
  id: number;
  kind: 'system' | 'paper';
  file: string;
  rows: number;
  /** The earlier version of the register made active again, if any. */
  restored: number | null;
}

interface ImportRow {
  id: number;
  kind: 'system' | 'paper';
  path: string;
  rows_imported: number;
  status: 'active' | 'replaced';
  replaced_by: number | null;
}

const PAPER_COLUMNS = `import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure, address, received_date, due_date, returned_date,
  returned_on_paper, note, content_key, raw_json`;
const DQ_COLUMNS = 'import_id, source, row_id, sheet, row_number, column_name, rule, raw_value, unit_id';

/** Moves the kept rows of a replaced version back, under their own ids when free (else new ones). */
function restoreVersion(db: Db, id: number): void {
  const rows = db.prepare('SELECT * FROM replaced_paper_rows WHERE import_id = ? ORDER BY id').all(id) as Array<
    Record<string, unknown> & { id: number }
  >;
  const taken = db.prepare('SELECT 1 FROM paper_rows WHERE id = ?').pluck();
  const withId = db.prepare(
    `INSERT INTO paper_rows(id, ${PAPER_COLUMNS}) SELECT id, ${PAPER_COLUMNS} FROM replaced_paper_rows WHERE id = ? AND import_id = ?`,
  );
  const withoutId = db.prepare(
    `INSERT INTO paper_rows(${PAPER_COLUMNS}) SELECT ${PAPER_COLUMNS} FROM replaced_paper_rows WHERE id = ? AND import_id = ?`,
  );
  const moved = new Map<number, number>();
  for (const r of rows) {
    if (taken.get(r.id) === undefined) withId.run(r.id, id);
    else moved.set(r.id, Number(withoutId.run(r.id, id).lastInsertRowid));
  }
  const issues = db
    .prepare('SELECT id, row_id AS rowId FROM replaced_dq_issues WHERE import_id = ? ORDER BY id')
    .all(id) as Array<{ id: number; rowId: number | null }>;
  const insertIssue =
    db.prepare(`INSERT INTO dq_issues(${DQ_COLUMNS}) SELECT import_id, source, ?, sheet, row_number, column_name, rule, raw_value, unit_id
    FROM replaced_dq_issues WHERE id = ? AND import_id = ?`);
  for (const i of issues) insertIssue.run(i.rowId === null ? null : (moved.get(i.rowId) ?? i.rowId), i.id, id);
  db.prepare('DELETE FROM replaced_paper_rows WHERE import_id = ?').run(id);
  db.prepare('DELETE FROM replaced_dq_issues WHERE import_id = ?').run(id);
  db.prepare("UPDATE imports SET status = 'active', replaced_by = NULL WHERE id = ?").run(id);
}

/**
 * Removes imports by id, all in one transaction (an unknown id removes nothing). Throws
 * IMPORT_UNKNOWN for an id that is not an import, IMPORT_NOT_RESTORABLE when the version an
 * import replaced was imported before versions were kept (its rows are gone).
 */
export function removeImports(db: Db, ids: readonly number[], now: Date): RemovedImport[] {
  const get = db.prepare('SELECT id, kind, path, rows_imported, status, replaced_by FROM imports WHERE id = ?');
  const removed: RemovedImport[] = [];
  db.transaction(() => {
    for (const id of ids) {
      const imp = get.get(id) as ImportRow | undefined;
      if (!imp)
        throw new AuditError(
          'IMPORT_UNKNOWN',
          `no import #${id}; see "motcua-audit imports list"`,
          { hint: 'motcua-audit imports list' },
          { id },
        );
      const replaced = db
        .prepare('SELECT id, rows_imported AS rows FROM imports WHERE replaced_by = ? ORDER BY id DESC')
        .all(id) as Array<{ id: number; rows: number }>;
      let restored: number | null = null;
      if (imp.status === 'active' && replaced.length > 0) {
        const previous = replaced[0]!;
        const kept = db
          .prepare('SELECT COUNT(*) FROM replaced_paper_rows WHERE import_id = ?')
          .pluck()
          .get(previous.id) as number;
        if (kept === 0 && previous.rows > 0) {
          throw new AuditError(
            'IMPORT_NOT_RESTORABLE',
            `import #${id} replaced #${previous.id}, whose rows were not kept; import the earlier file again instead`,
            {},
            { id, previous: previous.id },
          );
        }
      }
      // Its rows go first (a restored version may take back their ids); cascades remove matches and review candidates.
      db.prepare('DELETE FROM dq_issues WHERE import_id = ?').run(id);
      db.prepare('DELETE FROM paper_rows WHERE import_id = ?').run(id);
      db.prepare('DELETE FROM system_rows WHERE import_id = ?').run(id);
      db.prepare('DELETE FROM replaced_paper_rows WHERE import_id = ?').run(id);
      db.prepare('DELETE FROM replaced_dq_issues WHERE import_id = ?').run(id);
      if (imp.status === 'active' && replaced.length > 0) {
        restored = replaced[0]!.id;
        restoreVersion(db, restored);
        // Older versions stay replaced, now by the restored one.
        db.prepare('UPDATE imports SET replaced_by = ? WHERE replaced_by = ?').run(restored, id);
      } else {
        // A removed old version: what it had replaced is now replaced by its successor.
        db.prepare('UPDATE imports SET replaced_by = ? WHERE replaced_by = ?').run(imp.replaced_by, id);
      }
      db.prepare('DELETE FROM imports WHERE id = ?').run(id);
      removed.push({ id, kind: imp.kind, file: imp.path, rows: imp.rows_imported, restored });
    }
    // Units only the removed files had brought in (never the official list's).
    db.prepare(`DELETE FROM units WHERE official = 0
      AND NOT EXISTS (SELECT 1 FROM paper_rows p WHERE p.unit_id = units.id) AND NOT EXISTS (SELECT 1 FROM system_rows s WHERE s.unit_id = units.id)
      AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.unit_id = units.id) AND NOT EXISTS (SELECT 1 FROM dq_issues d WHERE d.unit_id = units.id)
      AND NOT EXISTS (SELECT 1 FROM replaced_paper_rows r WHERE r.unit_id = units.id)`).run();
    setMeta(db, 'match_stale', '1');
    const at = now.toISOString();
    db.prepare(
      "INSERT INTO runs(started_at, finished_at, status, exit_code, pid, hostname, config_path, counts_json) VALUES (?, ?, 'completed', 0, ?, ?, NULL, ?)",
    ).run(at, at, process.pid, os.hostname(), JSON.stringify({ importsRemoved: removed }));
  }).immediate();
  return removed;
}
