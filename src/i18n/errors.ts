/** Every error of the library (AuditError code + params) as one line in Vietnamese (default) and English. */
import type { AuditError } from '../errors.js';
import { expectationText, type Expectation } from './config.js';
import type { Lang } from './lang.js';
import { usageText } from './usage.js';

type Params = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/** Why the zip guard refused a workbook (INGEST_TOO_LARGE params.reason). */
const TOO_LARGE: Record<Lang, Record<string, string>> = {
  vi: {
    'total-size': 'tổng dung lượng khi giải nén',
    'entry-size': 'dung lượng một phần khi giải nén',
    ratio: 'tỉ lệ nén bất thường (nghi là "bom zip")',
    'inflated-size': 'giải nén ra nhiều hơn kích thước khai báo',
    entries: 'số phần trong tệp',
    rows: 'số dòng vượt giới hạn của Excel',
    columns: 'số cột vượt giới hạn của Excel',
    cells: 'số ô có dữ liệu',
    line: 'một dòng CSV dài quá số ký tự cho phép',
    cell: 'một ô dài quá số ký tự cho phép',
  },
  en: {
    'total-size': 'total uncompressed size',
    'entry-size': 'uncompressed size of one part',
    ratio: 'abnormal compression ratio (a "zip bomb")',
    'inflated-size': 'inflates beyond its declared size',
    entries: 'number of parts',
    rows: "rows beyond Excel's limit",
    columns: "columns beyond Excel's limit",
    cells: 'cells holding a value',
    line: 'a CSV line longer than allowed',
    cell: 'a cell longer than allowed',
  },
};

/** Why a file is unreadable, when the reader knows (INGEST_UNREADABLE params.reason). */
const UNREADABLE: Record<Lang, Record<string, (p: Params) => string>> = {
  vi: {
    'xml-truncated': (p) =>
      `không đọc được: phần ${String(p.part)} của sổ tính bị cắt cụt (XML dừng giữa chừng); cả tệp bị từ chối, ` +
      `không nhập dòng nào; hãy chép lại tệp gốc hoặc mở bằng Excel và lưu lại`,
    'xml-damaged': () =>
      'không đọc được: nội dung XML của sổ tính bị hỏng; cả tệp bị từ chối, không nhập dòng nào; hãy mở bằng ' +
      'Excel và lưu lại',
  },
  en: {
    'xml-truncated': (p) =>
      `cannot be read: part ${String(p.part)} of the workbook is cut short (its XML stops half-way); the whole ` +
      `file is refused, nothing imported; copy the original file again or open it in Excel and save it`,
    'xml-damaged': () =>
      "cannot be read: the workbook's XML is damaged; the whole file is refused, nothing imported; open it in " +
      'Excel and save it',
  },
};

const FS_REASON: Record<Lang, Record<string, string>> = {
  vi: {
    EACCES: 'không có quyền',
    EPERM: 'không có quyền',
    ENOENT: 'thư mục hoặc tệp không tồn tại',
    EISDIR: 'đây là một thư mục',
    ENOTDIR: 'đường dẫn đi qua một tệp, không phải thư mục',
    EROFS: 'ổ đĩa chỉ đọc',
    ENOSPC: 'ổ đĩa đầy',
    EDQUOT: 'vượt hạn mức ổ đĩa',
    EIO: 'lỗi đọc/ghi của ổ đĩa',
    EEXIST: 'đã có một tệp cùng tên ở đó',
    ENAMETOOLONG: 'tên tệp quá dài',
    EMFILE: 'mở quá nhiều tệp',
  },
  en: {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'no such folder or file',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EROFS: 'read-only disk',
    ENOSPC: 'disk full',
    EDQUOT: 'disk quota exceeded',
    EIO: 'disk I/O error',
    EEXIST: 'a file of that name is already there',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
  },
};

/**
 * The technical detail of an unreadable file, in the user's language: known causes named, a
 * program's internal message (a JS error from a reader) never shown.
 */
