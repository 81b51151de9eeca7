#!/usr/bin/env node
/**
 * Renders the memo-ready reports in real clients and checks how they print (not part of `npm test`:
 * needs Debian's chromium, libreoffice-calc-nogui and poppler-utils).
 *
 *   npm run test:render                    # checks only
 *   node scripts/test-render.mjs --docs    # also writes docs/report-html.png and docs/report-xlsx.png
 *
 * HTML: headless Chromium prints it to PDF; every page must be A4 landscape, the page count
 * plausible, no word outside the page, and the page not shrunk to fit (Chromium scales a page down
 * when a table is wider than it: the title's printed height tells). A deliberately over-wide copy
 * must fail that check, so the check is known to bite. XLSX: LibreOffice converts it to PDF; every
 * sheet must print (page count ≥ sheets, each sheet's name in its page header, each sheet's title
 * in the text), on A4 landscape pages; the summary ("Tổng hợp", its signatures included) on exactly
 * one page, each page's sheet told by the sheet name ending its page header.
 *
 * Text size: on every page of both PDFs the smallest word must print at 8 pt or more. Sizes come
 * from the words' boxes (pdftotext -bbox): a box is the font size times a ratio that depends on
 * the renderer, measured first on a calibration file with 10 pt text in each. Each check is known
 * to bite: the workbook printed the old way (every column fitted to the page width) and the
 * over-wide HTML must fail it. No page may be blank, and no absolute path of this machine may
 * appear in any printed page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-render-'));
const writeDocs = process.argv.includes('--docs');
const env = {
  ...process.env,
  MOTCUA_AUDIT_DB: path.join(tmp, 'audit.sqlite'),
  MOTCUA_AUDIT_NOW: '2025-07-20T03:00:00.000Z',
};
let passed = 0;
let failed = 0;

function check(ok, what, detail = '') {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? '✔' : '✘'} ${what}${detail ? ` — ${detail}` : ''}\n`);
}

function cli(...args) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/motcua-audit.js'), '--quiet', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`motcua-audit ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, ...opts });
}

/** Pages of a PDF with their sizes (points). */
function pdfPages(pdf) {
  const info = run('pdfinfo', ['-f', '1', '-l', '9999', pdf]);
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
    w: Number(m[1]),
    h: Number(m[2]),
  }));
  return sizes;
}

/** Words of a PDF with their boxes, per page. */
function pdfWords(pdf) {
  const xml = run('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = [];
  for (const page of xml.split('<page ').slice(1)) {
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const words = [
      ...page.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g),
    ].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5],
    }));
    pages.push({ w: Number(w), h: Number(h), words });
  }
  return pages;
}

const isA4Landscape = (p) => Math.abs(p.w - 842) < 3 && Math.abs(p.h - 595) < 3;

/** Smallest size (pt) a printed word may have. */
const MIN_PT = 8;
/** Word-box height / font size, per renderer (set by `calibrate`). */
const RATIO = { lo: 0, chromium: 0 };

/** Smallest word size (pt) of each page, by its box height over the renderer's ratio. */
function smallestSizes(pages, ratio) {
  return pages.map((p) => (p.words.length ? Math.min(...p.words.map((w) => (w.y1 - w.y0) / ratio)) : Infinity));
}

/** Checks every page's smallest word against MIN_PT (0.1 pt of measuring slack). */
function checkSizes(label, pages, ratio) {
  const sizes = smallestSizes(pages, ratio);
  const small = sizes.map((s, i) => [i + 1, s]).filter(([, s]) => s < MIN_PT - 0.1);
  check(
    small.length === 0,
    `${label}: no text below ${MIN_PT} pt on any of ${pages.length} pages`,
    `smallest ${Math.min(...sizes).toFixed(1)} pt` +
      (small.length ? `; pages ${small.map(([n, s]) => `${n} (${s.toFixed(1)} pt)`).join(', ')}` : ''),
  );
  return Math.min(...sizes);
}

