/** `diff [--from RUN] [--to RUN] [--format table|json|xlsx] [--out FILE] [--config FILE]`. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import type ExcelJS from 'exceljs';
import { displayLocalDateTime, RUN_MSG, usageError } from '../../i18n/index.js';
import { addDiffSheet } from '../../run/diff-sheet.js';
import type { RunDiff } from '../../run/diff.js';
import { diffRuns } from '../../run/history.js';
import { addCommand, type CommandEnv } from '../command.js';
import type { Ctx } from '../context.js';
import { openHistoryDb } from './runs.js';

const FORMATS = ['table', 'json', 'xlsx'];

/** Parses a run number ("3" or "#3"). */
export function parseRunId(value: string | undefined, option: string): number | null {
  if (value === undefined) return null;
  const m = /^#?(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) < 1) throw usageError('runNumber', { option, value });
  return Number(m[1]);
}

/** The per-unit table of a diff. */
export function renderDiffTable(diff: RunDiff, c: Ctx): string {
  const m = RUN_MSG[c.opts.lang];
  const k = m.cols;
  const table = new Table({
    head: [k.unit, k.news, k.resolved, k.stillOpen].map((s) => c.chalk.bold(s)),
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right'],
  });
  for (const u of diff.units) table.push([u.unit, u.new, u.resolved, u.stillOpen]);
  table.push(
    [k.total, diff.totals.new, diff.totals.resolved, diff.totals.stillOpen].map((v) => c.chalk.bold(String(v))),
  );
  const title = m.diffTitle(
    diff.from.id,
    displayLocalDateTime(diff.from.startedAt),
    diff.to.id,
    displayLocalDateTime(diff.to.startedAt),
  );
  return `${c.chalk.bold(title)}\n${table.toString()}\n`;
}

/** Registers `diff`. */
export function registerDiff(program: Command, { lang, ctx }: CommandEnv): void {
  const h = RUN_MSG[lang].help;
  addCommand(program, {
    name: 'diff',
    description: h.diff,
    options: [
      ['--from <run>', h.diffFrom],
      ['--to <run>', h.diffTo],
      ['--format <format>', h.diffFormat, 'table'],
      ['--out <file>', h.diffOut],
      ['--config <file>', h.useConfig],
    ],
  }).action(async (o: { from?: string; to?: string; format: string; out?: string; config?: string }) => {
    const c = ctx();
    if (!FORMATS.includes(o.format))
      throw usageError('oneOf', { option: '--format', choices: FORMATS.join(', '), value: o.format });
    if (o.format === 'xlsx' && !o.out) throw usageError('xlsxNeedsOut', { option: '--out' });
    const from = parseRunId(o.from, '--from');
    const to = parseRunId(o.to, '--to');
    const db = openHistoryDb(c, o.config);
    let diff: RunDiff;
    try {
      diff = diffRuns(db, from, to);
    } finally {
      db.close();
    }
    if (o.format === 'xlsx') {
      const { default: excel } = await import('exceljs'); // loaded only when needed
      const wb: ExcelJS.Workbook = new excel.Workbook();
      wb.creator = 'motcua-audit';
      addDiffSheet(wb, diff, c.opts.lang);
      c.writePrivateFile(o.out!, Buffer.from(await wb.xlsx.writeBuffer()));
      c.info(c.msg.wrote(o.out!));
      return;
    }
    const text = o.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffTable(diff, c);
    if (o.out) {
      c.writePrivateFile(o.out, text);
      c.info(c.msg.wrote(o.out));
    } else {
      c.data(text);
    }
  });
}
