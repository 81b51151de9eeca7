/** The Excel report, read back with exceljs: every number equals the JSON report, values only, print-ready. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/model/types.js';
import { SUMMARY_COUNTERS, TIE_OUT_COLUMNS, TIMELINESS_COLUMNS } from '../src/i18n/index.js';
import { codePoints } from '../src/report/render/xlsx/xlsx-style.js';
import { tempDir } from './helpers/cli.js';
import { allCells, buildDemoDb, readWorkbook, run, tableRows } from './helpers/report-data.js';

const dir = tempDir('motcua-xlsx-');
const db = path.join(dir, 'demo.sqlite');
let json: Report;
let wb: ExcelJS.Workbook;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : null);

beforeAll(async () => {
  await buildDemoDb(db);
  json = JSON.parse(await run(db, 'report', '--format', 'json')) as Report;
  await run(
    db,
    'report',
    '--format',
    'xlsx',
    '--out',
    path.join(dir, 'r.xlsx'),
    '--agency',
    'Sở Khoa học và Công nghệ',
    '--signer-head',
    'Nguyễn Văn Bình',
  );
  wb = await readWorkbook(path.join(dir, 'r.xlsx'));
}, 60_000);

describe('report --format xlsx', () => {
  it('has the summary, one sheet per category, and the sources sheet, in Vietnamese', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Hệ thống và thực tế',
      'Tiến độ giải quyết',
      'Chưa đóng trên hệ thống',
      'Không có trên hệ thống',
      'Cần bản xuất mới hơn',
      'Sổ mở, hệ thống đóng',
      'Chỉ có trên hệ thống',
      'Cần xem xét',
      'Chất lượng dữ liệu',
      'Nguồn dữ liệu',
    ]);
  });

  it('summary rows equal the JSON counters, unit by unit, sorted by never-closed, with the total', () => {
    const rows = tableRows(wb.getWorksheet('Tổng hợp')!, 'Đơn vị');
    expect(rows).toHaveLength(json.units.length + 1);
    json.units.forEach((u, i) => {
      const row = rows[i]!;
      expect(row.getCell(2).value).toBe(u.unit);
      SUMMARY_COUNTERS.forEach((k, j) => {
        expect(row.getCell(3 + j).value, `${u.unit} ${k}`).toBe(u[k]);
      });
    });
    const total = rows[json.units.length]!;
    expect(total.getCell(2).value).toBe('Tổng cộng');
    SUMMARY_COUNTERS.forEach((k, j) => {
      expect(total.getCell(3 + j).value, k).toBe(json.totals[k]);
    });
    const never = json.units.map((u) => u.neverClosedElectronically);
    expect(never).toEqual([...never].sort((a, b) => b - a));
  });

  it('shows the closure rate as a percentage coloured by band (static fills, no conditional formulas)', () => {
    const rows = tableRows(wb.getWorksheet('Tổng hợp')!, 'Đơn vị');
    const col = 3 + SUMMARY_COUNTERS.indexOf('electronicClosureRate');
    for (const row of rows) {
      const cell = row.getCell(col);
      expect(cell.numFmt).toBe('0.0%');
      const rate = cell.value as number | null;
      const fill = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      // A unit without paper rows (the demo's Sở Khoa học và Công nghệ) has no rate and no band.
      if (rate === null) expect(fill).toBeUndefined();
      else expect(fill).toBe(rate >= 0.8 ? 'FFC6EFCE' : rate >= 0.5 ? 'FFFFEB9C' : 'FFFFC7CE');
    }
    expect(wb.getWorksheet('Tổng hợp')!.conditionalFormattings ?? []).toHaveLength(0);
  });

  it('the timeliness sheet equals the JSON timeliness and adds up to the system records', () => {
    const rows = tableRows(wb.getWorksheet('Tiến độ giải quyết')!, 'Đơn vị');
    const block = json.timeliness!;
    expect(rows).toHaveLength(block.units.length + 1);
    [...block.units, { unit: 'Tổng cộng', ...block.totals }].forEach((u, i) => {
      expect(rows[i]!.getCell(2).value).toBe(u.unit);
      TIMELINESS_COLUMNS.forEach((k, j) => {
        expect(rows[i]!.getCell(3 + j).value, `${u.unit} ${k}`).toBe(u[k]);
      });
      expect(u.resolved + u.withdrawnOrRefused + u.pending).toBe(u.systemRecords);
      expect(u.resolvedEarly + u.resolvedOnTime + u.resolvedLate + u.resolvedUndated).toBe(u.resolved);
      expect(u.pendingWithinDue + u.pendingPastDue + u.pendingUndated).toBe(u.pending);
    });
    block.units.forEach((t, i) => {
      expect(t.systemRecords).toBe(json.units[i]!.systemRecords);
    });
  });

  it('has the signature block with the given name and a line to sign for the other', () => {
    const texts = allCells(wb)
      .filter((c) => c.sheet === 'Tổng hợp')
      .map((c) => c.cell.value);
    expect(texts).toEqual(
      expect.arrayContaining([
        'NGƯỜI LẬP BIỂU',
        'THỦ TRƯỞNG ĐƠN VỊ',
        'Nguyễn Văn Bình',
        '……………………………',
        'Sở Khoa học và Công nghệ',
      ]),
    );
  });

  it('detail sheets hold one row per finding with real dates, frozen header and autofilter', () => {
    const sheets: Array<[string, string]> = [
      ['Chưa đóng trên hệ thống', 'open_in_system'],
      ['Không có trên hệ thống', 'not_in_system'],
      ['Cần bản xuất mới hơn', 'needs_newer_export'],
      ['Sổ mở, hệ thống đóng', 'paper_open_system_closed'],
      ['Chỉ có trên hệ thống', 'system_only'],
      ['Chất lượng dữ liệu', 'data_quality'],
    ];
    for (const [name, category] of sheets) {
      const ws = wb.getWorksheet(name)!;
      const findings = json.findings.filter((f) => f.category === category);
      const rows = tableRows(ws, 'Đơn vị');
      expect(rows, name).toHaveLength(findings.length);
      const idCol = ws.getRow(3).values as unknown[];
      const idIndex = idCol.indexOf('Mã phát hiện');
      rows.forEach((row, i) => {
        expect(row.getCell(idIndex).value).toBe(findings[i]!.id);
      });
      // Every number of a detail row is the JSON's: running number, register row, match score.
      const col = (h: string) => idCol.indexOf(h);
      rows.forEach((row, i) => {
        const f = findings[i]!;
        expect(row.getCell(1).value).toBe(i + 1);
        if (col('Dòng') > 0) expect(row.getCell(col('Dòng')).value ?? null, `${name} row`).toBe(f.paper?.row ?? null);
        if (col('Điểm khớp') > 0)
          expect(row.getCell(col('Điểm khớp')).value ?? null, `${name} score`).toBe(f.match?.score ?? null);
      });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    }
    const open = wb.getWorksheet('Chưa đóng trên hệ thống')!;
    const header = open.getRow(3).values as unknown[];
    const received = header.indexOf('Ngày nhận');
    const rows = tableRows(open, 'Đơn vị');
    const first = json.findings.find((f) => f.category === 'open_in_system')!;
    const cell = rows[0]!.getCell(received);
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('dd/mm/yyyy');
    expect(iso(cell.value)).toBe(first.paper!.receivedDate);
  });

  it('the sources sheet lists every imported file with its hash, and tie-out counts equal the JSON', () => {
    const ws = wb.getWorksheet('Nguồn dữ liệu')!;
    const files = tableRows(ws, 'Tệp');
    const sources = json.provenance!.sources;
    expect(files).toHaveLength(sources.length);
    files.forEach((row, i) => {
      expect(row.getCell(2).value).toBe(sources[i]!.file);
      expect(row.getCell(12).value).toBe(sources[i]!.sha256);
      expect(row.getCell(6).value).toBe(sources[i]!.rowsImported);
    });
    const tie = tableRows(ws, 'Đơn vị');
    const t = json.provenance!.tieOut;
    [...t.units, { unit: 'Tổng cộng', ...t.totals }].forEach((u, i) => {
      TIE_OUT_COLUMNS.forEach((k, j) => {
        expect(tie[i]!.getCell(3 + j).value, `${u.unit} ${k}`).toBe(u[k]);
      });
    });
    expect(t.totals.matchedByCode + t.totals.matchedByFuzzy + t.totals.matchedManually + t.totals.unmatchedPaper).toBe(
      json.totals.paperRecords,
    );
    expect(t.totals.unmatchedPaper).toBe(json.totals.notInSystem);
    expect(t.totals.systemUnmatched).toBe(json.totals.systemOnly + json.totals.systemOutsideCoverage);
    expect(sources.filter((s) => s.kind === 'paper').reduce((n, s) => n + s.rowsImported, 0)).toBe(
      json.totals.paperRecords,
    );
    const values = allCells(wb)
      .filter((c) => c.sheet === 'Nguồn dữ liệu')
      .map((c) => String(c.cell.value));
    expect(values).toEqual(
      expect.arrayContaining([
        'motcua-audit 0.1.0',
        'Có',
        '--format xlsx --out r.xlsx --lang vi --agency "Sở Khoa học và Công nghệ" --signer-head "Nguyễn Văn Bình"',
      ]),
    );
  });

  /**
   * The sheets between the summary and the sources, but for the indicators and timeliness sheets (not lists of
   * findings).
   */
  const detailSheets = () =>
    wb.worksheets.slice(1, -1).filter((w) => w.name !== 'Hệ thống và thực tế' && w.name !== 'Tiến độ giải quyết');

  it('holds values only: no cell is a formula', () => {
    const formulas = allCells(wb).filter(
      ({ cell }) => cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined,
    );
    expect(formulas).toEqual([]);
  });

  it(
    'prints on A4 landscape at a readable scale (never fitted below 80 %), with "Trang N / M" and repeated ' +
      'headers',
    () => {
      for (const ws of wb.worksheets) {
        expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false });
        expect(ws.pageSetup.scale, ws.name).toBeGreaterThanOrEqual(80);
        expect(ws.pageSetup.scale, ws.name).toBeLessThanOrEqual(100);
        // 10 pt page header and footer: at least 8 pt at any scale used.
        expect(ws.headerFooter.oddFooter).toBe('&C&10Trang &P / &N');
        expect(ws.headerFooter.oddHeader).toMatch(/^&L&10.*&R&10&A$/);
      }
      // The detail sheets (the indicators sheet has a two-row header of its own: report.indicators).
      for (const ws of detailSheets()) expect(ws.pageSetup.printTitlesRow, ws.name).toBe('3:3');
    },
  );

  it(
    'prints the memo columns of each detail sheet; the ' +
      'technical ones stay beside them, outside the print ' +
      'area',
    () => {
      const memo = [
        'STT',
        'Đơn vị',
        'Mã hồ sơ',
        'Người nộp',
        'Thủ tục hành chính',
        'Ngày nhận',
        'Hẹn trả',
        'Ngày trả theo sổ',
        'Trạng thái trên hệ thống',
        'Ghi chú',
      ];
      const technical = [
        'Ngày trả (hệ thống)',
        'Cách khớp',
        'Điểm khớp',
        'Liên thông / Bổ sung / Nhiều hồ sơ',
        'Tệp',
        'Sheet',
        'Dòng',
        'Mã phát hiện',
      ];
      const ws = wb.getWorksheet('Chưa đóng trên hệ thống')!;
      const header = (ws.getRow(3).values as unknown[]).slice(1);
      expect(header).toEqual([...memo, ...technical]);
      // Read back as "A1:J18" (the file holds "$A$1:$J$18", the only form LibreOffice honours: see report.xlsx-stream).
      const rows = json.findings.filter((f) => f.category === 'open_in_system').length;
      expect(ws.pageSetup.printArea).toBe(`A1:J${3 + rows}`);
      expect(ws.getRow(2).getCell(memo.length + 1).value).toBe('Cột kỹ thuật (ngoài vùng in)');
      // Every sheet with technical columns keeps them out of its print area.
      for (const sheet of detailSheets()) {
        const head = (sheet.getRow(3).values as unknown[]).slice(1);
        const printed = /^A1:([A-Z]+)\d+$/.exec(sheet.pageSetup.printArea ?? '')?.[1];
        expect(printed, sheet.name).toBeDefined();
        const lastPrinted = printed!.charCodeAt(0) - 64;
        expect(head.slice(lastPrinted), sheet.name).toContain('Mã phát hiện');
        expect(head.slice(0, lastPrinted), sheet.name).not.toContain('Tệp');
      }
      // The register's due date and the return date the register gives, from the JSON.
      const first = json.findings.find((f) => f.category === 'open_in_system')!;
      const row = tableRows(ws, 'Đơn vị')[0]!;
      expect(iso(row.getCell(memo.indexOf('Hẹn trả') + 1).value)).toBe(first.paper!.dueDate);
      expect(iso(row.getCell(memo.indexOf('Ngày trả theo sổ') + 1).value)).toBe(first.paper!.returnedDate);
    },
  );

  it('names files relative to the audit folder, never by an absolute path of the machine', () => {
    const texts = allCells(wb).map((c) => String(c.cell.value ?? ''));
    expect(texts.filter((t) => t.includes(dir) || /(^|\s)\/(home|tmp|root|work|var|Users)\//.test(t))).toEqual([]);
    for (const s of json.provenance!.sources) expect(path.isAbsolute(s.file), s.file).toBe(false);
  });

  it('gives the same workbook in English with --lang en', async () => {
    const file = path.join(dir, 'en.xlsx');
    await run(db, '--lang', 'en', 'report', '--format', 'xlsx', '--out', file);
    const en = await readWorkbook(file);
    expect(en.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'System and reality',
      'Timeliness',
      'Open in system',
      'Not in system',
      'Needs newer export',
      'Paper open, system closed',
      'System only',
      'Needs review',
      'Data quality',
      'Sources',
    ]);
    const rows = tableRows(en.getWorksheet('Summary')!, 'Unit');
    expect(rows.at(-1)!.getCell(2).value).toBe('Total');
    expect(rows.at(-1)!.getCell(3).value).toBe(json.totals.paperRecords);
  });

  it('--split-by-unit writes one workbook per unit, named after it, equal to report --unit', async () => {
    const out = path.join(dir, 'split');
    await run(db, 'report', '--format', 'xlsx', '--split-by-unit', '--out', out);
    const names = fs.readdirSync(out).sort();
    expect(names).toEqual([
      'So-Khoa-hoc-va-Cong-nghe.xlsx',
      'So-Thong-tin-va-Truyen-thong-28-02-2025.xlsx',
      'So-Tu-phap.xlsx',
      'UBND-huyen-Go-Dau.xlsx',
      'UBND-thi-xa-Trang-Bang.xlsx',
      'UBND-xa-Phuoc-Thanh.xlsx',
      'UBND-xa-Thanh-Duc.xlsx',
    ]);
    expect(fs.statSync(path.join(out, names[0]!)).mode & 0o777).toBe(0o600);
    const one = JSON.parse(await run(db, 'report', '--format', 'json', '--unit', 'UBND huyện Gò Dầu')) as Report;
    const book = await readWorkbook(path.join(out, 'UBND-huyen-Go-Dau.xlsx'));
    const rows = tableRows(book.getWorksheet('Tổng hợp')!, 'Đơn vị');
    expect(rows).toHaveLength(2);
    SUMMARY_COUNTERS.forEach((k, j) => {
      expect(rows[0]!.getCell(3 + j).value, k).toBe(one.units[0]![k]);
    });
    expect(tableRows(book.getWorksheet('Chưa đóng trên hệ thống')!, 'Đơn vị')).toHaveLength(
      one.findings.filter((f) => f.category === 'open_in_system').length,
    );
    expect(tableRows(book.getWorksheet('Chất lượng dữ liệu')!, 'Đơn vị')).toHaveLength(
      one.findings.filter((f) => f.category === 'data_quality').length,
    );
    const timeliness = tableRows(book.getWorksheet('Tiến độ giải quyết')!, 'Đơn vị');
    TIMELINESS_COLUMNS.forEach((k, j) => {
      expect(timeliness[0]!.getCell(3 + j).value, k).toBe(one.timeliness!.units[0]![k]);
    });
  });
});

describe('codePoints (column widths and row heights)', () => {
  it('counts what Array.from counts, surrogate pairs and lone surrogates included', () => {
    for (const s of ['', 'Nguyễn Văn Đức', 'e\u0301', '😀', 'a😀b', '\uD83D', 'x\uDE00', '\uDE00\uD83D', '😀\uD83D'])
      expect(codePoints(s), JSON.stringify(s)).toBe(Array.from(s).length);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => codePoints(s) === Array.from(s).length),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => codePoints(s) === Array.from(s).length),
      { numRuns: 500 },
    );
  });
});
