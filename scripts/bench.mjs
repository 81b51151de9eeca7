#!/usr/bin/env node
// The benchmark (`npm run bench -- --dossiers 100000 [--runs R] [--phases import,match,report]
// [--match-timeout S] [--no-scaling] [--out file.json] [--data dir]`): generates province-like data
// (scripts/bench-data.mjs) into a temporary folder, runs the whole documented audit as a user types
// it (every CLI step is its own process, start-up included), and measures each phase's wall time,
// rows/s and peak RSS as the median of --runs runs. Each import phase's anchors are measured right
// before it, in the same run on the same files: sqlite3's `.import` of the same CSV, merely reading
// every row with the project's own readers (exceljs's streaming reader; the CSV splitter after
// decoding: the read floor), and csv-parse merely parsing the same CSV (in memory, in process).
// A match slower than --match-timeout is stopped and reported as such. Matching's scaling is
// measured on a tenth of the data too (10× the dossiers ≤ 12× the time) unless --no-scaling.
// Never a test: figures depend on the machine. Results go to bench-results/ (git-ignored).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchData } from './bench-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flag = (name) => process.argv.includes(`--${name}`);

// ---- floor mode: a child process that merely reads every row of one file -------------------
if (arg('floor')) {
  const file = arg('floor');
  let rows = 0;
  if (file.endsWith('.xlsx')) {
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
    });
    for await (const ws of reader) for await (const row of ws) if (row.values) rows++;
  } else {
    // The project's CSV reader (decoding, then the splitter), without hashing or anything after.
    const { openCsvStream } = await import('../dist/ingest/read/stream-source.js');
    const { isUtf8 } = await import('node:buffer');
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(1 << 16);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    const utf8 = [0, 1, 2, 3].some((k) => isUtf8(head.subarray(0, Math.max(0, n - k))));
    const source = await openCsvStream(file, file, utf8);
    for await (const sheet of source.sheets) for await (const batch of sheet.batches) rows += batch.length;
  }
  process.stdout.write(`${rows}\n`);
  process.exit(0);
}
if (arg('parse-only')) {
  // csv-parse merely parsing the file's text, already in memory (timed inside the process),
  // streamed in 1 MB pieces and counting records (never holding them all).
  const { parse } = await import('csv-parse');
  const text = fs.readFileSync(arg('parse-only'), 'utf8');
  const t = process.hrtime.bigint();
  const { Readable } = await import('node:stream');
  const pieces = function* () {
    for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
  };
  const parser = Readable.from(pieces()).pipe(
    parse({ relax_column_count: true, relax_quotes: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'] }),
  );
  let recs = 0;
  for await (const rec of parser) if (rec) recs++;
  process.stdout.write(`${Number(process.hrtime.bigint() - t) / 1e9} ${recs}\n`);
  process.exit(0);
}

// ---- measuring ----------------------------------------------------------------------------
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs a command; returns { wall (s), rssMb, stdout }, or { timedOut: true, wall } when it ran
 * longer than `timeout` seconds (its whole process group is then stopped). Peak RSS from
 * /usr/bin/time, else VmHWM polled.
 */
function measure(cmd, args, { input, cwd = root, timeout = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(os.tmpdir(), `motcua-bench-rss-${process.pid}`);
    const [c, a] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, {
      cwd,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, MOTCUA_AUDIT_NOW: '2025-07-10T09:00:00+07:00' },
    });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    let timedOut = false;
    const timer =
      timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              /* gone */
            }
          }, timeout * 1000)
        : null;
    const poll = TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            /* gone */
          }
        }, 20);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      if (timedOut) return resolve({ wall, rssMb: NaN, stdout, timedOut: true });
      if (TIME) hwm = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      if (code !== 0 && code !== 1)
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
      else resolve({ wall, rssMb: hwm / 1024, stdout });
    });
  });
}

const cli = (db, args, opts) =>
  measure(process.execPath, [path.join(root, 'bin/motcua-audit.js'), '--quiet', '--db', db, ...args], opts);
const isXlsx = (f) => f.endsWith('.xlsx');
const self = fileURLToPath(import.meta.url);
const floor = (f) => measure(process.execPath, [self, '--floor', f]);
const HAS_SQLITE3 = spawnSync('sqlite3', ['-version']).status === 0;

/** Sums measurements into named phases: wall times add up, peak RSS is the largest. */
function phaseBook() {
  const phases = {};
  const add = (name, r, rows) => {
    const p = (phases[name] ??= { wall: 0, rssMb: 0, rows: 0 });
    p.wall += r.wall;
    p.rssMb = Math.max(p.rssMb, Number.isFinite(r.rssMb) ? r.rssMb : 0);
    p.rows += rows;
    if (r.timedOut) p.timedOut = true;
  };
  return { phases, add };
}

const BOTH_REPORTS = 'report xlsx + json, one reading';
const ALONE_REPORTS = ['report json', 'report xlsx'];

/**
 * One whole audit on a fresh database, every step as the README documents it; each import's
 * anchors are measured just before it, on the same file.
 */
