/**
 * The run lock: a file beside the database (`audit.sqlite.lock`) created with O_EXCL, holding
 * the holder's pid, host name and start time. A second run waits up to its --wait, then fails
 * with RUN_LOCKED naming the holder. A lock whose holder is gone (same host, pid dead, or
 * started before the machine booted) is stale and taken over, so a run killed by SIGKILL or a
 * power cut never blocks the next one. Only one taker at a time: taking over needs a second
 * O_EXCL file (`.lock.takeover`), and the stale lock is re-read under it before removal, so a
 * live lock is never removed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { AuditError } from '../errors.js';

/** What a lock file holds. */
export interface LockInfo {
  pid: number;
  hostname: string;
  /** ISO time (real clock) the holder took the lock. */
  startedAt: string;
  /** Random, so a lock is told apart from an earlier one of the same pid. */
  nonce: string;
}

/** A held lock. */
export interface RunLock {
  file: string;
  info: LockInfo;
  /** The stale lock of a dead run that was taken over, if any ('garbled' when it was unreadable). */
  tookOver: LockInfo | 'garbled' | null;
  /** Milliseconds spent waiting for another run. */
  waitedMs: number;
  /** Removes the lock file (only if it is still ours). */
  release(): void;
}

/** Options of acquireRunLock. */
export interface LockOptions {
  /** How long to wait for another run, in seconds (0 = do not wait). */
  waitSeconds: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockInfo | null) => void;
  /** Poll interval while waiting (ms). */
  pollMs?: number;
  /** Injectable for tests. */
  pid?: number;
  hostname?: string;
  isAlive?: (pid: number) => boolean;
}

/** A lock file whose content cannot be read is stale once it is this old (its writer died mid-write). */
const GARBLED_STALE_MS = 10_000;

/** The lock file of a database. */
export function lockFileOf(database: string): string {
  return `${database}.lock`;
}

/** True when a process with this pid exists (on this machine). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a lock file; null when absent, 'garbled' when unreadable as a lock. */
export function readLock(file: string): LockInfo | 'garbled' | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return 'garbled';
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, hostname: v.hostname, startedAt: v.startedAt, nonce: String(v.nonce ?? '') };
    }
  } catch {
    // fall through
  }
  return 'garbled';
}

function mtimeAgeMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether a lock's holder is gone. A holder on another host is never judged: it may be alive. */
function isStale(
  file: string,
  held: LockInfo | 'garbled',
  o: Required<Pick<LockOptions, 'hostname' | 'isAlive'>>,
): boolean {
  if (held === 'garbled') return mtimeAgeMs(file) > GARBLED_STALE_MS;
  if (held.hostname !== o.hostname) return false;
  const bootedAt = Date.now() - os.uptime() * 1000;
  if (Date.parse(held.startedAt) < bootedAt - 60_000) return true; // the pid was reused since a reboot
  return !o.isAlive(held.pid);
}

function tryCreate(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AuditError('DB_READONLY', `cannot create the lock file: ${file}`, { file }, {}, { cause: e });
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(info)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

const sameLock = (a: LockInfo | 'garbled' | null, b: LockInfo | 'garbled' | null) =>
  a !== null &&
  b !== null &&
  (a === 'garbled'
    ? b === 'garbled'
    : b !== 'garbled' && a.pid === b.pid && a.startedAt === b.startedAt && a.nonce === b.nonce);

/** Removes a stale lock under the takeover guard; true when it was removed. */
function removeStale(
  file: string,
  judged: LockInfo | 'garbled',
  o: Required<Pick<LockOptions, 'hostname' | 'isAlive'>>,
  self: LockInfo,
): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, self)) {
    const g = readLock(guard);
    if (g !== null && isStale(guard, g, o)) fs.rmSync(guard, { force: true });
    return false;
  }
  try {
    if (!sameLock(readLock(file), judged)) return false;
    fs.rmSync(file, { force: true });
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Takes the run lock of `database`, waiting up to `waitSeconds`; throws RUN_LOCKED when still held. */
export async function acquireRunLock(database: string, options: LockOptions): Promise<RunLock> {
  const file = lockFileOf(database);
  const o = { hostname: options.hostname ?? os.hostname(), isAlive: options.isAlive ?? processAlive };
  const info: LockInfo = {
    pid: options.pid ?? process.pid,
    hostname: o.hostname,
    startedAt: new Date().toISOString(),
    nonce: crypto.randomBytes(8).toString('hex'),
  };
  const started = Date.now();
  const deadline = started + Math.max(0, options.waitSeconds) * 1000;
  let tookOver: LockInfo | 'garbled' | null = null;
  let waiting = false;
  for (;;) {
    if (tryCreate(file, info)) break;
    const held = readLock(file);
    if (held !== null && isStale(file, held, o)) {
      if (removeStale(file, held, o, info)) tookOver = held;
      else await sleep(20); // another run is taking it over: let it finish
      continue;
    }
    if (held === null) continue; // released between our two looks
    if (Date.now() >= deadline) {
      const h = held === 'garbled' ? { pid: 0, hostname: '?', startedAt: '?' } : held;
      throw new AuditError(
        'RUN_LOCKED',
        `${file}: another run holds the lock (pid ${h.pid} on ${h.hostname}, started ${h.startedAt}); ` +
          `waited ${Math.round((Date.now() - started) / 1000)} s`,
        { file, hint: '--wait SECONDS' },
        {
          pid: h.pid,
          hostname: h.hostname,
          startedAt: h.startedAt,
          waitedSeconds: Math.round((Date.now() - started) / 1000),
        },
      );
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(held === 'garbled' ? null : held);
    }
    await sleep(Math.min(options.pollMs ?? 200, Math.max(1, deadline - Date.now())));
  }
  const waitedMs = Date.now() - started;
  return {
    file,
    info,
    tookOver,
    waitedMs,
    release() {
      if (sameLock(readLock(file), info)) fs.rmSync(file, { force: true });
    },
  };
}
