/** `doctor [--format table|json]`: checks the database in one screen; exit 0 healthy, 1 problems. */
import type { Command } from 'commander';
import { type Lang, usageError } from '../../i18n/index.js';
import { runDoctor, type CheckId, type CheckStatus, type DoctorCheck, type DoctorReport } from '../../store/doctor.js';
import { formatBytes } from '../../ingest/zip-guard.js';
import type { CommandEnv } from '../command.js';
import { EXIT } from '../exit-codes.js';

type P = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** Every sentence of `doctor`, per language. */
const DOCTOR_TEXT: Record<Lang, { help: string; format: string; title: (f: string, size: string) => string; checks: Record<CheckId, (s: CheckStatus, p: P) => string>;
  counts: (p: NonNullable<DoctorReport['counts']>) => string; healthy: string; problems: string; warnings: string }> = {
  vi: {
    help: 'kiểm tra cơ sở dữ liệu: toàn vẹn, phiên bản lược đồ, dòng mồ côi, tệp đã nhập còn trên đĩa và không đổi, tệp WAL, quyền tệp',
    format: 'định dạng: table | json',
    title: (f, size) => `Kiểm tra cơ sở dữ liệu ${f} (${size})`,
    checks: {
      integrity: (s, p) => (s === 'ok' ? 'Toàn vẹn (integrity_check): ok' : `Toàn vẹn: HỎNG, ${n(p.problems)} lỗi${p.sqlite ? ` (${String(p.sqlite)})` : ''}; hãy khôi phục từ bản sao lưu hoặc nhập lại dữ liệu`),
      schema: (s, p) => (p.reason === 'restored' ? `Phiên bản lược đồ: không ghi (0, như sau khi khôi phục bằng sqlite3 .dump); các bảng đúng phiên bản ${n(p.detected)}, sẽ được ghi lại ở lệnh tiếp theo${n(p.detected) < n(p.current) ? ` rồi nâng lên ${n(p.current)}` : ''}`
        : p.reason === 'schema-unknown' ? 'Phiên bản lược đồ: không ghi (0) và các bảng không khớp phiên bản nào; mọi lệnh sẽ từ chối cơ sở dữ liệu này; hãy khôi phục từ bản sao lưu (.bak) hoặc nhập lại dữ liệu'
        : s === 'ok' ? `Phiên bản lược đồ: ${n(p.version)} (hiện hành)`
        : s === 'warn' ? `Phiên bản lược đồ: ${n(p.version)}, sẽ được nâng lên ${n(p.current)} ở lần ghi tới (có sao lưu trước)`
          : `Phiên bản lược đồ: ${n(p.version)}, mới hơn công cụ này (${n(p.current)}); hãy cập nhật motcua-audit`),
      orphans: (s, p) => (s === 'ok' ? 'Dòng mồ côi: không có' : `Dòng mồ côi: ${n(p.count)} dòng trỏ tới dữ liệu không còn`),
      'row-counts': (s, p) => (s === 'ok' ? `Số dòng của từng lần nhập: khớp (${n(p.imports)} lần nhập)` : `Số dòng của từng lần nhập: ${n(p.mismatched)}/${n(p.imports)} lần nhập không khớp số đã ghi nhận`),
      files: (s, p) => (s === 'ok' ? `Tệp đã nhập: ${n(p.checked)} tệp còn trên đĩa, nội dung không đổi`
        : `Tệp đã nhập: ${n(p.missing)} không còn trên đĩa, ${n(p.changed)} đã thay đổi từ khi nhập (nhập lại nếu là bản mới)`),
      wal: (s, p) => (s === 'ok' ? `Tệp WAL: ${formatBytes(n(p.bytes))}` : `Tệp WAL lớn: ${formatBytes(n(p.bytes))}; sẽ được gộp khi chạy lệnh ghi tiếp theo`),
      permissions: (s, p) => (s === 'ok' ? `Quyền tệp: ${String(p.mode)} (chỉ chủ sở hữu đọc được)` : `Quyền tệp: người khác đọc được dữ liệu cá nhân; hãy chạy chmod 600`),
    },
    counts: (c) => `${c.imports} lần nhập đang dùng (${c.replacedImports} đã thay thế), ${c.paperRows} dòng sổ giấy, ${c.systemRows} dòng hệ thống, ${c.units} đơn vị`,
    healthy: 'Kết luận: cơ sở dữ liệu tốt',
    problems: 'Kết luận: cơ sở dữ liệu có vấn đề (xem các dòng ✘)',
    warnings: 'Kết luận: cơ sở dữ liệu tốt, có lưu ý (xem các dòng !)',
  },
  en: {
    help: 'check the database: integrity, schema version, orphan rows, imported files still on disk and unchanged, WAL file, permissions',
    format: 'format: table | json',
    title: (f, size) => `Checking database ${f} (${size})`,
    checks: {
      integrity: (s, p) => (s === 'ok' ? 'Integrity (integrity_check): ok' : `Integrity: DAMAGED, ${n(p.problems)} problem(s)${p.sqlite ? ` (${String(p.sqlite)})` : ''}; restore a backup or import the data again`),
      schema: (s, p) => (p.reason === 'restored' ? `Schema version: not recorded (0, as after a restore with sqlite3 .dump); the tables are version ${n(p.detected)}, recorded by the next command${n(p.detected) < n(p.current) ? ` then upgraded to ${n(p.current)}` : ''}`
        : p.reason === 'schema-unknown' ? 'Schema version: not recorded (0) and the tables are no known version; every command refuses this database; restore a backup (.bak) or import the data again'
        : s === 'ok' ? `Schema version: ${n(p.version)} (current)`
        : s === 'warn' ? `Schema version: ${n(p.version)}, upgraded to ${n(p.current)} on the next write (after a backup)`
          : `Schema version: ${n(p.version)}, newer than this tool (${n(p.current)}); update motcua-audit`),
      orphans: (s, p) => (s === 'ok' ? 'Orphan rows: none' : `Orphan rows: ${n(p.count)} row(s) point to data that is gone`),
      'row-counts': (s, p) => (s === 'ok' ? `Rows per import: all complete (${n(p.imports)} imports)` : `Rows per import: ${n(p.mismatched)}/${n(p.imports)} imports do not hold the rows recorded`),
      files: (s, p) => (s === 'ok' ? `Imported files: ${n(p.checked)} still on disk, unchanged`
        : `Imported files: ${n(p.missing)} no longer on disk, ${n(p.changed)} changed since import (import again if it is a new version)`),
      wal: (s, p) => (s === 'ok' ? `WAL file: ${formatBytes(n(p.bytes))}` : `Large WAL file: ${formatBytes(n(p.bytes))}; folded in by the next write`),
      permissions: (s, p) => (s === 'ok' ? `Permissions: ${String(p.mode)} (owner only)` : 'Permissions: others can read personal data; run chmod 600'),
    },
    counts: (c) => `${c.imports} active imports (${c.replacedImports} replaced), ${c.paperRows} paper rows, ${c.systemRows} system rows, ${c.units} units`,
    healthy: 'Verdict: the database is healthy',
    problems: 'Verdict: the database has problems (see the ✘ lines)',
    warnings: 'Verdict: the database is healthy, with notes (see the ! lines)',
  },
};

