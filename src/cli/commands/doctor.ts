/** `doctor [--format table|json]`: checks the database in one screen; exit 0 healthy, 1 problems. */
import type { Command } from 'commander';
import { DOCTOR_TEXT, type Lang, usageError } from '../../i18n/index.js';
import { type CheckStatus, type DoctorCheck, type DoctorReport, formatBytes, runDoctor } from '../../audit/doctor.js';
import { addCommand, type CommandEnv } from '../command.js';
import { EXIT } from '../exit-codes.js';

const MARK: Record<CheckStatus, string> = { ok: '✔', warn: '!', fail: '✘' };

/** The one-screen rendering of a doctor report. */
export function renderDoctor(
  r: DoctorReport,
  lang: Lang,
  paint: (s: CheckStatus, text: string) => string = (_s, t) => t,
): string {
  const t = DOCTOR_TEXT[lang];
  const lines = [t.title(r.file, formatBytes(r.sizeBytes))];
  if (r.counts) lines.push(`  ${t.counts(r.counts)}`);
  for (const c of r.checks as DoctorCheck[]) {
    lines.push(paint(c.status, `${MARK[c.status]} ${t.checks[c.id](c.status, c.params, formatBytes)}`));
    for (const item of c.items) lines.push(`    ${item}`);
  }
  const verdict = !r.healthy ? t.problems : r.checks.some((c) => c.status === 'warn') ? t.warnings : t.healthy;
  lines.push(verdict);
  return `${lines.join('\n')}\n`;
}

/** Registers `doctor`. */
export function registerDoctor(program: Command, { lang, ctx, setExit }: CommandEnv): void {
  const t = DOCTOR_TEXT[lang];
  addCommand(program, {
    name: 'doctor',
    description: t.help,
    options: [['--format <format>', t.format, 'table']],
  }).action((o: { format: string }) => {
    const c = ctx();
    if (o.format !== 'table' && o.format !== 'json')
      throw usageError('oneOf', { option: '--format', choices: 'table, json', value: o.format });
    const report = runDoctor(c.opts.db);
    if (o.format === 'json') c.data(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const paint = (s: CheckStatus, text: string) =>
        s === 'fail' ? c.chalk.red(text) : s === 'warn' ? c.chalk.yellow(text) : text;
      c.data(renderDoctor(report, c.opts.lang, paint));
    }
    if (!report.healthy) setExit(EXIT.FINDINGS);
  });
}
