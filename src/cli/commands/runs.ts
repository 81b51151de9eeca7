/** `runs list [--format table|json] [--config FILE]`: the history of scheduled runs. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { type Db, listRuns, loadAuditConfig, openDb } from '../../audit/context.js';
import type { RunCounts } from '../../run/audit-run.js';
import { displayLocalDateTime, RUN_MSG, usageError } from '../../i18n/index.js';
import { addCommand, type CommandEnv } from '../command.js';
import type { Ctx } from '../context.js';

/** Opens the database of `--config FILE` when given, else the global --db one. */
export function openHistoryDb(c: Ctx, config: string | undefined): Db {
  if (!config) return c.openDb({ mustExist: true });
  return openDb(loadAuditConfig(config).database, { mustExist: true });
}

/** Registers the `runs` command group. */
export function registerRuns(program: Command, { lang, ctx }: CommandEnv): void {
  const h = RUN_MSG[lang].help;
  const runs = addCommand(program, { name: 'runs', description: h.runs });
  addCommand(runs, {
    name: 'list',
    isDefault: true,
    description: h.runsList,
    options: [
      ['--format <format>', h.runsFormat, 'table'],
      ['--config <file>', h.useConfig],
    ],
  }).action((o: { format: string; config?: string }) => {
    const c = ctx();
    if (o.format !== 'table' && o.format !== 'json')
      throw usageError('oneOf', { option: '--format', choices: 'table, json', value: o.format });
    const db = openHistoryDb(c, o.config);
    let list: ReturnType<typeof listRuns>;
    try {
      list = listRuns(db);
    } finally {
      db.close();
    }
    if (o.format === 'json') return c.data(`${JSON.stringify(list, null, 2)}\n`);
    const m = RUN_MSG[c.opts.lang];
    if (list.length === 0) return c.data(`${m.noRuns}\n`);
    const k = m.cols;
    const table = new Table({
      head: [
        k.run,
        k.started,
        k.status,
        k.exit,
        k.files,
        k.failed,
        k.paper,
        k.never,
        k.dq,
        k.findings,
        k.news,
        k.resolved,
      ].map((s) => c.chalk.bold(s)),
      style: { head: [], border: [] },
      colAligns: [
        'right',
        'left',
        'left',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
      ],
    });
    for (const r of list) {
      const n = r.counts as Partial<RunCounts>;
      const num = (v: number | null | undefined) => (v === undefined ? '' : v === null ? '–' : String(v));
      const total = n.findings ? Object.values(n.findings).reduce((a, b) => a + b, 0) : undefined;
      const removed = (r.counts as { importsRemoved?: Array<{ id: number }> }).importsRemoved;
      table.push([
        `#${r.id}`,
        displayLocalDateTime(r.startedAt),
        removed ? m.importsRemoved(removed.map((x) => `#${x.id}`).join(', ')) : (m.status[r.status] ?? r.status),
        r.exitCode ?? '',
        num(n.files ? n.files.imported + n.files.replaced : undefined),
        num(n.files?.failed),
        num(n.report?.paperRecords),
        num(n.report?.neverClosedElectronically),
        num(n.report?.dataQuality),
        num(total),
        num(n.diff?.new),
        num(n.diff?.resolved),
      ]);
    }
    c.data(`${table.toString()}\n`);
  });
}
