/**
 * Fixtures in the layouts of real third-party files, with made-up rows: a provincial DVC export
 * (xlsx, title block, dates with seconds), the national portal's sync fields (CSV with
 * yyyyMMddHHmmss dates and numeric status codes, and the same records as JSON), the official
 * register (Mẫu 06: three header rows, "Chuyển hồ sơ đến cơ quan giải quyết" and "Trả kết quả"
 * each over a date and a signature, a row of column numbers) and a register book without a code
 * column whose title is merged across the sheet with line breaks. One scenario feeds them all.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

export const UNIT = 'UBND xã Thạnh Đức';
export const UNIT_CODE = '000.00.12.H53';

/** One dossier of the scenario: its system state and its paper row. */
export interface Dossier {
  code: string;
  applicant: string;
  address: string;
  procedure: string;
  /** Submitted online (yyyy-mm-dd hh:mm:ss), before the receipt. */
  submitted: string;
  received: string;
  due: string;
  result: string | null;
  returned: string | null;
  /** National status code and the label a provincial system writes for it. */
  statusCode: number;
  statusLabel: string;
  /** The register shows the result handed over (a return date). */
  paperReturned: string | null;
}

const d = (
  code: string,
  applicant: string,
  address: string,
  procedure: string,
  day: string,
  statusCode: number,
  statusLabel: string,
  extra: Partial<Dossier> = {},
): Dossier => ({
  code: `${UNIT_CODE}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${code}`,
  applicant,
  address,
  procedure,
  submitted: `${day.slice(0, 8)}${String(Number(day.slice(8, 10)) - 2).padStart(2, '0')} 20:15:00`,
  received: `${day} 08:30:15`,
  due: `${day.slice(0, 5)}${String(Number(day.slice(5, 7)) + 1).padStart(2, '0')}${day.slice(7)} 16:00:00`,
  result: null,
  returned: null,
  statusCode,
  statusLabel,
  paperReturned: null,
  ...extra,
});

/** The scenario: what each dossier is in the system and on paper. */
export const DOSSIERS: readonly Dossier[] = [
  d('0001', 'Nguyễn Văn An', 'ấp Thạnh Hòa, xã Thạnh Đức', 'Đăng ký khai sinh', '2025-02-10', 10, 'Đã trả kết quả', {
    result: '2025-02-12 10:00:00',
    returned: '2025-02-13 09:05:30',
    paperReturned: '2025-02-13',
  }),
  d(
    '0002',
    'Trần Thị Bích',
    'ấp Bình Phú, xã Thạnh Đức',
    'Chứng thực bản sao',
    '2025-02-11',
    5,
    'Yêu cầu bổ sung giấy tờ',
    { paperReturned: '2025-02-20' },
  ),
  d('0003', 'Lê Văn Cường', 'ấp Thạnh Hiệp, xã Thạnh Đức', 'Đăng ký kết hôn', '2025-02-12', 5, 'Hoàn thành bổ sung', {
    paperReturned: '2025-02-25',
  }),
  d(
    '0004',
    'Phạm Thị Dung',
    'ấp Thạnh Bình, xã Thạnh Đức',
    'Cấp bản sao trích lục hộ tịch',
    '2025-03-03',
    9,
    'Đã xử lý xong',
    { result: '2025-03-05 14:00:00', paperReturned: '2025-03-06' },
  ),
  d(
    '0005',
    'Hoàng Văn Em',
    'ấp Thạnh Phước, xã Thạnh Đức',
    'Đăng ký khai tử',
    '2025-03-04',
    7,
    'Công dân yêu cầu rút hồ sơ',
    { paperReturned: '2025-03-05' },
  ),
  d(
    '0006',
    'Võ Thị Phương',
    'ấp Thạnh Hòa, xã Thạnh Đức',
    'Xác nhận tình trạng hôn nhân',
    '2025-03-10',
    3,
    'Không được tiếp nhận',
    { paperReturned: '2025-03-10' },
  ),
  d('0007', 'Đặng Văn Giang', 'ấp Bình Phú, xã Thạnh Đức', 'Đăng ký thường trú', '2025-04-14', 4, 'Đang xử lý'),
  d('0008', 'Bùi Thị Hạnh', 'ấp Thạnh Hiệp, xã Thạnh Đức', 'Chứng thực chữ ký', '2025-04-15', 2, 'Được tiếp nhận'),
];

