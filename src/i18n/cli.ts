/** The words and sentences the CLI prints around its commands' results, in Vietnamese (default) and English. */
import type { SkipReason } from '../types.js';
import type { Lang } from './lang.js';

const SKIP: Record<Lang, Record<SkipReason, string>> = {
  vi: {
    blank: 'dòng trống',
    title: 'dòng tiêu đề',
    header: 'dòng tiêu đề lặp lại',
    'column-numbers': 'dòng số thứ tự cột',
    subtotal: 'dòng cộng',
    footer: 'dòng chân sổ',
  },
  en: {
    blank: 'blank',
    title: 'title',
    header: 'repeated header',
    'column-numbers': 'column numbers',
    subtotal: 'subtotal',
    footer: 'footer',
  },
};

const RULES: Record<Lang, Record<string, string>> = {
  vi: {
    received_date_missing: 'thiếu ngày nhận',
    received_date_unreadable: 'ngày nhận không đọc được',
    date_unreadable: 'ngày không đọc được',
    returned_before_received: 'ngày trả trước ngày nhận',
    due_before_received: 'ngày hẹn trả trước ngày nhận',
    code_malformed: 'mã hồ sơ sai dạng',
    code_date_mismatch: 'ngày trong mã khác ngày nhận',
    code_unit_mismatch: 'mã đơn vị trong mã hồ sơ khác đơn vị',
    duplicate_code: 'mã hồ sơ trùng',
    no_applicant_no_code: 'không có người nộp và mã hồ sơ',
    unit_unknown: 'đơn vị không có trong danh mục',
    status_unknown: 'trạng thái không rõ',
  },
  en: {
    received_date_missing: 'received date missing',
    received_date_unreadable: 'received date unreadable',
    date_unreadable: 'date unreadable',
    returned_before_received: 'returned before received',
    due_before_received: 'due before received',
    code_malformed: 'malformed dossier code',
    code_date_mismatch: 'code date differs from received date',
    code_unit_mismatch: 'code unit differs from row unit',
    duplicate_code: 'duplicate dossier code',
    no_applicant_no_code: 'no applicant and no code',
    unit_unknown: 'unit not in the unit list',
    status_unknown: 'unknown status',
  },
};

/** A calendar date as Vietnamese officials write it: dd/mm/yyyy (both languages). */
export function displayDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Localized label of a skip reason. */
export function skipLabel(r: SkipReason, lang: Lang): string {
  return SKIP[lang][r];
}

/** Column meanings in Vietnamese; the key (as a --profile file writes it) follows in brackets. */
const FIELDS_VI: Record<string, string> = {
  seq: 'số thứ tự',
  code: 'mã hồ sơ',
  procedure: 'thủ tục',
  quantity: 'số lượng',
  applicant: 'người nộp',
  address: 'địa chỉ',
  phone: 'điện thoại',
  idNumber: 'số giấy tờ',
  resolvingAgency: 'cơ quan giải quyết',
  unit: 'đơn vị',
  receivedDate: 'ngày nhận',
  dueDate: 'ngày hẹn trả',
  transferDate: 'ngày chuyển',
  resultDate: 'ngày có kết quả',
  returnedDate: 'ngày trả',
  signature: 'ký nhận',
  status: 'trạng thái',
  note: 'ghi chú',
};

/** Localized label of a column meaning (field), with its key for --profile files. */
export function fieldLabel(field: string, lang: Lang): string {
  return lang === 'vi' && FIELDS_VI[field] ? `${FIELDS_VI[field]} (${field})` : field;
}

/** Localized label of a data-quality rule. */
export function ruleLabel(rule: string, lang: Lang): string {
  return RULES[lang][rule] ?? rule;
}

/** Localized names of the categories (the JSON keeps the English identifiers). */
export const CATEGORY_LABELS: Record<Lang, Record<string, string>> = {
  vi: {
    not_in_system: 'Không có trên hệ thống',
    open_in_system: 'Chưa đóng trên hệ thống',
    needs_newer_export: 'Cần bản xuất mới hơn',
    paper_open_system_closed: 'Sổ chưa trả, hệ thống đã đóng',
    in_progress: 'Đang giải quyết',
    closed: 'Đã đóng',
    system_only: 'Chỉ có trên hệ thống',
    data_quality: 'Chất lượng dữ liệu',
  },
  en: {
    not_in_system: 'Not in the system',
    open_in_system: 'Open in the system',
    needs_newer_export: 'Needs a newer export',
    paper_open_system_closed: 'Open on paper, closed in system',
    in_progress: 'In progress',
    closed: 'Closed',
    system_only: 'System only',
    data_quality: 'Data quality',
  },
};

