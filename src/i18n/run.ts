/**
 * Every sentence and label of `run`, `runs list` and `diff`, in Vietnamese and English (the
 * run's own i18n section; shared words such as category names come from src/i18n.ts).
 */
import type { Lang } from './lang.js';

const vi = {
  help: {
    run: 'chạy định kỳ theo tệp cấu hình: nhập mọi tệp mới, đối chiếu, ghi báo cáo vào thư mục riêng của lần chạy',
    config: 'tệp cấu hình JSON (audit.json)',
    wait: 'nếu một lần chạy khác đang giữ khoá, chờ tối đa bấy nhiêu giây (mặc định 0)',
    logJson: 'ghi nhật ký dạng JSON, mỗi bước một dòng (chỉ mã và số đếm, không có dữ liệu cá nhân)',
    runs: 'lịch sử các lần chạy định kỳ',
    runsList: 'liệt kê các lần chạy với số đếm',
    runsFormat: 'định dạng: table | json',
    useConfig: 'dùng cơ sở dữ liệu ghi trong tệp cấu hình này',
    diff: 'so sánh phát hiện giữa hai lần chạy (mặc định hai lần gần nhất): mới, đã khắc phục, vẫn còn, theo đơn vị',
    diffFrom: 'lần chạy cũ (số thứ tự)',
    diffTo: 'lần chạy mới (số thứ tự)',
    diffFormat: 'định dạng: table | json | xlsx',
    diffOut: 'ghi ra tệp (bắt buộc với xlsx)',
  },
  runStarted: (id: number, db: string) => `Lần chạy #${id} (cơ sở dữ liệu ${db})`,
  waiting: (pid: number | null, host: string | null, at: string | null) =>
    pid === null
      ? 'một lần chạy khác đang giữ khoá; đang chờ…'
      : `lần chạy khác (pid ${pid}, máy ${host}, bắt đầu ${at}) đang giữ khoá; đang chờ…`,
  tookOver: (pid: number | null) =>
    `cảnh báo: lấy lại khoá của một lần chạy đã dừng đột ngột${pid ? ` (pid ${pid})` : ''}; lần chạy đó được ` +
    `ghi là bị ngắt`,
  unitsImported: (added: number, updated: number) => `✔ danh mục đơn vị: thêm ${added}, cập nhật ${updated}`,
  unitsUnchanged: '= danh mục đơn vị không đổi',
  unchangedFiles: (n: number) => `= ${n} tệp đã được nhập ở lần trước; bỏ qua`,
  noFiles: (field: string, pattern: string) => `cảnh báo: ${field}: mẫu "${pattern}" không khớp tệp nào`,
  reportLine: (paper: number, never: number | null, dq: number, period: string) =>
    `Báo cáo (${period}): ${paper} hồ sơ trên sổ, ` +
    (never === null
      ? 'chưa có dữ liệu hệ thống để biết số hồ sơ chưa đóng điện tử'
      : `${never} hồ sơ chưa đóng điện tử`) +
    `, ${dq} lỗi dữ liệu`,
  periodAll: 'toàn bộ',
  periodRange: (from: string, to: string) => `${from}–${to}`,
  diffLine: (prev: number, n: number, r: number, s: number) =>
    `So với lần chạy #${prev}: ${n} mới, ${r} đã khắc phục, ${s} vẫn còn`,
  firstRun: 'Đây là lần chạy đầu tiên: chưa có gì để so sánh',
  wroteDir: (dir: string, files: string) => `✔ đã ghi ${dir} (${files})`,
  removedDirs: (n: number) => `  đã xoá ${n} thư mục báo cáo cũ (giữ theo reports.keep)`,
  failOn: (rule: string, n: number, limit: number) => `vượt ngưỡng failOn.${rule}: ${n} > ${limit}`,
  runEnd: (id: number, code: number) => `Kết thúc lần chạy #${id}, mã thoát ${code}`,
  noRuns: 'Chưa có lần chạy nào.',
  importsRemoved: (ids: string) => `gỡ lần nhập ${ids}`,
  needTwoRuns: 'cần ít nhất hai lần chạy đã hoàn tất để so sánh',
  runNotFound: (id: string) => `không có lần chạy #${id} đã hoàn tất`,
  diffTitle: (a: number, at: string, b: number, bt: string) => `THAY ĐỔI GIỮA LẦN CHẠY #${a} (${at}) VÀ #${b} (${bt})`,
  sheetName: 'Thay đổi',
  status: { running: 'đang chạy', completed: 'hoàn tất', failed: 'lỗi', interrupted: 'bị ngắt' } as Record<
    string,
    string
  >,
  change: { new: 'Mới', resolved: 'Đã khắc phục', still_open: 'Vẫn còn' } as Record<string, string>,
  cols: {
    run: 'Lần',
    started: 'Bắt đầu',
    status: 'Kết quả',
    exit: 'Mã thoát',
    files: 'Tệp mới',
    failed: 'Tệp lỗi',
    paper: 'Sổ giấy',
    never: 'Chưa đóng ĐT',
    dq: 'Lỗi dữ liệu',
    findings: 'Phát hiện',
    news: 'Mới',
    resolved: 'Đã khắc phục',
    stillOpen: 'Vẫn còn',
    unit: 'Đơn vị',
    total: 'Tổng cộng',
    change: 'Thay đổi',
    id: 'Mã phát hiện',
    category: 'Loại',
    previousCategory: 'Loại ở lần trước',
    code: 'Mã hồ sơ',
    file: 'Tệp sổ',
    sheet: 'Sheet',
    row: 'Dòng',
  },
};

