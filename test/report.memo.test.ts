/**
 * Memo-grade reports on every page (issue 23): file names relative to the audit folder in every
 * format, the terminal table within the terminal's width, the HTML page grouped by unit and cut to
 * counts above its size limit, and raw values as the cell showed them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayRawValue, findingNote } from '../src/report/render/columns.js';
import type { Finding, Report } from '../src/report/model/types.js';
import { auditPath } from '../src/report/render/paths.js';
import { displayWidth, tableWidth } from '../src/report/render/terminal.js';
import type ExcelJS from 'exceljs';
import { buildWorkbook } from '../src/report/render/xlsx/xlsx.js';
import { PRINT_HEIGHT, PRINT_WIDTH } from '../src/report/render/xlsx/xlsx-style.js';
import { estimatedHeight } from '../src/report/render/xlsx/xlsx-summary.js';
import { cli, fixture, tempDir } from './helpers/cli.js';
import { latest, makeProvince, runFolders } from './helpers/run-folder.js';
import { allCells, buildDemoDb, readWorkbook, run } from './helpers/report-data.js';

const dir = tempDir('motcua-memo-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'demo.sqlite');
/** A register copied outside the working folder, imported by its absolute path. */
const outside = path.join(dir, 'registers', 'so-ngoai.csv');
let json: Report;

beforeAll(async () => {
  await buildDemoDb(db);
  fs.mkdirSync(path.dirname(outside));
  // A copy with other bytes (the same bytes would be "unchanged", not imported again).
  fs.writeFileSync(
    outside,
    Buffer.concat([fs.readFileSync(fixture('demo/paper/go-dau/so-theo-doi-2025.csv')), Buffer.from('\r\n')]),
  );
  await run(db, 'import', 'paper', outside, '--unit', 'UBND xã Thạnh Đức');
  json = JSON.parse(await run(db, 'report', '--format', 'json')) as Report;
}, 60_000);

describe('file names in the reports', () => {
  it.each([
    ['registers/a.xlsx', '/srv/audit', 'registers/a.xlsx'],
    ['/srv/audit/registers/a.xlsx', '/srv/audit', 'registers/a.xlsx'],
    ['/srv/audit/a.csv', '/srv/audit/', 'a.csv'],
    ['/home/mai/Downloads/so-tiep-nhan.xlsx', '/srv/audit', 'so-tiep-nhan.xlsx'],
    ['/srv/audit-2/a.xlsx', '/srv/audit', 'a.xlsx'],
    ['/srv/a.xlsx', '/srv/audit', 'a.xlsx'],
    ['C:\\Users\\mai\\so.xlsx', '/srv/audit', 'so.xlsx'],
  ])('%s seen from %s is %s', (file, base, shown) => expect(auditPath(file, base)).toBe(shown));

  it('are relative to the working folder in every format, and never an absolute path of the machine', async () => {
    const files = new Set([
      ...json.findings.map((f) => f.paper?.file).filter(Boolean),
      ...json.provenance!.sources.map((s) => s.file),
    ]);
    expect([...files].sort()).toContain('fixtures/demo/paper/go-dau/so-theo-doi-2025.csv');
    // Imported from outside the working folder: its name only.
    expect([...files]).toContain('so-ngoai.csv');
    for (const f of files) expect(path.isAbsolute(f!), f).toBe(false);
    const out = (ext: string) => path.join(dir, `r.${ext}`);
    await run(db, 'report', ...['xlsx', 'json', 'csv', 'html', 'md'].flatMap((ext) => ['--out', out(ext)]));
    const texts = ['json', 'csv', 'html', 'md'].map((ext) => fs.readFileSync(out(ext), 'utf8'));
    texts.push(await run(db, 'report'), await run(db, 'report', '--wide'));
    texts.push(
      allCells(await readWorkbook(out('xlsx')))
        .map((c) => String(c.cell.value ?? ''))
        .join('\n'),
    );
    const machine = [process.cwd(), dir, fs.realpathSync(dir)];
    for (const text of texts) for (const m of machine) expect(text.includes(m), m).toBe(false);
  });
});

