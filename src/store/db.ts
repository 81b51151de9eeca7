/**
 * Opens the audit database: created readable by its owner only (it holds personal data), WAL
 * with a busy timeout so a second process waits instead of failing, foreign keys on, and the
 * schema migrated (after a backup copy beside the file when an older schema is upgraded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AuditError, wrapSqliteError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { detectSchemaVersion, hasUserTables } from './schema-detect.js';

/** The open database handle type used across the store. */
export type Db = Database.Database;

/** Options for opening a database. */
export interface OpenDbOptions {
  /** Milliseconds to wait for another process's write lock before failing with DB_LOCKED. */
  busyTimeoutMs?: number;
  /** Open an existing database without creating or migrating (for read-only commands). */
  mustExist?: boolean;
  /**
   * The command only reads: when the database's folder cannot be written (a read-only share, a
   * folder of another user), SQLite cannot make the WAL index beside it and refuses to open it;
   * the database is then read from a private copy (readOnlyCopy).
   */
  readOnly?: boolean;
}

/** Opens (creating with mode 0600 when absent) and migrates the database at `file`. */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  const resolved = path.resolve(file);
  const exists = fs.existsSync(resolved);
  if (!exists) {
    if (options.mustExist) {
      throw new AuditError('DB_MISSING', `database not found: ${file}`, { file, hint: 'import files first' });
    }
    try {
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
      fs.closeSync(fs.openSync(resolved, 'a', 0o600));
      fs.chmodSync(resolved, 0o600);
    } catch (e) {
      throw new AuditError('DB_READONLY', `cannot create the database: ${file}`, { file }, {}, { cause: e });
    }
  }
  // A read-only command in a folder (or on a file) that cannot be written reads a private copy: SQLite
  // may open such a database (its WAL index already there) and only fail at the first write, such
  // as storing the matches a report makes first.
  if (options.readOnly && exists && !writable(resolved)) return readOnlyCopy(resolved, file, options);
  let db: Db | null = null;
  try {
    db = new Database(resolved, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, resolved);
  } catch (e) {
    db?.close();
    if (options.readOnly && exists && cannotOpenHere(e, resolved)) return readOnlyCopy(resolved, file, options);
    throw wrapSqliteError(e, file);
  }
  return db;
}

