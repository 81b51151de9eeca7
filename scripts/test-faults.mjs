#!/usr/bin/env node
/**
 * Fault injection against the built CLI (`npm run test:faults`; run by .ci/run, not by npm test):
 *
 *  1. kills: a large paper register is imported and the process is SIGKILLed at seeded random
 *     points (half of them inside the write transaction). After each kill the database must
 *     pass PRAGMA integrity_check and hold the file whole or not at all; then a clean re-run
 *     imports it fully.
 *  2. concurrency: two imports at once, an import racing reports, two first runs on a new
 *     database: each command waits (busy timeout) or fails cleanly with exit 4.
 *  3. read-only database: a read-only bind mount and an immutable file (chattr +i): a clear
 *     error, nothing written.
 *  4. disk full: the database on a tiny tmpfs: a clear error, nothing half-written.
 *
 * Mounts need root (CI runs as root); a step that cannot be set up is reported as skipped.
 * Bounded: about 1.5 minutes on an idle 2-core machine with the defaults (30,000 rows, 24 kills); FAULTS_ROWS=200000
 * gives the long run. Env: FAULTS_SEED, FAULTS_KILLS (at least 20 are always done), FAULTS_ROWS.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'motcua-audit.js');
const SEED = Number(process.env.FAULTS_SEED ?? 20250720);
const KILLS = Number(process.env.FAULTS_KILLS ?? 24);
const ROWS = Number(process.env.FAULTS_ROWS ?? 30_000);
const BUDGET_MS = 170_000;
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-faults-'));
const UNIT = 'UBND huyện Gò Dầu';
/** The register already in the database before every fault: it must come out untouched. */
const EARLIER = 'so-hs-xa-2025.csv';
const failures = [];
const summary = [];
let mark = 0;
/** Closes a scenario: its row of the summary, failed when a check failed since the previous one. */
function finish(label, what, skipped = false) {
  summary.push([label, what, skipped ? 'skipped' : failures.length > mark ? 'FAIL' : 'ok']);
  mark = failures.length;
}

/** mulberry32: the seeded random source of kill points. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);

function check(ok, what) {
  if (!ok) failures.push(what);
  return ok;
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

/** A paper register of `n` dossiers, written as a desk's CSV would be. */
function writeRegister(file, n, unitCode, seq0 = 1) {
  const lines = ['STT,Mã hồ sơ,Tên TTHC,Người nộp,Ngày nhận,Hẹn trả,Ngày trả'];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const dd = String(day).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    lines.push(
      `${i + 1},${unitCode}-25${mm}${dd}-${String(seq0 + i).padStart(5, '0')},Chứng thực bản sao,Người nộp ` +
        `số ${i + 1},${dd}/${mm}/2025,${dd}/${mm}/2025,`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Runs the CLI; resolves with exit code, output, duration; `killAfterMs` sends SIGKILL. */
let importRuns = 0;
function run(args, { killAfterMs = null, killWhen = null, env = {}, onTick = null } = {}) {
  if (args.includes('import')) importRuns++;
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, MOTCUA_AUDIT_NOW: '2025-07-20T03:00:00Z', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let killedAt = null;
    const kill = () => {
      if (child.exitCode !== null || killedAt !== null) return;
      killedAt = Date.now() - t0;
      onTick?.(killedAt, true);
      child.kill('SIGKILL');
    };
    const tick =
      onTick || killWhen
        ? setInterval(() => {
            onTick?.(Date.now() - t0, false);
            if (killWhen?.(Date.now() - t0)) kill();
          }, 5)
        : null;
    if (killAfterMs !== null) setTimeout(kill, killAfterMs);
    child.on('close', (code, signal) => {
      if (tick) clearInterval(tick);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0, killedAt });
    });
  });
}

const walSize = (db) => (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0);

