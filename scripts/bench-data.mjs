#!/usr/bin/env node
// Province-like benchmark data at a chosen scale, streamed to disk (never committed): the
// evaluation's scenario and noise (scripts/eval/) rendered as a system export in CSV (all
// dossiers, as of 05/07) and in xlsx (Q1, as of 10/04), and one paper register per unit in the
// unit's own layout (official Mẫu 06 xlsx with merged two-row headers, simple xlsx, CSV UTF-8
// with BOM, CSV Windows-1258 ';'). Big workbooks go through exceljs's streaming WorkbookWriter.
//
//   node scripts/bench-data.mjs --dossiers 100000 --out /tmp/motcua-bench-100000
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { EXPORT_A, EXPORT_B, generateScenario } from './eval/generate.mjs';
import { paperRows } from './eval/noise.mjs';
import { csvLine, dmy, win1258, xlDate } from './eval/render.mjs';

/** A buffered line writer (sync, so memory stays flat). */
function lineWriter(file, encode = (s) => Buffer.from(s, 'utf8')) {
  const fd = fs.openSync(file, 'w');
  let parts = [];
  let size = 0;
  const flush = () => {
    if (parts.length) fs.writeSync(fd, encode(parts.join('')));
    parts = [];
    size = 0;
  };
  return {
    write(s) {
      parts.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      fs.closeSync(fd);
    },
  };
}

async function streamingWorkbook(file) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.created = wb.modified = new Date(Date.UTC(2025, 6, 6));
  return wb;
}

