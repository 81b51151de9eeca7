/** What every command gets: resolved global options, output channels, the clock, the database. */
import fs from 'node:fs';
import path from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { AuditError } from '../errors.js';
import { type Lang, MSG, RUN_MSG, usageError } from '../i18n/index.js';
import {
  type Db,
  openDb,
  type OpenDbOptions,
  parseVietnameseDate,
  writePrivateFileAtomically,
} from '../audit/context.js';
import { acquireRunLock, type RunLock } from '../run/lock.js';

/** The process surroundings, injectable so tests run the CLI in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width in columns (undefined when stdout is not a terminal). */
  stdoutColumns?: number;
}

/** Global options after defaults and validation. */
export interface GlobalOptions {
  db: string;
  lang: Lang;
  quiet: boolean;
  color: boolean;
  debug: boolean;
}

/** The command context. */
export class Ctx {
  readonly chalk: ChalkInstance;
  readonly msg: (typeof MSG)[Lang];

  constructor(
    readonly io: CliIO,
    readonly opts: GlobalOptions,
  ) {
    const colour = opts.color && io.stdoutIsTTY && io.env.NO_COLOR === undefined;
    this.chalk = new Chalk({ level: colour ? 1 : 0 });
    this.msg = MSG[opts.lang];
  }

  /** Informational output: silent under --quiet. */
  info(line: string): void {
    if (!this.opts.quiet) this.io.stdout(`${line}\n`);
  }

  /** Data output (a report on stdout): always printed, it is what was asked for. */
  data(text: string): void {
    this.io.stdout(text);
  }

  /** A side note about what was done (on stderr, so stdout stays the report): silent under --quiet. */
  note(line: string): void {
    if (!this.opts.quiet) this.io.stderr(`${line}\n`);
  }

  /** A warning or problem, one line on stderr. */
  warn(line: string): void {
    this.io.stderr(`${line}\n`);
  }

  /** The clock: MOTCUA_AUDIT_NOW (ISO) fixes it for reproducible runs and tests. */
  now(): Date {
    const fixed = this.io.env.MOTCUA_AUDIT_NOW;
    return fixed ? new Date(fixed) : new Date();
  }

  /** Opens the database named by --db / MOTCUA_AUDIT_DB. */
  openDb(options: OpenDbOptions = {}): Db {
    const timeout = Number(this.io.env.MOTCUA_AUDIT_BUSY_TIMEOUT_MS);
    return openDb(this.opts.db, {
      busyTimeoutMs: Number.isFinite(timeout) && timeout >= 0 ? timeout : undefined,
      ...options,
    });
  }

  /**
   * Takes the run lock of the database (as `run` does) for a command that writes: waits up to
   * MOTCUA_AUDIT_LOCK_WAIT seconds (default 60) for another run or command, saying so once, then
   * fails with RUN_LOCKED (exit 4).
   */
  async takeWriteLock(): Promise<RunLock> {
    const raw = this.io.env.MOTCUA_AUDIT_LOCK_WAIT;
    const n = raw === undefined || raw.trim() === '' ? 60 : Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new AuditError(
        'CONFIG_INVALID',
        `MOTCUA_AUDIT_LOCK_WAIT: not a number of seconds ≥ 0: "${raw}"`,
        { hint: 'MOTCUA_AUDIT_LOCK_WAIT' },
        { option: 'MOTCUA_AUDIT_LOCK_WAIT', value: raw },
      );
    const m = RUN_MSG[this.opts.lang];
    try {
      fs.mkdirSync(path.dirname(path.resolve(this.opts.db)), { recursive: true });
    } catch (e) {
      throw new AuditError(
        'DB_READONLY',
        `cannot create the database folder: ${this.opts.db}`,
        { file: this.opts.db },
        {},
        { cause: e },
      );
    }
    return acquireRunLock(path.resolve(this.opts.db), {
      waitSeconds: n,
      onWait: (h) => this.note(m.waiting(h?.pid ?? null, h?.hostname ?? null, h?.startedAt ?? null)),
    });
  }

  /** Writes a file readable by its owner only (reports carry personal data). */
  writePrivateFile(file: string, content: string | Buffer): void {
    // Atomically, never through a link at `file` (see writeTextFile).
    writePrivateFileAtomically(file, content);
  }
}

/** Parses a date option (day first, or ISO); a usage error names the option. */
export function parseDateOption(value: string | undefined, option: string): string | null {
  if (value === undefined) return null;
  const r = parseVietnameseDate(value);
  if (!r.ok) throw usageError('notADate', { option, value });
  return r.date;
}
