/**
 * Large files are read on a worker thread (src/ingest/read-thread.ts). These tests import the same
 * files with the reader on the main thread and on the worker (MOTCUA_AUDIT_READ_THREAD=never and
 * always) and require the very same database, the same errors and exit codes, and the same rows
 * from the two sources, legacy fonts included.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkXlsx } from '../src/ingest/read/read-file.js';
import {
  flattenRows,
  readerThreadsRunning,
  readerThreadsStarted,
  readerThreadsTerminated,
  readOnThread,
  startReader,
  threadedSource,
  unflattenRows,
} from '../src/ingest/read/read-thread.js';
import {
  BATCH_CELLS,
  hashFile,
  openCsvStream,
  openXlsxStream,
  type StreamSource,
} from '../src/ingest/read/stream-source.js';
import { readCentralDirectory, writeZipArchive } from '../src/ingest/read/zip-central.js';
import type { RawRow } from '../src/types.js';
import { cli, fixture, tempDir } from './helpers/cli.js';
import { makeTwin } from './helpers/legacy.js';

const dir = tempDir('motcua-read-thread-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const D = (...p: string[]) => fixture('demo', ...p);
const MODES = ['never', 'always'] as const;
type Mode = (typeof MODES)[number];

const run = (db: string, mode: Mode, args: string[]) => cli(['--db', db, ...args], { MOTCUA_AUDIT_READ_THREAD: mode });

/** Every table an import writes, row by row in id order. */
function dump(db: string): Record<string, unknown[]> {
  const d = new Database(db, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['imports', 'units', 'unit_aliases', 'paper_rows', 'system_rows', 'dq_issues'])
      out[t] = d.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
    return out;
  } finally {
    d.close();
  }
}

/** A register of three sheets (3,000 rows in the first), with a date column and a formula. */
async function threeSheets(file: string, title = 'SỔ THEO DÕI HỒ SƠ'): Promise<void> {
  const wb = new ExcelJS.Workbook();
  let n = 0;
  for (const [name, rows] of [
    ['Quý I', 3000],
    ['Quý II', 40],
    ['Quý III', 7],
  ] as const) {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]);
    ws.addRow(['STT', 'Mã hồ sơ', 'Tên TTHC', 'Người nộp', 'Ngày nhận', 'Số tờ']);
    for (let i = 1; i <= rows; i++) {
      n++;
      const code = `000.00.07.H53-2501${String(1 + (n % 28)).padStart(2, '0')}-${String(n).padStart(4, '0')}`;
      ws.addRow([
        i,
        code,
        'Chứng thực bản sao',
        `Người nộp số ${n}`,
        new Date(Date.UTC(2025, 0, 1 + (n % 28))),
        { formula: `${i}*2`, result: i * 2 },
      ]);
    }
  }
  await wb.xlsx.writeFile(file);
}