/** Opens read-only when it can (so the next CLI run does the WAL recovery), else read-write. */
function openForCheck(db) {
  try {
    const h = new Database(db, { readonly: true, fileMustExist: true });
    h.prepare('SELECT 1 FROM imports LIMIT 1').all();
    return h;
  } catch {
    return new Database(db, { fileMustExist: true });
  }
}

/** Integrity and all-or-nothing of one database; returns the rows of `baseName` (0 or expected). */
function inspect(db, baseName, expected, baseline) {
  const h = openForCheck(db);
  try {
    const integrity = h
      .prepare('PRAGMA integrity_check')
      .all()
      .map((r) => r.integrity_check)
      .join('; ');
    check(integrity === 'ok', `${db}: integrity_check: ${integrity}`);
    const imports = h
      .prepare(
        "SELECT id, rows_imported AS recorded, (SELECT COUNT(*) FROM paper_rows p WHERE p.import_id = i.id) AS stored FROM imports i WHERE kind = 'paper' AND status = 'active'",
      )
      .all();
    for (const i of imports)
      check(
        i.stored === i.recorded,
        `${db}: import #${i.id} holds ${i.stored} of ${i.recorded} rows (an import row without all its rows)`,
      );
    const mine = h.prepare('SELECT COUNT(*) AS n FROM imports WHERE base_name = ?').get(baseName).n;
    const rows = h
      .prepare('SELECT COUNT(*) AS n FROM paper_rows p JOIN imports i ON i.id = p.import_id WHERE i.base_name = ?')
      .get(baseName).n;
    check(mine <= 1, `${db}: ${mine} imports of ${baseName}`);
    check(rows === 0 || rows === expected, `${db}: ${rows} rows of ${baseName}: neither 0 nor ${expected}`);
    if (baseline !== null) {
      const other = h
        .prepare('SELECT COUNT(*) AS n FROM paper_rows p JOIN imports i ON i.id = p.import_id WHERE i.base_name = ?')
        .get(EARLIER).n;
      check(other === baseline, `${db}: earlier data changed: ${other} rows, ${baseline} before`);
    }
    return { rows, present: mine === 1 };
  } finally {
    h.close();
  }
}

