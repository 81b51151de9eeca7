/**
 * `doctor`: checks an audit database without changing it (opened read-only): SQLite's own
 * integrity check, the schema version against this build's, orphan rows, imports whose stored
 * row count differs from what was recorded, imported files missing from disk or changed since,
 * the WAL file's size and the file's permissions. Returns structured checks; the CLI renders them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AuditError } from '../errors.js';
import { SCHEMA_VERSION } from './schema.js';
import { cannotOpenHere, closingAlso, privateCopy } from './db.js';
import { detectSchemaVersion, hasUserTables } from './schema-detect.js';

/** ok: nothing to do; warn: worth knowing, the data is sound; fail: the database has a problem. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** The checks, in the order they are shown. */
export type CheckId = 'integrity' | 'schema' | 'orphans' | 'row-counts' | 'files' | 'wal' | 'permissions';

/** One check's outcome: `params` fill the localized sentence, `items` are the first few instances. */
export interface DoctorCheck {
  id: CheckId;
  status: CheckStatus;
  params: Record<string, unknown>;
  items: string[];
}

/** What `doctor` found. */
export interface DoctorReport {
  file: string;
  sizeBytes: number;
  healthy: boolean;
  checks: DoctorCheck[];
  counts: { imports: number; replacedImports: number; paperRows: number; systemRows: number; units: number } | null;
}

/** Options of a doctor run. */
export interface DoctorOptions {
  /** Folder relative import paths are resolved from (default: the current folder). */
  cwd?: string;
  /** WAL size above which a warning is given. Default 64 MiB. */
  walWarnBytes?: number;
  /** How many instances each check lists at most. Default 5. */
  maxItems?: number;
}

const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Runs every check on the database at `file`. Throws DB_MISSING when there is no such file. */
export function runDoctor(file: string, options: DoctorOptions = {}): DoctorReport {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile())
    throw new AuditError('DB_MISSING', `database not found: ${file}`, { file });
  const max = options.maxItems ?? 5;
  const stat = fs.statSync(resolved);
  const checks: DoctorCheck[] = [];
  const add = (id: CheckId, status: CheckStatus, params: Record<string, unknown> = {}, items: string[] = []) =>
    checks.push({ id, status, params, items: items.slice(0, max) });
  const report: DoctorReport = { file, sizeBytes: stat.size, healthy: true, checks, counts: null };

  let db: Database.Database | null = null;
  try {
    db = openForDoctor(resolved, file);
    const integrity = (db.prepare('PRAGMA integrity_check(20)').all() as Array<{ integrity_check: string }>).map(
      (r) => r.integrity_check,
    );
    if (integrity.length === 1 && integrity[0] === 'ok') add('integrity', 'ok');
    else add('integrity', 'fail', { problems: integrity.length }, integrity);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    add('integrity', 'fail', { problems: 1, sqlite: code }, [String((e as Error).message).split('\n')[0]!]);
    db?.close();
    db = null;
  }
  if (db) {
    try {
      checkContent(db, add, options);
      report.counts = counts(db);
    } catch (e) {
      // A database damaged past the integrity check's reach fails here: report, do not crash.
      add('integrity', 'fail', { problems: 1, sqlite: (e as { code?: string }).code ?? '' }, [
        String((e as Error).message).split('\n')[0]!,
      ]);
    } finally {
      db.close();
    }
  }
  checkFileSystem(resolved, add, options);
  report.healthy = checks.every((c) => c.status !== 'fail');
  return report;
}

/**
 * Opens the database read-only. In a folder that cannot be written SQLite cannot make the WAL
 * index and refuses to open: that says nothing about the database, so it is then checked from a
 * private copy (removed when closed), not called damaged.
 */
function openForDoctor(resolved: string, file: string): Database.Database {
  try {
    const db = new Database(resolved, { readonly: true, fileMustExist: true });
    // Opening is lazy: the first read is what fails in a read-only folder.
    db.pragma('user_version', { simple: true });
    return db;
  } catch (e) {
    if (!cannotOpenHere(e, resolved)) throw e;
    const { copy, remove } = privateCopy(resolved, file);
    try {
      return closingAlso(new Database(copy, { readonly: true, fileMustExist: true }), remove);
    } catch (e2) {
      remove();
      throw e2;
    }
  }
}

type Add = (id: CheckId, status: CheckStatus, params?: Record<string, unknown>, items?: string[]) => void;

