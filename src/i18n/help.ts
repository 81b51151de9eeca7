/** Help texts of commands and options, per language. */
import type { Lang } from './lang.js';

const vi = {
  program: 'Đối chiếu sổ theo dõi hồ sơ giấy với hệ thống một cửa điện tử: tìm hồ sơ xử lý trên giấy nhưng chưa đóng trên hệ thống, theo từng đơn vị.',
  db: 'tệp cơ sở dữ liệu SQLite (mặc định ./motcua-audit.sqlite hoặc biến MOTCUA_AUDIT_DB)',
  lang: 'ngôn ngữ: vi | en',
  quiet: 'không in thông tin; chỉ in lỗi',
  noColor: 'không tô màu',
  debug: 'in chi tiết lỗi (stack trace)',
  help: 'hiện hướng dẫn',
  version: 'hiện phiên bản',
  units: 'danh mục đơn vị của tỉnh',
  unitsImport: 'nhập danh mục đơn vị (CSV: code,name,aliases; aliases phân cách bằng |); nhập lại để cập nhật',
  unitsFileArg: 'tệp CSV danh mục đơn vị',
  unitsList: 'liệt kê đơn vị, tên gọi khác và số hồ sơ',
  import: 'nhập dữ liệu',
  importSystem: 'nhập tệp xuất từ hệ thống một cửa điện tử (.xlsx, .csv)',
  importPaper: 'nhập sổ theo dõi hồ sơ giấy của một đơn vị (.xlsx, .csv)',
  filesArg: 'các tệp cần nhập',
  sheet: 'chỉ nhập sheet này',
  asOf: 'ngày dữ liệu của bản xuất (DD/MM/YYYY), áp dụng cho mọi tệp của lần nhập',
  profile: 'tệp JSON ánh xạ cột cho sổ không tự nhận dạng được (xem README, "inspect và --profile")',
  synonyms: 'tệp JSON bổ sung từ đồng nghĩa của tiêu đề cột',
  statuses: 'tệp JSON bổ sung bảng trạng thái (nhãn → đóng/mở)',
  inspect: 'xem công cụ nhận dạng gì trong một tệp: sheet, dòng tiêu đề, cột → trường, dòng mẫu, bảng mã',
  fileArg: 'tệp cần xem',
  unit: 'đơn vị của sổ (cột đơn vị trong tệp, nếu có, được ưu tiên theo từng dòng)',
  match: 'đối chiếu dòng sổ giấy với hồ sơ trên hệ thống',
  report: 'báo cáo theo đơn vị',
  format: 'định dạng: table | json | csv | xlsx',
  out: 'ghi ra tệp (bắt buộc với xlsx)',
  reportUnit: 'chỉ báo cáo đơn vị này',
  from: 'từ ngày nhận (DD/MM/YYYY)',
  to: 'đến ngày nhận (DD/MM/YYYY)',
  failOn: 'thoát mã 1 khi vượt ngưỡng, ví dụ never-closed=0',
  showPersonal: 'không che dữ liệu cá nhân trong tệp báo cáo (csv, xlsx)',
  unitsAlias: 'thêm một tên gọi khác cho một đơn vị (giữ lại khi nhập lại danh mục); các đơn vị từng tạo từ tên này được gộp vào',
  unitsAliasName: 'tên gọi khác, như được viết trong sổ',
  unitsAliasTo: 'đơn vị trong danh mục',
  forceKind: 'vẫn nhập dù tệp có vẻ là loại kia (bản xuất hệ thống / sổ giấy)',
  newUnit: 'tạo đơn vị mới có chủ ý khi tên đơn vị không có trong danh mục chính thức',
};

