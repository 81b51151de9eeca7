#!/usr/bin/env node
// The benchmark (`npm run bench -- --dossiers 100000 [--runs 3] [--out file.json] [--data dir]`):
// generates province-like data (scripts/bench-data.mjs) into a temporary folder, runs the whole
// documented audit as a user types it (every CLI step is its own process, start-up included),
// and measures each phase's wall time, rows/s and peak RSS as the median of --runs runs, beside
// the anchors measured in the same run: sqlite3's `.import` of the same CSV, merely reading every
// input row with exceljs's streaming reader / csv-parse (the read floor), csv-parse merely parsing.
// Matching's scaling is measured on a tenth of the data too (10× the dossiers ≤ 12× the time).
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
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
    for await (const ws of reader) for await (const row of ws) if (row.values) rows++;
  } else {
    const { parse } = await import('csv-parse');
    const { default: iconv } = await import('iconv-lite');
    const head = fs.readFileSync(file).subarray(0, 4096);
    const utf8 = head[0] === 0xef || !/[\x80-\xff]/.test(head.toString('latin1')) || Buffer.from(head.toString('utf8')).equals(head);
    const delimiter = head.toString('latin1').split(/\r?\n/).find((l) => l.includes(';')) ? ';' : ',';
    let input = fs.createReadStream(file);
    if (!utf8) input = input.pipe(iconv.decodeStream('windows1258'));
    const parser = input.pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'] }));
    for await (const rec of parser) if (rec) rows++;
  }
  process.stdout.write(`${rows}\n`);
  process.exit(0);
}
if (arg('parse-only')) {
  // csv-parse merely parsing text already in memory: timed inside the process.
  const { parse } = await import('csv-parse/sync');
  const text = fs.readFileSync(arg('parse-only'), 'utf8');
  const t = process.hrtime.bigint();
  const recs = parse(text, { relax_column_count: true, relax_quotes: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'] });
  process.stdout.write(`${Number(process.hrtime.bigint() - t) / 1e9} ${recs.length}\n`);
  process.exit(0);
}

// ---- measuring ----------------------------------------------------------------------------
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs a command; returns { wall (s), rssMb, stdout }. Peak RSS from /usr/bin/time, else VmHWM polled. */
function measure(cmd, args, { input, cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(os.tmpdir(), `motcua-bench-rss-${process.pid}`);
    const [c, a] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MOTCUA_AUDIT_NOW: '2025-07-10T09:00:00+07:00' } });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    const poll = TIME ? null : setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwm = Math.max(hwm, Number(m[1]));
      } catch { /* gone */ }
    }, 20);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    if (input) child.stdin.end(input);
    else child.stdin.end();
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      if (TIME) hwm = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
      else resolve({ wall, rssMb: hwm / 1024, stdout });
    });
  });
}

const cli = (db, ...args) => measure(process.execPath, [path.join(root, 'bin/motcua-audit.js'), '--quiet', '--db', db, ...args]);
const isXlsx = (f) => f.endsWith('.xlsx');

/** One whole audit on a fresh database: every step as the README documents it. */
async function audit(m, work, tag) {
  const db = path.join(work, `audit-${tag}.sqlite`);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  const phases = {};
  const add = (name, r, rows) => {
    const p = (phases[name] ??= { wall: 0, rssMb: 0, rows: 0 });
    p.wall += r.wall;
    p.rssMb = Math.max(p.rssMb, r.rssMb);
    p.rows += rows;
  };
  add('units', await cli(db, 'units', 'import', m.unitsFile), 8);
  const [csv, xlsx] = m.system;
  add('import system CSV', await cli(db, 'import', 'system', csv.file), csv.rows);
  add('import system xlsx', await cli(db, 'import', 'system', xlsx.file), xlsx.rows);
  for (const r of m.registers) add(isXlsx(r.file) ? 'import paper xlsx' : 'import paper CSV', await cli(db, 'import', 'paper', r.file, '--unit', r.unit), r.rows);
  add('match', await cli(db, 'match'), m.paperRows + csv.rows);
  add('report json', await cli(db, 'report', '--format', 'json', '--out', path.join(work, `report-${tag}.json`)), m.paperRows);
  add('report xlsx', await cli(db, 'report', '--format', 'xlsx', '--out', path.join(work, `report-${tag}.xlsx`)), m.paperRows);
  const whole = Object.values(phases).reduce((s, p) => ({ wall: s.wall + p.wall, rssMb: Math.max(s.rssMb, p.rssMb), rows: s.rows }), { wall: 0, rssMb: 0, rows: m.paperRows + csv.rows + xlsx.rows });
  phases['whole audit'] = whole;
  return phases;
}

