/** `imports list [--format table|json]` and `imports remove ID…`: what was imported, and its undo. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { displayLocalDateTime, usageError, IMPORTS_TEXT } from '../../i18n/index.js';
import { listImports, removeImports } from '../../audit/imports.js';
import { addCommand, type CommandEnv } from '../command.js';

/** Registers the `imports` command group. */
export function registerImports(program: Command, { lang, ctx }: CommandEnv): void {
  const t = IMPORTS_TEXT[lang];
  const group = addCommand(program, { name: 'imports', description: t.group });
  addCommand(group, {
    name: 'list',
    isDefault: true,
    description: t.list,
    options: [['--format <format>', t.format, 'table']],
  }).action((o: { format: string }) => {
    const c = ctx();
    if (o.format !== 'table' && o.format !== 'json')
      throw usageError('oneOf', { option: '--format', choices: 'table, json', value: o.format });
    const db = c.openDb({ mustExist: true });
    let list: ReturnType<typeof listImports>;
    try {
      list = listImports(db);
    } finally {
      db.close();
    }
    if (o.format === 'json') return c.data(`${JSON.stringify(list, null, 2)}\n`);
    if (list.length === 0) return c.data(`${t.none}\n`);
    const table = new Table({
      head: t.cols.map((s) => c.chalk.bold(s)),
      style: { head: [], border: [] },
      colAligns: ['right', 'left', 'left', 'left', 'left', 'right', 'left', 'right'],
    });
    for (const i of list) {
      table.push([
        `#${i.id}`,
        t.kind[i.kind] ?? i.kind,
        i.file,
        i.unit ?? '',
        i.sha256.slice(0, 12),
        i.rows,
        displayLocalDateTime(i.importedAt),
        i.replacedBy === null ? '' : `#${i.replacedBy}`,
      ]);
    }
    c.data(`${table.toString()}\n`);
  });
  addCommand(group, {
    name: 'remove',
    description: t.remove,
    arguments: [['<ids...>', t.ids]],
  }).action((ids: string[]) => {
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
