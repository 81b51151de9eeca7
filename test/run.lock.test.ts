/** The run lock: exclusive, waits, names its holder, takes over stale locks and only stale ones. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAuditError } from '../src/errors.js';
import { formatError } from '../src/i18n/index.js';
import { acquireRunLock, lockFileOf, readLock } from '../src/run/lock.js';
import { tempDir } from './helpers/cli.js';

/** A pid that surely belongs to no process any more: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function writeLock(db: string, content: object | string) {
  fs.writeFileSync(lockFileOf(db), typeof content === 'string' ? content : JSON.stringify(content));
}

async function lockedError(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAuditError(e)) return e;
    throw e;
  }
  throw new Error('expected RUN_LOCKED');
}

describe('run lock', () => {
  it('is a 0600 file beside the database with pid, host and start time, removed on release', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    const lock = await acquireRunLock(db, { waitSeconds: 0 });
    expect(lock.file).toBe(`${db}.lock`);
    expect(fs.statSync(lock.file).mode & 0o777).toBe(0o600);
    const info = readLock(lock.file);
    expect(info).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(Date.parse((info as { startedAt: string }).startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(lock.tookOver).toBeNull();
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  it('a second taker fails at once with --wait 0, naming the holder pid and start time', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    const first = await acquireRunLock(db, { waitSeconds: 0 });
    const e = await lockedError(acquireRunLock(db, { waitSeconds: 0 }));
    expect(e.code).toBe('RUN_LOCKED');
    expect(e.params).toMatchObject({ pid: process.pid, startedAt: first.info.startedAt });
    const line = formatError(e, 'en');
    expect(line).toContain(`pid ${process.pid}`);
    expect(line).toContain(first.info.startedAt);
    expect(line.split('\n')).toHaveLength(1);
    first.release();
  });

  it('waits for the holder when asked, and says so once', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    const first = await acquireRunLock(db, { waitSeconds: 0 });
    setTimeout(() => first.release(), 300);
    let waits = 0;
    const second = await acquireRunLock(db, { waitSeconds: 10, pollMs: 50, onWait: () => waits++ });
    expect(waits).toBe(1);
    expect(second.waitedMs).toBeGreaterThanOrEqual(250);
    second.release();
  });

  it('gives up after --wait seconds', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    const first = await acquireRunLock(db, { waitSeconds: 0 });
    const t = Date.now();
    const e = await lockedError(acquireRunLock(db, { waitSeconds: 0.4, pollMs: 50 }));
    expect(Date.now() - t).toBeGreaterThanOrEqual(350);
    expect(e.code).toBe('RUN_LOCKED');
    first.release();
  });

  it('takes over a lock whose process is dead', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    const dead = { pid: deadPid(), hostname: os.hostname(), startedAt: new Date().toISOString(), nonce: 'x' };
    writeLock(db, dead);
    const lock = await acquireRunLock(db, { waitSeconds: 0 });
    expect(lock.tookOver).toMatchObject({ pid: dead.pid });
    expect(readLock(lock.file)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock older than the last boot even if its pid is alive again', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    writeLock(db, { pid: process.pid, hostname: os.hostname(), startedAt: '1999-01-01T00:00:00.000Z', nonce: 'x' });
    const lock = await acquireRunLock(db, { waitSeconds: 0 });
    expect(lock.tookOver).toMatchObject({ startedAt: '1999-01-01T00:00:00.000Z' });
    lock.release();
  });

  it('never takes over a lock held on another host, nor a fresh unreadable one', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    writeLock(db, { pid: deadPid(), hostname: 'other-host', startedAt: new Date().toISOString(), nonce: 'x' });
    expect((await lockedError(acquireRunLock(db, { waitSeconds: 0 }))).params).toMatchObject({
      hostname: 'other-host',
    });
    writeLock(db, '');
    expect((await lockedError(acquireRunLock(db, { waitSeconds: 0 }))).code).toBe('RUN_LOCKED');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFileOf(db), old, old);
    const lock = await acquireRunLock(db, { waitSeconds: 0 });
    expect(lock.tookOver).toBe('garbled');
    lock.release();
  });

  it('after one taker has taken a stale lock over, the others see a live lock', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    writeLock(db, { pid: deadPid(), hostname: os.hostname(), startedAt: new Date().toISOString(), nonce: 'x' });
    const all = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        acquireRunLock(db, { waitSeconds: 0, pid: 100_000 + i, isAlive: (pid) => pid >= 100_000 }),
      ),
    );
    const won = all.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(
      all.filter((r) => r.status === 'rejected' && isAuditError(r.reason) && r.reason.code === 'RUN_LOCKED'),
    ).toHaveLength(5);
    expect(fs.existsSync(`${lockFileOf(db)}.takeover`)).toBe(false);
  });

  it('release leaves alone a lock that is no longer ours', async () => {
    const db = path.join(tempDir(), 'audit.sqlite');
    const lock = await acquireRunLock(db, { waitSeconds: 0 });
    writeLock(db, { pid: 1, hostname: os.hostname(), startedAt: new Date().toISOString(), nonce: 'someone-else' });
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(true);
  });
});
