// Writes the scenario as real files: a units list, two overlapping system exports (xlsx as of
// 10/04, CSV as of 05/07) and one register per unit in the unit's own layout (official Mẫu 06
// workbook with a sheet per quarter, a simple workbook, CSV UTF-8 with BOM, CSV Windows-1258 ';').
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { EXPORT_A, EXPORT_B } from './generate.mjs';

export const dmy = (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
export const xlDate = (iso) =>
  iso ? new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10))) : null;
const csvField = (v, sep) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /["\r\n]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const csvLine = (fields, sep) => fields.map((f) => csvField(f, sep)).join(sep);
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Windows-1258 form: base letters precomposed, tones as combining marks. */
export const win1258 = (s) =>
  [...s.normalize('NFC')]
    .map((ch) => {
      const nfd = [...ch.normalize('NFD')];
      return (
        nfd
          .filter((c) => !TONES.has(c))
          .join('')
          .normalize('NFC') + nfd.filter((c) => TONES.has(c)).join('')
      );
    })
    .join('');

async function writeWorkbook(wb, file) {
  wb.created = wb.modified = new Date(Date.UTC(2025, 6, 6));
  await wb.xlsx.writeFile(file);
}

/** Writes every file into `dir`; returns { unitsFile, systemFiles, registers: [{ unit, file }] } and sets row.place. */
export async function renderScenario(scenario, rows, dir) {
  fs.mkdirSync(path.join(dir, 'system'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'paper'), { recursive: true });
  const unitsFile = path.join(dir, 'units.csv');
  fs.writeFileSync(
    unitsFile,
    ['code,name,aliases', ...scenario.units.map((u) => csvLine([u.code, u.name, u.aliases.join('|')], ','))].join(
      '\n',
    ) + '\n',
  );

  // Export A: dossiers received in Q1, as of 10/04, an xlsx with a title block.
  const a = scenario.dossiers.filter((d) => d.snapshots.some((s) => s.export === 'A'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.getCell('A1').value = 'DANH SÁCH HỒ SƠ';
  ws.getCell('A2').value = `Từ ngày ${dmy(EXPORT_A.from)} đến ngày ${dmy(EXPORT_A.to)}`;
  ws.getCell('A3').value = `Ngày xuất: ${dmy(EXPORT_A.asOf)}`;
  ws.getRow(5).values = [
    'STT',
    'Mã hồ sơ',
    'Tên thủ tục',
    'Chủ hồ sơ',
    'Cơ quan tiếp nhận',
    'Ngày tiếp nhận',
    'Ngày hẹn trả',
    'Ngày trả kết quả',
    'Trạng thái',
  ];
  a.forEach((d, i) => {
    const s = d.snapshots.find((x) => x.export === 'A');
    const row = ws.getRow(6 + i);
    row.values = [
      i + 1,
      d.code,
      d.proc.official,
      d.applicant.text,
      i % 3 === 0 ? d.unit.aliases[0] : d.unit.name,
      xlDate(d.received),
      xlDate(d.due),
      xlDate(s.returned),
      s.status,
    ];
    for (const c of [6, 7, 8]) row.getCell(c).numFmt = 'dd/mm/yyyy';
  });
  const fileA = path.join(dir, 'system', 'xuat-hs-quy1-2025.xlsx');
  await writeWorkbook(wb, fileA);

  // Export B: January–June, as of 05/07, CSV UTF-8 with BOM and title lines.
  const b = scenario.dossiers.filter((d) => d.snapshots.some((s) => s.export === 'B'));
  const lines = [
    'DANH SÁCH HỒ SƠ',
    `Từ ngày ${dmy(EXPORT_B.from)} đến ngày ${dmy(EXPORT_B.to)}`,
    `Ngày xuất: ${dmy(EXPORT_B.asOf)}`,
    '',
    csvLine(
      [
        'STT',
        'Mã hồ sơ',
        'Tên thủ tục',
        'Chủ hồ sơ',
        'Cơ quan tiếp nhận',
        'Ngày tiếp nhận',
        'Ngày hẹn trả',
        'Ngày trả kết quả',
        'Trạng thái',
      ],
      ',',
    ),
  ];
  b.forEach((d, i) => {
    const s = d.snapshots.find((x) => x.export === 'B');
    lines.push(
      csvLine(
        [
          i + 1,
          d.code,
          d.proc.official,
          d.applicant.text,
          d.unit.name,
          `${dmy(d.received)} 08:00:00`,
          dmy(d.due),
          s.returned ? `${dmy(s.returned)} 15:00:00` : '',
          s.status,
        ],
        ',',
      ),
    );
  });
  const fileB = path.join(dir, 'system', 'xuat-hs-6thang-2025.csv');
  fs.writeFileSync(fileB, '\uFEFF' + lines.join('\r\n') + '\r\n');

  const registers = [];
  for (const unit of scenario.units) {
    const mine = rows.filter((r) => r.unit === unit);
    const slug = unit.code.replace(/\./g, '-');
    let file;
    if (unit.format === 'xlsx-official')
      file = await officialWorkbook(unit, mine, path.join(dir, 'paper', `so-theo-doi-${slug}.xlsx`));
    else if (unit.format === 'xlsx-simple')
      file = await simpleWorkbook(unit, mine, path.join(dir, 'paper', `so-tiep-nhan-${slug}.xlsx`));
    else file = csvRegister(unit, mine, path.join(dir, 'paper', `so-hs-${slug}.csv`), unit.format === 'csv-1258');
    registers.push({ unit: unit.name, file });
  }
  return { unitsFile, systemFiles: [fileA, fileB], registers };
}

async function officialWorkbook(unit, rows, file) {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, part] of [
    ['Quý I', rows.filter((r) => r.trueReceived <= '2025-03-31')],
    ['Quý II', rows.filter((r) => r.trueReceived > '2025-03-31')],
  ]) {
    if (part.length === 0) continue;
    const ws = wb.addWorksheet(sheet);
    ['ỦY BAN NHÂN DÂN TỈNH TÂY NINH', unit.name.toUpperCase(), 'SỔ THEO DÕI HỒ SƠ', `${sheet} năm 2025`].forEach(
      (t, i) => {
        ws.getCell(i + 1, 1).value = t;
        ws.mergeCells(i + 1, 1, i + 1, 12);
      },
    );
    const hdr = (ref, text) => {
      ws.getCell(ref.split(':')[0]).value = text;
      if (ref.includes(':')) ws.mergeCells(ref);
    };
    hdr('A6:A7', 'TT');
    hdr('B6:B7', 'Mã hồ sơ');
    hdr('C6:C7', 'Tên TTHC');
    hdr('D6:D7', 'Tên cá nhân, tổ chức');
    hdr('E6:E7', 'Địa chỉ, số điện thoại');
    hdr('F6:H6', 'Ngày, tháng, năm');
    hdr('F7', 'Nhận hồ sơ');
    hdr('G7', 'Hẹn trả kết quả');
    hdr('H7', 'Chuyển hồ sơ đến cơ quan giải quyết');
    hdr('I6:J6', 'Trả kết quả cho cá nhân, tổ chức');
    hdr('I7', 'Ngày, tháng, năm');
    hdr('J7', 'Chữ ký');
    hdr('K6:K7', 'Ghi chú');
    for (let col = 1; col <= 11; col++) ws.getCell(8, col).value = `(${col})`;
    part.forEach((r, i) => {
      const rowNo = 9 + i;
      const text = i % 2 === 1;
      const d = (iso) => (iso ? (text ? dmy(iso) : xlDate(iso)) : null);
      ws.getRow(rowNo).values = [
        i + 1,
        r.code,
        r.procedure,
        r.applicant,
        r.address,
        d(r.received),
        d(r.due),
        d(r.received),
        d(r.returned),
        r.returned ? 'đã ký' : null,
        r.note,
      ];
      for (const c of [6, 7, 8, 9]) ws.getRow(rowNo).getCell(c).numFmt = 'dd/mm/yyyy';
      r.place = { file, sheet, row: rowNo };
    });
    ws.getCell(9 + part.length + 1, 1).value = `Tổng cộng: ${part.length} hồ sơ`;
  }
  await writeWorkbook(wb, file);
  return file;
}

async function simpleWorkbook(unit, rows, file) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ 2025');
  ws.getCell('A1').value = unit.name.toUpperCase();
  ws.getCell('A2').value = 'SỔ TIẾP NHẬN VÀ TRẢ KẾT QUẢ HỒ SƠ NĂM 2025';
  const qty = rows.some((r) => r.quantity);
  ws.getRow(4).values = [
    'STT',
    'Số hồ sơ',
    'Thủ tục hành chính',
    'Chủ hồ sơ',
    'Địa chỉ',
    'Ngày tiếp nhận',
    'Ngày hẹn trả',
    'Ngày trả kết quả',
    'Ghi chú',
    ...(qty ? ['Số lượng hồ sơ (bộ)'] : []),
  ];
  rows.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    row.values = [
      i + 1,
      r.code,
      r.procedure,
      r.applicant,
      r.address,
      xlDate(r.received),
      xlDate(r.due),
      xlDate(r.returned),
      r.note,
      ...(qty ? [r.quantity ?? 1] : []),
    ];
    for (const c of [6, 7, 8]) row.getCell(c).numFmt = 'dd/mm/yyyy';
    r.place = { file, sheet: 'Sổ 2025', row: 5 + i };
  });
  await writeWorkbook(wb, file);
  return file;
}