async function audit(m, work, tag, phases, matchTimeout) {
  const db = path.join(work, `audit-${tag}.sqlite`);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  const ours = phaseBook();
  const anchors = phaseBook();
  ours.add('units', await cli(db, ['units', 'import', m.unitsFile]), 8);
  const [csv, xlsx] = m.system;
  if (HAS_SQLITE3) {
    const adb = path.join(work, 'anchor.sqlite');
    fs.rmSync(adb, { force: true });
    // The title block (4 lines) is skipped; the header line names the columns of a new table.
    anchors.add(
      'sqlite3 .import system CSV',
      await measure('sqlite3', [adb], { input: `.import --csv --skip 4 '${csv.file}' t\n` }),
      csv.rows,
    );
    fs.rmSync(adb, { force: true });
  }
  const po = await measure(process.execPath, [self, '--parse-only', csv.file]);
  anchors.add(
    'csv-parse parse only system CSV (in process)',
    { wall: Number(po.stdout.split(' ')[0]), rssMb: po.rssMb },
    csv.rows,
  );
  anchors.add('read floor system CSV', await floor(csv.file), csv.rows);
  ours.add('import system CSV', await cli(db, ['import', 'system', csv.file]), csv.rows);
  anchors.add('read floor system xlsx', await floor(xlsx.file), xlsx.rows);
  ours.add('import system xlsx', await cli(db, ['import', 'system', xlsx.file]), xlsx.rows);
  for (const r of m.registers) {
    const kind = isXlsx(r.file) ? 'xlsx' : 'CSV';
    anchors.add(`read floor paper ${kind}`, await floor(r.file), r.rows);
    ours.add(`import paper ${kind}`, await cli(db, ['import', 'paper', r.file, '--unit', r.unit]), r.rows);
  }
  const floors = Object.entries(anchors.phases).filter(([k]) => k.startsWith('read floor'));
  anchors.phases['read floor all inputs'] = {
    wall: floors.reduce((s, [, p]) => s + p.wall, 0),
    rssMb: Math.max(...floors.map(([, p]) => p.rssMb)),
    rows: floors.reduce((s, [, p]) => s + p.rows, 0),
  };
  if (phases.has('match'))
    ours.add('match', await cli(db, ['match'], { timeout: matchTimeout }), m.paperRows + csv.rows);
  if (phases.has('report')) {
    ours.add(
      'report json',
      await cli(db, ['report', '--format', 'json', '--out', path.join(work, `report-${tag}.json`)]),
      m.paperRows,
    );
    ours.add(
      'report xlsx',
      await cli(db, ['report', '--format', 'xlsx', '--out', path.join(work, `report-${tag}.xlsx`)]),
      m.paperRows,
    );
    // The documented audit's report step: both files from one reading of the database.
    ours.add(
      BOTH_REPORTS,
      await cli(db, [
        'report',
        '--out',
        path.join(work, `both-${tag}.xlsx`),
        '--out',
        path.join(work, `both-${tag}.json`),
      ]),
      m.paperRows,
    );
  }
  // The whole audit is the documented steps: the one-format reports are shown beside it, not in it.
  const all = Object.entries(ours.phases)
    .filter(([k]) => !ALONE_REPORTS.includes(k))
    .map(([, p]) => p);
  ours.phases[phases.size === 3 ? 'whole audit' : `audit steps run (${[...phases].join(', ')})`] = {
    wall: all.reduce((s, p) => s + p.wall, 0),
    rssMb: Math.max(...all.map((p) => p.rssMb)),
    rows: m.paperRows + csv.rows + xlsx.rows,
    ...(all.some((p) => p.timedOut) ? { timedOut: true } : {}),
  };
  return { ours: ours.phases, anchors: anchors.phases };
}

function medianOf(runs) {
  return Object.fromEntries(
    Object.keys(runs[0]).map((n) => [
      n,
      {
        wall: median(runs.map((r) => r[n].wall)),
        rssMb: median(runs.map((r) => r[n].rssMb)),
        rows: runs[0][n].rows,
        ...(runs.some((r) => r[n].timedOut) ? { timedOut: true } : {}),
      },
    ]),
  );
}

async function dataset(dossiers) {
  const dir =
    arg('data') && dossiers === Number(arg('dossiers', '100000'))
      ? arg('data')
      : path.join(os.tmpdir(), `motcua-bench-${dossiers}`);
  const mf = path.join(dir, 'manifest.json');
  if (fs.existsSync(mf)) return JSON.parse(fs.readFileSync(mf, 'utf8'));
  process.stderr.write(`generating ${dossiers} dossiers into ${dir} …\n`);
  return writeBenchData({ dossiers, out: dir });
}

async function bench(dossiers, runs, phases, matchTimeout) {
  const m = await dataset(dossiers);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-run-'));
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`  ${dossiers} dossiers: run ${i + 1}/${runs} (${[...phases].join(', ')}) …\n`);
      results.push(await audit(m, work, String(i), phases, matchTimeout));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return {
    dossiers,
    runs,
    ours: medianOf(results.map((r) => r.ours)),
    anchors: medianOf(results.map((r) => r.anchors)),
    perRun: results,
  };
}

