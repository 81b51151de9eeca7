#!/usr/bin/env node
// The JSON reports of the demo and of the eval corpora, for checking that a change of structure changes
// no figure: `node scripts/report-snapshot.mjs OUT_DIR`, then `diff -r` two such folders. generatedAt is
// left out; temporary paths are written <dir>. Needs a build (npm run build).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? 'report-snapshot');
fs.mkdirSync(out, { recursive: true });
// generatedAt out; for generated inputs (the eval's workbooks carry their creation time), their hashes too.
const strip = (text, dir, hashes = true) => {
  const j = JSON.parse(text.split(dir).join('<dir>'));
  delete j.generatedAt;
  return `${JSON.stringify(j, (k, v) => (!hashes && k === 'sha256' ? '<sha256>' : v), 2)}\n`;
};

// The demo, step by step as scripts/demo.mjs, into a temporary database.
const demo = 'fixtures/demo';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-snapshot-'));
try {
  const env = {
    ...process.env,
    MOTCUA_AUDIT_DB: path.join(work, 'demo.sqlite'),
    MOTCUA_AUDIT_NOW: '2025-07-20T03:00:00.000Z',
  };
  const cli = (...args) =>
    execFileSync(process.execPath, [path.join(root, 'bin/motcua-audit.js'), ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
  cli('units', 'import', `${demo}/units.csv`);
  cli('import', 'system', `${demo}/system/xuat-hs-quy1-2025.xlsx`, `${demo}/system/xuat-hs-6thang-2025.csv`);
  for (const [file, unit] of [
    ['paper/so-tu-phap/so-theo-doi-hs-2025.xlsx', 'Sở Tư pháp'],
    ['paper/go-dau/so-theo-doi-2025.csv', 'UBND huyện Gò Dầu'],
    ['paper/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
    ['paper/phuoc-thanh/so-hs-xa-2025.csv', 'UBND xã Phước Thạnh'],
    ['paper/so-tttt/so-theo-doi-2025.csv', 'Sở Thông tin và Truyền thông'],
    ['paper-update/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
  ]) {
    if (fs.existsSync(path.join(root, demo, file))) cli('import', 'paper', `${demo}/${file}`, '--unit', unit);
  }
  cli('match');
  // [file, global options, report options]
  for (const [name, global, options] of [
    ['demo.json', [], []],
    ['demo-current.json', [], ['--units', 'current']],
    ['demo-en.json', ['--lang', 'en'], []],
  ]) {
    const text = cli(...global, 'report', '--format', 'json', ...options);
    fs.writeFileSync(path.join(out, name), strip(text, work));
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// The eval corpora: three seeds with the shapes that are not one-to-one, one without.
for (const [name, extra] of [
  ['eval-seed1.json', ['--seed', '1']],
  ['eval-seed2.json', ['--seed', '2']],
  ['eval-seed3.json', ['--seed', '3']],
  ['eval-seed1-no-shapes.json', ['--seed', '1', '--no-shapes']],
]) {
  const file = path.join(out, name);
  execFileSync(process.execPath, [path.join(root, 'scripts/eval.mjs'), ...extra, '--report-json', file], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  fs.writeFileSync(file, strip(fs.readFileSync(file, 'utf8'), '<dir>', false));
}
process.stdout.write(`report snapshot written to ${out}\n`);