function csvRegister(_unit, rows, file, legacy) {
  const sep = legacy ? ';' : ',';
  const qty = rows.some((r) => r.quantity);
  let lineNo = 2;
  const lines = [
    csvLine(
      [
        'STT',
        'Mã hồ sơ',
        'Tên thủ tục',
        'Người nộp',
        'Địa chỉ, số điện thoại',
        'Ngày nhận',
        'Ngày hẹn trả',
        'Ngày trả',
        'Ghi chú',
        ...(qty ? ['Số lượng hồ sơ (bộ)'] : []),
      ],
      sep,
    ),
  ];
  rows.forEach((r, i) => {
    // A row's number is the line its record starts on (a code cell may hold line breaks).
    r.place = { file, sheet: null, row: lineNo };
    const text = csvLine(
      [
        i + 1,
        r.code,
        r.procedure,
        r.applicant,
        r.address,
        dmy(r.received),
        dmy(r.due),
        dmy(r.returned),
        r.note,
        ...(qty ? [r.quantity ?? 1] : []),
      ],
      sep,
    );
    lines.push(text);
    lineNo += text.split('\n').length;
  });
  const text = lines.join('\r\n') + '\r\n';
  fs.writeFileSync(file, legacy ? iconv.encode(win1258(text), 'windows1258') : '\uFEFF' + text);
  return file;
}