/**
 * Word-box ratios of LibreOffice and Chromium, from 10 pt text in each (Times New Roman and Arial; the larger ratio, so
 * sizes are never overstated).
 */
async function calibrate() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cal', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  ws.addRow(['Calibration']).getCell(1).font = { name: 'Times New Roman', size: 10 };
  ws.addRow(['Calibration']).getCell(1).font = { name: 'Arial', size: 10 };
  const xlsx = path.join(tmp, 'calibrate.xlsx');
  await wb.xlsx.writeFile(xlsx);
  const lo = pdfWords(soffice(xlsx))[0].words;
  RATIO.lo = Math.max(...lo.map((w) => w.y1 - w.y0)) / 10;
  const html = path.join(tmp, 'calibrate.html');
  fs.writeFileSync(
    html,
    '<!DOCTYPE html><meta charset="utf-8"><style>@page{size:A4 landscape}</style><p style="font:10pt \'Times ' +
      "New Roman','Liberation Serif',serif\">Calibration</p><p style=\"font:10pt Arial,'Liberation " +
      'Sans\',sans-serif">Calibration</p>',
  );
  const pdf = html.replace(/\.html$/, '.pdf');
  printHtml(html, pdf);
  RATIO.chromium = Math.max(...pdfWords(pdf)[0].words.map((w) => w.y1 - w.y0)) / 10;
  check(
    RATIO.lo > 0.9 && RATIO.lo < 1.6 && RATIO.chromium > 0.9 && RATIO.chromium < 1.6,
    'calibration: word boxes of 10 pt text measured',
    `LibreOffice ${RATIO.lo.toFixed(3)}, Chromium ${RATIO.chromium.toFixed(3)}`,
  );
}

/** Converts a workbook to PDF with LibreOffice; returns the PDF's path. */
function soffice(xlsx) {
  const outDir = fs.mkdtempSync(path.join(tmp, 'lo-'));
  run('soffice', [
    '--headless',
    `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
    '--convert-to',
    'pdf',
    '--outdir',
    outDir,
    xlsx,
  ]);
  return path.join(outDir, path.basename(xlsx).replace(/\.xlsx$/, '.pdf'));
}

/** No absolute path of this machine on a printed page (the working folder, the temporary folder, a home). */
function checkNoMachinePaths(label, text) {
  const found = [root, tmp, os.homedir()].filter((p) => p.length > 1 && text.includes(p));
  check(
    found.length === 0 && !/\/(home|root|tmp|Users)\/\S/.test(text),
    `${label}: no absolute path of the machine printed`,
    found.join(' '),
  );
}

function printHtml(html, pdf) {
  const profile = fs.mkdtempSync(path.join(tmp, 'chromium-'));
  run('chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`,
    `file://${html}`,
  ]);
  if (!fs.existsSync(pdf)) throw new Error(`chromium wrote no PDF for ${html}`);
}

/** Printed scale of page 1: the tallest word is the 15 pt title, about 1.1 × its size when not shrunk. */
function titleScale(pages) {
  const tallest = Math.max(...pages[0].words.map((w) => w.y1 - w.y0));
  return tallest / (15 * 1.1);
}

function checkHtml(label, html) {
  const pdf = html.replace(/\.html$/, '.pdf');
  printHtml(html, pdf);
  const sizes = pdfPages(pdf);
  const pages = pdfWords(pdf);
  check(sizes.length >= 2 && sizes.length <= 40, `${label}: printed to ${sizes.length} pages`);
  check(sizes.every(isA4Landscape), `${label}: every page A4 landscape`);
  const outside = pages.flatMap((p) => p.words.filter((w) => w.x0 < -0.5 || w.x1 > p.w + 0.5 || w.y1 > p.h + 0.5));
  check(
    outside.length === 0,
    `${label}: no word outside the page`,
    outside
      .slice(0, 3)
      .map((w) => w.text)
      .join(' '),
  );
  const scale = titleScale(pages);
  check(scale > 0.97, `${label}: not shrunk to fit (tables within the page width)`, `scale ${scale.toFixed(2)}`);
  checkSizes(label, pages, RATIO.chromium);
  check(
    pages.every((p) => p.words.length > 0),
    `${label}: no blank page`,
  );
  const text = pages.map((p) => p.words.map((w) => w.text).join(' ')).join('\n');
  checkNoMachinePaths(label, text);
  return { pdf, pages, text, scale };
}