/** A dump of every table, to prove a refused command changed nothing. */
function dump(db) {
  const h = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const tables = h
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
    return JSON.stringify(
      tables.map(({ name }) => [
        name,
        h
          .prepare(`SELECT * FROM "${name}"`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );
  } finally {
    h.close();
  }
}

/** One stderr line, no stack trace. */
function cleanError(r, what) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  check(lines.length === 1, `${what}: ${lines.length} stderr lines: ${r.stderr.slice(0, 300)}`);
  check(!r.stderr.includes('    at '), `${what}: stack trace on stderr`);
}

// ---------------------------------------------------------------------------------------------
log(`motcua-audit fault injection (seed ${SEED}, ${KILLS} kills, ${ROWS} rows) in ${work}`);
const big = path.join(work, 'so-theo-doi-lon.csv');
writeRegister(big, ROWS, '000.00.19.H53');
const pristine = path.join(work, 'pristine.sqlite');
for (const args of [
  ['units', 'import', path.join(ROOT, 'fixtures', 'demo', 'units.csv')],
  [
    'import',
    'paper',
    path.join(ROOT, 'fixtures', 'demo', 'paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'),
    '--unit',
    'UBND xã Phước Thạnh',
  ],
]) {
  const r = await run(['--db', pristine, ...args]);
  if (r.code !== 0) throw new Error(`setup failed: ${args.join(' ')}: ${r.stderr}`);
}
const baseline = (() => {
  const h = new Database(pristine, { readonly: true });
  try {
    return h.prepare('SELECT COUNT(*) AS n FROM paper_rows').get().n;
  } finally {
    h.close();
  }
})();

// 1. Kills ------------------------------------------------------------------------------------
const probe = path.join(work, 'probe.sqlite');
fs.copyFileSync(pristine, probe);
let writeStart = null;
let maxWal = 0;
const clean = await run(['--db', probe, '--quiet', 'import', 'paper', big, '--unit', UNIT], {
  onTick: (t) => {
    const w = walSize(probe);
    if (writeStart === null && w > 65536) writeStart = t;
    maxWal = Math.max(maxWal, w);
  },
});
check(clean.code === 0, `clean import: exit ${clean.code}: ${clean.stderr}`);
const full = inspect(probe, path.basename(big), ROWS, baseline);
check(full.rows === ROWS, `clean import holds ${full.rows} of ${ROWS} rows`);
const T = clean.ms;
writeStart ??= Math.round(T * 0.8);
log(
  `clean import: ${ROWS} rows in ${(T / 1000).toFixed(1)} s (write transaction from ` +
    `~${(writeStart / 1000).toFixed(1)} s, WAL up to ${Math.round(maxWal / 1024)} KiB)`,
);

const killDb = path.join(work, 'kills.sqlite');
const reset = () => {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(`${killDb}${s}`, { force: true });
  fs.copyFileSync(pristine, killDb);
};
reset();
let killed = 0;
let survived = 0;
let inWrite = 0;
let committed = 0;
let lost = 0;
// At least 20 real kills (a run that finished before its kill time does not count), then up to
// KILLS attempts while the time budget lasts.
for (let i = 0; (i < KILLS || killed < 20) && i < KILLS + 20; i++) {
  if (killed >= 20 && Date.now() - started > BUDGET_MS * 0.55) {
    log(`kills: time budget reached after ${killed} kills`);
    break;
  }
  // Odd kills land inside the write transaction: when the WAL has grown to a random fraction of
  // what a whole import writes. Even kills land at a random time of the whole run.
  // (The WAL a killed run leaves behind is recovered by the next open; a WAL-triggered kill needs
  // it folded in first, so that the WAL's size measures this run's progress.)
  const inWrite_ = i % 2 === 1;
  const walTarget = 65536 + random() * Math.max(0, maxWal - 65536);
  const delay = Math.round(30 + random() * T * 1.05);
  if (inWrite_ && walSize(killDb) > 0) new Database(killDb).close();
  const r = await run(
    ['--db', killDb, '--quiet', 'import', 'paper', big, '--unit', UNIT],
    inWrite_ ? { killWhen: () => walSize(killDb) >= walTarget } : { killAfterMs: delay },
  );
  if (r.signal === 'SIGKILL') {
    killed++;
    if (inWrite_) inWrite++;
  }
  const failed = failures.length;
  const state = inspect(killDb, path.basename(big), ROWS, baseline);
  if (r.signal === 'SIGKILL' && failures.length === failed) survived++;
  if (state.present) {
    committed++;
    lost += ROWS - state.rows;
    reset();
  }
}
const rerun = await run(['--db', killDb, '--quiet', 'import', 'paper', big, '--unit', UNIT]);
check(rerun.code === 0, `re-run after kills: exit ${rerun.code}: ${rerun.stderr}`);
const after = inspect(killDb, path.basename(big), ROWS, baseline);
lost += ROWS - after.rows;
check(lost === 0, `${lost} rows lost`);
const doctor = await run(['--db', killDb, 'doctor']);
check(doctor.code === 0 || doctor.code === null, `doctor after kills: exit ${doctor.code}\n${doctor.stdout}`);
finish(
  'SIGKILL during import',
  `${killed} kills: ${inWrite} inside the write transaction (at a random point of its WAL ` +
    `growth), ${killed - inWrite} at a random time; ${committed} runs had committed before the kill; re-run ` +
    `imported ${after.rows}/${ROWS}`,
);

// 2. Concurrency --------------------------------------------------------------------------------
const half = Math.min(ROWS, 20_000);
const regA = path.join(work, 'so-a.csv');
const regB = path.join(work, 'so-b.csv');
writeRegister(regA, half, '000.00.19.H53', 1);
writeRegister(regB, half, '000.00.20.H53', 1);
async function concurrent(label, env) {
  const db = path.join(work, `conc-${label}.sqlite`);
  fs.copyFileSync(pristine, db);
  const [a, b] = await Promise.all([
    run(['--db', db, '--quiet', 'import', 'paper', regA, '--unit', UNIT], { env }),
    run(['--db', db, '--quiet', 'import', 'paper', regB, '--unit', 'UBND thị xã Trảng Bàng'], { env }),
  ]);
  const outcome = [];
  for (const [r, f] of [
    [a, regA],
    [b, regB],
  ]) {
    check(r.code === 0 || r.code === 4, `${label}: exit ${r.code}: ${r.stderr}`);
    if (r.code === 4) cleanError(r, `${label} locked`);
    const s = inspect(db, path.basename(f), half, baseline);
    check(s.present === (r.code === 0), `${label}: ${path.basename(f)} exit ${r.code} but present=${s.present}`);
    outcome.push(r.code === 0 ? 'waited, imported' : 'exit 4');
  }
  return outcome.join(' / ');
}
finish('two imports at once (busy timeout 5 s)', await concurrent('wait', {}));
finish('two imports at once (busy timeout 1 ms)', await concurrent('nowait', { MOTCUA_AUDIT_BUSY_TIMEOUT_MS: '1' }));

{
  const db = path.join(work, 'conc-report.sqlite');
  fs.copyFileSync(pristine, db);
  const imp = run(['--db', db, '--quiet', 'import', 'paper', big, '--unit', UNIT]);
  const reports = [];
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, Math.round(T / 6)));
    reports.push(
      await run(['--db', db, 'report', '--format', 'json'], {
        env: { MOTCUA_AUDIT_BUSY_TIMEOUT_MS: i % 2 ? '1' : '5000' },
      }),
    );
  }
  const ri = await imp;
  check(ri.code === 0 || ri.code === 4, `import racing reports: exit ${ri.code}: ${ri.stderr}`);
  const codes = reports.map((r) => r.code);
  for (const r of reports) {
    check(r.code === 0 || r.code === 4, `report racing an import: exit ${r.code}: ${r.stderr}`);
    if (r.code === 0) JSON.parse(r.stdout);
    else cleanError(r, 'report locked');
  }
  inspect(db, path.basename(big), ROWS, baseline);
  finish('an import racing 6 reports', `import exit ${ri.code}; reports exit ${codes.join(',')}`);
}