function checkContent(db: Database.Database, add: Add, options: DoctorOptions): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0 && hasUserTables(db)) {
    // Restored from a dump (user_version lost): what every command does, said the same way.
    const detected = detectSchemaVersion(db);
    if (detected === null) add('schema', 'fail', { version, current: SCHEMA_VERSION, reason: 'schema-unknown' });
    else add('schema', 'warn', { version, current: SCHEMA_VERSION, detected, reason: 'restored' });
  } else {
    add('schema', version === SCHEMA_VERSION ? 'ok' : version > SCHEMA_VERSION ? 'fail' : 'warn', {
      version,
      current: SCHEMA_VERSION,
    });
  }
  if (!tableExists(db, 'imports')) return;

  // Orphans: rows whose parent is gone (declared foreign keys), and matches to no system dossier.
  const fk = db.prepare('PRAGMA foreign_key_check').all() as Array<{
    table: string;
    rowid: number | null;
    parent: string;
  }>;
  const orphans = new Map<string, number>();
  for (const r of fk) orphans.set(`${r.table} → ${r.parent}`, (orphans.get(`${r.table} → ${r.parent}`) ?? 0) + 1);
  if (tableExists(db, 'matches') && tableExists(db, 'system_rows')) {
    const n = (
      db
        .prepare(
          'SELECT COUNT(*) AS n FROM matches m WHERE NOT EXISTS (SELECT 1 FROM system_rows s WHERE s.code_key = m.system_code_key)',
        )
        .get() as { n: number }
    ).n;
    if (n > 0) orphans.set('matches → system_rows', n);
  }
  const orphanTotal = [...orphans.values()].reduce((a, b) => a + b, 0);
  add(
    'orphans',
    orphanTotal === 0 ? 'ok' : 'fail',
    { count: orphanTotal },
    [...orphans].map(([k, n]) => `${k}: ${n}`),
  );

  // Every import holds all its rows or none: the stored count equals the recorded one. System
  // rows without a code are recorded as data-quality issues instead of rows, so they count too.
  const imports = db
    .prepare(`SELECT i.id, i.kind, i.path, i.sha256, i.status, i.rows_imported AS recorded,
      CASE i.kind WHEN 'paper' THEN (SELECT COUNT(*) FROM paper_rows p WHERE p.import_id = i.id)
                  ELSE (SELECT COUNT(*) FROM system_rows s WHERE s.import_id = i.id) END AS stored,
      (SELECT COUNT(*) FROM dq_issues d WHERE d.import_id = i.id AND d.row_id IS NULL AND d.rule = 'code_malformed') AS codeless
    FROM imports i ORDER BY i.id`)
    .all() as Array<{
    id: number;
    kind: string;
    path: string;
    sha256: string;
    status: string;
    recorded: number;
    stored: number;
    codeless: number;
  }>;
  const mismatched = imports.filter((i) => {
    if (i.kind === 'paper' && i.status === 'replaced') return i.stored !== 0;
    return i.stored !== i.recorded && i.stored + i.codeless !== i.recorded;
  });
  add(
    'row-counts',
    mismatched.length === 0 ? 'ok' : 'fail',
    { imports: imports.length, mismatched: mismatched.length },
    mismatched.map((i) => `#${i.id} ${i.path}: ${i.stored} / ${i.recorded}`),
  );

  // Files of active imports: still on disk, and still the content that was imported.
  const base = options.cwd ?? process.cwd();
  const missing: string[] = [];
  const changed: string[] = [];
  for (const i of imports.filter((x) => x.status === 'active')) {
    const p = path.resolve(base, i.path);
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) missing.push(i.path);
    else if (sha256Of(p) !== i.sha256) changed.push(i.path);
  }
  add(
    'files',
    missing.length + changed.length === 0 ? 'ok' : 'warn',
    { checked: imports.filter((x) => x.status === 'active').length, missing: missing.length, changed: changed.length },
    [...changed.map((p) => `~ ${p}`), ...missing.map((p) => `- ${p}`)],
  );
}

function counts(db: Database.Database): DoctorReport['counts'] {
  if (!tableExists(db, 'imports')) return null;
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    imports: n("SELECT COUNT(*) AS n FROM imports WHERE status = 'active'"),
    replacedImports: n("SELECT COUNT(*) AS n FROM imports WHERE status = 'replaced'"),
    paperRows: n('SELECT COUNT(*) AS n FROM paper_rows'),
    systemRows: n('SELECT COUNT(*) AS n FROM system_rows'),
    units: n('SELECT COUNT(*) AS n FROM units'),
  };
}

function checkFileSystem(resolved: string, add: Add, options: DoctorOptions): void {
  const wal = `${resolved}-wal`;
  const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  add('wal', walBytes > (options.walWarnBytes ?? 64 * 2 ** 20) ? 'warn' : 'ok', { bytes: walBytes });
  // The database holds citizens' personal data: readable by its owner only.
  const loose = [resolved, wal, `${resolved}-shm`].filter(
    (f) => fs.existsSync(f) && (fs.statSync(f).mode & 0o077) !== 0,
  );
  add(
    'permissions',
    loose.length === 0 ? 'ok' : 'warn',
    { mode: (fs.statSync(resolved).mode & 0o777).toString(8) },
    loose.map((f) => `${path.basename(f)} ${(fs.statSync(f).mode & 0o777).toString(8)}`),
  );
}
