/**
 * Real processes of `node bin/motcua-audit.js run` on one config: two at once (one waits or
 * exits 4; the database stays intact), and a run SIGKILLed in the middle of importing a large
 * file (the database stays consistent; the next run takes the stale lock over and completes).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from './helpers/cli.js';
import { latest, makeProvince, type Province } from './helpers/run-folder.js';

const BIN = fileURLToPath(new URL('../bin/motcua-audit.js', import.meta.url));
const ENV = { ...process.env, MOTCUA_AUDIT_NOW: FIXED_NOW };

/** A system export of `n` open dossiers of UBND huyện Gò Dầu, as the system writes it. */
function writeLargeExport(file: string, n: number): void {
  const lines = [
    'DANH SÁCH HỒ SƠ',
    'Ngày xuất: 05/07/2025',
    '',
    'STT,Mã hồ sơ,Thủ tục,Chủ hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết ' +
      'quả,Trạng thái',
  ];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 6)).padStart(2, '0');
    const seq = String(Math.floor(i / 168) + 1).padStart(4, '0');
    lines.push(
      `${i + 1},000.00.19.H53-25${month}${day}-${seq},Cấp giấy phép xây dựng,Người nộp ${i},UBND huyện Gò ` +
        `Dầu,${day}/${month}/2025 08:00:00,,,,Đang xử lý`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `motcua-audit --quiet run --config …` as a real process. */
function start(p: Province, ...extra: string[]): ChildProcess & { done: Promise<Ended> } {
  const child = spawn(process.execPath, [BIN, '--quiet', 'run', '--config', p.config, ...extra], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stdout += d));
  const done = new Promise<Ended>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return Object.assign(child, { done });
}

async function until(what: string, test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const t = Date.now();
  while (!test()) {
    if (Date.now() - t > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function inspect(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    return {
      integrity: d.pragma('integrity_check', { simple: true }),
      runs: d.prepare('SELECT id, status, exit_code AS exitCode FROM runs ORDER BY id').all() as Array<{
        id: number;
        status: string;
        exitCode: number | null;
      }>,
      imports: (d.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n,
      systemRows: (d.prepare('SELECT COUNT(*) AS n FROM system_rows').get() as { n: number }).n,
    };
  } finally {
    d.close();
  }
}

/**
 * Whether another connection holds the database's write lock (a transaction under way): a
 * `BEGIN IMMEDIATE` without waiting is refused as busy. Released at once when it is not.
 */
function writerBusy(db: string): boolean {
  if (!fs.existsSync(db)) return false;
  let d: Database.Database | undefined;
  try {
    d = new Database(db, { fileMustExist: true, timeout: 0 });
    d.exec('BEGIN IMMEDIATE');
    d.exec('ROLLBACK');
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    d?.close();
  }
}

/** Whether the unit list is in (the run imports it before the exports). */
function unitsImported(db: string): boolean {
  if (!fs.existsSync(db)) return false;
  const d = new Database(db, { readonly: true, fileMustExist: true, timeout: 1000 });
  try {
    return (
      (d.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'units'").get() as { n: number }).n > 0 &&
      (d.prepare('SELECT COUNT(*) AS n FROM units').get() as { n: number }).n > 0
    );
  } catch {
    return false;
  } finally {
    d.close();
  }
}

describe('runs as real processes', () => {
  it('two runs at once: the second exits 4 naming the first, a third waits; the database stays intact', {
    timeout: 120_000,
  }, async () => {
    const p = makeProvince({ reports: { formats: ['json'] } });
    const lock = `${p.db}.lock`;
    const a = start(p);
    const holder = () => {
      try {
        return (JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid: number }).pid;
      } catch {
        return null;
      }
    };
    await until('the first run to hold the lock', () => holder() === a.pid);
    // Freeze the holder, so the others meet a live lock however fast or slow this machine is.
    a.kill('SIGSTOP');
    expect(fs.existsSync(lock)).toBe(true);
    const b = start(p, '--wait', '0');
    const c = start(p, '--wait', '120');
    const rb = await b.done;
    expect(rb.code).toBe(4);
    expect(rb.stderr.trim().split('\n')).toHaveLength(1);
    expect(rb.stderr).toContain(`pid ${a.pid}`);
    expect(rb.stderr).toContain(String(JSON.parse(fs.readFileSync(lock, 'utf8')).startedAt));
    a.kill('SIGCONT');
    const [ra, rc] = await Promise.all([a.done, c.done]);
    expect([ra.stdout, rb.stdout, rc.stdout]).toEqual(['', '', '']); // --quiet, whatever the outcome
    expect(ra.code, ra.stderr).toBe(0);
    expect(rc.code, rc.stderr).toBe(0);
    const s = inspect(p.db);
    expect(s.integrity).toBe('ok');
    expect(s.runs).toEqual([
      { id: 1, status: 'completed', exitCode: 0 },
      { id: 2, status: 'completed', exitCode: 0 },
    ]);
    expect(s.imports).toBe(7);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('SIGKILL in the middle of a large import, then a clean re-run with the right counts', {
    timeout: 180_000,
  }, async () => {
    const p = makeProvince({ reports: { formats: ['json'] } }, { withDemoFiles: false });
    const rows = 30_000;
    writeLargeExport(p.at('system', 'xuat-lon.csv'), rows);
    const a = start(p);
    // The import reads and writes the whole file inside one write transaction, and SQLite keeps its
    // pages in memory until the commit writes them to the WAL in a few milliseconds, so the WAL's
    // size shows the commit, not the transaction. Kill instead once the unit list is in and the
    // write lock has been held for 100 ms without a break: the export's import is under way.
    let heldSince = 0;
    await until(
      'the import transaction to be under way',
      () => {
        if (!unitsImported(p.db) || !writerBusy(p.db)) {
          heldSince = 0;
          return false;
        }
        if (heldSince === 0) heldSince = Date.now();
        return Date.now() - heldSince >= 100;
      },
      90_000,
    );
    a.kill('SIGKILL');
    const ra = await a.done;
    expect(ra.signal).toBe('SIGKILL');
    expect(fs.existsSync(`${p.db}.lock`)).toBe(true);
    const killed = inspect(p.db);
    expect(killed.integrity).toBe('ok');
    expect(killed.imports, 'killed after the commit: the machine is too slow for this test').toBe(0);
    expect(killed.systemRows).toBe(0);
    expect(killed.runs).toEqual([{ id: 1, status: 'running', exitCode: null }]);

    const b = spawnSync(process.execPath, [BIN, 'run', '--config', p.config, '--log-json', p.at('log.jsonl')], {
      env: ENV,
      encoding: 'utf8',
    });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr).toContain(`lấy lại khoá của một lần chạy đã dừng đột ngột (pid ${a.pid})`);
    const s = inspect(p.db);
    expect(s.integrity).toBe('ok');
    expect(s.runs).toEqual([
      { id: 1, status: 'interrupted', exitCode: null },
      { id: 2, status: 'completed', exitCode: 0 },
    ]);
    expect(s.imports).toBe(1);
    expect(s.systemRows).toBe(rows);
    expect(latest(p).totals.systemRecords).toBe(rows);
    const file = fs
      .readFileSync(p.at('log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((l) => l.step === 'file');
    expect(file).toMatchObject({ outcome: 'imported', rowsImported: rows, rowsSkipped: 0 });
    expect(fs.existsSync(`${p.db}.lock`)).toBe(false);
    expect(path.basename(p.db)).toBe('audit.sqlite');
  });
});
