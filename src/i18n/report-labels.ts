/**
 * The words of the memo-ready reports (xlsx, html, md) in Vietnamese and English: sheet names,
 * column headers, the timeliness block, the signature block and the provenance sheet.
 */
import type { Lang } from './lang.js';
import type { Category, MatchMethod } from '../types.js';

/** Detail sections, in the order they are shown; `review` holds findings that carry a `review` object. */
export type Section =
  | 'open_in_system'
  | 'not_in_system'
  | 'needs_newer_export'
  | 'paper_open_system_closed'
  | 'system_only'
  | 'review'
  | 'data_quality';

/** Sections in report order (the headline categories first). */
export const SECTIONS: readonly Section[] = [
  'open_in_system',
  'not_in_system',
  'needs_newer_export',
  'paper_open_system_closed',
  'system_only',
  'review',
  'data_quality',
];

/** Summary counters in column order: every JSON counter of a unit. */
export const SUMMARY_COUNTERS = [
  'paperRecords',
  'systemRecords',
  'closed',
  'openInSystem',
  'notInSystem',
  'needsNewerExport',
  'inProgress',
  'paperOpenSystemClosed',
  'systemOnly',
  'systemOutsideCoverage',
  'neverClosedElectronically',
  'electronicClosureRate',
  'dataQuality',
] as const;

/** Timeliness columns in order (Biểu II.06a spirit). */
export const TIMELINESS_COLUMNS = [
  'systemRecords',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'resolvedUndated',
  'withdrawnOrRefused',
  'pending',
  'pendingWithinDue',
  'pendingPastDue',
  'pendingUndated',
] as const;

/** Tie-out columns in order. */
export const TIE_OUT_COLUMNS = [
  'paperRecords',
  'matchedByCode',
  'matchedByFuzzy',
  'matchedManually',
  'unmatchedPaper',
  'systemRecords',
  'systemMatched',
  'systemUnmatched',
] as const;