const en: typeof vi = {
  program: 'Reconciles paper dossier registers with the electronic one-stop system: finds, unit by unit, the dossiers processed on paper but never closed in the system.',
  db: 'SQLite database file (default ./motcua-audit.sqlite or MOTCUA_AUDIT_DB)',
  lang: 'language: vi | en',
  quiet: 'print nothing but errors',
  noColor: 'no colours',
  debug: 'print error details (stack traces)',
  help: 'show help',
  version: 'show the version',
  units: 'the province\'s unit list',
  unitsImport: 'import the unit list (CSV: code,name,aliases; aliases separated by |); import again to update',
  unitsFileArg: 'unit list CSV file',
  unitsList: 'list units with their aliases and counts',
  import: 'import data',
  importSystem: 'import exports of the one-stop system (.xlsx, .csv)',
  importPaper: 'import a unit\'s paper registers (.xlsx, .csv)',
  filesArg: 'files to import',
  sheet: 'import only this sheet',
  asOf: 'the date the export is valid for (DD/MM/YYYY), for every file of this call',
  profile: 'JSON column mapping for a register nothing detects (see README, "inspect and --profile")',
  synonyms: 'JSON file of extra header words',
  statuses: 'JSON file of extra status labels (label → open/closed)',
  inspect: 'show what the tool detects in a file: sheets, header row, column → field, sample rows, encoding',
  fileArg: 'the file to inspect',
  unit: 'the unit whose register it is (a unit column in the file wins per row)',
  match: 'link paper rows to system dossiers',
  report: 'the per-unit report',
  format: 'format: table | json | csv | xlsx',
  out: 'write to this file (required for xlsx)',
  reportUnit: 'only this unit',
  from: 'received on or after (DD/MM/YYYY)',
  to: 'received on or before (DD/MM/YYYY)',
  failOn: 'exit 1 when over a threshold, e.g. never-closed=0',
  showPersonal: 'do not mask personal data in report files (csv, xlsx)',
  unitsAlias: 'add another name of a unit (kept when the unit list is imported again); units once created from that name are merged into it',
  unitsAliasName: 'the other name, as written in registers',
  unitsAliasTo: 'the unit in the unit list',
  forceKind: 'import even when the file looks like the other kind (system export / paper register)',
  newUnit: 'deliberately create a unit that is not in the official unit list',
};

export type Texts = typeof vi;

/** Help texts in `lang`. */
export function helpTexts(lang: Lang): Texts {
  return lang === 'en' ? en : vi;
}

/** Section titles of commander's help, translated. */
export const HELP_TITLES: Record<Lang, Record<string, string>> = {
  vi: { 'Usage:': 'Cách dùng:', 'Options:': 'Tuỳ chọn:', 'Commands:': 'Lệnh:', 'Arguments:': 'Tham số:', 'Global Options:': 'Tuỳ chọn chung:' },
  en: {},
};

/**
 * The "(choices: …, default: …)" that commander appends to an option's description, in the
 * user's language; a `false` default of a flag says nothing and is dropped.
 */
export function localizeOptionExtras(description: string, lang: Lang): string {
  const m = /^(.*?)\s*\(((?:choices|default|preset|env): .*)\)$/s.exec(description);
  if (!m) return description;
  const words: Record<string, string> = lang === 'vi' ? { choices: 'chọn', default: 'mặc định', preset: 'giá trị sẵn', env: 'biến môi trường' } : {};
  const parts = m[2]
    .split(/, (?=(?:choices|default|preset|env): )/)
    .filter((p) => p !== 'default: false')
    .map((p) => p.replace(/^(\w+):/, (_all, w: string) => `${words[w] ?? w}:`));
  return parts.length ? `${m[1]} (${parts.join(', ')})` : m[1];
}

/** commander's own error sentences, in Vietnamese (English is commander's text as is). */
const COMMANDER_ERRORS_VI: ReadonlyArray<[RegExp, string]> = [
  [/^error: unknown option '([^']*)'/, "lỗi: không có tuỳ chọn '$1'"],
  [/^error: unknown command '([^']*)'/, "lỗi: không có lệnh '$1'"],
  [/^error: missing required argument '([^']*)'/, "lỗi: thiếu tham số bắt buộc '$1'"],
  [/^error: option '([^']*)' argument missing/, "lỗi: tuỳ chọn '$1' cần một giá trị"],
  [/^error: required option '([^']*)' not specified/, "lỗi: thiếu tuỳ chọn bắt buộc '$1'"],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\./, "lỗi: giá trị '$2' của tuỳ chọn '$1' không hợp lệ."],
  [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\./, "lỗi: giá trị '$1' của tham số '$2' không hợp lệ."],
  [/^error: too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\./, "lỗi: thừa tham số cho lệnh '$1' (cần $2, có $3)."],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, 'lỗi: thừa tham số (cần $1, có $2).'],
  [/^error: (.*) cannot be used with (.*)$/m, 'lỗi: $1 không dùng chung được với $2'],
  [/Allowed choices are ([^\n]*)\./, 'Chọn một trong: $1.'],
  [/\(Did you mean one of ([^?]*)\?\)/, '(Có phải ý bạn là một trong: $1?)'],
  [/\(Did you mean ([^?]*)\?\)/, '(Có phải ý bạn là $1?)'],
];

/** An error line written by commander itself (unknown option, missing argument…), in the user's language. */
export function localizeCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return COMMANDER_ERRORS_VI.reduce((t, [re, vi]) => t.replace(re, vi), text);
}