const en: typeof vi = {
  help: {
    run: 'scheduled run from a config file: import every new file, match, write the reports into a folder of their own',
    config: 'JSON config file (audit.json)',
    wait: 'when another run holds the lock, wait up to this many seconds (default 0)',
    logJson: 'append a JSON log, one line per step (codes and counts only, no personal data)',
    runs: 'history of scheduled runs',
    runsList: 'list past runs with their counts',
    runsFormat: 'format: table | json',
    useConfig: 'use the database named in this config file',
    diff: 'compare the findings of two runs (default: the last two): new, resolved, still open, per unit',
    diffFrom: 'the earlier run (number)',
    diffTo: 'the later run (number)',
    diffFormat: 'format: table | json | xlsx',
    diffOut: 'write to this file (required for xlsx)',
  },
  runStarted: (id, db) => `Run #${id} (database ${db})`,
  waiting: (pid, host, at) =>
    pid === null
      ? 'another run holds the lock; waiting…'
      : `another run (pid ${pid} on ${host}, started ${at}) holds the lock; waiting…`,
  tookOver: (pid) =>
    `warning: took over the lock of a run that died${pid ? ` (pid ${pid})` : ''}; that run is recorded as interrupted`,
  unitsImported: (added, updated) => `✔ unit list: ${added} added, ${updated} updated`,
  unitsUnchanged: '= unit list unchanged',
  unchangedFiles: (n) => `= ${n} files already imported by an earlier run; skipped`,
  noFiles: (field, pattern) => `warning: ${field}: pattern "${pattern}" matches no file`,
  reportLine: (paper, never, dq, period) =>
    `Report (${period}): ${paper} paper dossiers, ` +
    (never === null
      ? 'no system data to tell how many never closed electronically'
      : `${never} never closed electronically`) +
    `, ${dq} data-quality findings`,
  periodAll: 'all',
  periodRange: (from, to) => `${from} to ${to}`,
  diffLine: (prev, n, r, s) => `Since run #${prev}: ${n} new, ${r} resolved, ${s} still open`,
  firstRun: 'First run: nothing to compare with yet',
  wroteDir: (dir, files) => `✔ wrote ${dir} (${files})`,
  removedDirs: (n) => `  removed ${n} old report folders (reports.keep)`,
  failOn: (rule, n, limit) => `failOn.${rule} exceeded: ${n} > ${limit}`,
  runEnd: (id, code) => `Run #${id} finished, exit code ${code}`,
  noRuns: 'No runs yet.',
  importsRemoved: (ids: string) => `imports ${ids} removed`,
  needTwoRuns: 'at least two completed runs are needed to compare',
  runNotFound: (id) => `no completed run #${id}`,
  diffTitle: (a, at, b, bt) => `CHANGES BETWEEN RUN #${a} (${at}) AND #${b} (${bt})`,
  sheetName: 'Changes',
  status: { running: 'running', completed: 'completed', failed: 'failed', interrupted: 'interrupted' },
  change: { new: 'New', resolved: 'Resolved', still_open: 'Still open' },
  cols: {
    run: 'Run',
    started: 'Started',
    status: 'Status',
    exit: 'Exit',
    files: 'New files',
    failed: 'Failed files',
    paper: 'Paper',
    never: 'Never closed',
    dq: 'Data issues',
    findings: 'Findings',
    news: 'New',
    resolved: 'Resolved',
    stillOpen: 'Still open',
    unit: 'Unit',
    total: 'Total',
    change: 'Change',
    id: 'Finding id',
    category: 'Category',
    previousCategory: 'Previous category',
    code: 'Dossier code',
    file: 'Register file',
    sheet: 'Sheet',
    row: 'Row',
  },
};

/** The run texts. */
export const RUN_MSG: Record<Lang, typeof vi> = { vi, en };

/** A stored ISO time in the machine's local time, "dd/mm/yyyy HH:MM:SS" (both languages). */
export function displayLocalDateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:` +
    `${p(d.getSeconds())}`
  );
}