// ---- main ---------------------------------------------------------------------------------
const dossiers = Number(arg('dossiers', '100000'));
const runs = Number(arg('runs', dossiers >= 100000 ? '1' : '3'));
const phases = new Set([
  'import',
  ...arg('phases', 'import,match,report')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
]);
for (const p of phases)
  if (!['import', 'match', 'report'].includes(p))
    throw new Error(`bench: unknown phase "${p}" (import, match, report)`);
const matchTimeout = Number(arg('match-timeout', '900'));
if (!HAS_SQLITE3)
  process.stderr.write('bench: the sqlite3 CLI is missing (Debian: apt-get install sqlite3); its anchor is left out\n');
const main = await bench(dossiers, runs, phases, matchTimeout);
const small =
  flag('no-scaling') || !phases.has('match')
    ? null
    : await bench(Math.round(dossiers / 10), runs, new Set(['import', 'match']), matchTimeout);

const o = main.ours;
const a = main.anchors;
const ratio = (x, y) =>
  x && y && !x.timedOut && Number.isFinite(x.wall) && Number.isFinite(y.wall) ? x.wall / y.wall : NaN;
const whole = o['whole audit'];
const targets = [
  ['whole audit / read floor of its inputs', ratio(whole, a['read floor all inputs']), 3],
  ['import system CSV / sqlite3 .import', ratio(o['import system CSV'], a['sqlite3 .import system CSV']), 4],
  [
    'import system CSV / csv-parse parse only',
    ratio(o['import system CSV'], a['csv-parse parse only system CSV (in process)']),
    null,
  ],
  ['import system CSV / read floor', ratio(o['import system CSV'], a['read floor system CSV']), null],
  ['import system xlsx / streaming-reader floor', ratio(o['import system xlsx'], a['read floor system xlsx']), 1.5],
  ['import paper xlsx / streaming-reader floor', ratio(o['import paper xlsx'], a['read floor paper xlsx']), 1.5],
  ['import paper CSV / read floor', ratio(o['import paper CSV'], a['read floor paper CSV']), null],
  [
    small
      ? `match time ${dossiers} / ${small.dossiers} dossiers`
      : 'match time at 10× the dossiers (not measured: --no-scaling or no match phase)',
    small ? ratio(o.match, small.ours.match) : NaN,
    12,
  ],
  ['peak RSS of the whole audit (MB)', whole && !whole.timedOut ? whole.rssMb : NaN, 1024],
].map(([name, value, limit]) => ({
  name,
  value,
  limit,
  met: limit === null || !Number.isFinite(value) ? null : value <= limit,
}));

const cpu = (/model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8')) ?? [])[1] ?? os.cpus()[0]?.model;
const machine = {
  cpu,
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  memGb: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  sqlite3: spawnSync('sqlite3', ['-version']).stdout?.toString().split(' ')[0] ?? null,
  loadavg: os.loadavg().map((x) => +x.toFixed(2)),
};
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const lines = [];
lines.push(
  `motcua-audit bench: ${dossiers} dossiers, median of ${runs} run(s); ${machine.cpu}, ${machine.nproc} ` +
    `cores, ${machine.memGb} GB, node ${machine.node}, sqlite3 ${machine.sqlite3}; load average at the ` +
    `end ${machine.loadavg.join(' ')}`,
);
lines.push('');
lines.push('| phase | rows | wall s | rows/s | peak RSS MB |');
lines.push('| --- | ---: | ---: | ---: | ---: |');
const row = (n, p) =>
  p.timedOut
    ? `| ${n} | ${p.rows} | > ${fmt(p.wall)} (stopped: --match-timeout) | — | — |`
    : `| ${n} | ${p.rows} | ${fmt(p.wall)} | ${fmt(p.rows / p.wall, 0)} | ${fmt(p.rssMb, 0)} |`;
for (const [n, p] of Object.entries(o)) lines.push(row(n, p));
for (const [n, p] of Object.entries(a)) lines.push(row(`anchor: ${n}`, p));
if (small) lines.push(row(`match at ${small.dossiers} dossiers`, small.ours.match));
lines.push('');
lines.push('| target | measured | limit | met |');
lines.push('| --- | ---: | ---: | :---: |');
for (const t of targets)
  lines.push(`| ${t.name} | ${fmt(t.value)} | ${t.limit ?? '—'} | ${t.met === null ? '—' : t.met ? 'yes' : 'NO'} |`);
process.stdout.write(lines.join('\n') + '\n');

const outFile =
  arg('out') ??
  path.join(root, 'bench-results', `bench-${dossiers}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(
  outFile,
  JSON.stringify({ machine, phases: [...phases], main, small, targets, table: lines }, null, 2),
);
process.stdout.write(`\nwritten: ${path.relative(root, outFile)}\n`);