const vi = {
  sheet: {
    summary: 'Tổng hợp',
    sources: 'Nguồn dữ liệu',
    timeliness: 'Tiến độ giải quyết',
    open_in_system: 'Chưa đóng trên hệ thống',
    not_in_system: 'Không có trên hệ thống',
    needs_newer_export: 'Cần bản xuất mới hơn',
    paper_open_system_closed: 'Sổ mở, hệ thống đóng',
    system_only: 'Chỉ có trên hệ thống',
    review: 'Cần xem xét',
    data_quality: 'Chất lượng dữ liệu',
  } as Record<Section | 'summary' | 'sources' | 'timeliness', string>,
  sectionNote: {
    open_in_system: 'Sổ ghi đã trả kết quả nhưng hồ sơ trên hệ thống chưa đóng.',
    not_in_system: 'Hồ sơ trên sổ giấy không tìm thấy trên hệ thống (chưa tiếp nhận điện tử).',
    needs_newer_export: 'Sổ ghi đã trả sau ngày của bản xuất hệ thống: cần bản xuất mới hơn để kết luận.',
    paper_open_system_closed: 'Hệ thống đã đóng nhưng sổ giấy chưa ghi trả kết quả.',
    system_only: 'Hồ sơ trên hệ thống không có trên sổ giấy, trong kỳ sổ của đơn vị.',
    review: 'Cặp hồ sơ có điểm khớp ở vùng cần xem xét: số liệu chưa dựa vào các cặp này.',
    data_quality: 'Dòng có lỗi dữ liệu (vẫn được tính trong nhóm của nó).',
  } as Record<Section, string>,
  counters: {
    unit: 'Đơn vị',
    no: 'STT',
    paperRecords: 'Hồ sơ trên sổ giấy',
    systemRecords: 'Hồ sơ trên hệ thống',
    closed: 'Đã đóng trên hệ thống',
    openInSystem: 'Chưa đóng trên hệ thống',
    notInSystem: 'Không có trên hệ thống',
    needsNewerExport: 'Cần bản xuất mới hơn',
    inProgress: 'Đang giải quyết',
    paperOpenSystemClosed: 'Sổ mở, hệ thống đóng',
    systemOnly: 'Chỉ có trên hệ thống',
    systemOutsideCoverage: 'Hệ thống ngoài kỳ sổ',
    neverClosedElectronically: 'Chưa đóng điện tử',
    electronicClosureRate: 'Tỷ lệ đóng điện tử',
    dataQuality: 'Lỗi dữ liệu',
    total: 'Tổng cộng',
  } as Record<string, string>,
  timeliness: {
    title: 'TÌNH HÌNH GIẢI QUYẾT TRÊN HỆ THỐNG (theo tinh thần Biểu II.06a/VPCP/KSTT, tính theo ngày lịch)',
    resolvedGroup: 'Đã giải quyết',
    pendingGroup: 'Đang giải quyết',
    systemRecords: 'Tổng số hồ sơ trên hệ thống',
    resolved: 'Tổng số',
    resolvedEarly: 'Trước hạn',
    resolvedOnTime: 'Đúng hạn',
    resolvedLate: 'Quá hạn',
    resolvedUndated: 'Không rõ ngày',
    withdrawnOrRefused: 'Rút, từ chối, dừng',
    pending: 'Tổng số',
    pendingWithinDue: 'Trong hạn',
    pendingPastDue: 'Quá hạn',
    pendingUndated: 'Không có hạn',
    note: (asOf: string) =>
      `Hồ sơ đang giải quyết được so với ngày dữ liệu của bản xuất hệ thống${asOf ? ` (${asOf})` : ''}.`,
  },
  detail: {
    no: 'STT',
    unit: 'Đơn vị',
    code: 'Mã hồ sơ',
    applicant: 'Người nộp',
    procedure: 'Thủ tục hành chính',
    received: 'Ngày nhận',
    paperReturned: 'Ngày trả (sổ)',
    systemStatus: 'Trạng thái trên hệ thống',
    systemReceived: 'Ngày nhận (hệ thống)',
    systemReturned: 'Ngày trả (hệ thống)',
    method: 'Cách khớp',
    score: 'Điểm khớp',
    file: 'Tệp',
    sheet: 'Sheet',
    row: 'Dòng',
    id: 'Mã phát hiện',
    source: 'Nguồn',
    column: 'Cột',
    rule: 'Lỗi dữ liệu',
    raw: 'Giá trị gốc',
    candidates: 'Hồ sơ ứng viên (điểm)',
    none: 'Không có hồ sơ nào trong nhóm này.',
    count: (n: number) => `${n} hồ sơ`,
  },
  method: { code: 'Theo mã', fuzzy: 'So khớp có điểm', manual: 'Quyết định tay' } as Record<MatchMethod, string>,
  // rows that are not one-to-one with their dossier (src/match/shapes.ts)
  shape: {
    header: 'Liên thông / Bổ sung / Nhiều hồ sơ',
    transfer: 'Liên thông',
    resubmission: 'Bổ sung',
    superseded: 'Bổ sung (dòng trước)',
    batch: (n: number, others: string) => `Nhiều hồ sơ (${n}): ${others}`,
  },
  source: { paper: 'Sổ giấy', system: 'Hệ thống' } as Record<'paper' | 'system', string>,
  head: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    period: (from: string, to: string) => `Kỳ báo cáo: hồ sơ tiếp nhận từ ngày ${from} đến ngày ${to}`,
    periodAll: (from: string, to: string) =>
      from
        ? `Kỳ báo cáo: toàn bộ dữ liệu đã nhập (hồ sơ tiếp nhận từ ngày ${from} đến ngày ${to})`
        : 'Kỳ báo cáo: toàn bộ dữ liệu đã nhập',
    unit: (u: string) => `Đơn vị: ${u}`,
    asOf: (d: string) => `Dữ liệu hệ thống tính đến ngày: ${d}`,
    generated: (d: string) => `Thời điểm lập báo cáo: ${d}`,
    rateLegend:
      'Tỷ lệ đóng điện tử = (Đã đóng + Sổ mở, hệ thống đóng) / Hồ sơ trên sổ giấy. Màu: xanh ≥ 80%, vàng ' +
      '50–80%, đỏ < 50%.',
    neverClosedNote: 'Chưa đóng điện tử = Chưa đóng trên hệ thống + Không có trên hệ thống.',
    masked: 'Dữ liệu cá nhân đã được che (tên viết tắt, số điện thoại/giấy tờ chỉ giữ 3 số cuối).',
  },
  sign: {
    place: (d: string) => `……………, ${d}`,
    date: (d: number, m: number, y: number) => `ngày ${d} tháng ${m} năm ${y}`,
    prepared: 'NGƯỜI LẬP BIỂU',
    head: 'THỦ TRƯỞNG ĐƠN VỊ',
    preparedHint: '(Ký, ghi rõ họ tên)',
    headHint: '(Ký, ghi rõ họ tên, đóng dấu)',
  },
  prov: {
    title: 'NGUỒN DỮ LIỆU VÀ ĐỐI SOÁT SỐ LIỆU',
    info: 'Thông tin lập báo cáo',
    tool: 'Công cụ',
    generated: 'Thời điểm lập',
    options: 'Tuỳ chọn đã dùng',
    masked: 'Che dữ liệu cá nhân',
    yes: 'Có',
    no: 'Không',
    asOf: 'Dữ liệu hệ thống tính đến',
    matchedAt: 'Đối chiếu lần cuối',
    dataRange: 'Ngày tiếp nhận trong phạm vi',
    tieOut: 'Đối soát: hồ sơ trong phạm vi → khớp theo từng bậc → chưa khớp',
    files: 'Các tệp đã nhập',
    kind: 'Loại',
    file: 'Tệp',
    unit: 'Đơn vị',
    sha: 'SHA-256',
    rowsRead: 'Dòng đã đọc',
    rowsImported: 'Hồ sơ đã nhập',
    rowsSkipped: 'Dòng bỏ qua',
    coverage: 'Kỳ (tháng)',
    asOfCol: 'Dữ liệu đến ngày',
    importedAt: 'Thời điểm nhập',
    encoding: 'Định dạng',
    paperRecords: 'Dòng sổ giấy',
    matchedByCode: 'Khớp theo mã',
    matchedByFuzzy: 'Khớp có điểm',
    matchedManually: 'Quyết định tay',
    unmatchedPaper: 'Sổ chưa khớp',
    systemRecords: 'Hồ sơ hệ thống',
    systemMatched: 'Hệ thống đã khớp',
    systemUnmatched: 'Hệ thống chưa khớp',
  } as Record<string, string>,
  rate: (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1).replace('.', ',')}%`),
  num: (n: number) => n.toLocaleString('vi-VN'),
  topFindings: 'Hồ sơ cần xử lý (tiêu biểu)',
  moreFindings: (n: number) => `… và ${n} hồ sơ khác (xem bảng tính đầy đủ).`,
  chartTitle: 'Tỷ lệ đóng điện tử và số hồ sơ chưa đóng điện tử theo đơn vị',
  chartRate: 'Tỷ lệ đóng điện tử',
  chartNever: 'Chưa đóng điện tử',
  summaryTitle: 'Tổng hợp theo đơn vị',
  noSystemData: 'chưa có dữ liệu hệ thống',
  noSystemNote: (units: string) =>
    `Chưa có dữ liệu hệ thống (không có hồ sơ trên hệ thống và không bản xuất nào bao trùm kỳ của sổ) ` +
    `cho: ${units}; các đơn vị này không được tính vào số hồ sơ chưa đóng điện tử và tỷ lệ chung. Hãy nhập bản ` +
    `xuất hệ thống của kỳ đó.`,
  headlineNoSystem:
    'Chưa có dữ liệu hệ thống cho đơn vị nào trong phạm vi: chưa thể nói hồ sơ nào chưa đóng điện tử. Hãy nhập ' +
    'bản xuất từ hệ thống một cửa.',
  headline: (n: number, rate: string, units: number) =>
    `Có **${n}** hồ sơ đã xử lý trên giấy nhưng chưa đóng trên hệ thống một cửa điện tử, tại ${units} đơn vị; ` +
    `tỷ lệ đóng điện tử chung ${rate}.`,
};

const en: typeof vi = {
  sheet: {
    summary: 'Summary',
    sources: 'Sources',
    timeliness: 'Timeliness',
    open_in_system: 'Open in system',
    not_in_system: 'Not in system',
    needs_newer_export: 'Needs newer export',
    paper_open_system_closed: 'Paper open, system closed',
    system_only: 'System only',
    review: 'Needs review',
    data_quality: 'Data quality',
  },
  sectionNote: {
    open_in_system: 'The register shows the result returned, but the system dossier is still open.',
    not_in_system: 'Register rows with no dossier in the system (never received electronically).',
    needs_newer_export: "Returned on paper after the system export's date: a newer export is needed to conclude.",
    paper_open_system_closed: 'Closed in the system, but the register shows no return.',
    system_only: "System dossiers missing from the register, within the unit's register coverage.",
    review: 'Candidate pairs in the review band: the figures do not rest on them.',
    data_quality: 'Rows with data problems (still counted in their category).',
  },
  counters: {
    unit: 'Unit',
    no: 'No.',
    paperRecords: 'Paper records',
    systemRecords: 'System records',
    closed: 'Closed in system',
    openInSystem: 'Open in system',
    notInSystem: 'Not in system',
    needsNewerExport: 'Needs newer export',
    inProgress: 'In progress',
    paperOpenSystemClosed: 'Paper open, system closed',
    systemOnly: 'System only',
    systemOutsideCoverage: 'System outside coverage',
    neverClosedElectronically: 'Never closed electronically',
    electronicClosureRate: 'Electronic closure rate',
    dataQuality: 'Data issues',
    total: 'Total',
  },
  timeliness: {
    title: 'RESOLUTION IN THE SYSTEM (in the spirit of form II.06a/VPCP/KSTT, by calendar day)',
    resolvedGroup: 'Resolved',
    pendingGroup: 'Pending',
    systemRecords: 'System dossiers',
    resolved: 'Total',
    resolvedEarly: 'Early',
    resolvedOnTime: 'On time',
    resolvedLate: 'Late',
    resolvedUndated: 'Date missing',
    withdrawnOrRefused: 'Withdrawn, refused, stopped',
    pending: 'Total',
    pendingWithinDue: 'Within due',
    pendingPastDue: 'Past due',
    pendingUndated: 'No due date',
    note: (asOf: string) =>
      `Pending dossiers are compared with the system export's as-of date${asOf ? ` (${asOf})` : ''}.`,
  },
  detail: {
    no: 'No.',
    unit: 'Unit',
    code: 'Dossier code',
    applicant: 'Applicant',
    procedure: 'Procedure',
    received: 'Received',
    paperReturned: 'Returned (paper)',
    systemStatus: 'System status',
    systemReceived: 'Received (system)',
    systemReturned: 'Returned (system)',
    method: 'Match',
    score: 'Score',
    file: 'File',
    sheet: 'Sheet',
    row: 'Row',
    id: 'Finding id',
    source: 'Source',
    column: 'Column',
    rule: 'Data issue',
    raw: 'Raw value',
    candidates: 'Candidate dossiers (score)',
    none: 'No dossiers in this category.',
    count: (n: number) => `${n} dossier${n === 1 ? '' : 's'}`,
  },
  method: { code: 'By code', fuzzy: 'Scored', manual: 'Manual' },
  shape: {
    header: 'Transfer / Supplement / Several dossiers',
    transfer: 'Transfer',
    resubmission: 'Supplement',
    superseded: 'Supplement (earlier row)',
    batch: (n: number, others: string) => `Several dossiers (${n}): ${others}`,
  },
  source: { paper: 'Paper register', system: 'System' },
  head: {
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    period: (from: string, to: string) => `Period: dossiers received from ${from} to ${to}`,
    periodAll: (from: string, to: string) =>
      from ? `Period: all imported data (dossiers received from ${from} to ${to})` : 'Period: all imported data',
    unit: (u: string) => `Unit: ${u}`,
    asOf: (d: string) => `System data as of: ${d}`,
    generated: (d: string) => `Generated at: ${d}`,
    rateLegend:
      'Electronic closure rate = (Closed + Paper open, system closed) / Paper records. Colours: green ≥ 80%, ' +
      'amber 50–80%, red < 50%.',
    neverClosedNote: 'Never closed electronically = Open in system + Not in system.',
    masked: 'Personal data masked (initials; phone and ID numbers keep their last 3 digits).',
  },
  sign: {
    place: (d: string) => `……………, ${d}`,
    date: (d: number, m: number, y: number) => `${d}/${m}/${y}`,
    prepared: 'PREPARED BY',
    head: 'HEAD OF AGENCY',
    preparedHint: '(Signature, full name)',
    headHint: '(Signature, full name, seal)',
  },
  prov: {
    title: 'DATA SOURCES AND TIE-OUT',
    info: 'About this report',
    tool: 'Tool',
    generated: 'Generated at',
    options: 'Options used',
    masked: 'Personal data masked',
    yes: 'Yes',
    no: 'No',
    asOf: 'System data as of',
    matchedAt: 'Last matched',
    dataRange: 'Received dates in scope',
    tieOut: 'Tie-out: records in scope → matched by tier → unmatched',
    files: 'Imported files',
    kind: 'Kind',
    file: 'File',
    unit: 'Unit',
    sha: 'SHA-256',
    rowsRead: 'Rows read',
    rowsImported: 'Records imported',
    rowsSkipped: 'Rows skipped',
    coverage: 'Coverage (months)',
    asOfCol: 'Data as of',
    importedAt: 'Imported at',
    encoding: 'Format',
    paperRecords: 'Paper rows',
    matchedByCode: 'Matched by code',
    matchedByFuzzy: 'Matched (scored)',
    matchedManually: 'Manual decisions',
    unmatchedPaper: 'Paper unmatched',
    systemRecords: 'System dossiers',
    systemMatched: 'System matched',
    systemUnmatched: 'System unmatched',
  },
  rate: (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)}%`),
  num: (n: number) => n.toLocaleString('en-US'),
  topFindings: 'Dossiers to act on (top findings)',
  moreFindings: (n: number) => `… and ${n} more (see the full workbook).`,
  chartTitle: 'Electronic closure rate and dossiers never closed electronically, by unit',
  chartRate: 'Electronic closure rate',
  chartNever: 'Never closed electronically',
  summaryTitle: 'Summary by unit',
  noSystemData: 'no system data yet',
  noSystemNote: (units: string) =>
    `No system data (no system dossier and no export covering the registers' period) for: ${units}; these ` +
    `units are not counted in the never-closed figure or the overall rate. Import the system export of that ` +
    `period.`,
  headlineNoSystem:
    'No system data for any unit in scope: nothing can be called never closed electronically yet. Import an ' +
    'export of the one-stop system.',
  headline: (n: number, rate: string, units: number) =>
    `**${n}** dossiers processed on paper were never closed in the electronic one-stop system, across ${units} ` +
    `units; overall electronic closure rate ${rate}.`,
};