describe('the terminal table', () => {
  const lines = (s: string) => s.trimEnd().split('\n');

  it('fits COLUMNS (100 when the width is unknown), with short headers and a legend', async () => {
    for (const [env, width] of [
      [{}, 100],
      [{ COLUMNS: '100' }, 100],
      [{ COLUMNS: '120' }, 120],
      [{ COLUMNS: '72' }, 72],
      [{ COLUMNS: '50' }, 50],
    ] as const) {
      const r = await cli(['report'], { MOTCUA_AUDIT_DB: db, ...env });
      expect(r.code).toBe(0);
      const widest = Math.max(...lines(r.stdout).map(displayWidth));
      expect(widest, JSON.stringify(env)).toBeLessThanOrEqual(width);
      expect(r.stdout).toMatch(/Chú thích: /);
      // The headline figures are never left out, whatever the width.
      expect(r.stdout).toContain('Chưa ĐT');
      expect(r.stdout).toContain(String(json.totals.neverClosedElectronically));
    }
    const narrow = await cli(['report'], { MOTCUA_AUDIT_DB: db, COLUMNS: '60' });
    expect(narrow.stdout).toMatch(/\d+ cột không vừa màn hình; --wide để xem đủ\./);
    const en = await cli(['--lang', 'en', 'report'], { MOTCUA_AUDIT_DB: db, COLUMNS: '80' });
    expect(Math.max(...lines(en.stdout).map(displayWidth))).toBeLessThanOrEqual(80);
    expect(en.stdout).toMatch(/Legend: .*Never\s=\snever\sclosed\selectronically/s);
  });

  it('--wide gives the full table: every counter under its long header, whatever the width', async () => {
    const r = await cli(['report', '--wide'], { MOTCUA_AUDIT_DB: db, COLUMNS: '80' });
    expect(r.code).toBe(0);
    expect(Math.max(...lines(r.stdout).map(displayWidth))).toBeGreaterThan(100);
    for (const h of ['Sổ giấy', 'Hệ thống', 'Đang giải', 'HT ngoài', 'Tỷ lệ']) expect(r.stdout).toContain(h);
    expect(r.stdout).not.toContain('Chú thích');
  });

  it('takes COLUMNS first, then the terminal width, else 100', () => {
    expect(tableWidth({ COLUMNS: '90' }, 200)).toBe(90);
    expect(tableWidth({}, 132)).toBe(132);
    expect(tableWidth({}, undefined)).toBe(100);
    expect(tableWidth({ COLUMNS: 'abc' }, undefined)).toBe(100);
    expect(tableWidth({ COLUMNS: '0' }, 70)).toBe(70);
  });
});

