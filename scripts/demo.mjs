#!/usr/bin/env node
// The whole audit on the bundled fixtures, step by step, as a user would type it.
// Uses the default database (./motcua-audit.sqlite); running it again changes nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = 'fixtures/demo';
const lang = process.argv.includes('--en') ? ['--lang', 'en'] : [];
const steps = [
  ['units', 'import', `${demo}/units.csv`],
  ['import', 'system', `${demo}/system/xuat-hs-quy1-2025.xlsx`, `${demo}/system/xuat-hs-6thang-2025.csv`],
  ['import', 'paper', `${demo}/paper/so-tu-phap/so-theo-doi-hs-2025.xlsx`, '--unit', 'Sở Tư pháp'],
  ['import', 'paper', `${demo}/paper/go-dau/so-theo-doi-2025.csv`, '--unit', 'UBND huyện Gò Dầu'],
  ['import', 'paper', `${demo}/paper/trang-bang/so-tiep-nhan-2025.xlsx`, '--unit', 'UBND thị xã Trảng Bàng'],
  ['import', 'paper', `${demo}/paper/phuoc-thanh/so-hs-xa-2025.csv`, '--unit', 'UBND xã Phước Thạnh'],
  // A department that merged into Sở Khoa học và Công nghệ on 1 March 2025 (units over time).
  ['import', 'paper', `${demo}/paper/so-tttt/so-theo-doi-2025.csv`, '--unit', 'Sở Thông tin và Truyền thông'],
  // The same register re-sent a month later with more rows: replaces the earlier version.
  ['import', 'paper', `${demo}/paper-update/trang-bang/so-tiep-nhan-2025.xlsx`, '--unit', 'UBND thị xã Trảng Bàng'],
  ['match'],
  // The pairs the matcher left for the auditor (settled with `decide`, told in full by `explain`).
  ['review'],
  // A row that is not one-to-one: the district's row of a dossier transferred from a commune desk (liên thông),
  // the commune's code copied, returned on paper while the system still processes it.
  ['explain', 'p-7ad0394f9543'],
  ['report'],
  // Who must close what now: every unit rolled into today's.
  ['report', '--units', 'current'],
];
for (const args of steps) {
  const shown = args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
  process.stdout.write(`\n$ motcua-audit ${shown}\n`);
  const r = spawnSync(process.execPath, [path.join(root, 'bin/motcua-audit.js'), ...lang, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    process.stderr.write(`demo: step failed with exit code ${r.status}\n`);
    process.exit(r.status ?? 70);
  }
}
