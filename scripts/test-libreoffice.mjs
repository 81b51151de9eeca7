#!/usr/bin/env node
// Registers saved by LibreOffice (.xlsx, .xls, .ods) must give the same audit as the Excel originals.
// Needs LibreOffice (Debian: libreoffice-calc-nogui); run by .ci/run after installing it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'fixtures', 'demo');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-lo-'));
const bin = path.join(root, 'bin', 'motcua-audit.js');
const env = { ...process.env, MOTCUA_AUDIT_NOW: '2025-07-20T03:00:00.000Z' };

function cli(db, ...args) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`motcua-audit ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function convert(src, format, outdir) {
  fs.mkdirSync(outdir, { recursive: true });
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(path.join(work, 'lo-profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      format,
      '--outdir',
      outdir,
      src,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const out = path.join(outdir, `${path.basename(src, path.extname(src))}.${format}`);
  if (r.status !== 0 || !fs.existsSync(out))
    throw new Error(`soffice could not convert ${src} to ${format}: ${r.stderr}`);
  return out;
}

function audit(name, register, unit) {
  const db = path.join(work, `${name}.sqlite`);
  cli(db, 'units', 'import', path.join(demo, 'units.csv'));
  cli(
    db,
    'import',
    'system',
    path.join(demo, 'system', 'xuat-hs-quy1-2025.xlsx'),
    path.join(demo, 'system', 'xuat-hs-6thang-2025.csv'),
  );
  cli(db, 'import', 'paper', register, '--unit', unit);
  const report = JSON.parse(cli(db, 'report', '--format', 'json', '--unit', unit));
  return {
    units: report.units,
    findings: report.findings.map((f) => [
      f.category,
      f.rule ?? '',
      f.paper?.sheet ?? '',
      f.paper?.row ?? '',
      f.paper?.code ?? f.system?.code ?? '',
    ]),
  };
}

const cases = [
  ['paper/so-tu-phap/so-theo-doi-hs-2025.xlsx', 'Sở Tư pháp'],
  ['paper/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
];
let failures = 0;
let checks = 0;
for (const [rel, unit] of cases) {
  const original = path.join(demo, rel);
  const expected = audit(`excel-${checks}`, original, unit);
  const ods = convert(original, 'ods', path.join(work, `ods-${checks}`));
  const variants = {
    xls: convert(original, 'xls', path.join(work, `xls-${checks}`)),
    ods,
    'xlsx (saved by LibreOffice)': convert(ods, 'xlsx', path.join(work, `lo-xlsx-${checks}`)),
  };
  for (const [label, file] of Object.entries(variants)) {
    checks++;
    const got = audit(`${label.split(' ')[0]}-${checks}`, file, unit);
    const same = JSON.stringify(got) === JSON.stringify(expected);
    if (!same) failures++;
    process.stdout.write(
      `${same ? 'ok  ' : 'FAIL'} ${rel} as ${label}: ${got.units[0]?.paperRecords} paper rows, ` +
        `${got.findings.length} findings\n`,
    );
    if (!same)
      process.stdout.write(`  expected ${JSON.stringify(expected.units)}\n  got      ${JSON.stringify(got.units)}\n`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(`libreoffice: ${checks - failures} passed, ${failures} failed\n`);
process.exit(failures === 0 ? 0 : 1);
