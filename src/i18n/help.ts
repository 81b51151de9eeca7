/** Help texts of commands and options, per language. */
import type { Lang } from './lang.js';

const vi = {
  program:
    'Đối chiếu sổ theo dõi hồ sơ giấy với hệ thống một cửa điện tử: tìm hồ sơ xử lý trên giấy nhưng chưa đóng ' +
    'trên hệ thống, theo từng đơn vị.',
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
  profile: 'tệp JSON ánh xạ cột cho sổ không tự nhận dạng được (xem docs/commands.md, "inspect FILE and --profile")',
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
  unitsAlias:
    'thêm một tên gọi khác cho một đơn vị (giữ lại khi nhập lại danh mục); các đơn vị từng tạo từ tên này được gộp vào',
  unitsAliasName: 'tên gọi khác, như được viết trong sổ',
  unitsAliasTo: 'đơn vị trong danh mục',
  forceKind: 'vẫn nhập dù tệp có vẻ là loại kia (bản xuất hệ thống / sổ giấy)',
  newUnit: 'tạo đơn vị mới có chủ ý khi tên đơn vị không có trong danh mục chính thức',
};

const en: typeof vi = {
  program:
    'Reconciles paper dossier registers with the electronic one-stop system: finds, unit by unit, the dossiers ' +
    'processed on paper but never closed in the system.',
  db: 'SQLite database file (default ./motcua-audit.sqlite or MOTCUA_AUDIT_DB)',
  lang: 'language: vi | en',
  quiet: 'print nothing but errors',
  noColor: 'no colours',
  debug: 'print error details (stack traces)',
  help: 'show help',
  version: 'show the version',
  units: "the province's unit list",
  unitsImport: 'import the unit list (CSV: code,name,aliases; aliases separated by |); import again to update',
  unitsFileArg: 'unit list CSV file',
  unitsList: 'list units with their aliases and counts',
  import: 'import data',
  importSystem: 'import exports of the one-stop system (.xlsx, .csv)',
  importPaper: "import a unit's paper registers (.xlsx, .csv)",
  filesArg: 'files to import',
  sheet: 'import only this sheet',
  asOf: 'the date the export is valid for (DD/MM/YYYY), for every file of this call',
  profile: 'JSON column mapping for a register nothing detects (see docs/commands.md, "inspect FILE and --profile")',
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
  unitsAlias:
    'add another name of a unit (kept when the unit list is imported again); units once created from that name ' +
    'are merged into it',
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
  vi: {
    'Usage:': 'Cách dùng:',
    'Options:': 'Tuỳ chọn:',
    'Commands:': 'Lệnh:',
    'Arguments:': 'Tham số:',
    'Global Options:': 'Tuỳ chọn chung:',
  },
  en: {},
};

/** A usage line or command term of commander's help ("[options]", "[command]"), in the user's language. */
export function localizeUsage(usage: string, lang: Lang): string {
  return lang === 'vi' ? usage.replace('[options]', '[tuỳ chọn]').replace('[command]', '[lệnh]') : usage;
}

/**
 * The "(choices: …, default: …)" that commander appends to an option's description, in the
 * user's language; a `false` default of a flag says nothing and is dropped.
 */
export function localizeOptionExtras(description: string, lang: Lang): string {
  const m = /^(.*?)\s*\(((?:choices|default|preset|env): .*)\)$/s.exec(description);
  if (!m) return description;
  const words: Record<string, string> =
    lang === 'vi' ? { choices: 'chọn', default: 'mặc định', preset: 'giá trị sẵn', env: 'biến môi trường' } : {};
  const parts = m[2]
    .split(/, (?=(?:choices|default|preset|env): )/)
    .filter((p) => p !== 'default: false')
    .map((p) => p.replace(/^(\w+):/, (_all, w: string) => `${words[w] ?? w}:`));
  return parts.length ? `${m[1]} (${parts.join(', ')})` : m[1];
}

/**
 * commander's own errors (unknown option, missing argument…) in Vietnamese, by commander's error
 * code. commander gives the code but not the values (the option, the names it suggests): they are
 * read back from its English sentence, the one pattern of that code. English is commander's text.
 */
const COMMANDER_ERRORS_VI: Record<string, ReadonlyArray<[RegExp, (m: string[]) => string]>> = {
  'commander.unknownOption': [[/^error: unknown option '([^']*)'/, (m) => `lỗi: không có tuỳ chọn '${m[1]}'`]],
  'commander.unknownCommand': [[/^error: unknown command '([^']*)'/, (m) => `lỗi: không có lệnh '${m[1]}'`]],
  'commander.missingArgument': [
    [/^error: missing required argument '([^']*)'/, (m) => `lỗi: thiếu tham số bắt buộc '${m[1]}'`],
  ],
  'commander.optionMissingArgument': [
    [/^error: option '([^']*)' argument missing/, (m) => `lỗi: tuỳ chọn '${m[1]}' cần một giá trị`],
  ],
  'commander.missingMandatoryOptionValue': [
    [/^error: required option '([^']*)' not specified/, (m) => `lỗi: thiếu tuỳ chọn bắt buộc '${m[1]}'`],
  ],
  'commander.invalidArgument': [
    [
      /^error: option '([^']*)' argument '([^']*)' is invalid\./,
      (m) => `lỗi: giá trị '${m[2]}' của tuỳ chọn '${m[1]}' không hợp lệ.`,
    ],
    [
      /^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\./,
      (m) => `lỗi: giá trị '${m[1]}' của tham số '${m[2]}' không hợp lệ.`,
    ],
    [/Allowed choices are ([^\n]*)\./, (m) => `Chọn một trong: ${m[1]}.`],
  ],
  'commander.excessArguments': [
    [
      /^error: too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\./,
      (m) => `lỗi: thừa tham số cho lệnh '${m[1]}' (cần ${m[2]}, có ${m[3]}).`,
    ],
    [
      /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./,
      (m) => `lỗi: thừa tham số (cần ${m[1]}, có ${m[2]}).`,
    ],
  ],
  'commander.conflictingOption': [
    [/^error: (.*) cannot be used with (.*)$/m, (m) => `lỗi: ${m[1]} không dùng chung được với ${m[2]}`],
  ],
};
/** commander's "did you mean" line after an unknown option or command. */
const SUGGESTION_VI: ReadonlyArray<[RegExp, (m: string[]) => string]> = [
  [/\(Did you mean one of ([^?]*)\?\)/, (m) => `(Có phải ý bạn là một trong: ${m[1]}?)`],
  [/\(Did you mean ([^?]*)\?\)/, (m) => `(Có phải ý bạn là ${m[1]}?)`],
];

/** An error written by commander itself, with commander's error `code`, in the user's language. */
export function commanderErrorText(text: string, code: string | undefined, lang: Lang): string {
  if (lang === 'en' || code === undefined) return text;
  const rules = [
    ...(COMMANDER_ERRORS_VI[code] ?? []),
    ...(code === 'commander.unknownOption' || code === 'commander.unknownCommand' ? SUGGESTION_VI : []),
  ];
  return rules.reduce((t, [re, vi]) => t.replace(re, (...m: string[]) => vi(m)), text);
}
