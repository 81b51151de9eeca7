/**
 * One error type for the whole library. The CLI maps `code` to an exit code and renders
 * `code` + `params` in the user's language; `message` is an English fallback for library users.
 */

/** Every error code the library can raise, prefixed by area. */
export type AuditErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'UNIT_UNKNOWN'
  | 'UNIT_REQUIRED'
  | 'UNIT_COLUMN_UNKNOWN'
  | 'UNITS_FILE_INVALID'
  | 'INGEST_NOT_FOUND'
  | 'INGEST_NOT_A_FILE'
  | 'INGEST_EMPTY'
  | 'INGEST_UNSUPPORTED'
  | 'INGEST_UNREADABLE'
  | 'INGEST_BAD_ENCODING'
  | 'INGEST_ENCRYPTED'
  | 'INGEST_TOO_LARGE'
  | 'INGEST_NO_HEADER'
  | 'INGEST_MISSING_COLUMNS'
  | 'INGEST_SHEET_NOT_FOUND'
  | 'INGEST_WRONG_KIND'
  | 'INGEST_NOT_EXCEL'
  | 'IMPORT_AS_OF_REQUIRED'
  | 'DB_MISSING'
  | 'DECISION_INVALID'
  | 'DECISION_OVERRIDES_CODE'
  | 'IMPORT_UNKNOWN'
  | 'IMPORT_NOT_RESTORABLE'
  | 'FINDING_UNKNOWN'
  | 'DB_LOCKED'
  | 'DB_READONLY'
  | 'DB_FULL'
  | 'DB_CORRUPT'
  | 'DB_NEWER_SCHEMA'
  | 'RUN_CONFIG_INVALID'
  | 'RUN_LOCKED'
  | 'RUN_NOT_FOUND'
  | 'FILE_SYSTEM'
  | 'INTERNAL';

/** Where an error happened: enough for the user to open the file at the right cell. */
export interface ErrorContext {
  file?: string;
  sheet?: string | null;
  row?: number;
  column?: string;
  /** A short suggestion of what to do next. */
  hint?: string;
}

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly context: ErrorContext;
  /** Extra values the message template needs (counts, names, lists). No personal data. */
  readonly params: Record<string, unknown>;

  constructor(
    code: AuditErrorCode,
    message: string,
    context: ErrorContext = {},
    params: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AuditError';
    this.code = code;
    this.context = context;
    this.params = params;
  }
}

/** True for errors raised by this library (as opposed to bugs). */
export function isAuditError(e: unknown): e is AuditError {
  return e instanceof AuditError;
}

/** Wraps a SQLite error from better-sqlite3 into an AuditError when it is an operational condition. */
export function wrapSqliteError(e: unknown, file: string): unknown {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY_')) {
    return new AuditError('DB_LOCKED', `database is locked by another process: ${file}`, { file }, {}, { cause: e });
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'SQLITE_CANTOPEN') {
    return new AuditError('DB_READONLY', `database cannot be written: ${file}`, { file }, {}, { cause: e });
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) {
    return new AuditError(
      'DB_FULL',
      `disk full or I/O error writing the database: ${file}`,
      { file },
      {},
      { cause: e },
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new AuditError(
      'DB_CORRUPT',
      `the database file is damaged or not a database: ${file}`,
      { file },
      {},
      { cause: e },
    );
  }
  return e;
}

const FS_CODES = new Set([
  'EACCES',
  'EPERM',
  'ENOENT',
  'EISDIR',
  'ENOTDIR',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EEXIST',
  'ENAMETOOLONG',
  'EMFILE',
]);

/**
 * Wraps a Node file-system error (an output folder that does not exist, no permission, a full or
 * read-only disk) into an AuditError naming the path: an operational error, not a bug.
 */
export function wrapFsError(e: unknown): unknown {
  const err = e as { code?: unknown; path?: unknown; dest?: unknown } | null;
  if (!err || typeof err.code !== 'string' || !FS_CODES.has(err.code)) return e;
  const file = typeof err.dest === 'string' ? err.dest : typeof err.path === 'string' ? err.path : undefined;
  if (!file) return e;
  return new AuditError('FILE_SYSTEM', `${file}: ${err.code}`, { file }, { fsCode: err.code }, { cause: e });
}
