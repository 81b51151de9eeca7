/**
 * Opens the audit database: created readable by its owner only (it holds personal data), WAL
 * with a busy timeout so a second process waits instead of failing, foreign keys on, and the
 * schema migrated (after a backup copy beside the file when an older schema is upgraded).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AuditError, wrapSqliteError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** The open database handle type used across the store. */
export type Db = Database.Database;

/** Options for opening a database. */
export interface OpenDbOptions {
  /** Milliseconds to wait for another process's write lock before failing with DB_LOCKED. */
  busyTimeoutMs?: number;
  /** Open an existing database without creating or migrating (for read-only commands). */
  mustExist?: boolean;
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
  let db: Db;
  try {
    db = new Database(resolved, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, resolved);
  } catch (e) {
    throw wrapSqliteError(e, file);
  }
  return db;
}

/** Brings the schema up to SCHEMA_VERSION, backing up a non-empty older database first. */
export function migrate(db: Db, file: string | null): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new AuditError('DB_NEWER_SCHEMA', `the database was written by a newer motcua-audit (schema ${current} > ${SCHEMA_VERSION})`, { file: file ?? undefined });
  }
  if (current === SCHEMA_VERSION) return;
  if (current > 0 && file) {
    const backup = `${file}.schema-v${current}.bak`;
    if (!fs.existsSync(backup)) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      fs.copyFileSync(file, backup);
      fs.chmodSync(backup, 0o600);
    }
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** Reads a meta value. */
export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

/** Writes a meta value. */
export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
