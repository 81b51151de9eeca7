/**
 * Sentences and words of the administrative commands (doctor, imports, inspect, units) and of the
 * progress bar, vi and en side by side.
 */
import type { Lang } from './lang.js';

/** A check of `doctor` and its outcome (as src/store/doctor.ts names them). */
type CheckId = 'integrity' | 'schema' | 'orphans' | 'row-counts' | 'files' | 'wal' | 'permissions';
type CheckStatus = 'ok' | 'warn' | 'fail';
/** The database's counts shown by `doctor`. */
interface DoctorCounts {
  imports: number;
  replacedImports: number;
  paperRows: number;
  systemRows: number;
  units: number;
}

type P = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** Every sentence of `doctor`, per language. */
export const DOCTOR_TEXT: Record<
  Lang,
  {
    help: string;
    format: string;
    title: (f: string, size: string) => string;
    checks: Record<CheckId, (s: CheckStatus, p: P, bytes: (n: number) => string) => string>;
    counts: (p: DoctorCounts) => string;
    healthy: string;
    problems: string;
    warnings: string;
  }
> = {
  vi: {
    help:
      'kiểm tra cơ sở dữ liệu: toàn vẹn, phiên bản lược đồ, dòng mồ côi, tệp đã nhập còn trên đĩa và không đổi, ' +
      'tệp WAL, quyền tệp',
    format: 'định dạng: table | json',
    title: (f, size) => `Kiểm tra cơ sở dữ liệu ${f} (${size})`,
    checks: {
      integrity: (s, p) =>
        s === 'ok'
          ? 'Toàn vẹn (integrity_check): ok'
          : `Toàn vẹn: HỎNG, ${n(p.problems)} lỗi${p.sqlite ? ` (${String(p.sqlite)})` : ''}; hãy khôi phục từ ` +
            `bản sao lưu hoặc nhập lại dữ liệu`,
      schema: (s, p) =>
        p.reason === 'restored'
          ? `Phiên bản lược đồ: không ghi (0, như sau khi khôi phục bằng sqlite3 .dump); các bảng đúng phiên ` +
            `bản ${n(p.detected)}, sẽ được ghi lại ở lệnh tiếp theo` +
            (n(p.detected) < n(p.current) ? ` rồi nâng lên ${n(p.current)}` : '')
          : p.reason === 'schema-unknown'
            ? 'Phiên bản lược đồ: không ghi (0) và các bảng không khớp phiên bản nào; mọi lệnh sẽ từ chối cơ sở ' +
              'dữ liệu này; hãy khôi phục từ bản sao lưu (.bak) hoặc nhập lại dữ liệu'
            : s === 'ok'
              ? `Phiên bản lược đồ: ${n(p.version)} (hiện hành)`
              : s === 'warn'
                ? `Phiên bản lược đồ: ${n(p.version)}, sẽ được nâng lên ${n(p.current)} ở lần ghi tới (có sao ` +
                  `lưu trước)`
                : `Phiên bản lược đồ: ${n(p.version)}, mới hơn công cụ này (${n(p.current)}); hãy cập nhật ` +
                  `motcua-audit`,
      orphans: (s, p) =>
        s === 'ok' ? 'Dòng mồ côi: không có' : `Dòng mồ côi: ${n(p.count)} dòng trỏ tới dữ liệu không còn`,
      'row-counts': (s, p) =>
        s === 'ok'
          ? `Số dòng của từng lần nhập: khớp (${n(p.imports)} lần nhập)`
          : `Số dòng của từng lần nhập: ${n(p.mismatched)}/${n(p.imports)} lần nhập không khớp số đã ghi nhận`,
      files: (s, p) =>
        s === 'ok'
          ? `Tệp đã nhập: ${n(p.checked)} tệp còn trên đĩa, nội dung không đổi`
          : `Tệp đã nhập: ${n(p.missing)} không còn trên đĩa, ${n(p.changed)} đã thay đổi từ khi nhập (nhập lại ` +
            `nếu là bản mới)`,
      wal: (s, p, bytes) =>
        s === 'ok'
          ? `Tệp WAL: ${bytes(n(p.bytes))}`
          : `Tệp WAL lớn: ${bytes(n(p.bytes))}; sẽ được gộp khi chạy lệnh ghi tiếp theo`,
      permissions: (s, p) =>
        s === 'ok'
          ? `Quyền tệp: ${String(p.mode)} (chỉ chủ sở hữu đọc được)`
          : `Quyền tệp: người khác đọc được dữ liệu cá nhân; hãy chạy chmod 600`,
    },
    counts: (c) =>
      `${c.imports} lần nhập đang dùng (${c.replacedImports} đã thay thế), ${c.paperRows} dòng sổ ` +
      `giấy, ${c.systemRows} dòng hệ thống, ${c.units} đơn vị`,
    healthy: 'Kết luận: cơ sở dữ liệu tốt',
    problems: 'Kết luận: cơ sở dữ liệu có vấn đề (xem các dòng ✘)',
    warnings: 'Kết luận: cơ sở dữ liệu tốt, có lưu ý (xem các dòng !)',
  },
  en: {
    help:
      'check the database: integrity, schema version, orphan rows, imported files still on disk and unchanged, ' +
      'WAL file, permissions',
    format: 'format: table | json',
    title: (f, size) => `Checking database ${f} (${size})`,
    checks: {
      integrity: (s, p) =>
        s === 'ok'
          ? 'Integrity (integrity_check): ok'
          : `Integrity: DAMAGED, ${n(p.problems)} problem(s)${p.sqlite ? ` (${String(p.sqlite)})` : ''}; restore ` +
            `a backup or import the data again`,
      schema: (s, p) =>
        p.reason === 'restored'
          ? `Schema version: not recorded (0, as after a restore with sqlite3 .dump); the tables are ` +
            `version ${n(p.detected)}, recorded by the next command` +
            (n(p.detected) < n(p.current) ? ` then upgraded to ${n(p.current)}` : '')
          : p.reason === 'schema-unknown'
            ? 'Schema version: not recorded (0) and the tables are no known version; every command refuses this ' +
              'database; restore a backup (.bak) or import the data again'
            : s === 'ok'
              ? `Schema version: ${n(p.version)} (current)`
              : s === 'warn'
                ? `Schema version: ${n(p.version)}, upgraded to ${n(p.current)} on the next write (after a backup)`
                : `Schema version: ${n(p.version)}, newer than this tool (${n(p.current)}); update motcua-audit`,
      orphans: (s, p) =>
        s === 'ok' ? 'Orphan rows: none' : `Orphan rows: ${n(p.count)} row(s) point to data that is gone`,
      'row-counts': (s, p) =>
        s === 'ok'
          ? `Rows per import: all complete (${n(p.imports)} imports)`
          : `Rows per import: ${n(p.mismatched)}/${n(p.imports)} imports do not hold the rows recorded`,
      files: (s, p) =>
        s === 'ok'
          ? `Imported files: ${n(p.checked)} still on disk, unchanged`
          : `Imported files: ${n(p.missing)} no longer on disk, ${n(p.changed)} changed since import (import ` +
            `again if it is a new version)`,
      wal: (s, p, bytes) =>
        s === 'ok'
          ? `WAL file: ${bytes(n(p.bytes))}`
          : `Large WAL file: ${bytes(n(p.bytes))}; folded in by the next write`,
      permissions: (s, p) =>
        s === 'ok'
          ? `Permissions: ${String(p.mode)} (owner only)`
          : 'Permissions: others can read personal data; run chmod 600',
    },
    counts: (c) =>
      `${c.imports} active imports (${c.replacedImports} replaced), ${c.paperRows} paper rows, ${c.systemRows} ` +
      `system rows, ${c.units} units`,
    healthy: 'Verdict: the database is healthy',
    problems: 'Verdict: the database has problems (see the ✘ lines)',
    warnings: 'Verdict: the database is healthy, with notes (see the ! lines)',
  },
};