function unreadableDetail(detail: unknown, lang: Lang): string {
  const d = String(detail ?? '').slice(0, 160);
  const vi = lang === 'vi';
  if (d === '') return '';
  if (d === 'not a zip') return vi ? 'nội dung không phải sổ tính .xlsx' : 'the content is not an .xlsx workbook';
  if (d === 'binary content') return vi ? 'nội dung nhị phân, không phải văn bản CSV' : 'binary content, not CSV text';
  const twin = /^zip: two parts named (.+)$/.exec(d);
  if (twin)
    return vi
      ? `có hai phần cùng tên ${twin[1]}, không biết phần nào là thật`
      : `two parts named ${twin[1]}, so which one is real is unknown`;
  if (/^zip:/i.test(d)) return vi ? 'cấu trúc nén của tệp bị hỏng' : "the file's zip structure is damaged";
  if (/quote/i.test(d))
    return vi ? 'dấu ngoặc kép (") không được đóng hoặc sai chỗ' : 'a quote (") is not closed or misplaced';
  if (/record length|inconsistent/i.test(d))
    return vi ? 'số cột không đều giữa các dòng' : 'rows have different numbers of columns';
  if (/undefined|null|is not a function|cannot read|typeerror|referenceerror|unexpected token/i.test(d)) return '';
  return d;
}

/** What a file named .xlsx really is (INGEST_NOT_EXCEL params.looksLike). */
const NOT_EXCEL: Record<Lang, Record<string, string>> = {
  vi: {
    word: 'tệp Word',
    powerpoint: 'tệp PowerPoint',
    opendocument: 'tệp OpenDocument (LibreOffice)',
    zip: 'một tệp nén zip',
    pdf: 'tệp PDF',
    html: 'trang web (HTML) đổi đuôi thành .xlsx',
    xml: 'tệp XML',
    rtf: 'tệp văn bản RTF',
    text: 'tệp văn bản (có thể là CSV: đổi đuôi thành .csv)',
  },
  en: {
    word: 'a Word document',
    powerpoint: 'a PowerPoint file',
    opendocument: 'an OpenDocument (LibreOffice) file',
    zip: 'a zip archive',
    pdf: 'a PDF file',
    html: 'a web page (HTML) renamed .xlsx',
    xml: 'an XML file',
    rtf: 'an RTF document',
    text: 'a text file (perhaps CSV: rename it .csv)',
  },
};

/** A unit name of no official unit, with the closest official ones and the fix. */
const unknownUnit = (p: Params, lang: Lang): string => {
  const sug =
    Array.isArray(p.suggestions) && p.suggestions.length > 0
      ? lang === 'vi'
        ? ` Có phải ý bạn là: ${list(p.suggestions)}?`
        : ` Did you mean: ${list(p.suggestions)}?`
      : '';
  const fix = p.newUnit
    ? lang === 'vi'
      ? ' Nếu đây đúng là một đơn vị mới, thêm --new-unit; danh sách: "motcua-audit units list".'
      : ' If it really is a new unit, add --new-unit; the list: "motcua-audit units list".'
    : lang === 'vi'
      ? ' Xem danh sách bằng "motcua-audit units list".'
      : ' See "motcua-audit units list".';
  return lang === 'vi'
    ? `không có đơn vị "${String(p.unit ?? '')}" trong danh mục chính thức.${sug}${fix}`
    : `no unit "${String(p.unit ?? '')}" in the official unit list.${sug}${fix}`;
};
const unknownColumnUnits = (p: Params, lang: Lang): string => {
  const units = (Array.isArray(p.units) ? p.units : []) as Array<{ name: string; suggestions: string[] }>;
  const vi = lang === 'vi';
  const names = units
    .map(
      (u) =>
        `"${u.name}"` +
        (u.suggestions.length ? ` (${vi ? 'có phải' : 'did you mean'}: ${u.suggestions.join(', ')}?)` : ''),
    )
    .join('; ');
  const more = Number(p.more) > 0 ? (vi ? ` và ${String(p.more)} tên khác` : ` and ${String(p.more)} more`) : '';
  return vi
    ? `cột đơn vị có tên không thuộc danh mục chính thức: ${names}${more}; không nhập gì từ tệp này. Cách sửa: ` +
        `thêm các tên này làm tên gọi khác (cột aliases) trong tệp danh mục rồi chạy lại "units import", hoặc dùng ` +
        `lệnh: motcua-audit units alias "TÊN" --to "ĐƠN VỊ"; nếu đúng là đơn vị mới, thêm --new-unit`
    : `the unit column holds names not in the official unit list: ${names}${more}; nothing was imported from ` +
        `this file. Fix: add them as aliases in the units file and run "units import" again, or run: motcua-audit ` +
        `units alias "NAME" --to "UNIT"; if they really are new units, add --new-unit`;
};