describe('the HTML page', () => {
  it('lists findings grouped by unit with their counts; codes, ids and dates are never broken', async () => {
    const html = await run(db, 'report', '--format', 'html');
    const open = json.findings.filter((f) => f.category === 'open_in_system');
    for (const unit of new Set(open.map((f) => f.unit))) {
      const n = open.filter((f) => f.unit === unit).length;
      expect(html).toContain(`<tr class="group"><th colspan="10">${unit} — ${n} hồ sơ</th></tr>`);
    }
    expect(html).toMatch(
      /table\.detail td\.c-code, table\.detail td\.c-id, table\.detail td\.date[^{]*\{ white-space: nowrap; \}/,
    );
    expect(html).toContain(`<td class="c-code">${open[0]!.paper!.code}</td>`);
    expect(html).toContain(`<td class="c-id">${open[0]!.id}</td>`);
    // No printed text below 8 pt.
    for (const m of html.matchAll(/font(?:-size)?:\s*([\d.]+)pt/g))
      expect(Number(m[1]), m[0]).toBeGreaterThanOrEqual(8);
  });

  it('above --html-max-findings gives the counts by unit and points to the workbook', async () => {
    const html = await run(db, 'report', '--format', 'html', '--html-max-findings', '10');
    expect(html).toContain(`Báo cáo có ${json.findings.length} hồ sơ, nhiều hơn 10`);
    expect(html).not.toContain('<table class="grid detail">');
    expect(html).not.toContain(json.findings[0]!.id);
    // The counts are the JSON's.
    const unit = json.units[0]!;
    expect(html).toContain(
      `<td>${unit.unit}</td><td class="num">${unit.openInSystem}</td><td class="num">${unit.notInSystem}</td>`,
    );
    const all = await run(db, 'report', '--format', 'html', '--html-max-findings', String(json.findings.length));
    expect(all).toContain('<table class="grid detail">');
    const bad = await cli(['report', '--format', 'html', '--html-max-findings', 'many'], { MOTCUA_AUDIT_DB: db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lỗi: --html-max-findings: cần một số nguyên ≥ 0, nhận được "many"\n');
  });
});

describe('the summary sheet on paper', () => {
  const breaks = (ws: { rowBreaks?: Array<{ id: number }> }) => (ws.rowBreaks ?? []).map((b) => b.id);
  /** Printed height of the sheet at its scale, by the estimate the summary lays itself out with. */
  const printed = (ws: ExcelJS.Worksheet) => (estimatedHeight(ws) * ws.pageSetup.scale!) / 100;
  /** `n` units with names of the demo's lengths ("UBND thị xã Trảng Bàng 12"). */
  const unitsOf = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...json.units[i % json.units.length]!,
      unit: `${json.units[i % json.units.length]!.unit} ${i + 1}`,
    }));

  it(
    'fits the demo on one page at a readable scale, signatures included; the timeliness table is a sheet of its ' +
      'own',
    () => {
      const book = buildWorkbook(json, { lang: 'vi', agency: 'UBND TỈNH TÂY NINH — SỞ THÔNG TIN VÀ TRUYỀN THÔNG' });
      const ws = book.getWorksheet('Tổng hợp')!;
      expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(80);
      expect(ws.pageSetup.scale).toBeLessThanOrEqual(100);
      expect(printed(ws)).toBeLessThanOrEqual(PRINT_HEIGHT);
      // Every column on the page width at that scale.
      let width = 0;
      for (let c = 1; c <= ws.columnCount; c++) width += ws.getColumn(c).width ?? 9;
      expect((width * ws.pageSetup.scale!) / 100).toBeLessThanOrEqual(PRINT_WIDTH);
      expect(breaks(ws)).toEqual([]);
      expect(ws.pageSetup.printTitlesRow).toBeUndefined();
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value))));
      expect(texts).toContain('NGƯỜI LẬP BIỂU');
      expect(texts.some((t) => t.startsWith('TÌNH HÌNH GIẢI QUYẾT'))).toBe(false);
      const names = book.worksheets.map((w) => w.name);
      expect(names.slice(0, 3)).toEqual(['Tổng hợp', 'Hệ thống và thực tế', 'Tiến độ giải quyết']);
      const t = book.getWorksheet('Tiến độ giải quyết')!;
      expect(String(t.getRow(1).getCell(1).value)).toMatch(/^TÌNH HÌNH GIẢI QUYẾT/);
      expect(t.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: false,
        printTitlesRow: '4:5',
      });
      expect(t.pageSetup.scale).toBeGreaterThanOrEqual(80);
      expect(t.headerFooter.oddFooter).toBe('&C&10Trang &P / &N');
    },
  );

  it(
    'fits 15 units on one page at 80 % or more; 60 units run over pages with the header rows repeated and the ' +
      'signature kept whole',
    () => {
      const ws = buildWorkbook(
        { ...json, units: unitsOf(15) },
        { lang: 'vi', agency: 'UBND TỈNH TÂY NINH — SỞ THÔNG TIN VÀ TRUYỀN THÔNG' },
      ).getWorksheet('Tổng hợp')!;
      expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(80);
      expect(printed(ws)).toBeLessThanOrEqual(PRINT_HEIGHT);
      expect(breaks(ws)).toEqual([]);
      expect(ws.pageSetup.printTitlesRow).toBeUndefined();
      const big = buildWorkbook({ ...json, units: unitsOf(60) }, { lang: 'vi' }).getWorksheet('Tổng hợp')!;
      expect(big.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
      expect(big.pageSetup.scale).toBeGreaterThanOrEqual(80);
      expect(printed(big)).toBeGreaterThan(PRINT_HEIGHT);
      // The signature block (8 rows from the blank row above the date) is never split by the page end.
      const page = (PRINT_HEIGHT * 100) / big.pageSetup.scale!;
      const sign = (() => {
        let n = 0;
        big.eachRow((row, i) => row.eachCell((c) => void (c.value === 'NGƯỜI LẬP BIỂU' && (n = i))));
        return n;
      })();
      let top = 0;
      for (let n = 1; n < sign - 2; n++) {
        top += big.getRow(n).height ?? 15;
        if (breaks(big).includes(n)) top = 0;
        else if (top > page) top -= page;
      }
      expect(top + 8 * 15).toBeLessThanOrEqual(page);
    },
  );
});