/** Every sentence of `imports list` and `imports remove`. */
export const IMPORTS_TEXT = {
  vi: {
    group: 'các lần nhập dữ liệu: xem và gỡ',
    list: 'liệt kê các lần nhập (mã, loại, tệp, đơn vị, SHA-256, số hồ sơ, thời điểm, bị thay bởi)',
    format: 'định dạng: table | json',
    remove:
      'gỡ các lần nhập (một giao dịch): xoá dữ liệu của chúng, khôi phục phiên bản sổ mà chúng đã thay thế; ' +
      'đối chiếu sẽ chạy lại',
    ids: 'mã các lần nhập (xem imports list)',
    cols: ['Mã', 'Loại', 'Tệp', 'Đơn vị', 'SHA-256', 'Hồ sơ', 'Thời điểm', 'Bị thay bởi'],
    kind: { system: 'hệ thống', paper: 'sổ giấy' } as Record<string, string>,
    none: 'Chưa có lần nhập nào.',
    removed: (id: number, file: string, rows: number) => `✔ đã gỡ lần nhập #${id} (${file}, ${rows} hồ sơ)`,
    restored: (id: number) => `  đã khôi phục phiên bản trước của sổ: lần nhập #${id}`,
    stale: 'đối chiếu sẽ chạy lại ở lệnh match hoặc report kế tiếp',
  },
  en: {
    group: 'the imports: list and undo',
    list: 'list the imports (id, kind, file, unit, SHA-256, dossiers, time, replaced by)',
    format: 'format: table | json',
    remove:
      'remove imports (one transaction): delete their rows, restore the register version they had replaced; ' +
      'matching runs again',
    ids: 'import ids (see imports list)',
    cols: ['Id', 'Kind', 'File', 'Unit', 'SHA-256', 'Dossiers', 'Imported', 'Replaced by'],
    kind: { system: 'system', paper: 'paper' } as Record<string, string>,
    none: 'No imports yet.',
    removed: (id: number, file: string, rows: number) => `✔ removed import #${id} (${file}, ${rows} dossiers)`,
    restored: (id: number) => `  restored the earlier version of the register: import #${id}`,
    stale: 'matching runs again at the next match or report',
  },
} satisfies Record<Lang, unknown>;