/** Signs of a file's kind (INGEST_WRONG_KIND params.signs). */
const KIND_SIGNS: Record<Lang, Record<string, string>> = {
  vi: {
    status: 'có cột trạng thái',
    'unit-per-row': 'có đơn vị trên từng dòng',
    codes: 'gần như dòng nào cũng có mã hồ sơ',
    'export-title': 'tiêu đề của bản xuất',
    signature: 'có cột ký nhận',
    'register-title': 'tiêu đề sổ theo dõi',
    'no-status': 'không có cột trạng thái',
    note: 'có cột ghi chú',
    'no-unit': 'không có cột đơn vị',
  },
  en: {
    status: 'a status column',
    'unit-per-row': 'a unit on every row',
    codes: 'a dossier code on nearly every row',
    'export-title': 'an export title',
    signature: 'a signature column',
    'register-title': 'a register title',
    'no-status': 'no status column',
    note: 'a note column',
    'no-unit': 'no unit column',
  },
};
const wrongKind = (p: Params, lang: Lang): string => {
  const signs = (Array.isArray(p.signs) ? p.signs : []).map((k) => KIND_SIGNS[lang][String(k)] ?? String(k)).join(', ');
  const sys = p.looksLike === 'system';
  return lang === 'vi'
    ? `tệp này có vẻ là ` +
        (sys ? 'bản xuất của hệ thống một cửa' : 'sổ theo dõi hồ sơ (sổ giấy)') +
        ` (${signs}), không phải ` +
        (sys ? 'sổ theo dõi' : 'bản xuất hệ thống') +
        `; hãy dùng "motcua-audit import ${String(p.looksLike)} TỆP${sys ? '' : ' --unit "Tên đơn vị"'}", hoặc ` +
        `thêm --force nếu chắc chắn muốn nhập như hiện tại`
    : `this file looks like ` +
        (sys ? 'a one-stop system export' : 'a paper register') +
        ` (${signs}), not ${sys ? 'a register' : 'a system export'}; use "motcua-audit ` +
        `import ${String(p.looksLike)} FILE${sys ? '' : ' --unit "Unit name"'}", or add --force if you are sure`;
};

/** What is wrong in a decisions CSV (DECISION_INVALID params.problem). */
const decisionsCsv = (p: Params, lang: Lang): string => {
  const v = String(p.value ?? '');
  const vi: Record<string, string> = {
    parse: `không đọc được như CSV (${unreadableDetail(p.detail, 'vi') || 'sai định dạng'})`,
    'missing-column': `thiếu cột ${v} ở dòng tiêu đề`,
    decision: `cột decision phải là match hoặc no-match, không phải "${v}"`,
    'no-code': 'quyết định match cần mã hồ sơ ở cột system_code',
    required: 'cần có file, content_key và decided_at',
    occurrence: `occurrence phải là số nguyên dương, không phải "${v}"`,
  };
  const en: Record<string, string> = {
    parse: `not readable as CSV (${unreadableDetail(p.detail, 'en') || 'malformed'})`,
    'missing-column': `the header lacks column ${v}`,
    decision: `decision must be match or no-match, not "${v}"`,
    'no-code': 'a match needs a dossier code in system_code',
    required: 'file, content_key and decided_at are required',
    occurrence: `occurrence must be a positive whole number, not "${v}"`,
  };
  const text = (lang === 'vi' ? vi : en)[String(p.problem)] ?? String(p.detail ?? '');
  return lang === 'vi'
    ? `tệp quyết định không hợp lệ: ${text}; xuất mẫu đúng bằng "motcua-audit decisions export TỆP"`
    : `invalid decisions file: ${text}; export a correct sample with "motcua-audit decisions export FILE"`;
};