const MARK: Record<CheckStatus, string> = { ok: '✔', warn: '!', fail: '✘' };

/** The one-screen rendering of a doctor report. */
export function renderDoctor(r: DoctorReport, lang: Lang, paint: (s: CheckStatus, text: string) => string = (_s, t) => t): string {
  const t = DOCTOR_TEXT[lang];
  const lines = [t.title(r.file, formatBytes(r.sizeBytes))];
  if (r.counts) lines.push(`  ${t.counts(r.counts)}`);
  for (const c of r.checks as DoctorCheck[]) {
    lines.push(paint(c.status, `${MARK[c.status]} ${t.checks[c.id](c.status, c.params)}`));
    for (const item of c.items) lines.push(`    ${item}`);
  }
  const verdict = !r.healthy ? t.problems : r.checks.some((c) => c.status === 'warn') ? t.warnings : t.healthy;
  lines.push(verdict);
  return `${lines.join('\n')}\n`;
}

/** Registers `doctor`. */
export function registerDoctor(program: Command, { lang, ctx, setExit }: CommandEnv): void {
  const t = DOCTOR_TEXT[lang];
  program
    .command('doctor')
    .description(t.help)
    .option('--format <format>', t.format, 'table')
    .action((o: { format: string }) => {
      const c = ctx();
      if (o.format !== 'table' && o.format !== 'json') throw usageError('oneOf', { option: '--format', choices: 'table, json', value: o.format });
      const report = runDoctor(c.opts.db);
      if (o.format === 'json') c.data(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const paint = (s: CheckStatus, text: string) => (s === 'fail' ? c.chalk.red(text) : s === 'warn' ? c.chalk.yellow(text) : text);
        c.data(renderDoctor(report, c.opts.lang, paint));
      }
      if (!report.healthy) setExit(EXIT.FINDINGS);
    });
}