/** True when the database file and its folder can be written (SQLite writes its WAL and index beside the file). */
function writable(resolved: string): boolean {
  try {
    fs.accessSync(path.dirname(resolved), fs.constants.W_OK);
    fs.accessSync(resolved, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True for SQLite's refusal to open (or write beside) a database in a folder that cannot be written. */
export function cannotOpenHere(e: unknown, resolved: string): boolean {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code !== 'SQLITE_CANTOPEN' && !code.startsWith('SQLITE_READONLY')) return false;
  try {
    fs.accessSync(path.dirname(resolved), fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Opens a private copy of a database that lies in a folder nobody here can write: the file (and
 * its WAL, whose committed pages SQLite folds into the copy) copied into a new owner-only
 * temporary folder, removed when the database is closed. Nothing can be written to the original
 * from there, and read-only commands need nothing more.
 */
export function readOnlyCopy(resolved: string, file: string, options: OpenDbOptions = {}): Db {
  const { copy, remove } = privateCopy(resolved, file);
  let db: Db | null = null;
  try {
    db = new Database(copy, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('foreign_keys = ON');
    migrate(db, null);
  } catch (e) {
    db?.close();
    remove();
    throw wrapSqliteError(e, file);
  }
  return closingAlso(db, remove);
}

/** A copy of the database file and its WAL in a new owner-only temporary folder, and how to remove it. */
export function privateCopy(resolved: string, file: string): { copy: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-audit-ro-'));
  const copy = path.join(dir, path.basename(resolved));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.copyFileSync(resolved, copy);
    fs.chmodSync(copy, 0o600);
    if (fs.existsSync(`${resolved}-wal`)) {
      fs.copyFileSync(`${resolved}-wal`, `${copy}-wal`);
      fs.chmodSync(`${copy}-wal`, 0o600);
    }
  } catch (e) {
    remove();
    throw new AuditError(
      'DB_READONLY',
      `cannot read the database from a read-only folder: ${file}`,
      { file },
      {},
      { cause: e },
    );
  }
  return { copy, remove };
}

/** `db` whose close() also runs `after`. */
export function closingAlso(db: Db, after: () => void): Db {
  const close = db.close.bind(db);
  (db as { close: () => Db }).close = () => {
    try {
      return close();
    } finally {
      after();
    }
  };
  return db;
}

function checkNotNewer(version: number, file: string | null): void {
  if (version > SCHEMA_VERSION) {
    throw new AuditError(
      'DB_NEWER_SCHEMA',
      `the database was written by a newer motcua-audit (schema ${version} > ${SCHEMA_VERSION})`,
      { file: file ?? undefined },
    );
  }
}

/**
 * Copies the database as it is now to `${file}.schema-v${version}.bak` (mode 0600), once. The copy
 * is made by SQLite itself (`VACUUM INTO`, a consistent snapshot even while another process
 * writes) into a private temporary file then linked into place, so nobody ever sees half a
 * backup, and a second process racing the first never replaces the first one's backup.
 */
function backupBeforeMigration(db: Db, file: string, version: number): void {
  try {
    writeBackup(db, `${file}.schema-v${version}.bak`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw new AuditError(
        'DB_FULL',
        `disk full writing the backup before a schema upgrade: ${file}`,
        { file },
        {},
        { cause: e },
      );
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new AuditError(
        'DB_READONLY',
        `cannot write the backup before a schema upgrade beside ${file}`,
        { file },
        {},
        { cause: e },
      );
    throw e;
  }
}

function writeBackup(db: Db, backup: string): void {
  if (fs.existsSync(backup)) return;
  const tmp = `${backup}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  // VACUUM INTO accepts an existing empty file: create it owner-only first.
  fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    fs.chmodSync(tmp, 0o600);
    try {
      fs.linkSync(tmp, backup);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      fs.renameSync(tmp, backup);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Brings the schema up to SCHEMA_VERSION, backing up a non-empty older database first. Each step
 * runs in an immediate (write-locked) transaction that reads `user_version` again, so two
 * processes opening an old database at once never apply a migration twice: the second waits for
 * the first (busy timeout) and then finds the work done.
 */
export function migrate(db: Db, file: string | null): void {
  let seen = db.pragma('user_version', { simple: true }) as number;
  if (seen === 0 && hasUserTables(db)) seen = recoverSchemaVersion(db, file);
  migrateFrom(db, file, seen);
}

/**
 * A database with tables but user_version 0 (restored with `sqlite3 .dump`, which does not keep
 * it): the version its tables are is written back, in a write-locked transaction that looks
 * again (another process may be doing the same). Tables that are no version's are refused with
 * DB_CORRUPT (reason schema-unknown): nothing is changed.
 */
export function recoverSchemaVersion(db: Db, file: string | null): number {
  return db
    .transaction((): number => {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v !== 0 || !hasUserTables(db)) return v;
      const detected = detectSchemaVersion(db);
      if (detected === null) {
        throw new AuditError(
          'DB_CORRUPT',
          `the database has tables but no schema version (user_version 0), and its tables are no version of ` +
            `motcua-audit's: ${file ?? ''}`,
          { file: file ?? undefined },
          { reason: 'schema-unknown' },
        );
      }
      db.pragma(`user_version = ${detected}`);
      return detected;
    })
    .immediate();
}

/**
 * `migrate` given the version read before any lock was taken (`seen`); exported so tests can
 * replay the race where another process migrates between that read and the first step.
 */
export function migrateFrom(db: Db, file: string | null, seen: number): void {
  checkNotNewer(seen, file);
  if (seen === SCHEMA_VERSION) return;
  if (seen > 0 && file) backupBeforeMigration(db, file, seen);
  for (;;) {
    const done = db
      .transaction((): boolean => {
        const v = db.pragma('user_version', { simple: true }) as number;
        checkNotNewer(v, file);
        if (v === SCHEMA_VERSION) return true;
        db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${v + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}

/** Reads a meta value. */
export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

/** Writes a meta value. */
export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** True when the database at `file` exists and its matches are stale (read without writing anything). */
export function readMatchStale(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'match_stale'").get() as { value: string } | undefined;
      return row?.value !== '0';
    } finally {
      db.close();
    }
  } catch {
    return false; // the command itself reports what is wrong with the database
  }
}