const ERRORS: Record<Lang, Partial<Record<string, (p: Params, e: AuditError) => string>>> = {
  vi: {
    INGEST_NOT_FOUND: (p) =>
      p.reason === 'loop'
        ? 'các liên kết tượng trưng (symlink) trỏ vòng quanh nhau, không dẫn tới tệp nào'
        : p.reason === 'permission'
          ? 'không có quyền đọc tệp'
          : 'không tìm thấy tệp',
    INGEST_NOT_A_FILE: (p) =>
      p.kind === 'special'
        ? 'không phải tệp thông thường (đường ống FIFO, thiết bị hay socket)'
        : 'là một thư mục, không phải tệp',
    INGEST_EMPTY: () => 'tệp rỗng, không có dữ liệu',
    INGEST_UNSUPPORTED: (p) =>
      `chưa đọc được loại tệp ${String(p.ext ?? '')}; hãy mở tệp và lưu lại dưới dạng .xlsx hoặc .csv`,
    INGEST_UNREADABLE: (p) =>
      UNREADABLE.vi[String(p.reason)]?.(p) ??
      `không đọc được: tệp hỏng hoặc không đúng định dạng theo tên của nó` +
        (unreadableDetail(p.detail, 'vi') ? ` (${unreadableDetail(p.detail, 'vi')})` : ''),
    INGEST_BAD_ENCODING: (p) =>
      `văn bản UTF-8 có ${String(p.bytes)} byte không hợp lệ, byte đầu tiên ở dòng này; hãy sửa dòng đó hoặc ` +
      `lưu lại tệp dạng "CSV UTF-8" (đọc theo bảng mã khác sẽ làm sai mọi chữ có dấu)`,
    INGEST_ENCRYPTED: () => 'sổ tính có mật khẩu hoặc ở định dạng .xls cũ; hãy lưu lại thành .xlsx không đặt mật khẩu',
    INGEST_TOO_LARGE: (p) =>
      `tệp vượt giới hạn an toàn: ${TOO_LARGE.vi[String(p.reason)] ?? ''} (${String(p.detail ?? '')})` +
      (p.env ? `; giới hạn đặt bằng biến ${String(p.env)}` : ''),
    INGEST_NO_HEADER: () =>
      'không tìm thấy dòng tiêu đề cột (Mã hồ sơ, Tên TTHC, Ngày nhận…) trong 30 dòng đầu; xem tệp bằng ' +
      '"motcua-audit inspect" hoặc dùng --profile',
    INGEST_MISSING_COLUMNS: (p) =>
      `thiếu cột bắt buộc: ${list(p.missing)}; các cột tìm thấy: ${list(p.found)}; xem "motcua-audit inspect" ` +
      `hoặc dùng --profile`,
    INGEST_SHEET_NOT_FOUND: (p) => `không có sheet "${String(p.sheetWanted ?? '')}" (các sheet có: ${list(p.sheets)})`,
    INGEST_WRONG_KIND: (p) => wrongKind(p, 'vi'),
    INGEST_NOT_EXCEL: (p) =>
      `không phải tệp Excel: có vẻ là ${NOT_EXCEL.vi[String(p.looksLike)] ?? String(p.looksLike)}; hãy mở bằng ` +
      `đúng chương trình và lưu lại dưới dạng .xlsx hoặc .csv`,
    IMPORT_UNKNOWN: (p) =>
      `không có lần nhập #${String(p.id)}; xem danh sách bằng "motcua-audit imports list"; không gỡ gì cả`,
    IMPORT_NOT_RESTORABLE: (p) =>
      `lần nhập #${String(p.id)} đã thay thế lần nhập #${String(p.previous)}, nhưng dữ liệu của phiên bản cũ ` +
      `không được giữ lại (nhập trước khi có chức năng gỡ); hãy nhập lại tệp cũ thay vì gỡ; không gỡ gì cả`,
    IMPORT_AS_OF_REQUIRED: () => 'không xác định được ngày xuất dữ liệu; hãy ghi rõ bằng --as-of NGÀY',
    UNIT_REQUIRED: () => 'không biết đây là sổ của đơn vị nào; hãy chỉ rõ bằng --unit "Tên đơn vị"',
    UNIT_UNKNOWN: (p) => unknownUnit(p, 'vi'),
    UNIT_COLUMN_UNKNOWN: (p) => unknownColumnUnits(p, 'vi'),
    USAGE: (p, e) => usageText(p, 'vi') ?? withoutFile(e),
    CONFIG_INVALID: (_p, e) => `tệp cấu hình không hợp lệ: ${withoutFile(e)}`,
    DB_MISSING: () => 'chưa có cơ sở dữ liệu; hãy nhập dữ liệu trước (units import, import system, import paper)',
    DB_LOCKED: () => 'cơ sở dữ liệu đang bị một lần chạy khác khoá; hãy thử lại sau',
    DB_READONLY: () => 'không ghi được cơ sở dữ liệu (chỉ đọc hoặc không có quyền)',
    DB_FULL: () => 'ổ đĩa đầy hoặc lỗi ghi cơ sở dữ liệu; không có gì bị ghi dở',
    DB_CORRUPT: (p) =>
      p.reason === 'schema-unknown'
        ? 'cơ sở dữ liệu có bảng nhưng không ghi phiên bản lược đồ (user_version = 0, thường do khôi phục bằng ' +
          'sqlite3 .dump) và các bảng không khớp phiên bản nào của motcua-audit; không thay đổi gì; hãy khôi ' +
          'phục từ bản sao lưu (.bak) hoặc nhập lại dữ liệu vào cơ sở dữ liệu mới'
        : 'tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu SQLite',
    FILE_SYSTEM: (p) =>
      `không đọc/ghi được: ${FS_REASON.vi[String(p.fsCode)] ?? String(p.fsCode)}` +
      (p.fsCode === 'ENOSPC' || p.fsCode === 'EDQUOT'
        ? '; không có tệp nào bị ghi dở, tệp cũ (nếu có) vẫn nguyên'
        : ''),
    DB_NEWER_SCHEMA: () => 'cơ sở dữ liệu được tạo bởi phiên bản motcua-audit mới hơn; hãy cập nhật công cụ',
    RUN_CONFIG_INVALID: (p) =>
      `${p.field ? `${String(p.field)}: ` : ''}${expectationText(p.expect as Expectation, 'vi')}`,
    RUN_LOCKED: (p) =>
      `một lần chạy khác đang giữ khoá (pid ${String(p.pid)}, máy ${String(p.hostname)}, bắt đầu ` +
      `lúc ${String(p.startedAt)}); đã chờ ${String(p.waitedSeconds)} giây; hãy chạy lại sau hoặc dùng --wait ` +
      `GIÂY`,
    FINDING_UNKNOWN: (p) =>
      `không có dòng sổ hay hồ sơ nào ứng với "${String(p.ref ?? '')}"; dùng mã phát hiện trong báo cáo (p-…, ` +
      `s-…) hoặc TỆP#SHEET#DÒNG (CSV: tệp.csv##12)`,
    DECISION_INVALID: (p) =>
      p.reason === 'dossier-unknown'
        ? `không có hồ sơ "${String(p.code ?? '')}" trên hệ thống (trong các bản xuất đã nhập)`
        : p.reason === 'dossier-taken'
          ? `hồ sơ "${String(p.code ?? '')}" đã được quyết định cho dòng sổ khác (${String(p.other ?? '')}); sửa ` +
            `quyết định đó trước`
          : p.reason === 'csv'
            ? decisionsCsv(p, 'vi')
            : 'quyết định không hợp lệ',
    DECISION_OVERRIDES_CODE: (p) =>
      p.reason === 'row-linked'
        ? `dòng sổ ${String(p.paperRef)} đang khớp theo mã với hồ sơ ${String(p.code)} (mã, tên người nộp và ` +
          `ngày đều khớp); quyết định này sẽ bỏ liên kết đó` +
          (p.target ? ` để nối với ${String(p.target)}` : '') +
          `. Hãy kiểm tra lại mã đã gõ; nếu chắc chắn, thêm --force (quyết định sẽ ghi lại là đã ghi đè liên ` +
          `kết theo mã)`
        : `hồ sơ ${String(p.code)} đang khớp theo mã với dòng sổ khác (${String(p.paperRef)}); quyết định này sẽ ` +
          `bỏ liên kết đó. Hãy kiểm tra lại mã đã gõ; nếu chắc chắn, thêm --force (quyết định sẽ ghi lại là đã ` +
          `ghi đè liên kết theo mã)`,
    UNITS_FILE_INVALID: (p, e) => unitsFileText(p, e, 'vi'),
    RUN_NOT_FOUND: (p) =>
      p.run === null || p.run === undefined
        ? 'cần ít nhất hai lần chạy đã hoàn tất để so sánh; xem "motcua-audit runs list"'
        : `không có lần chạy #${String(p.run)} đã hoàn tất; xem "motcua-audit runs list"`,
  },
  en: {
    USAGE: (p, e) => usageText(p, 'en') ?? withoutFile(e),
    INGEST_NOT_FOUND: (p) =>
      p.reason === 'loop'
        ? 'a loop of symbolic links that leads to no file'
        : p.reason === 'permission'
          ? 'no permission to read the file'
          : 'file not found',
    INGEST_NOT_A_FILE: (p) =>
      p.kind === 'special' ? 'not a regular file (a FIFO pipe, a device or a socket)' : 'is a folder, not a file',
    INGEST_EMPTY: () => 'the file is empty',
    INGEST_UNSUPPORTED: (p) => `${String(p.ext ?? 'this')} files are not read; open it and save it as .xlsx or .csv`,
    INGEST_UNREADABLE: (p) =>
      UNREADABLE.en[String(p.reason)]?.(p) ??
      `cannot be read: the file is damaged or not what its name says` +
        (unreadableDetail(p.detail, 'en') ? ` (${unreadableDetail(p.detail, 'en')})` : ''),
    INGEST_BAD_ENCODING: (p) =>
      `UTF-8 text with ${String(p.bytes)} invalid byte(s), the first on this line; fix that line or save the ` +
      `file again as "CSV UTF-8" (reading it in another encoding would garble every accented letter)`,
    INGEST_ENCRYPTED: () =>
      'the workbook is password-protected or in the old .xls format; save it as .xlsx without a password',
    INGEST_TOO_LARGE: (p) =>
      `the file exceeds a safety limit: ${TOO_LARGE.en[String(p.reason)] ?? ''} (${String(p.detail ?? '')})` +
      (p.env ? `; the limit is set with ${String(p.env)}` : ''),
    INGEST_NO_HEADER: () =>
      'no header row with known column names (Mã hồ sơ, Tên TTHC, Ngày nhận…) in the first 30 rows; look at it ' +
      'with "motcua-audit inspect" or use --profile',
    INGEST_MISSING_COLUMNS: (p) =>
      `required columns missing: ${list(p.missing)}; columns found: ${list(p.found)}; see "motcua-audit ` +
      `inspect" or use --profile`,
    INGEST_SHEET_NOT_FOUND: (p) => `no sheet "${String(p.sheetWanted ?? '')}" (sheets: ${list(p.sheets)})`,
    INGEST_WRONG_KIND: (p) => wrongKind(p, 'en'),
    INGEST_NOT_EXCEL: (p) =>
      `not an Excel workbook: looks like ${NOT_EXCEL.en[String(p.looksLike)] ?? String(p.looksLike)}; open it ` +
      `in the right program and save it as .xlsx or .csv`,
    IMPORT_UNKNOWN: (p) => `no import #${String(p.id)}; see "motcua-audit imports list"; nothing was removed`,
    IMPORT_NOT_RESTORABLE: (p) =>
      `import #${String(p.id)} replaced import #${String(p.previous)}, whose rows were not kept (imported ` +
      `before undo existed); import the earlier file again instead; nothing was removed`,
    IMPORT_AS_OF_REQUIRED: () => 'cannot tell the date of this export; give it with --as-of DATE',
    UNIT_REQUIRED: () => 'which unit\'s register is this? Give it with --unit "Unit name"',
    UNIT_UNKNOWN: (p) => unknownUnit(p, 'en'),
    UNIT_COLUMN_UNKNOWN: (p) => unknownColumnUnits(p, 'en'),
    CONFIG_INVALID: (_p, e) => `invalid configuration: ${withoutFile(e)}`,
    DB_MISSING: () => 'no database yet; import data first (units import, import system, import paper)',
    DB_LOCKED: () => 'the database is locked by another run; try again later',
    DB_READONLY: () => 'the database cannot be written (read-only or no permission)',
    DB_FULL: () => 'disk full or write error on the database; nothing was half-written',
    DB_CORRUPT: (p) =>
      p.reason === 'schema-unknown'
        ? 'the database has tables but no schema version (user_version = 0, as after a restore with sqlite3 ' +
          ".dump) and its tables are no version of motcua-audit's; nothing was changed; restore a backup (.bak) " +
          'or import the data again into a new database'
        : 'the database file is damaged or not an SQLite database',
    FILE_SYSTEM: (p) =>
      `cannot read or write: ${FS_REASON.en[String(p.fsCode)] ?? String(p.fsCode)}` +
      (p.fsCode === 'ENOSPC' || p.fsCode === 'EDQUOT'
        ? '; nothing was half-written, an earlier file (if any) is intact'
        : ''),
    DB_NEWER_SCHEMA: () => 'the database was written by a newer motcua-audit; update the tool',
    RUN_CONFIG_INVALID: (p) =>
      `${p.field ? `${String(p.field)}: ` : ''}${expectationText(p.expect as Expectation, 'en')}`,
    RUN_LOCKED: (p) =>
      `another run holds the lock (pid ${String(p.pid)} on ${String(p.hostname)}, ` +
      `started ${String(p.startedAt)}); waited ${String(p.waitedSeconds)} s; run again later or use --wait ` +
      `SECONDS`,
    FINDING_UNKNOWN: (p) =>
      `no register row or dossier matches "${String(p.ref ?? '')}"; use a finding id from the report (p-…, ` +
      `s-…) or FILE#SHEET#ROW (CSV: file.csv##12)`,
    DECISION_INVALID: (p) =>
      p.reason === 'dossier-unknown'
        ? `no dossier "${String(p.code ?? '')}" in the system (in the imported exports)`
        : p.reason === 'dossier-taken'
          ? `dossier "${String(p.code ?? '')}" is already decided for another register row ` +
            `(${String(p.other ?? '')}); change that decision first`
          : p.reason === 'csv'
            ? decisionsCsv(p, 'en')
            : 'invalid decision',
    DECISION_OVERRIDES_CODE: (p) =>
      p.reason === 'row-linked'
        ? `register row ${String(p.paperRef)} is linked by code to dossier ${String(p.code)} (code, applicant ` +
          `and date agree); this decision would undo that link` +
          (p.target ? ` for ${String(p.target)}` : '') +
          `. Check the code you typed; if you are sure, add --force (the decision records that it overrode a code link)`
        : `dossier ${String(p.code)} is linked by code to another register row (${String(p.paperRef)}); this ` +
          `decision would undo that link. Check the code you typed; if you are sure, add --force (the decision ` +
          `records that it overrode a code link)`,
    UNITS_FILE_INVALID: (p, e) => unitsFileText(p, e, 'en'),
    RUN_NOT_FOUND: (p) =>
      p.run === null || p.run === undefined
        ? 'at least two completed runs are needed to compare; see "motcua-audit runs list"'
        : `no completed run #${String(p.run)}; see "motcua-audit runs list"`,
  },
};