/** The words of the progress bar. */
export const PROGRESS_LABELS = {
  vi: {
    rows: 'dòng',
    eta: 'còn',
    read: 'Đọc dữ liệu',
    write: 'Ghi báo cáo',
    match: 'Ghép hồ sơ (so khớp có chấm điểm)',
  },
  en: {
    rows: 'rows',
    eta: 'ETA',
    read: 'Reading the data',
    write: 'Writing the report',
    match: 'Matching (scored comparison)',
  },
} as const;

/** The words of `inspect`. */
export const INSPECT_TEXT = {
  vi: {
    separator: 'phân cách',
    hidden: ' (ẩn)',
    rows: 'dòng có dữ liệu',
    legacy: 'phông cũ đã chuyển',
    noHeader: 'không tìm thấy dòng tiêu đề cột: sheet này sẽ bị bỏ qua (hoặc dùng --profile)',
    title: 'tiêu đề',
    headerRows: 'dòng tiêu đề cột',
    dossiers: 'hồ sơ',
    skipped: 'bỏ qua',
    columnsHead: ['Cột', 'Tiêu đề', 'Trường', 'Vì có chữ'],
    unused: '(không dùng)',
    namedEarlier: (field: string) => `${field} (đã có cột trước, không dùng)`,
    samplesHead: ['Dòng', 'Mã hồ sơ', 'Người nộp', 'Thủ tục', 'Ngày nhận', 'Ngày trả', 'Lỗi'],
  },
  en: {
    separator: 'separator',
    hidden: ' (hidden)',
    rows: 'non-empty rows',
    legacy: 'legacy fonts converted',
    noHeader: 'no header row found: this sheet would be skipped (or use --profile)',
    title: 'title',
    headerRows: 'header row(s)',
    dossiers: 'dossiers',
    skipped: 'skipped',
    columnsHead: ['Column', 'Header', 'Field', 'Matched words'],
    unused: '(unused)',
    namedEarlier: (field: string) => `${field} (an earlier column has it: unused)`,
    samplesHead: ['Row', 'Code', 'Applicant', 'Procedure', 'Received', 'Returned', 'Issues'],
  },
} satisfies Record<Lang, unknown>;

/** The words of `units alias` and `units list`. */
export const UNITS_TEXT = {
  vi: {
    aliasAdded: (alias: string, unit: string, merged: number) =>
      `✔ "${alias}" từ nay là tên gọi khác của ${unit}` +
      (merged ? `; đã gộp ${merged} đơn vị tạo từ tên này vào ${unit}` : ''),
    listHead: ['Mã đơn vị', 'Tên đơn vị', 'Hiệu lực', 'Đơn vị kế thừa', 'Tên gọi khác', 'Dòng sổ', 'Hồ sơ HT'],
    newUnit: '(mới, ngoài danh mục)',
  },
  en: {
    aliasAdded: (alias: string, unit: string, merged: number) =>
      `✔ "${alias}" is now another name of ${unit}` +
      (merged ? `; ${merged} unit(s) created from this name merged into ${unit}` : ''),
    listHead: ['Code', 'Name', 'Valid', 'Successor', 'Aliases', 'Paper rows', 'System dossiers'],
    newUnit: '(new, not in unit list)',
  },
} satisfies Record<Lang, unknown>;
