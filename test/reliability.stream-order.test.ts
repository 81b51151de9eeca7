/**
 * exceljs's streaming reader over unzipper ends the archive as soon as the parser has read its
 * last byte, even while parts it read are still queued for the reader: a sheet read slowly made
 * the sheets after it vanish, and sheets met before xl/workbook.xml crashed the reader
 * ("Cannot read properties of undefined (reading 'sheets')", the rare INGEST_UNREADABLE seen on a
 * demo register under load). Every workbook is therefore handed to the reader rearranged
 * (prepareForStreaming): these tests read workbooks whose parts come in the orders that broke,
 * with a slow reader, and get every sheet and every row.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkXlsx } from '../src/ingest/read/read-file.js';
import { openXlsxStream } from '../src/ingest/read/stream-source.js';
import {
  prepareForStreaming,
  readCentralDirectory,
  STREAMING_PADDING_NAME,
  writeZipArchive,
} from '../src/ingest/read/zip-central.js';
import { cli, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-stream-order-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADER = ['STT', 'Mã hồ sơ', 'Tên TTHC', 'Người nộp', 'Ngày nhận'];

let built: Promise<Buffer> | null = null;

/** A register of three sheets: 3,000 rows, then two small quarters (built once). */
function registerWorkbook(): Promise<Buffer> {
  built ??= buildRegisterWorkbook();
  return built;
}

async function buildRegisterWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheets: Array<[string, number]> = [
    ['Quý I', 3000],
    ['Quý II', 3],
    ['Quý III', 2],
  ];
  let n = 0;
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow(HEADER);
    for (let i = 1; i <= rows; i++) {
      n++;
      ws.addRow([
        i,
        `000.00.07.H53-2501${String(1 + (n % 28)).padStart(2, '0')}-${String(n).padStart(4, '0')}`,
        'Chứng thực bản sao',
        `Người nộp số ${n}`,
        '06/01/2025',
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same archive with its parts in another order. */
function reorder(buf: Buffer, rank: (name: string) => number): Buffer {
  const entries = readCentralDirectory(buf).entries.filter((e) => !e.name.endsWith('/'));
  entries.sort((a, b) => rank(a.name) - rank(b.name));
  return writeZipArchive(
    entries.map((e) => ({
      name: e.name,
      raw: { method: e.method, crc: e.crc, size: e.size, data: buf.subarray(e.dataStart, e.dataEnd) },
    })),
  );
}

const ORDERS: Array<[string, (name: string) => number]> = [
  // The parts the reader needs first, then the sheets: a slow first sheet lost the others.
  ['workbook, shared strings, then sheets', (n) => (n.startsWith('xl/worksheets/') ? 1 : 0)],
  // Relationships and shared strings first, the workbook part last: the reader crashed.
  ['workbook part last', (n) => (n === 'xl/workbook.xml' ? 2 : n.startsWith('xl/worksheets/') ? 1 : 0)],
  // As exceljs and Excel write it: sheets before the shared strings.
  ['sheets first', (n) => (n.startsWith('xl/worksheets/') ? 0 : 1)],
];

/** Reads every sheet through the streaming reader, pausing after each batch like a busy database. */
async function readSlowly(file: string, data: Buffer | null): Promise<Array<[string | null, number]>> {
  const out: Array<[string | null, number]> = [];
  for await (const sheet of openXlsxStream(file, path.basename(file), data).sheets) {
    let rows = 0;
    for await (const batch of sheet.batches) {
      rows += batch.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    out.push([sheet.name, rows]);
  }
  return out;
}

describe('workbooks are rearranged before the streaming reader sees them', () => {
  it(
    'the parts the reader needs come first, the sheets in ' + 'their order, a padding part last; nothing else changes',
    async () => {
      const original = reorder(await registerWorkbook(), ORDERS[1]![1]);
      const prepared = prepareForStreaming(original);
      const names = readCentralDirectory(prepared).entries.map((e) => e.name);
      expect(names.slice(0, 6)).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/workbook.xml',
        'xl/styles.xml',
        'xl/sharedStrings.xml',
      ]);
      expect(names.filter((n) => n.startsWith('xl/worksheets/sheet'))).toEqual([
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
      ]);
      expect(names.at(-1)).toBe(STREAMING_PADDING_NAME);
      const before = new Map(
        readCentralDirectory(original).entries.map((e) => [e.name, original.subarray(e.dataStart, e.dataEnd)]),
      );
      for (const e of readCentralDirectory(prepared).entries) {
        if (e.name !== STREAMING_PADDING_NAME)
          expect(prepared.subarray(e.dataStart, e.dataEnd).equals(before.get(e.name)!), e.name).toBe(true);
      }
    },
  );

  it.each(ORDERS)('%s: a slow reader gets every sheet and every row', async (name, rank) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
    fs.writeFileSync(file, reorder(await registerWorkbook(), rank));
    const checked = await checkXlsx(file);
    // Read as the file is (readSlowly(file, null)), the first order gave only "Quý I" and the second
    // threw the TypeError above; the third happened to work here but parks the sheets in temporary
    // files, where a slow disk gave the same crash.
    expect(await readSlowly(file, checked.compacted)).toEqual([
      ['Quý I', 3001],
      ['Quý II', 4],
      ['Quý III', 3],
    ]);
  });

  it('through the CLI: every sheet of such a workbook is imported', async () => {
    const file = path.join(dir, 'so-thu-tu-la.xlsx');
    fs.writeFileSync(file, reorder(await registerWorkbook(), ORDERS[1]![1]));
    const r = await cli([
      '--db',
      path.join(dir, 'a.sqlite'),
      '--lang',
      'en',
      'import',
      'paper',
      file,
      '--unit',
      'Sở Tư pháp',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('3005 dossiers imported');
  });
});