/** Why a units file is refused (units over time: codes unique, one name per period, successors). */
function unitsFileText(p: Params, e: AuditError, lang: Lang): string {
  const all = Array.isArray(p.lines) ? (p.lines as unknown[]).map(String) : [];
  const lines = all.length === 2 ? all.join(lang === 'vi' ? ' và ' : ' and ') : all.join(', ');
  const vi = lang === 'vi';
  switch (p.reason) {
    case 'duplicate-code':
      return vi
        ? `danh mục đơn vị: mã ${String(p.code)} có ở hai dòng ${lines}; mỗi mã chỉ một đơn vị`
        : `unit list: the code ${String(p.code)} is on rows ${lines}; one unit per code`;
    case 'duplicate-name':
      return vi
        ? `danh mục đơn vị: "${String(p.name)}" có ở hai dòng ${lines} với thời gian hiệu lực chồng nhau; cùng ` +
            `một tên chỉ được lặp lại ở các thời kỳ khác nhau (validFrom, validTo)`
        : `unit list: "${String(p.name)}" is on rows ${lines} with overlapping periods; a name may repeat only ` +
            `in different periods (validFrom, validTo)`;
    case 'date':
      return vi
        ? `danh mục đơn vị: "${String(p.value)}" không phải ngày (dd/mm/yyyy)`
        : `unit list: "${String(p.value)}" is not a date (dd/mm/yyyy)`;
    case 'period':
      return vi
        ? `danh mục đơn vị: ngày hết hiệu lực ${String(p.to)} trước ngày bắt đầu ${String(p.from)}`
        : `unit list: the period ends (${String(p.to)}) before it starts (${String(p.from)})`;
    case 'successor-unknown':
      return vi
        ? `danh mục đơn vị: đơn vị kế thừa ${String(p.code)} không phải mã đơn vị nào trong danh mục`
        : `unit list: the successor ${String(p.code)} is no unit code of the list`;
    case 'successor-cycle':
      return vi
        ? `danh mục đơn vị: các dòng ${lines} kế thừa nhau thành vòng tròn`
        : `unit list: rows ${lines} succeed one another in a circle`;
    case 'successor-no-code':
      return vi
        ? 'danh mục đơn vị: đơn vị có đơn vị kế thừa phải có mã'
        : 'unit list: a unit with a successor needs its own code';
    case 'header':
      return vi
        ? `danh mục đơn vị: dòng tiêu đề phải là code,name,aliases (có thể thêm validFrom,validTo,successor); ` +
            `tìm thấy: ${String(p.found)}`
        : `unit list: the header must be code,name,aliases (optionally validFrom,validTo,successor); ` +
            `found: ${String(p.found)}`;
    case 'no-name':
      return vi ? 'danh mục đơn vị: dòng không có tên đơn vị' : 'unit list: the row has no unit name';
    default:
      return vi ? 'danh mục đơn vị: không đọc được tệp CSV' : withoutFile(e);
  }
}

/** The English message without its leading "file: " (only when there is a file: else the first ": " would go). */
function withoutFile(e: AuditError): string {
  return e.context.file ? e.message.replace(`${e.context.file}: `, '') : e.message;
}

/** One-line, localized description of a library error, with file, sheet, row and column. */
export function formatError(e: AuditError, lang: Lang): string {
  const tpl = ERRORS[lang][e.code];
  const text = tpl ? tpl({ ...e.params, sheetWanted: e.context.sheet }, e) : withoutFile(e);
  const where: string[] = [];
  if (e.context.sheet && e.code !== 'INGEST_SHEET_NOT_FOUND') where.push(`sheet "${e.context.sheet}"`);
  if (e.context.row !== undefined) where.push(`${lang === 'vi' ? 'dòng' : 'row'} ${e.context.row}`);
  if (e.context.column) where.push(`${lang === 'vi' ? 'cột' : 'column'} ${e.context.column}`);
  const place = e.context.file
    ? `${e.context.file}${where.length ? ` (${where.join(', ')})` : ''}: `
    : where.length
      ? `(${where.join(', ')}) `
      : '';
  return `${place}${text}`.replace(/\s*\n\s*/g, ' ');
}