/**
 * The sheet each page belongs to: the page header's line (the topmost words) ends with the sheet's
 * name (`&A`); the longest name that ends it, so "Summary" is not taken for another sheet's tail.
 */
function pageSheets(pages, names) {
  const byLength = [...names].sort((a, b) => b.length - a.length);
  return pages.map((p) => {
    if (!p.words.length) return null;
    const top = Math.min(...p.words.map((w) => w.y0));
    const line = p.words
      .filter((w) => w.y0 < top + 4)
      .sort((a, b) => a.x0 - b.x0)
      .map((w) => w.text)
      .join(' ');
    return byLength.find((n) => line.endsWith(n)) ?? null;
  });
}

async function checkXlsx(label, xlsx, expectTitles, onePage = []) {
  const pdf = soffice(xlsx);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const names = wb.worksheets.map((w) => w.name);
  const sizes = pdfPages(pdf);
  const pages = pdfWords(pdf);
  const text = pages.map((p) => p.words.map((w) => w.text).join(' ')).join('\n');
  check(sizes.length >= names.length, `${label}: ${sizes.length} pages for ${names.length} sheets`);
  check(sizes.every(isA4Landscape), `${label}: every page A4 landscape`);
  for (const n of names) check(text.includes(n), `${label}: sheet "${n}" printed (name in its page header)`);
  for (const t of expectTitles) check(text.includes(t), `${label}: "${t}" printed`);
  const outside = pages.flatMap((p) => p.words.filter((w) => w.x0 < -0.5 || w.x1 > p.w + 0.5));
  check(outside.length === 0, `${label}: no word outside the page`);
  check(/(Trang|Page) 1 \/ \d+/.test(text), `${label}: page numbers in the footer`);
  checkSizes(label, pages, RATIO.lo);
  check(
    pages.every((p) => p.words.length > 0),
    `${label}: no blank page`,
  );
  checkNoMachinePaths(label, text);
  const of = pageSheets(pages, names);
  check(
    of.every((n) => n !== null),
    `${label}: every page's header names its sheet`,
  );
  for (const n of onePage) {
    const at = of.flatMap((s, i) => (s === n ? [i] : []));
    const smallest = at.length
      ? Math.min(
          ...smallestSizes(
            at.map((i) => pages[i]),
            RATIO.lo,
          ),
        )
      : NaN;
    const scale = wb.getWorksheet(n)?.pageSetup.scale;
    check(
      at.length === 1,
      `${label}: sheet "${n}" prints on exactly one page`,
      `${at.length} page(s), scale ${scale} %, smallest text ${smallest.toFixed(1)} pt`,
    );
  }
  return { pdf, pages };
}

function png(pdf, out) {
  run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, out.replace(/\.png$/, '')]);
}

/**
 * A workbook of many findings (the demo's, repeated) written by the library: its detail sheets
 * run over several pages, each of which must repeat the header row; and the same workbook printed
 * the old way (fitted to the page width, technical columns printed), which must fail the size check.
 */
