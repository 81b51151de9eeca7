import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { importFile } from '../src/store/import.js';
import type { ImportProgress } from '../src/store/import-progress.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const header = 'Mã hồ sơ,Thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày trả kết quả,Trạng thái\n';
const line = (i: number) => `000.00.19.H53-250107-${String(i).padStart(4, '0')},Khai sinh,Nguyễn Văn A${i},07/01/2025,,Đang xử lý\n`;
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
    const last = db.prepare('SELECT row_number AS rowNumber FROM system_rows ORDER BY id DESC LIMIT 1').get() as { rowNumber: number };
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
    fs.writeFileSync(bad, header + Array.from({ length: 4000 }, (_, i) => line(i + 2)).join('') + '000.00.19.H53-250107-9999,"Khai sinh\n');
    await expect(importFile(db, { kind: 'system', file: bad, asOf: '2025-07-05' })).rejects.toMatchObject({ code: 'INGEST_UNREADABLE', context: { row: 4002 } });
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
    await expect(importFile(db, { kind: 'system', file: cut })).rejects.toMatchObject({ code: expect.stringMatching(/^INGEST_/) });
    expect(counts(db)).toEqual(before);
    db.close();
  });
});
