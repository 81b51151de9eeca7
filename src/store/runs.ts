/**
 * The history of unattended runs: one record per `run` (when, how it ended, its counts) and a
 * snapshot of the findings it reported (id, category, unit, and where), so two runs can be
 * compared long after their reports were written.
 */
import type { Db } from './db.js';

/** How a run ended. `interrupted`: killed (its lock was found stale by a later run). */
export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted';

/** One run as stored. */
export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  exitCode: number | null;
  pid: number | null;
  hostname: string | null;
  configPath: string | null;
  reportDir: string | null;
  /** Counts only (files, rows, matches, report totals, diff): see RunCounts in src/run/audit-run.ts. */
  counts: Record<string, unknown>;
}

/** What the snapshot keeps of a report finding (the report's `Finding` has these fields). */
export interface RunFindingInput {
  id: string;
  category: string;
  unit: string;
  paper?: { code: string | null; file: string; sheet: string | null; row: number } | null;
  system?: { code: string | null } | null;
}

/** One finding of a run's snapshot. */
export interface SnapshotFinding {
  id: string;
  category: string;
  unit: string;
  code: string | null;
  file: string | null;
  sheet: string | null;
  row: number | null;
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  exit_code: number | null;
  pid: number | null;
  hostname: string | null;
  config_path: string | null;
  report_dir: string | null;
  counts_json: string;
}

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    exitCode: r.exit_code,
    pid: r.pid,
    hostname: r.hostname,
    configPath: r.config_path,
    reportDir: r.report_dir,
    counts: JSON.parse(r.counts_json) as Record<string, unknown>,
  };
}

/** Marks every run still `running` as `interrupted` (call while holding the run lock). Returns how many. */
export function markInterruptedRuns(db: Db, at: string): number {
  return db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'").run(at).changes;
}

/** Records the start of a run; returns its id. */
export function startRun(db: Db, r: { startedAt: string; pid: number; hostname: string; configPath: string }): number {
  return Number(
    db
      .prepare("INSERT INTO runs(started_at, status, pid, hostname, config_path) VALUES (?, 'running', ?, ?, ?)")
      .run(r.startedAt, r.pid, r.hostname, r.configPath).lastInsertRowid,
  );
}

/** Records how a run ended. */
export function finishRun(
  db: Db,
  id: number,
  r: { finishedAt: string; status: RunStatus; exitCode: number; reportDir: string | null; counts: object },
): void {
  db.prepare(
    'UPDATE runs SET finished_at = ?, status = ?, exit_code = ?, report_dir = ?, counts_json = ? WHERE id = ?',
  ).run(r.finishedAt, r.status, r.exitCode, r.reportDir, JSON.stringify(r.counts), id);
}

/** Stores the findings snapshot of a run, in one transaction. */
export function saveRunFindings(db: Db, runId: number, findings: Iterable<RunFindingInput>): void {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO run_findings(run_id, finding_id, category, unit, code, file, sheet, row_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM run_findings WHERE run_id = ?').run(runId);
    for (const f of findings) {
      insert.run(
        runId,
        f.id,
        f.category,
        f.unit,
        f.paper?.code ?? f.system?.code ?? null,
        f.paper?.file ?? null,
        f.paper?.sheet ?? null,
        f.paper?.row ?? null,
      );
    }
  }).immediate();
}

/** The findings snapshot of a run, by id. */
export function loadRunFindings(db: Db, runId: number): SnapshotFinding[] {
  return db
    .prepare(
      'SELECT finding_id AS id, category, unit, code, file, sheet, row_number AS "row" FROM run_findings WHERE run_id = ? ORDER BY finding_id',
    )
    .all(runId) as SnapshotFinding[];
}

/** Every run, newest first. */
export function listRuns(db: Db, limit = 1000): RunRecord[] {
  return (db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(toRecord);
}

/** One run by id, or null. */
export function getRun(db: Db, id: number): RunRecord | null {
  const r = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return r ? toRecord(r) : null;
}

/**
 * The latest completed run before `beforeId` (or the latest of all when null): only those have a snapshot (an `imports
 * remove` entry, without config, has none).
 */
export function previousCompletedRun(db: Db, beforeId: number | null): RunRecord | null {
  const r = db
    .prepare(
      "SELECT * FROM runs WHERE status = 'completed' AND config_path IS NOT NULL AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT 1",
    )
    .get(beforeId, beforeId) as RunRow | undefined;
  return r ? toRecord(r) : null;
}

/** True when content with this SHA-256 was already imported as `kind` (a run then skips the file unread). */
export function isImported(db: Db, kind: 'system' | 'paper', sha256: string): boolean {
  return db.prepare('SELECT 1 FROM imports WHERE kind = ? AND sha256 = ? LIMIT 1').get(kind, sha256) !== undefined;
}