async function anchors(m, work) {
  const out = {};
  const csv = m.system[0];
  const sqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
  if (sqlite3) {
    const db = path.join(work, 'anchor.sqlite');
    fs.rmSync(db, { force: true });
    // The title block (4 lines) is skipped; the header line names the columns of a new table.
    out['sqlite3 .import system CSV'] = await measure('sqlite3', [db], { input: `.import --csv --skip 4 '${csv.file}' t\n` });
    out['sqlite3 .import system CSV'].rows = csv.rows;
  } else {
    out['sqlite3 .import system CSV'] = { missing: 'sqlite3 CLI not found: apt-get install sqlite3' };
  }
  const floor = (f) => measure(process.execPath, [fileURLToPath(import.meta.url), '--floor', f]);
  out['read floor system CSV'] = { ...(await floor(csv.file)), rows: csv.rows };
  out['read floor system xlsx'] = { ...(await floor(m.system[1].file)), rows: m.system[1].rows };
  for (const [name, pick] of [['read floor paper xlsx', isXlsx], ['read floor paper CSV', (f) => !isXlsx(f)]]) {
    const p = { wall: 0, rssMb: 0, rows: 0 };
    for (const r of m.registers.filter((x) => pick(x.file))) {
      const x = await floor(r.file);
      p.wall += x.wall;
      p.rssMb = Math.max(p.rssMb, x.rssMb);
      p.rows += r.rows;
    }
    out[name] = p;
  }
  const inputs = ['read floor system CSV', 'read floor system xlsx', 'read floor paper xlsx', 'read floor paper CSV'];
  out['read floor all inputs'] = { wall: inputs.reduce((s, k) => s + out[k].wall, 0), rssMb: Math.max(...inputs.map((k) => out[k].rssMb)), rows: inputs.reduce((s, k) => s + out[k].rows, 0) };
  const po = await measure(process.execPath, [fileURLToPath(import.meta.url), '--parse-only', csv.file]);
  out['csv-parse parse only (in process)'] = { wall: Number(po.stdout.split(' ')[0]), rssMb: po.rssMb, rows: csv.rows };
  return out;
}

function medianOf(runs) {
  const names = Object.keys(runs[0]);
  return Object.fromEntries(names.map((n) => [n, {
    wall: median(runs.map((r) => r[n].wall ?? NaN)),
    rssMb: median(runs.map((r) => r[n].rssMb ?? NaN)),
    rows: runs[0][n].rows,
    ...(runs[0][n].missing ? { missing: runs[0][n].missing } : {}),
  }]));
}

async function dataset(dossiers) {
  const dir = arg('data') && dossiers === Number(arg('dossiers', '100000')) ? arg('data') : path.join(os.tmpdir(), `motcua-bench-${dossiers}`);
  const mf = path.join(dir, 'manifest.json');
  if (fs.existsSync(mf)) return JSON.parse(fs.readFileSync(mf, 'utf8'));
  process.stderr.write(`generating ${dossiers} dossiers into ${dir} …\n`);
  return writeBenchData({ dossiers, out: dir });
}

async function bench(dossiers, runs) {
  const m = await dataset(dossiers);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-run-'));
  const auditRuns = [];
  const anchorRuns = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`  ${dossiers}: run ${i + 1}/${runs} …\n`);
    auditRuns.push(await audit(m, work, String(i)));
    anchorRuns.push(await anchors(m, work));
  }
  fs.rmSync(work, { recursive: true, force: true });
  return { dossiers, runs, inputs: m, ours: medianOf(auditRuns), anchors: medianOf(anchorRuns) };
}

