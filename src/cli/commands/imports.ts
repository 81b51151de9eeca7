/** `imports list [--format table|json]` and `imports remove ID…`: what was imported, and its undo. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { type Lang, displayLocalDateTime, usageError } from '../../i18n/index.js';
import { listImports, removeImports } from '../../store/imports-admin.js';
import type { CommandEnv } from '../command.js';

const T = {
  vi: {
    group: 'các lần nhập dữ liệu: xem và gỡ',
    list: 'liệt kê các lần nhập (mã, loại, tệp, đơn vị, SHA-256, số hồ sơ, thời điểm, bị thay bởi)',
    format: 'định dạng: table | json',
    remove: 'gỡ các lần nhập (một giao dịch): xoá dữ liệu của chúng, khôi phục phiên bản sổ mà chúng đã thay thế; đối chiếu sẽ chạy lại',
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
    remove: 'remove imports (one transaction): delete their rows, restore the register version they had replaced; matching runs again',
    ids: 'import ids (see imports list)',
    cols: ['Id', 'Kind', 'File', 'Unit', 'SHA-256', 'Dossiers', 'Imported', 'Replaced by'],
    kind: { system: 'system', paper: 'paper' } as Record<string, string>,
    none: 'No imports yet.',
    removed: (id: number, file: string, rows: number) => `✔ removed import #${id} (${file}, ${rows} dossiers)`,
    restored: (id: number) => `  restored the earlier version of the register: import #${id}`,
    stale: 'matching runs again at the next match or report',
  },
} satisfies Record<Lang, unknown>;

/** Registers the `imports` command group. */
export function registerImports(program: Command, { lang, ctx }: CommandEnv): void {
  const t = T[lang];
  const group = program.command('imports').description(t.group);
  group
    .command('list', { isDefault: true })
    .description(t.list)
    .option('--format <format>', t.format, 'table')
    .action((o: { format: string }) => {
      const c = ctx();
      if (o.format !== 'table' && o.format !== 'json') throw usageError('oneOf', { option: '--format', choices: 'table, json', value: o.format });
      const db = c.openDb({ mustExist: true });
      let list;
      try {
        list = listImports(db);
      } finally {
        db.close();
      }
      if (o.format === 'json') return c.data(`${JSON.stringify(list, null, 2)}\n`);
      if (list.length === 0) return c.data(`${t.none}\n`);
      const table = new Table({ head: t.cols.map((s) => c.chalk.bold(s)), style: { head: [], border: [] }, colAligns: ['right', 'left', 'left', 'left', 'left', 'right', 'left', 'right'] });
      for (const i of list) {
        table.push([`#${i.id}`, t.kind[i.kind] ?? i.kind, i.file, i.unit ?? '', i.sha256.slice(0, 12), i.rows, displayLocalDateTime(i.importedAt), i.replacedBy === null ? '' : `#${i.replacedBy}`]);
      }
      c.data(`${table.toString()}\n`);
    });
  group
    .command('remove')
    .description(t.remove)
    .argument('<ids...>', t.ids)
    .action((ids: string[]) => {
      const c = ctx();
      const numbers = ids.map((s) => {
        const n = Number(s.replace(/^#/, ''));
        if (!Number.isInteger(n) || n <= 0) throw usageError('importId', { value: s });
        return n;
      });
      const db = c.openDb({ mustExist: true });
      try {
        for (const r of removeImports(db, numbers, c.now())) {
          c.info(t.removed(r.id, r.file, r.rows));
          if (r.restored !== null) c.info(t.restored(r.restored));
        }
        c.info(t.stale);
      } finally {
        db.close();
      }
    });
}
