/** Databases for the report tests: the demo province, and a small one full of hostile values. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Finding, Report } from '../../src/report/model/types.js';
import { cli, fixture } from './cli.js';

/** Runs the CLI against `db`, failing loudly on a non-zero exit. */
export async function run(db: string, ...args: string[]): Promise<string> {
  const r = await cli(args, { MOTCUA_AUDIT_DB: db });
  if (r.code !== 0) throw new Error(`motcua-audit ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Imports the demo province (fixtures/demo) into `db` and matches it. */
export async function buildDemoDb(db: string): Promise<void> {
  await run(db, 'units', 'import', fixture('demo/units.csv'));
  await run(
    db,
    'import',
    'system',
    fixture('demo/system/xuat-hs-quy1-2025.xlsx'),
    fixture('demo/system/xuat-hs-6thang-2025.csv'),
  );
  const registers: Array<[string, string]> = [
    ['paper/so-tu-phap/so-theo-doi-hs-2025.xlsx', 'Sở Tư pháp'],
    ['paper/go-dau/so-theo-doi-2025.csv', 'UBND huyện Gò Dầu'],
    ['paper/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
    ['paper/phuoc-thanh/so-hs-xa-2025.csv', 'UBND xã Phước Thạnh'],
    ['paper-update/trang-bang/so-tiep-nhan-2025.xlsx', 'UBND thị xã Trảng Bàng'],
  ];
  for (const [file, unit] of registers) await run(db, 'import', 'paper', fixture(`demo/${file}`), '--unit', unit);
  await run(db, 'match');
}

/** Values a spreadsheet would run as formulas, or markup a page would run. */
export const HOSTILE = ['=HYPERLINK("http://x","y")', '+cmd', '@SUM(A1)', '-1+2', '<script>alert(1)</script> | *x*'];
/** A real-looking person's name and phone: must never appear in a masked report. */
export const PERSON = 'Nguyễn Thị Bảo Ngọc';

/** A register and an export whose codes, names and procedures are hostile; returns nothing, fills `db`. */
export async function buildHostileDb(db: string, dir: string): Promise<void> {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const [hyper, plus, at, minus, script] = HOSTILE.map(q) as [string, string, string, string, string];
  fs.writeFileSync(
    path.join(dir, 'system.csv'),
    [
      'Mã hồ sơ,Thủ tục,Chủ hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái',
      `000.00.07.H53-250110-0001,${hyper},${q(PERSON)},Sở Tư pháp,10/01/2025,20/01/2025,,Đang xử lý`,
      `-1+2,${plus},${at},Sở Tư pháp,11/01/2025,21/01/2025,,Đang xử lý`,
      `000.00.07.H53-250112-0001,Cấp phiếu,Lê Văn Sáu,Sở Tư pháp,12/01/2025,22/01/2025,18/01/2025,Đã trả kết quả`,
      `000.00.07.H53-250115-0001,${script},Phạm Văn Bảy,Sở Tư pháp,15/01/2025,25/01/2025,,Đang xử lý`,
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'paper.csv'),
    [
      'STT,Mã hồ sơ,Tên TTHC,Tên cá nhân/tổ chức,Ngày nhận,Ngày hẹn trả,Ngày trả kết quả',
      `1,000.00.07.H53-250110-0001,${hyper},${q(PERSON)},10/01/2025,20/01/2025,19/01/2025`,
      `2,-1+2,${plus},${at},11/01/2025,21/01/2025,20/01/2025`,
      `3,,${at},${hyper},13/01/2025,23/01/2025,22/01/2025`,
      `4,=1+1,${minus},${plus},14/01/2025,,`,
      `5,@SUM(A1),${script},${minus},16/01/2025,,17/01/2025`,
    ].join('\n'),
  );
  await run(db, 'import', 'system', path.join(dir, 'system.csv'), '--as-of', '31/01/2025');
  await run(db, 'import', 'paper', path.join(dir, 'paper.csv'), '--unit', 'Sở Tư pháp');
  await run(db, 'match');
}

/** Reads a workbook written by the report. */
export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of every sheet, with its sheet name and address. */
export function allCells(wb: ExcelJS.Workbook): Array<{ sheet: string; address: string; cell: ExcelJS.Cell }> {
  const out: Array<{ sheet: string; address: string; cell: ExcelJS.Cell }> = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => out.push({ sheet: ws.name, address: cell.address, cell })),
    );
  return out;
}

/**
 * The rows of a table in a sheet: from the row whose column `col` equals `header`, until a row with an empty column
 * `col`.
 */
export function tableRows(ws: ExcelJS.Worksheet, header: string, col = 2, occurrence = 1): ExcelJS.Row[] {
  let start = 0;
  let seen = 0;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (!start && row.getCell(col).value === header && ++seen === occurrence) start = n;
  });
  if (!start) throw new Error(`no "${header}" in sheet ${ws.name}`);
  const rows: ExcelJS.Row[] = [];
  for (let n = start + 1; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    const v = row.getCell(col).value;
    if (v === null || v === undefined || v === '') break;
    // A note merged across the table ends it.
    if (row.getCell(col).isMerged && row.getCell(1).value === v) break;
    // Header continuation rows: column numbers "(2)", or the merged second header row.
    if ((typeof v === 'string' && /^\(\d+\)$/.test(v)) || v === header) continue;
    rows.push(row);
  }
  return rows;
}

/** The entries of a zip file (an xlsx) as text, read with the central directory and zlib: no dependency. */
export function zipEntries(file: string): Map<string, string> {
  const buf = fs.readFileSync(file);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file}: not a zip`);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, '');
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    out.set(name, (method === 8 ? zlib.inflateRawSync(raw) : raw).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * A report of `n` synthetic findings over `units` units (every category, long and hostile values), for the streaming
 * writer.
 */
export function syntheticReport(base: Report, n: number, units = 7): Report {
  const categories = [
    'open_in_system',
    'not_in_system',
    'needs_newer_export',
    'paper_open_system_closed',
    'system_only',
    'data_quality',
  ] as const;
  const names = Array.from({ length: units }, (_, i) => `UBND xã Thử Nghiệm ${i + 1}`);
  const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
  const findings: Finding[] = Array.from({ length: n }, (_, i) => {
    const category = categories[i % categories.length]!;
    const code = i % 97 === 0 ? '=HYPERLINK("http://x","y")' : `000.00.07.H53-25${String(i).padStart(6, '0')}`;
    return {
      id: `p-${i.toString(16).padStart(12, '0')}`,
      category,
      unit: names[i % units]!,
      paper:
        category === 'system_only'
          ? null
          : {
              file: 'so.xlsx',
              sheet: 'Sổ 2025',
              row: i + 2,
              code,
              applicant: i % 2 ? PERSON : '+cmd',
              procedure:
                i === 1
                  ? 'Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất'
                  : 'Đăng ký khai sinh',
              receivedDate: day(i),
              returnedDate: null,
            },
      system:
        category === 'not_in_system' || category === 'data_quality'
          ? null
          : { code, status: 'Đang xử lý', receivedDate: day(i), returnedDate: null },
      match: category === 'open_in_system' ? { method: 'code', score: 1 } : null,
      ...(category === 'data_quality' ? { rule: 'received_date_unreadable', column: 'E', rawValue: '@SUM(A1)' } : {}),
    };
  });
  return { ...base, findings };
}