{
  // Two first runs on a database that does not exist yet: creation and migration race.
  const db = path.join(work, 'fresh', 'new.sqlite');
  const [a, b] = await Promise.all([
    run(['--db', db, '--quiet', 'import', 'paper', regA, '--unit', UNIT]),
    run(['--db', db, '--quiet', 'import', 'paper', regB, '--unit', 'UBND thị xã Trảng Bàng']),
  ]);
  for (const r of [a, b])
    check(r.code === 0 || r.code === 4, `two first runs on a new database: exit ${r.code}: ${r.stderr.split('\n')[0]}`);
  inspect(db, path.basename(regA), half, null);
  finish('two first runs on a new database', `exit ${a.code} / ${b.code}`);
}

// 3. Read-only database --------------------------------------------------------------------------
const small = path.join(work, 'so-nho.csv');
writeRegister(small, 500, '000.00.19.H53', 900_001);
function sh(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
{
  const src = path.join(work, 'ro-src');
  const ro = path.join(work, 'ro');
  fs.mkdirSync(src);
  fs.mkdirSync(ro);
  fs.copyFileSync(pristine, path.join(src, 'audit.sqlite'));
  if (sh('mount', ['--bind', src, ro]) && sh('mount', ['-o', 'remount,bind,ro', ro]))
    try {
      const db = path.join(ro, 'audit.sqlite');
      const before = dump(path.join(src, 'audit.sqlite'));
      const r = await run(['--db', db, 'import', 'paper', small, '--unit', UNIT]);
      check(r.code === 3, `read-only mount: import exit ${r.code}: ${r.stderr}`);
      cleanError(r, 'read-only mount import');
      const rep = await run(['--db', db, 'report', '--format', 'json']);
      check(rep.code === 0 || rep.code === 3, `read-only mount: report exit ${rep.code}: ${rep.stderr}`);
      if (rep.code !== 0) cleanError(rep, 'read-only mount report');
      sh('umount', [ro]);
      check(dump(path.join(src, 'audit.sqlite')) === before, 'read-only mount: database changed');
      finish(
        'read-only bind mount',
        `import exit ${r.code} (${r.stderr.trim().slice(0, 60)}…); report exit ${rep.code}`,
      );
    } finally {
      sh('umount', [ro]);
    }
  else {
    finish('read-only bind mount', 'skipped: mount not permitted here', true);
  }
}
{
  const db = path.join(work, 'immutable.sqlite');
  fs.copyFileSync(pristine, db);
  const before = dump(db);
  if (sh('chattr', ['+i', db])) {
    const r = await run(['--db', db, 'import', 'paper', small, '--unit', UNIT]);
    sh('chattr', ['-i', db]);
    check(r.code === 3, `immutable file: import exit ${r.code}: ${r.stderr}`);
    cleanError(r, 'immutable file import');
    check(dump(db) === before, 'immutable file: database changed');
    finish('immutable database file (chattr +i)', `import exit ${r.code}`);
  } else {
    finish('immutable database file (chattr +i)', 'skipped: chattr not available on this file system', true);
  }
}

// 4. Disk full ------------------------------------------------------------------------------------
{
  const mnt = path.join(work, 'tiny');
  fs.mkdirSync(mnt);
  const size = fs.statSync(pristine).size + 3 * 1024 * 1024;
  if (sh('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mnt]))
    try {
      const db = path.join(mnt, 'audit.sqlite');
      fs.copyFileSync(pristine, db);
      const before = dump(db);
      const r = await run(['--db', db, 'import', 'paper', big, '--unit', UNIT]);
      check(r.code === 3, `disk full: import exit ${r.code}: ${r.stderr}`);
      cleanError(r, 'disk full import');
      inspect(db, path.basename(big), ROWS, baseline);
      check(dump(db) === before, 'disk full: database content changed');
      const ok = await run(['--db', db, 'import', 'paper', small, '--unit', UNIT]);
      check(ok.code === 0, `disk full: a small import afterwards: exit ${ok.code}: ${ok.stderr}`);
      finish(
        'disk full (tmpfs of pristine + 3 MiB)',
        `import exit ${r.code} (${r.stderr.trim().slice(0, 60)}…); a small import afterwards exit ${ok.code}`,
      );
    } finally {
      sh('umount', [mnt]);
    }
  else {
    finish('disk full', 'skipped: tmpfs mount not permitted here', true);
  }
}

// Summary -----------------------------------------------------------------------------------------
log('');
log('| fault | what happened | result |');
log('| --- | --- | --- |');
for (const [a, b, c] of summary) log(`| ${a} | ${b} | ${c} |`);
log('');
log(
  `files tried: 6 (generated registers of ${ROWS}, ${half}, ${half} and 500 rows, 2 demo files) ` +
    `in ${importRuns} import runs; kills survived: ${survived}/${killed}; rows lost: ${lost}; ` +
    `time ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
fs.rmSync(work, { recursive: true, force: true });
if (failures.length > 0) {
  log(`\n${failures.length} failed check(s):`);
  for (const f of failures) log(`  ✘ ${f}`);
  process.exitCode = 1;
}
const count = (st) => summary.filter((r) => r[2] === st).length;
log(`faults: ${count('ok')} passed, ${count('FAIL')} failed, ${count('skipped')} skipped`);