// ---- main ---------------------------------------------------------------------------------
const dossiers = Number(arg('dossiers', '100000'));
const runs = Number(arg('runs', dossiers >= 1000000 ? '1' : '3'));
if (spawnSync('sqlite3', ['-version']).status !== 0) process.stderr.write('bench: the sqlite3 CLI is missing (Debian: apt-get install sqlite3); its anchor is left out\n');
const main = await bench(dossiers, runs);
const small = flag('no-scaling') ? null : await bench(Math.round(dossiers / 10), runs);

const o = main.ours;
const a = main.anchors;
const ratio = (x, y) => (x && y && Number.isFinite(x.wall) && Number.isFinite(y.wall) ? x.wall / y.wall : NaN);
const targets = [
  ['whole audit / read floor of its inputs', ratio(o['whole audit'], a['read floor all inputs']), 3],
  ['import system CSV / sqlite3 .import', ratio(o['import system CSV'], a['sqlite3 .import system CSV']), 4],
  ['import system xlsx / streaming-reader floor', ratio(o['import system xlsx'], a['read floor system xlsx']), 1.5],
  ['import paper xlsx / streaming-reader floor', ratio(o['import paper xlsx'], a['read floor paper xlsx']), 1.5],
  ['import paper CSV / csv-parse read floor', ratio(o['import paper CSV'], a['read floor paper CSV']), null],
  [`match time ${dossiers} / ${small?.dossiers} dossiers`, small ? o.match.wall / small.ours.match.wall : NaN, 12],
  ['peak RSS of the whole audit (MB)', o['whole audit'].rssMb, 1024],
].map(([name, value, limit]) => ({ name, value, limit, met: limit === null || !Number.isFinite(value) ? null : value <= limit }));

const cpu = (/model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8')) ?? [])[1] ?? os.cpus()[0]?.model;
const machine = { cpu, nproc: os.availableParallelism?.() ?? os.cpus().length, memGb: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, sqlite3: spawnSync('sqlite3', ['-version']).stdout?.toString().split(' ')[0] ?? null };
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const lines = [];
lines.push(`motcua-audit bench: ${dossiers} dossiers, median of ${runs} run(s); ${machine.cpu}, ${machine.nproc} cores, ${machine.memGb} GB, node ${machine.node}`);
lines.push('');
lines.push('| phase | rows | wall s | rows/s | peak RSS MB |');
lines.push('| --- | ---: | ---: | ---: | ---: |');
for (const [n, p] of [...Object.entries(o), ...Object.entries(a)]) {
  lines.push(p.missing ? `| ${n} | — | — | — | — (${p.missing}) |` : `| ${n} | ${p.rows} | ${fmt(p.wall)} | ${fmt(p.rows / p.wall, 0)} | ${fmt(p.rssMb, 0)} |`);
}
if (small) lines.push(`| match at ${small.dossiers} dossiers | ${small.ours.match.rows} | ${fmt(small.ours.match.wall)} | ${fmt(small.ours.match.rows / small.ours.match.wall, 0)} | ${fmt(small.ours.match.rssMb, 0)} |`);
lines.push('');
lines.push('| target | measured | limit | met |');
lines.push('| --- | ---: | ---: | :---: |');
for (const t of targets) lines.push(`| ${t.name} | ${fmt(t.value)} | ${t.limit ?? '—'} | ${t.met === null ? '—' : t.met ? 'yes' : 'NO'} |`);
process.stdout.write(lines.join('\n') + '\n');

const outFile = arg('out') ?? path.join(root, 'bench-results', `bench-${dossiers}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify({ machine, main: { ...main, inputs: undefined }, small: small ? { ...small, inputs: undefined } : null, targets, table: lines }, null, 2));
process.stdout.write(`\nwritten: ${path.relative(root, outFile)}\n`);