/** The report words in `lang`. */
export function reportLabels(lang: Lang): typeof vi {
  return lang === 'en' ? en : vi;
}

/** Report words. */
export type ReportLabels = typeof vi;

/** The units of an imported file as shown in the sources table: names, or a count when many. */
export function sourceUnitsText(s: { units: string[]; unit: string | null }, lang: Lang): string {
  if (s.units.length > 2) return lang === 'vi' ? `${s.units.length} đơn vị` : `${s.units.length} units`;
  return s.units.join('; ') || s.unit || '—';
}

/** Findings of one section: by category, or (review) those carrying a `review` object. */
export function sectionFilter(section: Section): (f: { category: Category; review?: unknown }) => boolean {
  if (section === 'review') return (f) => f.review !== undefined && f.review !== null;
  return (f) => f.category === section;
}

/** A generated-at instant as Vietnamese officials read it: dd/mm/yyyy HH:mm, Vietnam time (UTC+7, no DST). */
export function displayDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const v = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${p(v.getUTCHours())}:` +
    `${p(v.getUTCMinutes())} (UTC+7)`
  );
}

/** The closure-rate cell: "no system data yet" for a unit without system data (never-closed null), else the rate. */
export function rateText(
  L: { rate: (r: number | null) => string; noSystemData: string },
  c: { neverClosedElectronically: number | null; paperRecords: number; electronicClosureRate: number | null },
): string {
  return c.neverClosedElectronically === null && c.paperRecords > 0 ? L.noSystemData : L.rate(c.electronicClosureRate);
}

/** Names of the units without system data, for the warning note; '' when none. */
export function unitsWithoutSystemData(
  units: ReadonlyArray<{ unit: string; neverClosedElectronically: number | null }>,
): string {
  return units
    .filter((u) => u.neverClosedElectronically === null)
    .map((u) => u.unit)
    .join(', ');
}

/** The closure-rate band that drives its colour: green ≥ 0.8, amber ≥ 0.5, red below; null without paper rows. */
export function rateBand(rate: number | null): 'good' | 'fair' | 'poor' | null {
  if (rate === null) return null;
  return rate >= 0.8 ? 'good' : rate >= 0.5 ? 'fair' : 'poor';
}

/** Help texts of the report options this module adds (the CLI shows them in the user's language). */
export const REPORT_OPTION_HELP: Record<
  Lang,
  Record<
    'format' | 'out' | 'agency' | 'title' | 'signerPrepared' | 'signerHead' | 'splitByUnit' | 'showPersonal' | 'units',
    string
  >
> = {
  vi: {
    format: 'định dạng: table | json | csv | xlsx | html | md',
    out:
      'ghi ra tệp (bắt buộc với xlsx); với --split-by-unit là thư mục; lặp lại --out để ghi nhiều tệp từ một lần ' +
      'đọc, mỗi tệp theo định dạng của đuôi (.xlsx, .json, .csv, .html, .md)',
    agency: 'tên cơ quan ban hành, in ở góc trên bên trái (xlsx, html, md)',
    title: 'tiêu đề báo cáo (mặc định: tiêu đề có sẵn)',
    signerPrepared: 'họ tên người lập biểu (để trống: dòng chấm để ký)',
    signerHead: 'họ tên thủ trưởng đơn vị (để trống: dòng chấm để ký)',
    splitByUnit: 'mỗi đơn vị một tệp, đặt tên theo đơn vị, trong thư mục --out',
    showPersonal: 'không che dữ liệu cá nhân trong tệp báo cáo (xlsx, html, csv, md)',
    units:
      'đơn vị tính số liệu: received (mặc định, đơn vị như lúc tiếp nhận hồ sơ) | current (gộp vào đơn vị hiện ' +
      'nay, nêu các đơn vị tiền thân)',
  },
  en: {
    format: 'format: table | json | csv | xlsx | html | md',
    out:
      'write to this file (required for xlsx); a folder with --split-by-unit; repeat --out to write several ' +
      'files from one reading, each in the format of its extension (.xlsx, .json, .csv, .html, .md)',
    agency: 'issuing agency, printed top left (xlsx, html, md)',
    title: 'report title (default: the built-in title)',
    signerPrepared: 'name of the person who prepared the report (default: a dotted line to sign)',
    signerHead: 'name of the head of the agency (default: a dotted line to sign)',
    splitByUnit: 'one file per unit, named after the unit, in the --out folder',
    showPersonal: 'do not mask personal data in report files (xlsx, html, csv, md)',
    units:
      'which units the figures are counted under: received (default, each unit as it was when the dossier was ' +
      "received) | current (rolled into today's unit, predecessors named)",
  },
};

/**
 * The header line in the user's language, column for column with FINDING_CSV_COLUMNS (src/report/csv.ts) (the JSON keys
 * stay in the JSON report).
 */
export const FINDING_CSV_HEADERS: Record<Lang, readonly string[]> = {
  vi: [
    'Mã phát hiện',
    'Loại',
    'Lỗi dữ liệu',
    'Đơn vị',
    'Sổ: tệp',
    'Sổ: sheet',
    'Sổ: dòng',
    'Sổ: mã hồ sơ',
    'Sổ: người nộp',
    'Sổ: thủ tục',
    'Sổ: ngày nhận',
    'Sổ: ngày trả',
    'Hệ thống: mã hồ sơ',
    'Hệ thống: trạng thái',
    'Hệ thống: ngày tiếp nhận',
    'Hệ thống: ngày trả',
    'Cách khớp',
    'Điểm khớp',
    'Cột',
    'Giá trị gốc',
    'Lý do khớp',
    'Ứng viên cần xem xét',
    'Sổ: hẹn trả',
    'Hệ thống: hẹn trả',
    'Hình thái',
    'Dòng sổ liên quan',
    'Căn cứ',
    'Dòng bị thay thế',
    'Hồ sơ khác cùng dòng',
  ],
  en: [
    'Finding id',
    'Category',
    'Data-quality rule',
    'Unit',
    'Register: file',
    'Register: sheet',
    'Register: row',
    'Register: code',
    'Register: applicant',
    'Register: procedure',
    'Register: received',
    'Register: returned',
    'System: code',
    'System: status',
    'System: received',
    'System: returned',
    'Match',
    'Match score',
    'Column',
    'Raw value',
    'Match reasons',
    'Review candidates',
    'Register: due',
    'System: due',
    'Shape',
    'Related rows',
    'Evidence',
    'Superseded',
    'Other dossiers of the row',
  ],
};

/** A unit's closure rate in the terminal table when it has no system data. */
export const NO_SYSTEM_DATA: Record<Lang, string> = { vi: 'chưa có dữ liệu hệ thống', en: 'no system data yet' };

/** The mark ending a cut text. */
export const TRUNCATED_MARK = { vi: '… [cắt bớt]', en: '… [truncated]' } as const;

/** The word before the page number in the footers of printed reports (xlsx, html). */
export const PAGE_WORD: Record<Lang, string> = { vi: 'Trang', en: 'Page' };