/** A workbook whose sheet XML breaks off half-way (a valid archive around it). */
async function brokenSheet(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ');
  ws.addRow(['Mã hồ sơ', 'Người nộp', 'Ngày nhận']);
  for (let i = 1; i <= 50; i++)
    ws.addRow([`000.00.07.H53-250106-${String(i).padStart(4, '0')}`, `Người ${i}`, '06/01/2025']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const entries = readCentralDirectory(buf).entries.filter((e) => !e.name.endsWith('/'));
  fs.writeFileSync(
    file,
    writeZipArchive(
      entries.map((e) => {
        const data = buf.subarray(e.dataStart, e.dataEnd);
        if (e.name !== 'xl/worksheets/sheet1.xml')
          return { name: e.name, raw: { method: e.method, crc: e.crc, size: e.size, data } };
        const xml = zlib.inflateRawSync(data).toString('utf8');
        return {
          name: e.name,
          content: Buffer.from(
            xml.slice(0, Math.floor(xml.length * 0.6)) + '<row r="40"><c r="A40" t="inlineStr"><is><t>X</t></is></c><c',
            'utf8',
          ),
        };
      }),
    ),
  );
}

describe('reading on a worker thread', () => {
  const files: Record<string, string> = {};
  const dumps: Partial<Record<Mode, Record<string, unknown[]>>> = {};

  beforeAll(async () => {
    files.twin = path.join(dir, 'so-tiep-nhan-tcvn3.xlsx');
    expect(await makeTwin(D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx'), files.twin)).toBeGreaterThan(50);
    files.sheets = path.join(dir, 'so-ba-quy.xlsx');
    await threeSheets(files.sheets);
    // Other content (an import of the same content changes nothing), other file name.
    files.quarter = path.join(dir, 'so-quy-2.xlsx');
    await threeSheets(files.quarter, 'SỔ THEO DÕI HỒ SƠ QUÝ II');
    files.broken = path.join(dir, 'so-hong.xlsx');
    await brokenSheet(files.broken);
    for (const mode of MODES) {
      const db = path.join(dir, `${mode}.sqlite`);
      for (const args of [
        ['units', 'import', D('units.csv')],
        ['import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'), D('system', 'xuat-hs-6thang-2025.csv')],
        ['import', 'paper', D('paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx'), '--unit', 'Sở Tư pháp'],
        ['import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu'],
        ['import', 'paper', D('paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'), '--unit', 'UBND xã Phước Thạnh'],
        ['import', 'paper', files.twin, '--unit', 'UBND thị xã Trảng Bàng'],
        ['import', 'paper', files.quarter, '--unit', 'Sở Tư pháp', '--sheet', 'Quý II'],
        ['import', 'paper', files.sheets, '--unit', 'Sở Tư pháp'],
      ]) {
        const r = await run(db, mode, args);
        expect(r.code, `${mode}: ${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      dumps[mode] = dump(db);
    }
  });

  it('is where the files were read with MOTCUA_AUDIT_READ_THREAD=always', () => {
    expect(readOnThread(0, 'always')).toBe(true);
    expect(readOnThread(1 << 30, 'never')).toBe(false);
    expect(readOnThread(1000, 'auto')).toBe(false);
    // Two system exports and six registers.
    expect(readerThreadsStarted()).toBeGreaterThanOrEqual(8);
  });

  it('writes the very same rows, issues, units and imports as the main thread', () => {
    const never = dumps.never!;
    const always = dumps.always!;
    expect(never.paper_rows!.length).toBeGreaterThan(3000);
    expect(never.system_rows!.length).toBeGreaterThan(50);
    for (const table of Object.keys(never)) expect(always[table], table).toEqual(never[table]);
    // Legacy fonts crossed with their batches: the TCVN3 cells were converted on both sides.
    const legacy = (never.imports as Array<{ details_json: string }>)
      .map((i) => JSON.parse(i.details_json).sheets?.[0]?.legacy)
      .filter(Boolean);
    expect(legacy).toEqual([{ tcvn3: expect.any(Number) }]);
  });

  it(
    'gives the same error, exit code and untouched ' +
      'database for a broken CSV, a broken sheet and a ' +
      'missing unit',
    async () => {
      const csv = path.join(dir, 'so-loi.csv');
      fs.writeFileSync(
        csv,
        'Mã hồ sơ,Người nộp,Ngày nhận\n000.00.07.H53-250106-0001,"Nguyễn Văn A,06/01/2025\n' + 'x,y,z\n'.repeat(20),
      );
      const cases: string[][] = [
        ['import', 'paper', csv, '--unit', 'Sở Tư pháp'],
        ['import', 'paper', files.broken!, '--unit', 'Sở Tư pháp'],
        ['import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv')],
      ];
      for (const args of cases) {
        const seen: Array<{ code: number; stderr: string; tables: Record<string, unknown[]> }> = [];
        for (const mode of MODES) {
          const db = path.join(dir, `err-${mode}.sqlite`);
          expect((await run(db, mode, ['units', 'import', D('units.csv')])).code).toBe(0);
          const before = dump(db);
          const r = await run(db, mode, args);
          expect(r.code, `${mode} ${args.join(' ')}`).not.toBe(0);
          expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
          expect(r.stderr).toContain(path.basename(args[2]!));
          expect(dump(db)).toEqual(before);
          seen.push({ code: r.code, stderr: r.stderr, tables: before });
          fs.rmSync(db, { force: true });
        }
        expect(seen[1]!.code).toBe(seen[0]!.code);
        expect(seen[1]!.stderr).toBe(seen[0]!.stderr);
      }
    },
  );

  it(
    'stops the reader started ahead of a file found unchanged, or refused before its rows, and ends it without ' +
      'terminating it',
    async () => {
      const db = path.join(dir, 'always.sqlite');
      const notZip = path.join(dir, 'khong-phai-xlsx.xlsx');
      fs.writeFileSync(notZip, 'Mã hồ sơ,Người nộp\n'.repeat(50));
      const binary = path.join(dir, 'nhi-phan.csv');
      fs.writeFileSync(binary, Buffer.alloc(4096, 0));
      const terminated = readerThreadsTerminated();
      for (const [args, code, said] of [
        [['import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx')], 0, 'xuat-hs-quy1-2025.xlsx'],
        [
          ['import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu'],
          0,
          'so-theo-doi-2025.csv',
        ],
        [['import', 'paper', notZip, '--unit', 'Sở Tư pháp'], 3, 'khong-phai-xlsx.xlsx'],
        [['import', 'paper', binary, '--unit', 'Sở Tư pháp'], 3, 'nhi-phan.csv'],
      ] as const) {
        const started = readerThreadsStarted();
        const before = dump(db);
        const r = await run(db, 'always', [...args, '--lang', 'en']);
        expect(r.code, r.stderr).toBe(code);
        expect(r.stdout + r.stderr).toContain(said);
        if (code === 0) expect(r.stdout + r.stderr).toContain('already imported; nothing changed');
        expect(dump(db)).toEqual(before);
        // Started ahead of the file, then stopped before import returned.
        expect(readerThreadsStarted()).toBe(started + 1);
        expect(readerThreadsRunning()).toBe(0);
      }
      expect(readerThreadsTerminated()).toBe(terminated);
    },
  );
});

describe('batches as they cross', () => {
  it('come back as the same rows, every kind of cell, empty rows and cells included', () => {
    const rows: RawRow[] = [
      { rowNumber: 1, cells: [] },
      { rowNumber: 2, cells: ['Mã hồ sơ', null, 3, 4.5, true, false, new Date(Date.UTC(2025, 0, 6)), ''] },
      { rowNumber: 7, cells: [null] },
      { rowNumber: 1048576, cells: [0, -1, 'e\u0301', '😀'] },
    ];
    for (const batch of [[], rows, rows.slice(1, 2), rows.slice(0, 1)])
      expect(unflattenRows(flattenRows(batch))).toEqual(batch);
    expect(flattenRows(rows.slice(2, 3))).toEqual([7, 1, null]);
  });
});

describe('threadedSource', () => {
  async function collect(
    source: StreamSource,
  ): Promise<Array<{ sheet: string | null; rows: RawRow[]; fonts: Array<[number, Array<string | null>]> }>> {
    const out = [];
    for await (const sheet of source.sheets) {
      const rows: RawRow[] = [];
      const fonts: Array<[number, Array<string | null>]> = [];
      for await (const batch of sheet.batches) {
        for (const r of batch) {
          rows.push(r);
          const f = sheet.fonts?.get(r.rowNumber);
          if (f) fonts.push([r.rowNumber, f]);
        }
        // As LegacyCounter does once a batch is converted.
        for (const r of batch) sheet.fonts?.delete(r.rowNumber);
      }
      out.push({ sheet: sheet.name, rows, fonts });
    }
    return out;
  }

  it(
    'yields the sheets, rows, cells (dates and formulas ' + 'results) and legacy fonts of the main-thread reader',
    async () => {
      const twin = path.join(dir, 'twin-direct.xlsx');
      await makeTwin(D('paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx'), twin);
      const sheets = path.join(dir, 'sheets-direct.xlsx');
      await threeSheets(sheets);
      for (const file of [twin, sheets, D('system', 'xuat-hs-quy1-2025.xlsx')]) {
        const checked = await checkXlsx(file);
        const local = await collect(openXlsxStream(file, file, checked.compacted));
        const threaded = await collect(
          threadedSource(
            { format: 'xlsx', file, displayName: file, data: checked.compacted },
            { format: 'xlsx', encoding: 'xlsx' },
            startReader('xlsx'),
          ),
        );
        expect(threaded).toEqual(local);
        expect(local.reduce((n, s) => n + s.rows.length, 0)).toBeGreaterThan(40);
      }
      const fonts = (await collect(openXlsxStream(twin, twin, (await checkXlsx(twin)).compacted))).flatMap(
        (s) => s.fonts,
      );
      expect(fonts.length).toBeGreaterThan(20);
    },
  );

  it('yields the rows of a Windows-1258 CSV as the main-thread reader does', async () => {
    const file = D('paper', 'go-dau', 'so-theo-doi-2025.csv');
    const { validUtf8 } = await hashFile(file, true);
    const local = await openCsvStream(file, file, validUtf8);
    const threaded = threadedSource({ format: 'csv', file, displayName: file, validUtf8 }, local, startReader('csv'));
    expect(threaded.encoding).toBe('windows-1258');
    expect(await collect(threaded)).toEqual(await collect(await openCsvStream(file, file, validUtf8)));
  });

  it(
    'hands an xlsx sheet over in small batches (rows die ' +
      'young), never above the cell budget by more than a ' +
      'row',
    async () => {
      const file = path.join(dir, 'sheets-batches.xlsx');
      await threeSheets(file);
      const source = openXlsxStream(file, file, (await checkXlsx(file)).compacted);
      let batches = 0;
      for await (const sheet of source.sheets) {
        for await (const batch of sheet.batches) {
          batches++;
          const cells = batch.reduce((n, r) => n + r.cells.length, 0);
          expect(cells - batch[batch.length - 1]!.cells.length).toBeLessThan(BATCH_CELLS);
        }
      }
      expect(batches).toBeGreaterThan(3000 / 300);
    },
  );

  it('stops its worker when the reader is left half-way', async () => {
    const file = path.join(dir, 'sheets-stop.xlsx');
    await threeSheets(file);
    const started = readerThreadsStarted();
    const terminated = readerThreadsTerminated();
    const source = threadedSource(
      { format: 'xlsx', file, displayName: file, data: (await checkXlsx(file)).compacted },
      { format: 'xlsx', encoding: 'xlsx' },
      startReader('xlsx'),
    );
    for await (const sheet of source.sheets) {
      for await (const batch of sheet.batches) {
        expect(batch.length).toBeGreaterThan(0);
        break;
      }
      break;
    }
    expect(readerThreadsStarted()).toBe(started + 1);
    // Asked to stop, it ended by itself before the loop was left: never terminated, which can abort
    // the process when the thread is caught creating a zlib stream (see STOP_GRACE_MS).
    expect(readerThreadsRunning()).toBe(0);
    expect(readerThreadsTerminated()).toBe(terminated);
  });

  it('ends its worker by itself at every point of a read: before any row, between batches, after the end', async () => {
    const file = path.join(dir, 'sheets-stop-points.xlsx');
    await threeSheets(file);
    const { compacted } = await checkXlsx(file);
    const terminated = readerThreadsTerminated();
    for (const stopAt of [0, 1, 2, 5, 9, 20, Infinity]) {
      const source = threadedSource(
        { format: 'xlsx', file, displayName: file, data: compacted },
        { format: 'xlsx', encoding: 'xlsx' },
        startReader('xlsx'),
      );
      let batches = 0;
      outer: for await (const sheet of source.sheets) {
        if (stopAt === 0) break;
        for await (const batch of sheet.batches) {
          expect(batch.length).toBeGreaterThan(0);
          if (++batches >= stopAt) break outer;
        }
      }
      expect(readerThreadsRunning(), `stopped at ${stopAt}`).toBe(0);
    }
    expect(readerThreadsTerminated()).toBe(terminated);
  });
});
