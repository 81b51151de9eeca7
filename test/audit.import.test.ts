import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { importFile } from '../src/audit/import.js';
import type { ImportProgress } from '../src/audit/import-progress.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const header = 'Mã hồ sơ,Thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày trả kết quả,Trạng thái\n';
const line = (i: number) =>
  `000.00.19.H53-250107-${String(i).padStart(4, '0')},Khai sinh,Nguyễn Văn A${i},07/01/2025,,Đang xử lý\n`;
const counts = (db: ReturnType<typeof openDb>) => ({
  imports: (db.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n,
  rows: (db.prepare('SELECT COUNT(*) AS n FROM system_rows').get() as { n: number }).n,
  issues: (db.prepare('SELECT COUNT(*) AS n FROM dq_issues').get() as { n: number }).n,
});

describe('streaming import', () => {
  it('streams a file larger than one batch, line numbers intact, progress reported', async () => {
    const file = path.join(dir, 'big.csv');
    const n = 5123;
    fs.writeFileSync(file, header + Array.from({ length: n }, (_, i) => line(i + 1)).join(''));
    const db = openDb(path.join(dir, 'a.sqlite'));
    const events: ImportProgress[] = [];
    const r = await importFile(db, { kind: 'system', file, asOf: '2025-07-05', onProgress: (e) => events.push(e) });
    expect(r.rowsImported).toBe(n);
    const last = db.prepare('SELECT row_number AS rowNumber FROM system_rows ORDER BY id DESC LIMIT 1').get() as {
      rowNumber: number;
    };
    expect(last.rowNumber).toBe(n + 1);
    expect(events.at(-1)).toMatchObject({ done: true, rows: n, bytesRead: fs.statSync(file).size });
    db.close();
  });

  it('a CSV unreadable half-way (a quote never closed) leaves the database exactly as it was', async () => {
    const db = openDb(path.join(dir, 'b.sqlite'));
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, header + line(1));
    await importFile(db, { kind: 'system', file: good, asOf: '2025-07-05' });
    const before = counts(db);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      header + Array.from({ length: 4000 }, (_, i) => line(i + 2)).join('') + '000.00.19.H53-250107-9999,"Khai sinh\n',
    );
    await expect(importFile(db, { kind: 'system', file: bad, asOf: '2025-07-05' })).rejects.toMatchObject({
      code: 'INGEST_UNREADABLE',
      context: { row: 4002 },
    });
    expect(counts(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('a workbook cut short leaves the database exactly as it was', async () => {
    const db = openDb(path.join(dir, 'c.sqlite'));
    const before = counts(db);
    const src = fs.readFileSync('fixtures/demo/system/xuat-hs-quy1-2025.xlsx');
    const cut = path.join(dir, 'cut.xlsx');
    fs.writeFileSync(cut, src.subarray(0, Math.floor(src.length * 0.7)));
    await expect(importFile(db, { kind: 'system', file: cut })).rejects.toMatchObject({
      code: expect.stringMatching(/^INGEST_/),
    });
    expect(counts(db)).toEqual(before);
    db.close();
  });

  describe('a bulk load into a small table: indexes dropped during the load, created again', () => {
    const indexes = (db: ReturnType<typeof openDb>) =>
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'system_rows' ORDER BY name")
        .all();
    // Over 4 MB: enough rows for the bulk path (estimated from the file size).
    const pad = 'x'.repeat(900);
    const bigLine = (i: number) =>
      `000.00.19.H53-250107-${String(i).padStart(5, '0')},Khai sinh ${pad},Nguyễn Văn A${i},07/01/2025,,Đang xử lý\n`;
    const n = 4300;

    it('the same indexes after the import, used by the code lookup; rows and issues as usual', async () => {
      const db = openDb(path.join(dir, 'bulk.sqlite'));
      const before = indexes(db);
      expect(before.length).toBeGreaterThanOrEqual(2);
      const file = path.join(dir, 'bulk.csv');
      fs.writeFileSync(file, header + Array.from({ length: n }, (_, i) => bigLine(i + 1)).join('') + bigLine(1));
      expect(fs.statSync(file).size).toBeGreaterThan(4_000_000);
      const r = await importFile(db, { kind: 'system', file, asOf: '2025-07-05' });
      expect(r.rowsImported).toBe(n + 1);
      expect(r.issues.duplicate_code).toBe(1);
      expect(indexes(db)).toEqual(before);
      const plan = db
        .prepare('EXPLAIN QUERY PLAN SELECT id FROM system_rows WHERE code_key = ?')
        .all('00.19.H53-250107-00001') as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX system_rows_code/);
      // Imported again: unchanged, nothing dropped.
      expect((await importFile(db, { kind: 'system', file, asOf: '2025-07-05' })).outcome).toBe('unchanged');
      expect(indexes(db)).toEqual(before);
      db.close();
    });

    it('a bulk load failing at its end gives the indexes back with the rollback', async () => {
      const db = openDb(path.join(dir, 'bulk-bad.sqlite'));
      const before = indexes(db);
      const counted = counts(db);
      const file = path.join(dir, 'bulk-bad.csv');
      fs.writeFileSync(
        file,
        header +
          Array.from({ length: n }, (_, i) => bigLine(i + 1)).join('') +
          '000.00.19.H53-250107-99999,"Khai sinh\n',
      );
      await expect(importFile(db, { kind: 'system', file, asOf: '2025-07-05' })).rejects.toMatchObject({
        code: 'INGEST_UNREADABLE',
      });
      expect(indexes(db)).toEqual(before);
      expect(counts(db)).toEqual(counted);
      db.close();
    });
  });

  it("an xlsx whose Vietnamese letters fall across the reader's chunks keeps every letter (no U+FFFD)", async () => {
    const { default: ExcelJS } = await import('exceljs');
    const file = path.join(dir, 'utf8.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('Sổ theo dõi');
    ws.addRow(['Mã hồ sơ', 'Thủ tục', 'Chủ hồ sơ', 'Ngày tiếp nhận', 'Trạng thái']).commit();
    const name = (i: number) => `Nguyễn Thị Thúy Hằng ${i} ở phường Trảng Bàng, huyện Dương Minh Châu`;
    const n = 6000;
    for (let i = 1; i <= n; i++)
      ws.addRow([
        `000.00.19.H53-250107-${String(i).padStart(4, '0')}`,
        'Đăng ký kết hôn có yếu tố nước ngoài',
        name(i),
        '07/01/2025',
        'Đã trả kết quả',
      ]).commit();
    ws.commit();
    await wb.commit();
    const db = openDb(path.join(dir, 'utf8.sqlite'));
    const r = await importFile(db, { kind: 'system', file, asOf: '2025-07-05' });
    expect(r.rowsImported).toBe(n);
    const rows = db.prepare('SELECT applicant, procedure, status FROM system_rows ORDER BY id').all() as Array<{
      applicant: string;
      procedure: string;
      status: string;
    }>;
    expect(
      rows.filter(
        (x, i) =>
          x.applicant !== name(i + 1) ||
          x.procedure !== 'Đăng ký kết hôn có yếu tố nước ngoài' ||
          x.status !== 'Đã trả kết quả',
      ),
    ).toEqual([]);
    expect(r.sheets[0]!.sheet).toBe('Sổ theo dõi');
    db.close();
  });
});

describe('import progress of a workbook', () => {
  it(
    'moves with the rows read (their share of the rows the zip guard counted), on both threads, and ends at the ' +
      'file size',
    async () => {
      const { default: ExcelJS } = await import('exceljs');
      const file = path.join(dir, 'progress.xlsx');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sổ');
      ws.addRow(['Mã hồ sơ', 'Thủ tục', 'Chủ hồ sơ', 'Ngày tiếp nhận']);
      // Distinct text per row: the sheet does not compress to nothing.
      for (let i = 1; i <= 12000; i++)
        ws.addRow([
          `000.00.19.H53-250107-${String(i).padStart(5, '0')}`,
          `Thủ tục ${(i * 7919) % 1000}`,
          `Người nộp ${(i * 104729) % 100000}`,
          '07/01/2025',
        ]);
      await wb.xlsx.writeFile(file);
      const size = fs.statSync(file).size;
      expect(size).toBeGreaterThan(4 * 65536);
      for (const readThread of ['never', 'always'] as const) {
        const db = openDb(path.join(dir, `progress-${readThread}.sqlite`));
        const events: ImportProgress[] = [];
        // A bare code list without a status column reads as a register to the kind check: forced, as the test is about
        // progress.
        await importFile(db, {
          kind: 'system',
          file,
          asOf: '2025-07-05',
          readThread,
          force: true,
          onProgress: (e) => events.push(e),
        });
        db.close();
        const shares = events.filter((e) => !e.done).map((e) => e.bytesRead / e.totalBytes!);
        expect(events.at(-1), readThread).toMatchObject({ done: true, rows: 12000, bytesRead: size, totalBytes: size });
        // Some report on the way is neither at the start nor at the end.
        expect(
          shares.some((s) => s > 0 && s < 0.9),
          `${readThread}: ${shares.join(' ')}`,
        ).toBe(true);
        for (let k = 1; k < shares.length; k++) expect(shares[k]!).toBeGreaterThanOrEqual(shares[k - 1]!);
      }
    },
  );
});