describe('memo cells', () => {
  it.each([
    ['2024-02-14T00:00:00.000Z', '14/02/2024'],
    ['2024-02-14T08:30:00.000Z', '14/02/2024 08:30'],
    ['2024-02-14T08:30:15.000Z', '14/02/2024 08:30:15'],
    ['0.30000000000000004', '0.3'],
    ['45337', '45337'],
    ['1234567.5', '1234567.5'],
    ['32/13/2025', '32/13/2025'],
    ['2024-02-14', '2024-02-14'],
    ['', ''],
  ])('raw value %j shows as %j', (raw, shown) => expect(displayRawValue(raw)).toBe(shown));

  it(
    'the note says what a memo reader needs: the system ' +
      'code when it differs, a scored match, the system ' +
      'return',
    () => {
      const base: Finding = {
        id: 'p-1',
        category: 'open_in_system',
        unit: 'U',
        paper: {
          file: 'a.csv',
          sheet: null,
          row: 2,
          code: 'A-1',
          applicant: null,
          procedure: null,
          receivedDate: '2025-01-02',
          dueDate: null,
          returnedDate: '2025-01-05',
        },
        system: { code: 'A-1', status: 'Đang xử lý', receivedDate: '2025-01-02', returnedDate: null },
        match: { method: 'code', score: 1 },
      };
      expect(findingNote(base, 'vi')).toBeNull();
      const fuzzy = {
        ...base,
        system: { ...base.system!, code: 'B-2', returnedDate: '2025-01-06' },
        match: { method: 'fuzzy' as const, score: 0.871 },
      };
      expect(findingNote(fuzzy, 'vi')).toBe('Mã trên hệ thống: B-2; khớp có điểm 0,87; hệ thống trả ngày 06/01/2025');
      expect(findingNote(fuzzy, 'en')).toBe('System code: B-2; matched by score 0.87; system returned 06/01/2025');
    },
  );
});

describe('the reports of a run', () => {
  it('name the registers relative to the config folder; reports.htmlMaxFindings cuts the page to counts', async () => {
    const p = makeProvince({ reports: { dir: 'reports', formats: ['json', 'html', 'csv'], htmlMaxFindings: 3 } });
    try {
      expect((await cli(['--quiet', 'run', '--config', p.config])).code).toBe(0);
      const folder = path.join(p.reports, runFolders(p).at(-1)!);
      const html = fs.readFileSync(path.join(folder, 'bao-cao.html'), 'utf8');
      expect(html).toMatch(/Báo cáo có [\d.]+ hồ sơ, nhiều hơn 3:/);
      expect(html).not.toContain('<table class="grid detail">');
      for (const name of ['bao-cao.json', 'bao-cao.html', 'bao-cao.csv']) {
        const text = fs.readFileSync(path.join(folder, name), 'utf8');
        expect(text.includes(p.dir), name).toBe(false);
      }
      expect(
        latest(p)
          .findings.map((f) => f.paper?.file)
          .filter(Boolean),
      ).toContain('paper/go-dau/so-theo-doi-2025.csv');
    } finally {
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
  });
});