async function checkLongWorkbook(json) {
  const { writeXlsxReport } = await import(path.join(root, 'dist/report/render/xlsx/xlsx.js'));
  const findings = [];
  for (let i = 0; i < 12; i++) for (const f of json.findings) findings.push({ ...f, id: `${f.id}-${i}` });
  const report = { ...json, findings };
  const file = path.join(tmp, 'long.xlsx');
  await writeXlsxReport(report, file, { lang: 'vi' });
  const pdf = soffice(file);
  const pages = pdfWords(pdf);
  checkSizes('xlsx (long)', pages, RATIO.lo);
  check(
    pages.every((p) => p.words.length > 0),
    'xlsx (long): no blank page',
  );
  const sheetPages = pages.filter(
    (p) => p.words.some((w) => w.text === 'Chưa') && p.words.some((w) => w.text === 'đóng'),
  );
  const detail = pages.filter(
    (p) =>
      p.words
        .map((w) => w.text)
        .join(' ')
        .includes('Chưa đóng trên hệ thống') && /000\.\d\d\./.test(p.words.map((w) => w.text).join(' ')),
  );
  check(detail.length >= 2, 'xlsx (long): a detail sheet printed over several pages', `${detail.length} pages`);
  check(
    detail.every((p) =>
      p.words
        .map((w) => w.text)
        .join(' ')
        .includes('Mã hồ sơ'),
    ),
    'xlsx (long): the header row repeated on every page',
  );
  void sheetPages;
  // The one-page count must bite: a summary of 40 units runs over pages, each repeating the header rows.
  const units = Array.from({ length: 40 }, (_, i) => ({
    ...json.units[i % json.units.length],
    unit: `${json.units[i % json.units.length].unit} ${i + 1}`,
  }));
  const many = path.join(tmp, 'many-units.xlsx');
  await writeXlsxReport({ ...json, units }, many, { lang: 'vi' });
  const manyPages = pdfWords(soffice(many));
  const manyNames = (await new ExcelJS.Workbook().xlsx.readFile(many)).worksheets.map((w) => w.name);
  const manyOf = pageSheets(manyPages, manyNames);
  const summary = manyPages.filter((_, i) => manyOf[i] === 'Tổng hợp');
  check(
    summary.length >= 2,
    'negative control: a summary of 40 units is counted over several pages',
    `${summary.length} pages`,
  );
  // The column-number row "(1)" … "(15)" is the second header row.
  const heads = summary.map((p) => ['STT', '(1)', '(15)'].every((t) => p.words.some((w) => w.text === t)));
  check(
    heads.every(Boolean),
    "xlsx (40 units): the summary's header rows repeated on every page",
    heads.map((h, i) => `page ${i + 1} ${h ? 'yes' : 'no'}`).join(', '),
  );
  checkSizes('xlsx (40 units)', manyPages, RATIO.lo);
  // The check must bite: the old print setup (every column, fitted to one page wide) prints below 8 pt.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    ws.pageSetup = {
      ...ws.pageSetup,
      printArea: undefined,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      scale: undefined,
    };
    ws.headerFooter = { ...ws.headerFooter, oddFooter: '&C&8Trang &P / &N' };
  }
  const old = path.join(tmp, 'old.xlsx');
  await wb.xlsx.writeFile(old);
  const smallest = Math.min(...smallestSizes(pdfWords(soffice(old)), RATIO.lo));
  check(
    smallest < MIN_PT - 0.1,
    'negative control: the workbook fitted to the page width is caught',
    `smallest ${smallest.toFixed(1)} pt`,
  );
}