/** Column headers of the per-unit table, in JSON counter order. */
export const COUNTER_LABELS: Record<Lang, Record<string, string>> = {
  vi: {
    unit: 'Đơn vị',
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
    neverClosedElectronically: 'Chưa đóng điện tử',
    electronicClosureRate: 'Tỷ lệ đóng ĐT',
    dataQuality: 'Lỗi dữ liệu',
    total: 'Tổng cộng',
  },
  en: {
    unit: 'Unit',
    paperRecords: 'Paper',
    systemRecords: 'System',
    closed: 'Closed',
    openInSystem: 'Open in system',
    notInSystem: 'Not in system',
    needsNewerExport: 'Needs newer export',
    inProgress: 'In progress',
    paperOpenSystemClosed: 'Paper open, sys closed',
    systemOnly: 'System only',
    systemOutsideCoverage: 'System outside coverage',
    neverClosedElectronically: 'Never closed electronically',
    electronicClosureRate: 'E-closure rate',
    dataQuality: 'Data issues',
    total: 'Total',
  },
};

/** The word before an error line: "lỗi: …". */
export const ERROR_WORD: Record<Lang, string> = { vi: 'lỗi', en: 'error' };

/** Free-form CLI sentences. */
export const MSG = {
  vi: {
    imported: (f: string, n: number, skipped: number) => `✔ ${f}: nhập ${n} hồ sơ, bỏ qua ${skipped} dòng`,
    replaced: (f: string, n: number, skipped: number, prev: number) =>
      `↻ ${f}: phiên bản mới của sổ, thay thế lần nhập #${prev}: nhập ${n} hồ sơ, bỏ qua ${skipped} dòng`,
    unchanged: (f: string) => `= ${f}: nội dung này đã được nhập trước đó; không thay đổi gì`,
    failed: (msg: string) => `✘ ${msg}`,
    sheet: (name: string, headerRow: number, n: number) =>
      `  sheet "${name}": tiêu đề cột ở dòng ${headerRow}, ${n} hồ sơ`,
    csvSheet: (headerRow: number, n: number, enc: string, delim: string) =>
      `  CSV (${enc}, phân cách "${delim === '\t' ? 'tab' : delim}"): tiêu đề cột ở dòng ${headerRow}, ${n} hồ sơ`,
    jsonSheet: (n: number) => `  JSON: ${n} hồ sơ (mỗi bản ghi một hồ sơ)`,
    sheetIgnored: (name: string, why: string) => `  sheet "${name}": bỏ qua (${why})`,
    ignoredWhy: {
      'no-header': 'không có dòng tiêu đề sổ, có thể là sheet tổng hợp hoặc ghi chú',
      'missing-columns': 'thiếu cột bắt buộc',
      empty: 'trống',
    } as Record<string, string>,
    skipped: (parts: string) => `    bỏ qua: ${parts}`,
    asOf: (d: string, src: string) => `  dữ liệu tính đến ngày ${d} (${src})`,
    legacy: (parts: string) => `    đã chuyển sang Unicode các ô gõ bằng phông cũ: ${parts}`,
    asOfSource: {
      option: 'theo --as-of',
      title: 'theo ngày xuất ở đầu tệp',
      'latest-date': 'ngày muộn nhất trong tệp',
    } as Record<string, string>,
    asOfWarning: (f: string, d: string) =>
      `cảnh báo: ${f}: không thấy ngày xuất ở đầu tệp; lấy ngày muộn nhất trong tệp (${d}); nên ghi rõ bằng --as-of`,
    unit: (u: string) => `  đơn vị: ${u}`,
    dq: (parts: string) => `  chất lượng dữ liệu: ${parts}`,
    unitsCreated: (f: string, units: string) => `cảnh báo: ${f}: đơn vị mới, không có trong danh mục: ${units}`,
    statusUnknown: (f: string, labels: string, more: number) =>
      `cảnh báo: ${f}: trạng thái không có trong bảng trạng ` +
      `thái: ${labels}${more > 0 ? ` và ${more} nhãn khác` : ''}; khai báo đóng/mở cho chúng bằng --statuses ` +
      `FILE (hoặc MOTCUA_AUDIT_STATUSES)`,
    unitsImported: (added: number, updated: number, aliases: number) =>
      `✔ danh mục đơn vị: thêm ${added}, cập nhật ${updated}, ${aliases} tên gọi khác`,
    matched: (code: number, fuzzy: number, manual: number, up: number, us: number) =>
      `✔ đối chiếu: ${code + fuzzy + manual} cặp (theo mã ${code}, so khớp ${fuzzy}, quyết định ` +
      `tay ${manual}); ${up} dòng sổ và ${us} hồ sơ hệ thống chưa khớp`,
    matchedAuto: 'đã tự chạy đối chiếu vì có dữ liệu mới nhập',
    wrote: (f: string) => `✔ đã ghi ${f}`,
    noData: 'Chưa có dữ liệu nào trong phạm vi đã chọn.',
    noSystemData: (units: string) =>
      `cảnh báo: chưa có dữ liệu hệ thống cho ${units}: không có hồ sơ nào trên hệ thống và không bản xuất nào ` +
      `bao trùm kỳ của sổ; tỷ lệ đóng điện tử và số chưa đóng để trống (không phải 0 %), không tính vào tổng; ` +
      `hãy nhập bản xuất hệ thống của kỳ đó`,
    failOn: (n: number, limit: number) => `số hồ sơ chưa đóng điện tử (${n}) vượt ngưỡng --fail-on (${limit})`,
    reportTitle: 'HỒ SƠ XỬ LÝ TRÊN GIẤY NHƯNG CHƯA ĐÓNG TRÊN HỆ THỐNG MỘT CỬA ĐIỆN TỬ',
    internal: 'lỗi nội bộ của motcua-audit; chạy lại với --debug và gửi kết quả cho nhóm phát triển',
  },
  en: {
    imported: (f: string, n: number, skipped: number) => `✔ ${f}: ${n} dossiers imported, ${skipped} rows skipped`,
    replaced: (f: string, n: number, skipped: number, prev: number) =>
      `↻ ${f}: new version of the register, replaces import #${prev}: ${n} dossiers imported, ${skipped} rows skipped`,
    unchanged: (f: string) => `= ${f}: this content was already imported; nothing changed`,
    failed: (msg: string) => `✘ ${msg}`,
    sheet: (name: string, headerRow: number, n: number) =>
      `  sheet "${name}": header at row ${headerRow}, ${n} dossiers`,
    csvSheet: (headerRow: number, n: number, enc: string, delim: string) =>
      `  CSV (${enc}, separator "${delim === '\t' ? 'tab' : delim}"): header at line ${headerRow}, ${n} dossiers`,
    jsonSheet: (n: number) => `  JSON: ${n} dossiers (one per record)`,
    sheetIgnored: (name: string, why: string) => `  sheet "${name}": skipped (${why})`,
    ignoredWhy: {
      'no-header': 'no register header: a summary or notes sheet',
      'missing-columns': 'required columns missing',
      empty: 'empty',
    } as Record<string, string>,
    skipped: (parts: string) => `    skipped: ${parts}`,
    asOf: (d: string, src: string) => `  data as of ${d} (${src})`,
    legacy: (parts: string) => `    cells in legacy fonts converted to Unicode: ${parts}`,
    asOfSource: {
      option: 'from --as-of',
      title: 'export date in the title block',
      'latest-date': 'latest date in the file',
    } as Record<string, string>,
    asOfWarning: (f: string, d: string) =>
      `warning: ${f}: no export date in the title block; using the latest date in the file (${d}); prefer --as-of`,
    unit: (u: string) => `  unit: ${u}`,
    dq: (parts: string) => `  data quality: ${parts}`,
    unitsCreated: (f: string, units: string) => `warning: ${f}: new units, not in the unit list: ${units}`,
    statusUnknown: (f: string, labels: string, more: number) =>
      `warning: ${f}: statuses not in the status table: ${labels}` +
      (more > 0 ? ` and ${more} other labels` : '') +
      `; say whether they are open or closed with --statuses FILE (or MOTCUA_AUDIT_STATUSES)`,
    unitsImported: (added: number, updated: number, aliases: number) =>
      `✔ unit list: ${added} added, ${updated} updated, ${aliases} aliases`,
    matched: (code: number, fuzzy: number, manual: number, up: number, us: number) =>
      `✔ matching: ${code + fuzzy + manual} pairs (by code ${code}, scored ${fuzzy}, manual ${manual}); ${up} ` +
      `paper rows and ${us} system dossiers unmatched`,
    matchedAuto: 'matching ran first because new data was imported',
    wrote: (f: string) => `✔ wrote ${f}`,
    noData: 'No data in the selected scope yet.',
    noSystemData: (units: string) =>
      `warning: no system data for ${units}: no dossier in the system and no export covering the registers' ` +
      `period; closure rate and never-closed left empty (not 0 %), not counted in the totals; import the ` +
      `system export of that period`,
    failOn: (n: number, limit: number) => `dossiers never closed electronically (${n}) exceed --fail-on (${limit})`,
    reportTitle: 'DOSSIERS PROCESSED ON PAPER BUT NOT CLOSED IN THE ONE-STOP SYSTEM',
    internal: 'internal error in motcua-audit; run again with --debug and send the output to the developers',
  },
} satisfies Record<Lang, unknown>;

/** Messages of the reliability fixes (issue 19: match and data changes, restored databases, run folders). */
export const MSG_RELIABILITY = {
  vi: {
    matchNotStored:
      'cảnh báo: dữ liệu đã thay đổi trong lúc đối chiếu (một lần nhập hoặc quyết định khác); kết quả chưa ' +
      'được lưu, lệnh report sẽ đối chiếu lại',
    incompleteRemoved: (name: string) => `cảnh báo: đã xoá ${name}: báo cáo ghi dở của một lần chạy bị ngắt trước đó`,
  },
  en: {
    matchNotStored:
      'warning: the data changed while matching (another import or decision); the result was not stored, ' +
      'report will match again',
    incompleteRemoved: (name: string) =>
      `warning: removed ${name}: the half-written reports of an earlier, interrupted run`,
  },
} as const;
