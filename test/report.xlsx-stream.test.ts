/**
 * The streaming xlsx writer: the file it writes holds what the in-memory workbook holds (same
 * values, widths, merges, frozen header, autofilter, print setup), no formula anywhere in the raw
 * XML, widths decided from the data before the first row, and nothing left behind on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyCounters } from '../src/report/model/accumulate.js';
import type { Report } from '../src/report/model/types.js';
import { buildWorkbook, writeXlsxReport } from '../src/report/render/xlsx/xlsx.js';
import { tempDir } from './helpers/cli.js';
import { allCells, PERSON, readWorkbook, syntheticReport, tableRows, zipEntries } from './helpers/report-data.js';

const dir = tempDir('motcua-xlsx-stream-');
const N = 1200;
const base: Report = {
  schema: 'motcua-audit/report@2',
  generatedAt: '2025-07-20T03:00:00.000Z',
  filters: { unit: null, from: null, to: null },
  totals: { ...emptyCounters(), paperRecords: N, electronicClosureRate: 0.5 },
  units: [
    { unit: 'UBND xã Thử Nghiệm 1', unitCode: null, ...emptyCounters(), paperRecords: N, electronicClosureRate: 0.5 },
  ],
  findings: [],
};
const report = syntheticReport(base, N);
const streamed = path.join(dir, 'streamed.xlsx');
const inMemory = path.join(dir, 'in-memory.xlsx');
let s: ExcelJS.Workbook;
let m: ExcelJS.Workbook;

beforeAll(async () => {
  await writeXlsxReport(report, streamed, { lang: 'vi', agency: 'Sở TT&TT' }, (wb) => {
    const ws = wb.addWorksheet('Thay đổi');
    ws.addRow(['extra']).commit();
  });
  fs.writeFileSync(
    inMemory,
    Buffer.from(await buildWorkbook(report, { lang: 'vi', agency: 'Sở TT&TT' }).xlsx.writeBuffer()),
  );
  [s, m] = await Promise.all([readWorkbook(streamed), readWorkbook(inMemory)]);
}, 60_000);

describe('writeXlsxReport (exceljs streaming WorkbookWriter)', () => {
  it('writes what the in-memory workbook holds, sheet by sheet, cell by cell', () => {
    expect(s.worksheets.map((w) => w.name)).toEqual([...m.worksheets.map((w) => w.name), 'Thay đổi']);
    for (const mw of m.worksheets) {
      const sw = s.getWorksheet(mw.name)!;
      expect(sw.rowCount, mw.name).toBe(mw.rowCount);
      const values = (ws: ExcelJS.Worksheet) => {
        const out: unknown[] = [];
        ws.eachRow({ includeEmpty: true }, (row) => out.push(row.values));
        return out;
      };
      expect(values(sw), mw.name).toEqual(values(mw));
      expect(
        sw.columns.map((c) => c.width),
        mw.name,
      ).toEqual(mw.columns.map((c) => c.width));
      expect(Object.keys((sw as unknown as { _merges: object })._merges).sort(), mw.name).toEqual(
        Object.keys((mw as unknown as { _merges: object })._merges).sort(),
      );
      const panes = (ws: ExcelJS.Worksheet) =>
        (ws.views ?? []).map((v) => [v.state, (v as { ySplit?: number }).ySplit]);
      expect(panes(sw), mw.name).toEqual(panes(mw));
      expect(sw.autoFilter, mw.name).toEqual(mw.autoFilter);
      expect(sw.pageSetup.printTitlesRow, mw.name).toBe(mw.pageSetup.printTitlesRow);
      expect(sw.pageSetup, mw.name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: false,
        scale: mw.pageSetup.scale,
      });
      expect(sw.pageSetup.printArea, mw.name).toBe(mw.pageSetup.printArea);
      expect(sw.headerFooter.oddFooter, mw.name).toBe('&C&10Trang &P / &N');
    }
  });

  it('holds one row per finding in each category, masked, with real dates and Times New Roman', () => {
    const open = s.getWorksheet('Chưa đóng trên hệ thống')!;
    const rows = tableRows(open, 'Đơn vị');
    expect(rows).toHaveLength(report.findings.filter((f) => f.category === 'open_in_system').length);
    const first = rows[0]!;
    expect(first.getCell(6).value).toBeInstanceOf(Date);
    expect(first.getCell(6).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(1).font?.name).toBe('Times New Roman');
    expect(first.getCell(1).border?.top?.style).toBe('thin');
    const texts = allCells(s).map(({ cell }) => cell.value);
    expect(texts.includes(PERSON)).toBe(false);
    expect(texts).toContain('N.T.B.N.');
    expect(tableRows(s.getWorksheet('Chất lượng dữ liệu')!, 'Đơn vị')).toHaveLength(N / 6);
  });

  it('decides column widths from every row before writing the first (the long procedure caps its column)', () => {
    const ws = s.getWorksheet('Không có trên hệ thống')!;
    const header = ws.getRow(3).values as unknown[];
    expect(ws.getColumn(header.indexOf('Thủ tục hành chính')).width).toBe(20);
    // Codes: "000.00.07.H53-25000001" (22 characters) takes 21.5 units; the hostile code (26) widens it to its cap.
    expect(ws.getColumn(header.indexOf('Mã hồ sơ')).width).toBe(23);
  });

  it(
    'has no formula anywhere in the raw XML; print scale, print areas, frozen panes, autofilter and print titles ' +
      'are written',
    () => {
      const entries = zipEntries(streamed);
      const sheets = [...entries.entries()].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
      expect(sheets.length).toBe(s.worksheets.length);
      for (const [name, xml] of sheets) {
        expect(xml, name).not.toMatch(/<f[ >]/);
        expect(xml, name).not.toMatch(/fitToPage="1"/);
        if (!xml.includes('>extra<')) {
          const scale = Number(/<pageSetup [^>]*scale="(\d+)"/.exec(xml)?.[1]);
          expect(scale, name).toBeGreaterThanOrEqual(80);
          expect(scale, name).toBeLessThanOrEqual(100);
        }
      }
      const all = sheets.map(([, xml]) => xml).join('');
      expect(all).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
      expect(all).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
      expect(all).toMatch(/<autoFilter ref="A3:[A-Z]+\d+"\/>/);
      expect(entries.get('xl/workbook.xml')).toMatch(/_xlnm\.Print_Titles/);
      // Fully absolute, the only form LibreOffice honours (it prints the whole sheet for "$A1:$J18").
      expect(entries.get('xl/workbook.xml')).toMatch(
        /_xlnm\.Print_Area" localSheetId="1">&apos;Chưa đóng trên hệ thống&apos;!\$A\$1:\$J\$\d+</,
      );
    },
  );

  it('creates the file 0600 and leaves no partial file behind, on success or on failure', async () => {
    expect(fs.statSync(streamed).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.part'))).toEqual([]);
    await expect(writeXlsxReport(report, path.join(dir, 'missing', 'r.xlsx'), { lang: 'vi' })).rejects.toThrow(
      /ENOENT/,
    );
    await expect(
      writeXlsxReport(report, path.join(dir, 'bad.xlsx'), { lang: 'vi' }, () => {
        throw new Error('extra sheet failed');
      }),
    ).rejects.toThrow('extra sheet failed');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.part') || n === 'bad.xlsx')).toEqual([]);
  });
});