async function main() {
  await calibrate();
  const demo = 'fixtures/demo';
  cli('units', 'import', `${demo}/units.csv`);
  cli('import', 'system', `${demo}/system/xuat-hs-quy1-2025.xlsx`, `${demo}/system/xuat-hs-6thang-2025.csv`);
  for (const [file, unit] of [
    ['paper/so-tu-phap/so-theo-doi-hs-2025.xlsx', 'Sở Tư pháp'],
    ['paper/go-dau/so-theo-doi-2025.csv', 'UBND huyện Gò Dầu'],
    ['paper/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
    ['paper/phuoc-thanh/so-hs-xa-2025.csv', 'UBND xã Phước Thạnh'],
    ['paper-update/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
  ])
    cli('import', 'paper', `${demo}/${file}`, '--unit', unit);
  cli('match');
  const agency = ['--agency', 'UBND TỈNH TÂY NINH — SỞ THÔNG TIN VÀ TRUYỀN THÔNG'];
  const f = (name) => path.join(tmp, name);

  cli('report', '--format', 'html', '--out', f('report-vi.html'), ...agency, '--signer-prepared', 'Trần Thị Mai');
  cli('--lang', 'en', 'report', '--format', 'html', '--out', f('report-en.html'), ...agency);
  const vi = checkHtml('html (vi)', f('report-vi.html'));
  check(
    vi.text.includes('NGƯỜI LẬP BIỂU') && vi.text.includes('Tỷ lệ đóng điện tử'),
    'html (vi): signature block and chart printed',
  );
  const en = checkHtml('html (en)', f('report-en.html'));
  check(
    en.text.includes('PREPARED BY') && en.text.includes('Never closed electronically'),
    'html (en): English labels printed',
  );

  // The check must bite: the same page with over-wide tables is shrunk by Chromium, and caught.
  fs.writeFileSync(
    f('report-wide.html'),
    fs.readFileSync(f('report-vi.html'), 'utf8').replace('</style>', 'table.grid{min-width:1700px}</style>'),
  );
  const wide = f('report-wide.pdf');
  printHtml(f('report-wide.html'), wide);
  const wideScale = titleScale(pdfWords(wide));
  check(wideScale < 0.9, 'negative control: an over-wide table is detected', `scale ${wideScale.toFixed(2)}`);
  const wideSmallest = Math.min(...smallestSizes(pdfWords(wide), RATIO.chromium));
  check(
    wideSmallest < MIN_PT - 0.1,
    'negative control: its shrunk text is caught below 8 pt',
    `smallest ${wideSmallest.toFixed(1)} pt`,
  );

  cli('report', '--format', 'xlsx', '--out', f('report-vi.xlsx'), ...agency, '--signer-head', 'Nguyễn Văn Bình');
  cli('--lang', 'en', 'report', '--format', 'xlsx', '--out', f('report-en.xlsx'), ...agency);
  const xvi = await checkXlsx(
    'xlsx (vi)',
    f('report-vi.xlsx'),
    ['NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ', 'Nguyễn Văn Bình', 'NGUỒN DỮ LIỆU', 'TÌNH HÌNH GIẢI QUYẾT'],
    ['Tổng hợp'],
  );
  await checkXlsx(
    'xlsx (en)',
    f('report-en.xlsx'),
    ['PREPARED BY', 'DATA SOURCES', 'RESOLUTION IN THE SYSTEM'],
    ['Summary'],
  );
  fs.mkdirSync(f('split'));
  cli('report', '--format', 'xlsx', '--split-by-unit', '--out', f('split'));
  const one = fs.readdirSync(f('split')).find((n) => n.startsWith('UBND-huyen-Go-Dau'));
  check(one !== undefined, 'split-by-unit: a workbook named after the unit');
  if (one) await checkXlsx('xlsx (one unit)', path.join(f('split'), one), ['UBND huyện Gò Dầu'], ['Tổng hợp']);
  await checkLongWorkbook(JSON.parse(cli('report', '--format', 'json')));

  if (writeDocs) {
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    png(vi.pdf, path.join(root, 'docs/report-html.png'));
    png(xvi.pdf, path.join(root, 'docs/report-xlsx.png'));
    process.stdout.write('wrote docs/report-html.png and docs/report-xlsx.png\n');
  }
}

try {
  await main();
} catch (e) {
  failed++;
  process.stdout.write(`✘ ${e instanceof Error ? e.message : String(e)}\n`);
} finally {
  if (!process.argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
  else process.stdout.write(`kept ${tmp}\n`);
}
process.stdout.write(`\nrender: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