/** Writes every file; returns their paths and row counts. */
export async function writeBenchData({ dossiers = 100000, seed = 7, out }) {
  fs.mkdirSync(path.join(out, 'system'), { recursive: true });
  fs.mkdirSync(path.join(out, 'paper'), { recursive: true });
  const scenario = generateScenario({ dossiers, seed });
  const rows = paperRows(scenario);
  const unitsFile = path.join(out, 'units.csv');
  fs.writeFileSync(
    unitsFile,
    ['code,name,aliases', ...scenario.units.map((u) => csvLine([u.code, u.name, u.aliases.join('|')], ','))].join(
      '\n',
    ) + '\n',
  );

  // System export B: every dossier, CSV UTF-8 with BOM, title lines, CRLF.
  const systemCsv = path.join(out, 'system', 'xuat-hs-6thang-2025.csv');
  const w = lineWriter(systemCsv);
  w.write(
    '\uFEFF' +
      [
        'DANH SÁCH HỒ SƠ',
        `Từ ngày ${dmy(EXPORT_B.from)} đến ngày ${dmy(EXPORT_B.to)}`,
        `Ngày xuất: ${dmy(EXPORT_B.asOf)}`,
        '',
      ].join('\r\n') +
      '\r\n',
  );
  w.write(
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
    ) + '\r\n',
  );
  let systemCsvRows = 0;
  for (const d of scenario.dossiers) {
    const s = d.snapshots.find((x) => x.export === 'B');
    if (!s) continue;
    systemCsvRows++;
    w.write(
      csvLine(
        [
          systemCsvRows,
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
      ) + '\r\n',
    );
  }
  w.close();

  // System export A: Q1 dossiers as of 10/04, xlsx with a title block, real date cells.
  const systemXlsx = path.join(out, 'system', 'xuat-hs-quy1-2025.xlsx');
  const wbA = await streamingWorkbook(systemXlsx);
  const wsA = wbA.addWorksheet('Danh sách');
  wsA.getRow(1).values = ['DANH SÁCH HỒ SƠ'];
  wsA.getRow(2).values = [`Từ ngày ${dmy(EXPORT_A.from)} đến ngày ${dmy(EXPORT_A.to)}`];
  wsA.getRow(3).values = [`Ngày xuất: ${dmy(EXPORT_A.asOf)}`];
  wsA.getRow(5).values = [
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
  let systemXlsxRows = 0;
  for (const d of scenario.dossiers) {
    const s = d.snapshots.find((x) => x.export === 'A');
    if (!s) continue;
    const row = wsA.getRow(6 + systemXlsxRows);
    row.values = [
      systemXlsxRows + 1,
      d.code,
      d.proc.official,
      d.applicant.text,
      systemXlsxRows % 3 === 0 ? d.unit.aliases[0] : d.unit.name,
      xlDate(d.received),
      xlDate(d.due),
      xlDate(s.returned),
      s.status,
    ];
    for (const c of [6, 7, 8]) row.getCell(c).numFmt = 'dd/mm/yyyy';
    row.commit();
    systemXlsxRows++;
  }
  wsA.commit();
  await wbA.commit();

  const registers = [];
  for (const unit of scenario.units) {
    const mine = rows.filter((r) => r.unit === unit);
    const slug = unit.code.replace(/\./g, '-');
    let file;
    if (unit.format === 'xlsx-official')
      file = await officialWorkbook(unit, mine, path.join(out, 'paper', `so-theo-doi-${slug}.xlsx`));
    else if (unit.format === 'xlsx-simple')
      file = await simpleWorkbook(unit, mine, path.join(out, 'paper', `so-tiep-nhan-${slug}.xlsx`));
    else file = csvRegister(mine, path.join(out, 'paper', `so-hs-${slug}.csv`), unit.format === 'csv-1258');
    registers.push({ unit: unit.name, file, rows: mine.length, format: unit.format });
  }
  const manifest = {
    dossiers,
    seed,
    unitsFile,
    system: [
      { file: systemCsv, rows: systemCsvRows, format: 'csv', asOf: EXPORT_B.asOf },
      { file: systemXlsx, rows: systemXlsxRows, format: 'xlsx', asOf: EXPORT_A.asOf },
    ],
    registers,
    paperRows: rows.length,
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function officialWorkbook(unit, rows, file) {
  const wb = await streamingWorkbook(file);
  for (const [sheet, part] of [
    ['Quý I', rows.filter((r) => r.trueReceived <= '2025-03-31')],
    ['Quý II', rows.filter((r) => r.trueReceived > '2025-03-31')],
  ]) {
    if (part.length === 0) continue;
    const ws = wb.addWorksheet(sheet);
    ['ỦY BAN NHÂN DÂN TỈNH TÂY NINH', unit.name.toUpperCase(), 'SỔ THEO DÕI HỒ SƠ', `${sheet} năm 2025`].forEach(
      (t, i) => {
        ws.getRow(i + 1).values = [t];
        ws.mergeCells(i + 1, 1, i + 1, 12);
      },
    );
    ws.getRow(6).values = [
      'TT',
      'Mã hồ sơ',
      'Tên TTHC',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Ngày, tháng, năm',
      null,
      null,
      'Trả kết quả cho cá nhân, tổ chức',
      null,
      'Ghi chú',
    ];
    ws.getRow(7).values = [
      null,
      null,
      null,
      null,
      null,
      'Nhận hồ sơ',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Ngày, tháng, năm',
      'Chữ ký',
      null,
    ];
    for (const ref of ['A6:A7', 'B6:B7', 'C6:C7', 'D6:D7', 'E6:E7', 'F6:H6', 'I6:J6', 'K6:K7']) ws.mergeCells(ref);
    ws.getRow(8).values = Array.from({ length: 11 }, (_, i) => `(${i + 1})`);
    part.forEach((r, i) => {
      const text = i % 2 === 1;
      const d = (iso) => (iso ? (text ? dmy(iso) : xlDate(iso)) : null);
      const row = ws.getRow(9 + i);
      row.values = [
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
      for (const c of [6, 7, 8, 9]) row.getCell(c).numFmt = 'dd/mm/yyyy';
      row.commit();
    });
    ws.getRow(9 + part.length + 1).values = [`Tổng cộng: ${part.length} hồ sơ`];
    ws.commit();
  }
  await wb.commit();
  return file;
}

async function simpleWorkbook(unit, rows, file) {
  const wb = await streamingWorkbook(file);
  const ws = wb.addWorksheet('Sổ 2025');
  ws.getRow(1).values = [unit.name.toUpperCase()];
  ws.getRow(2).values = ['SỔ TIẾP NHẬN VÀ TRẢ KẾT QUẢ HỒ SƠ NĂM 2025'];
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
    ];
    for (const c of [6, 7, 8]) row.getCell(c).numFmt = 'dd/mm/yyyy';
    row.commit();
  });
  ws.commit();
  await wb.commit();
  return file;
}

function csvRegister(rows, file, legacy) {
  const sep = legacy ? ';' : ',';
  const w = lineWriter(file, legacy ? (s) => iconv.encode(win1258(s), 'windows1258') : undefined);
  w.write(
    (legacy ? '' : '\uFEFF') +
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
        ],
        sep,
      ) +
      '\r\n',
  );
  rows.forEach((r, i) => {
    w.write(
      csvLine(
        [i + 1, r.code, r.procedure, r.applicant, r.address, dmy(r.received), dmy(r.due), dmy(r.returned), r.note],
        sep,
      ) + '\r\n',
    );
  });
  w.close();
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const dossiers = Number(arg('dossiers', '100000'));
  const out = arg('out', path.join(os.tmpdir(), `motcua-bench-${dossiers}`));
  const t = Date.now();
  const m = await writeBenchData({ dossiers, out });
  process.stdout.write(
    `${out}: ${m.system[0].rows} system CSV rows, ${m.system[1].rows} system xlsx rows, ${m.paperRows} paper ` +
      `rows in ${m.registers.length} registers (${((Date.now() - t) / 1000).toFixed(1)} s)\n`,
  );
}
