/** The per-unit table printed in the terminal. */
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { COUNTER_LABELS, MSG, type Lang } from '../i18n.js';
import type { ReportHead } from './finding-set.js';
import type { UnitCounters } from './model.js';
import { indicatorHeadline } from './indicator-headline.js';

const COLUMNS: Array<keyof UnitCounters> = [
  'paperRecords', 'systemRecords', 'closed', 'openInSystem', 'notInSystem', 'needsNewerExport', 'inProgress',
  'paperOpenSystemClosed', 'systemOnly', 'systemOutsideCoverage', 'neverClosedElectronically', 'electronicClosureRate',
];

/** Formats a rate 0..1 as a percentage with one decimal, or "–". */
export function formatRate(rate: number | null, lang: Lang): string {
  if (rate === null) return '–';
  const s = (rate * 100).toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

/** Renders the report's unit table (with a total row) as text. */
export function renderTable(report: ReportHead, lang: Lang, chalk: ChalkInstance): string {
  const labels = COUNTER_LABELS[lang];
  // Narrow columns: wrap each header into lines of about 9 characters.
  const wrap = (s: string) =>
    s.split(' ').reduce<string[]>((lines, w) => {
      const last = lines[lines.length - 1];
      if (last !== undefined && last.length + 1 + w.length <= 9) lines[lines.length - 1] = `${last} ${w}`;
      else lines.push(w);
      return lines;
    }, []).join('\n');
  const table = new Table({
    head: [labels.unit!, ...COLUMNS.map((c) => wrap(labels[c]!))].map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', ...COLUMNS.map(() => 'right' as const)],
  });
  const cells = (c: UnitCounters) =>
    COLUMNS.map((k) => {
      if (k === 'electronicClosureRate') return formatRate(c.electronicClosureRate, lang);
      const v = c[k] as number;
      return k === 'neverClosedElectronically' && v > 0 ? chalk.red.bold(String(v)) : String(v);
    });
  for (const u of report.units) table.push([u.unit, ...cells(u)]);
  table.push([chalk.bold(labels.total!), ...cells(report.totals).map((s) => chalk.bold(s))]);
  const scope = [report.filters.unit, report.filters.from && `≥ ${report.filters.from}`, report.filters.to && `≤ ${report.filters.to}`].filter(Boolean).join(', ');
  const title = chalk.bold(MSG[lang].reportTitle) + (scope ? ` (${scope})` : '');
  if (report.units.length === 0) return `${title}\n${MSG[lang].noData}\n`;
  const gap = indicatorHeadline(report, lang);
  return `${title}\n${table.toString()}\n${gap.length ? `${gap.join('\n')}\n` : ''}`;
}
