/** The one exit-code table. Scripts and cron rely on these numbers: never renumber. */
import type { AuditErrorCode } from '../errors.js';

export const EXIT = {
  OK: 0,
  /** Findings over a --fail-on threshold. */
  FINDINGS: 1,
  /** Usage or configuration error. */
  USAGE: 2,
  /** An input file cannot be read (nothing imported from it). Wins over FINDINGS. */
  INPUT: 3,
  /** The database is locked by another run. */
  LOCKED: 4,
  /** A bug: please report it with --debug output. */
  INTERNAL: 70,
} as const;

/** Exit code for a library error code. */
export function exitCodeFor(code: AuditErrorCode, params: Record<string, unknown> = {}): number {
  if (code.startsWith('INGEST_')) return EXIT.INPUT;
  // A full disk (or a disk error) while writing a file is the same condition as on the database.
  if (code === 'FILE_SYSTEM' && (params.fsCode === 'ENOSPC' || params.fsCode === 'EDQUOT' || params.fsCode === 'EIO'))
    return EXIT.INPUT;
  switch (code) {
    case 'DB_LOCKED':
    case 'RUN_LOCKED':
      return EXIT.LOCKED;
    case 'INTERNAL':
      return EXIT.INTERNAL;
    case 'DB_READONLY':
    case 'DB_FULL':
    case 'DB_CORRUPT':
    case 'DB_NEWER_SCHEMA':
      return EXIT.INPUT;
    default:
      return EXIT.USAGE;
  }
}