/** A paper row the system never saw (no code at all on paper). */
export const PAPER_ONLY = {
  applicant: 'Ngô Văn Khải',
  address: 'ấp Thạnh Bình, xã Thạnh Đức',
  procedure: 'Đăng ký giám hộ',
  received: '2025-05-05',
  returned: '2025-05-09',
};

/** Expected categories of the scenario (paper register against a system export of 01/07/2025). */
export const EXPECTED_CATEGORIES = { closed: 3, open_in_system: 3, in_progress: 2, not_in_system: 1 };

/** dd/mm/yyyy hh:mm:ss of "yyyy-mm-dd hh:mm:ss". */
export function vnDateTime(s: string): string {
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}${s.length > 10 ? s.slice(10) : ''}`;
}

/** yyyyMMddHHmmss of "yyyy-mm-dd hh:mm:ss". */
export function compact(s: string): string {
  return s.replace(/[-: ]/g, '').padEnd(14, '0');
}

/** A date cell (UTC components = the wall clock, as the readers expect). */
function dateCell(s: string): Date {
  return new Date(`${s.slice(0, 10)}T00:00:00Z`);
}

export const UNITS_CSV = `code,name,aliases\n${UNIT_CODE},${UNIT},Xã Thạnh Đức|BPMC xã Thạnh Đức\n`;

/** A provincial DVC export: title block, then one row per dossier; dates as text with seconds. */
export async function writeDvcExport(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DanhSachHoSo');
  const header = [
    'STT',
    'Đơn vị tiếp nhận',
    'Tên thủ tục hành chính',
    'Mã hồ sơ',
    'Trạng thái',
    'Địa chỉ',
    'Người nộp',
    'Chủ hồ sơ',
    'Ngày nộp hồ sơ',
    'Ngày nhận',
    'Ngày hẹn trả',
    'Ngày kết thúc xử lý',
    'Ngày trả',
  ];
  ws.getCell('A1').value = 'DANH SÁCH HỒ SƠ';
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell('A2').value = 'Từ ngày 01/01/2025 đến ngày 30/06/2025 - Ngày xuất: 01/07/2025 07:00';
  ws.mergeCells(2, 1, 2, header.length);
  ws.getRow(4).values = header;
  DOSSIERS.forEach((x, i) => {
    ws.getRow(5 + i).values = [
      i + 1,
      'Bộ phận Một cửa xã Thạnh Đức',
      x.procedure,
      x.code,
      x.statusLabel,
      x.address,
      `${x.applicant.split(' ')[0]} Văn Nộp`,
      x.applicant,
      vnDateTime(x.submitted),
      vnDateTime(x.received),
      vnDateTime(x.due),
      x.result ? vnDateTime(x.result) : '',
      x.returned ? vnDateTime(x.returned) : '',
    ];
  });
  await wb.xlsx.writeFile(file);
}

/** The national portal's sync fields as columns. */
export const NATIONAL_FIELDS = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'ChuHoSo',
  'DonViXuLy',
  'NoiNopHoSo',
  'NgayNopHoSo',
  'NgayTiepNhan',
  'NgayHenTra',
  'NgayKetThucXuLy',
  'NgayTra',
  'TrangThaiHoSo',
  'KenhThucHien',
] as const;

function nationalRecord(x: Dossier, i: number): Record<string, string | number | null> {
  return {
    MaHoSo: x.code,
    MaTTHC: `1.00${i + 1}234`,
    TenTTHC: x.procedure,
    ChuHoSo: x.applicant,
    DonViXuLy: UNIT,
    NoiNopHoSo: '1',
    NgayNopHoSo: compact(x.submitted),
    NgayTiepNhan: compact(x.received),
    NgayHenTra: compact(x.due),
    NgayKetThucXuLy: x.result ? compact(x.result) : '',
    NgayTra: x.returned ? compact(x.returned) : '',
    TrangThaiHoSo: x.statusCode,
    KenhThucHien: i % 2 === 0 ? 1 : 2,
  };
}

/** The sync records as CSV (UTF-8, no title block). */
export function writeNationalCsv(file: string): void {
  const lines = [NATIONAL_FIELDS.join(',')];
  DOSSIERS.forEach((x, i) => {
    const r = nationalRecord(x, i);
    lines.push(
      NATIONAL_FIELDS.map((f) => String(r[f] ?? ''))
        .map((v) => (v.includes(',') ? `"${v}"` : v))
        .join(','),
    );
  });
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

/** The sync records as JSON: `{ "result": { "data": [...] } }`, numbers as numbers, empty dates as null. */
export function writeNationalJson(file: string, wrap: 'array' | 'data' | 'result-data' = 'result-data'): void {
  const records = DOSSIERS.map((x, i) => {
    const r = nationalRecord(x, i);
    for (const k of Object.keys(r)) if (r[k] === '') r[k] = null;
    return { ...r, DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', MucPhi: 8000 }] };
  });
  const body =
    wrap === 'array'
      ? records
      : wrap === 'data'
        ? { total: records.length, data: records }
        : { error_code: 0, result: { total: records.length, data: records } };
  fs.writeFileSync(file, JSON.stringify(body, null, 2));
}

/** The official register (Mẫu 06): title block, three header rows, column numbers, rows, signatures. */
export async function writeRegisterMau06(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ theo dõi');
  ws.getCell('A1').value = 'UBND XÃ THẠNH ĐỨC';
  ws.getCell('A2').value = 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ';
  ws.getCell('A3').value = 'SỔ THEO DÕI HỒ SƠ';
  ws.mergeCells('A3:P3');
  // Row 5: groups; vertical merges keep their text in row 5 only (as Excel writes them).
  const top = [
    'TT',
    'Mã hồ sơ',
    'Tên TTHC',
    'Số lượng hồ sơ (bộ)',
    'Tên cá nhân, tổ chức',
    'Địa chỉ, số điện thoại',
    'Cơ quan chủ trì giải quyết',
    'Ngày, tháng, năm',
  ];
  top.forEach((t, i) => {
    ws.getRow(5).getCell(i + 1).value = t;
  });
  ws.getRow(5).getCell(16).value = 'Ghi chú';
  for (let c = 1; c <= 7; c++) ws.mergeCells(5, c, 7, c);
  ws.mergeCells(5, 16, 7, 16);
  ws.mergeCells(5, 8, 5, 15);
  const mid: Array<[number, string, number]> = [
    [8, 'Nhận hồ sơ', 1],
    [9, 'Hẹn trả kết quả', 1],
    [10, 'Chuyển hồ sơ đến cơ quan giải quyết', 2],
    [12, 'Nhận kết quả từ cơ quan giải quyết', 2],
    [14, 'Trả kết quả', 2],
  ];
  for (const [c, t, span] of mid) {
    ws.getRow(6).getCell(c).value = t;
    if (span === 1) ws.mergeCells(6, c, 7, c);
    else ws.mergeCells(6, c, 6, c + span - 1);
  }
  for (const c of [10, 12, 14]) {
    ws.getRow(7).getCell(c).value = 'Ngày, tháng, năm';
    ws.getRow(7).getCell(c + 1).value = 'Ký nhận';
  }
  ws.getRow(8).values = Array.from({ length: 16 }, (_, i) => `(${i + 1})`);
  let r = 9;
  DOSSIERS.forEach((x, i) => {
    const row = ws.getRow(r++);
    row.values = [
      i + 1,
      x.code,
      x.procedure,
      1,
      x.applicant,
      `${x.address}; 09${String(12345670 + i)}`,
      'UBND xã Thạnh Đức',
      dateCell(x.received),
      dateCell(x.due),
    ];
    row.getCell(10).value = dateCell(x.received);
    row.getCell(11).value = 'Hùng';
    if (x.paperReturned) {
      row.getCell(14).value = dateCell(x.paperReturned);
      row.getCell(15).value = 'đã ký';
    }
    for (const c of [8, 9, 10, 14]) row.getCell(c).numFmt = 'dd/mm/yyyy';
  });
  const p = ws.getRow(r++);
  p.values = [
    DOSSIERS.length + 1,
    null,
    PAPER_ONLY.procedure,
    1,
    PAPER_ONLY.applicant,
    PAPER_ONLY.address,
    'UBND xã Thạnh Đức',
    dateCell(PAPER_ONLY.received),
  ];
  p.getCell(14).value = dateCell(PAPER_ONLY.returned);
  r++;
  ws.getRow(r++).getCell(2).value = 'Người lập sổ';
  ws.getRow(r).getCell(2).value = '(Ký, ghi rõ họ tên)';
  await wb.xlsx.writeFile(file);
}

/**
 * A register book without a code column: the title merged across the sheet over the header, with
 * line breaks and "Từ ngày … Đến ngày …"; the applicant's name and address in one cell; "Ký nhận"
 * over the return date and a signature; officers' names in their own columns.
 */
export async function writeRegisterBook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('So');
  ws.getCell('A1').value =
    'SỔ THEO DÕI HỒ SƠ TIẾP NHẬN VÀ TRẢ KẾT QUẢ\nBộ phận Một cửa UBND xã Thạnh Đức\nTừ ngày 01/01/2025 Đến ' +
    'ngày 30/06/2025';
  ws.mergeCells('A1:K1');
  const header = [
    'STT',
    'Họ tên, địa chỉ người nộp hồ sơ',
    'Nội dung công việc cần giải quyết',
    'Ngày nhận',
    'Ngày hẹn trả',
    'Chuyển HS tới CQ giải quyết',
    'Người có trách nhiệm giải quyết',
    'Ký nhận',
    null,
    'Người ký hồ sơ',
    'Ghi chú',
  ];
  header.forEach((t, i) => {
    ws.getRow(2).getCell(i + 1).value = t;
  });
  for (const c of [1, 2, 3, 4, 5, 6, 7, 10, 11]) ws.mergeCells(2, c, 3, c);
  ws.mergeCells(2, 8, 2, 9);
  ws.getRow(3).getCell(8).value = 'Ngày trả';
  ws.getRow(3).getCell(9).value = 'Chữ ký';
  let r = 4;
  const rows = [
    ...DOSSIERS.map((x) => ({ ...x, returnedOnPaper: x.paperReturned })),
    { ...PAPER_ONLY, due: '2025-05-12', returnedOnPaper: PAPER_ONLY.returned },
  ];
  rows.forEach((x, i) => {
    const row = ws.getRow(r++);
    row.values = [
      i + 1,
      `${x.applicant}\n${x.address}`,
      x.procedure,
      vnDateTime(x.received.slice(0, 10)),
      vnDateTime(x.due.slice(0, 10)),
      vnDateTime(x.received.slice(0, 10)),
      'Nguyễn Văn Hùng',
      x.returnedOnPaper ? vnDateTime(x.returnedOnPaper) : null,
      x.returnedOnPaper ? 'ký' : null,
      'Trần Văn Sơn',
      null,
    ];
  });
  await wb.xlsx.writeFile(file);
}

/** Writes every fixture into `dir`; returns their paths. */
export async function writeLayouts(dir: string) {
  const files = {
    units: path.join(dir, 'units.csv'),
    dvc: path.join(dir, 'dvc-export.xlsx'),
    nationalCsv: path.join(dir, 'dong-bo-hs.csv'),
    nationalJson: path.join(dir, 'dong-bo-hs.json'),
    mau06: path.join(dir, 'so-theo-doi-mau-06.xlsx'),
    book: path.join(dir, 'so-khong-ma.xlsx'),
  };
  fs.writeFileSync(files.units, UNITS_CSV);
  await writeDvcExport(files.dvc);
  writeNationalCsv(files.nationalCsv);
  writeNationalJson(files.nationalJson);
  await writeRegisterMau06(files.mau06);
  await writeRegisterBook(files.book);
  return files;
}
