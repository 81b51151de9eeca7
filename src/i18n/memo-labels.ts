/**
 * The words the memo-grade layout adds (issue 23), in Vietnamese and English: memo column headers
 * and the "Ghi chú" phrases of the detail sheets, the summary's abbreviations, the terminal
 * table's short headers and legend, the HTML page's large-report note, and the help of the
 * options. Kept apart from labels.ts so that each block stays compact.
 */
import type { Lang } from './lang.js';

/** The counters of a unit (the keys of the report's UnitCounters), as the summary and the terminal name them. */
type CounterKey =
  | 'paperRecords'
  | 'systemRecords'
  | 'closed'
  | 'openInSystem'
  | 'notInSystem'
  | 'needsNewerExport'
  | 'inProgress'
  | 'paperOpenSystemClosed'
  | 'systemOnly'
  | 'systemOutsideCoverage'
  | 'neverClosedElectronically'
  | 'electronicClosureRate'
  | 'dataQuality'
  | 'paperDossiers'
  | 'neverClosedDossiers';

const vi = {
  col: {
    due: 'Hẹn trả',
    paperReturned: 'Ngày trả theo sổ',
    systemStatus: 'Trạng thái trên hệ thống',
    note: 'Ghi chú',
    systemDue: 'Hẹn trả (hệ thống)',
    technical: 'Cột kỹ thuật (ngoài vùng in)',
  },
  note: {
    systemCode: (c: string) => `mã trên hệ thống: ${c}`,
    fuzzy: (s: string) => `khớp có điểm ${s}`,
    manual: 'khớp theo quyết định',
    systemReturned: (d: string) => `hệ thống trả ngày ${d}`,
    candidates: (list: string) => `hồ sơ ứng viên: ${list}`,
  },
  summaryHead: {
    paperRecords: 'Sổ giấy',
    systemRecords: 'Hệ thống',
    closed: 'Đã đóng',
    openInSystem: 'Chưa đóng trên HT',
    notInSystem: 'Không có trên HT',
    needsNewerExport: 'Cần bản xuất mới',
    inProgress: 'Đang giải quyết',
    paperOpenSystemClosed: 'Sổ mở, HT đóng',
    systemOnly: 'Chỉ có trên HT',
    systemOutsideCoverage: 'HT ngoài kỳ sổ',
    neverClosedElectronically: 'Chưa đóng ĐT',
    electronicClosureRate: 'Tỷ lệ đóng ĐT',
    dataQuality: 'Lỗi dữ liệu',
    paperDossiers: 'Số hồ sơ trên sổ',
    neverClosedDossiers: 'HS chưa đóng ĐT',
  } as Record<CounterKey, string>,
  summaryLegend:
    'Viết tắt: HT = hệ thống một cửa điện tử; ĐT = điện tử; kỳ sổ = các tháng mà sổ giấy của đơn vị ghi nhận.',
  terminal: {
    head: {
      paperRecords: 'Sổ',
      systemRecords: 'HT',
      closed: 'Đóng',
      openInSystem: 'Chưa đóng',
      notInSystem: 'Không có',
      needsNewerExport: 'Cần xuất',
      inProgress: 'Đang GQ',
      paperOpenSystemClosed: 'Sổ mở',
      systemOnly: 'Chỉ HT',
      systemOutsideCoverage: 'Ngoài kỳ',
      neverClosedElectronically: 'Chưa ĐT',
      electronicClosureRate: 'Tỷ lệ',
      dataQuality: 'Lỗi DL',
      paperDossiers: 'Số HS',
      neverClosedDossiers: 'HS chưa ĐT',
    } as Record<CounterKey, string>,
    legendTitle: 'Chú thích:',
    hidden: (n: number) => `${n} cột không vừa màn hình; --wide để xem đủ.`,
  },
  html: {
    byUnit: (unit: string, n: string) => `${unit} — ${n} hồ sơ`,
    tooMany: (n: string, max: string) =>
      `Báo cáo có ${n} hồ sơ, nhiều hơn ${max}: trang này chỉ ghi số hồ sơ của từng nhóm theo đơn vị. Danh ` +
      `sách đầy đủ ở bảng tính (--format xlsx) hoặc CSV.`,
    countsTitle: 'Số hồ sơ theo đơn vị',
    unitCol: 'Đơn vị',
    countCol: 'Số hồ sơ',
  },
  help: {
    wide: 'bảng đầy đủ mọi cột (mặc định: vừa chiều rộng màn hình, tiêu đề ngắn và chú thích)',
    htmlMaxFindings: 'quá số hồ sơ này, trang HTML chỉ ghi số theo đơn vị và chỉ sang bảng tính (mặc định 2000)',
  },
};

const en: typeof vi = {
  col: {
    due: 'Due',
    paperReturned: 'Returned (register)',
    systemStatus: 'System status',
    note: 'Note',
    systemDue: 'Due (system)',
    technical: 'Technical columns (outside the print area)',
  },
  note: {
    systemCode: (c: string) => `system code: ${c}`,
    fuzzy: (s: string) => `matched by score ${s}`,
    manual: 'matched by decision',
    systemReturned: (d: string) => `system returned ${d}`,
    candidates: (list: string) => `candidates: ${list}`,
  },
  summaryHead: {
    paperRecords: 'Paper',
    systemRecords: 'System',
    closed: 'Closed',
    openInSystem: 'Open in sys',
    notInSystem: 'Not in sys',
    needsNewerExport: 'Needs newer export',
    inProgress: 'In progress',
    paperOpenSystemClosed: 'Paper open, sys closed',
    systemOnly: 'Sys only',
    systemOutsideCoverage: 'Sys outside coverage',
    neverClosedElectronically: 'Never closed (E)',
    electronicClosureRate: 'E-closure rate',
    dataQuality: 'Data issues',
    paperDossiers: 'Paper dossiers',
    neverClosedDossiers: 'Never closed (dossiers)',
  },
  summaryLegend:
    'Abbreviations: sys = the electronic one-stop system; E = electronically; E-closure = electronic closure; ' +
    "coverage = the months the unit's registers cover.",
  terminal: {
    head: {
      paperRecords: 'Paper',
      systemRecords: 'Sys',
      closed: 'Closed',
      openInSystem: 'Open',
      notInSystem: 'Missing',
      needsNewerExport: 'Newer',
      inProgress: 'Ongoing',
      paperOpenSystemClosed: 'PaperOpen',
      systemOnly: 'SysOnly',
      systemOutsideCoverage: 'Outside',
      neverClosedElectronically: 'Never',
      electronicClosureRate: 'Rate',
      dataQuality: 'DQ',
      paperDossiers: 'Dossiers',
      neverClosedDossiers: 'NeverDos',
    },
    legendTitle: 'Legend:',
    hidden: (n: number) => `${n} columns do not fit the terminal; --wide shows them all.`,
  },
  html: {
    byUnit: (unit: string, n: string) => `${unit} — ${n} dossiers`,
    tooMany: (n: string, max: string) =>
      `The report has ${n} findings, more than ${max}: this page gives only the counts of each group by unit. ` +
      `The full list is in the workbook (--format xlsx) or the CSV.`,
    countsTitle: 'Findings by unit',
    unitCol: 'Unit',
    countCol: 'Findings',
  },
  help: {
    wide: 'the full table with every column (default: fitted to the terminal width, short headers and a legend)',
    htmlMaxFindings:
      'above this many findings the HTML page gives counts by unit and points to the workbook (default 2000)',
  },
};

/** The memo-layout words in `lang`. */
export function memoLabels(lang: Lang): typeof vi {
  return lang === 'en' ? en : vi;
}

/** Findings above which the HTML page lists counts only (`--html-max-findings`, config `reports.htmlMaxFindings`). */
export const DEFAULT_HTML_MAX_FINDINGS = 2000;
