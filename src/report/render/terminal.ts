/**
 * The per-unit table printed in the terminal. By default it fits the terminal's width: short
 * one-line headers, a legend below, unit names shortened when needed, and the least important
 * columns left out (said in the legend) when even that is too wide. `wide` gives the full table
 * with every counter under its wrapped long header, whatever its width.
 */
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { COUNTER_LABELS, type Lang, memoLabels, MSG, NO_SYSTEM_DATA, reportLabels } from '../../i18n/index.js';
import type { ReportHead } from '../model/finding-set.js';
import type { UnitCounters } from '../model/types.js';
import { indicatorHeadline } from './indicator-headline.js';

const COLUMNS: Array<keyof UnitCounters> = [
  'paperRecords',
  'systemRecords',
  'closed',
  'openInSystem',
  'notInSystem',
  'needsNewerExport',
  'inProgress',
  'paperOpenSystemClosed',
  'systemOnly',
  'systemOutsideCoverage',
  'neverClosedElectronically',
  'electronicClosureRate',
];

/** The columns in the order they are given up when the terminal is too narrow (last given up first). */
const PRIORITY: Array<keyof UnitCounters> = [
  'neverClosedElectronically',
  'electronicClosureRate',
  'paperRecords',
  'systemRecords',
  'openInSystem',
  'notInSystem',
  'closed',
  'needsNewerExport',
  'paperOpenSystemClosed',
  'inProgress',
  'systemOnly',
  'systemOutsideCoverage',
];

/** Width when the terminal's is unknown (output piped or redirected, no COLUMNS). */
export const DEFAULT_TABLE_WIDTH = 100;

/** Narrowest a unit name is shortened to. */
const MIN_UNIT_WIDTH = 12;

/** How the table is laid out. */
export interface TableOptions {
  /** Characters a line may take (the terminal's width). */
  width: number;
  /** The full table, every column under its long header, whatever its width. */
  wide: boolean;
}

/** Formats a rate 0..1 as a percentage with one decimal, or "–". */
export function formatRate(rate: number | null, lang: Lang): string {
  if (rate === null) return '–';
  const s = (rate * 100).toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

/** The rate cell of a unit without system data. */

/** Columns a text takes in a terminal: escape codes and combining marks take none. */
export function displayWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return Array.from(
    s
      .replace(/\u001b\[[0-9;]*m/g, '')
      .normalize('NFC')
      .replace(/\p{M}/gu, ''),
  ).length;
}

/** The terminal width to fit: COLUMNS when set, else the terminal's, else DEFAULT_TABLE_WIDTH. */
export function tableWidth(env: NodeJS.ProcessEnv, terminalColumns: number | undefined): number {
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS !== undefined && Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return terminalColumns && terminalColumns > 0 ? terminalColumns : DEFAULT_TABLE_WIDTH;
}

/** Words of `text` in lines of at most `width` columns (a longer word stands alone). */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  // Split on plain spaces only: a no-break space keeps a legend entry's words together.
  for (const word of text.split(/ +/).filter((w) => w !== '')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && displayWidth(last) + 1 + displayWidth(word) <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** `s` cut to `width` columns with "…" when longer. */
function shorten(s: string, width: number): string {
  const chars = Array.from(s.normalize('NFC'));
  return chars.length <= width ? s : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

function cellsOf(
  c: UnitCounters,
  columns: ReadonlyArray<keyof UnitCounters>,
  lang: Lang,
  chalk: ChalkInstance,
): string[] {
  return columns.map((k) => {
    if (k === 'electronicClosureRate')
      return c.neverClosedElectronically === null && c.paperRecords > 0
        ? NO_SYSTEM_DATA[lang]
        : formatRate(c.electronicClosureRate, lang);
    if (k === 'neverClosedElectronically' && c[k] === null) return '–';
    const v = c[k] as number;
    return k === 'neverClosedElectronically' && v > 0 ? chalk.red.bold(String(v)) : String(v);
  });
}

function buildTable(
  report: ReportHead,
  lang: Lang,
  chalk: ChalkInstance,
  columns: ReadonlyArray<keyof UnitCounters>,
  heads: string[],
  unitWidth: number,
): string {
  const labels = COUNTER_LABELS[lang];
  const table = new Table({
    head: [labels.unit!, ...heads].map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  });
  for (const u of report.units) table.push([shorten(u.unit, unitWidth), ...cellsOf(u, columns, lang, chalk)]);
  table.push([chalk.bold(labels.total!), ...cellsOf(report.totals, columns, lang, chalk).map((s) => chalk.bold(s))]);
  return table.toString();
}

function widest(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** Renders the report's unit table (with a total row) as text; fitted to `options.width` unless `options.wide`. */
export function renderTable(
  report: ReportHead,
  lang: Lang,
  chalk: ChalkInstance,
  options: TableOptions = { width: DEFAULT_TABLE_WIDTH, wide: true },
): string {
  const scope = [
    report.filters.unit,
    report.filters.from && `≥ ${report.filters.from}`,
    report.filters.to && `≤ ${report.filters.to}`,
  ]
    .filter(Boolean)
    .join(', ');
  const titleText = MSG[lang].reportTitle + (scope ? ` (${scope})` : '');
  if (options.wide) {
    const title = chalk.bold(MSG[lang].reportTitle) + (scope ? ` (${scope})` : '');
    if (report.units.length === 0) return `${title}\n${MSG[lang].noData}\n`;
    const labels = COUNTER_LABELS[lang];
    // Narrow columns: wrap each header into lines of about 9 characters.
    const heads = COLUMNS.map((c) => wrapText(labels[c]!, 9).join('\n'));
    const gapWide = indicatorHeadline(report, lang);
    return (
      `${title}\n${buildTable(report, lang, chalk, COLUMNS, heads, Infinity)}\n` +
      (gapWide.length ? `${gapWide.join('\n')}\n` : '')
    );
  }
  const width = Math.max(40, options.width);
  const title = wrapText(titleText, width)
    .map((l) => chalk.bold(l))
    .join('\n');
  if (report.units.length === 0) return `${title}\n${MSG[lang].noData}\n`;
  const T = memoLabels(lang).terminal;
  const longest = Math.max(displayWidth(COUNTER_LABELS[lang].total!), ...report.units.map((u) => displayWidth(u.unit)));
  let shown = COLUMNS.slice();
  let unitWidth = Math.min(longest, 30);
  // Steps tried in order until the table fits: give up the least important columns down to the
  // six that matter most, shorten unit names to 18, give up more columns, shorten names to 12.
  const steps: Array<{ keep: number; names: number }> = [
    { keep: 6, names: 30 },
    { keep: 6, names: 18 },
    { keep: 2, names: 18 },
    { keep: 2, names: MIN_UNIT_WIDTH },
  ];
  let table = buildTable(
    report,
    lang,
    chalk,
    shown,
    shown.map((k) => T.head[k]),
    unitWidth,
  );
  for (const step of steps) {
    for (;;) {
      const over = widest(table) - width;
      if (over <= 0) break;
      if (unitWidth > step.names && unitWidth > MIN_UNIT_WIDTH)
        unitWidth = Math.max(step.names, MIN_UNIT_WIDTH, unitWidth - over);
      else if (shown.length > step.keep) {
        const drop = [...PRIORITY].reverse().find((k) => shown.includes(k))!;
        shown = shown.filter((k) => k !== drop);
      } else break;
      table = buildTable(
        report,
        lang,
        chalk,
        shown,
        shown.map((k) => T.head[k]),
        unitWidth,
      );
    }
  }
  const full = reportLabels(lang).counters;
  const legend = wrapText(
    `${T.legendTitle} ` +
      `${shown.map((k) => `${T.head[k]}\u00a0=\u00a0${full[k]!.toLowerCase()}`.replace(/ /g, '\u00a0')).join('; ')}` +
      `.`,
    width,
  );
  const hidden = COLUMNS.length - shown.length;
  if (hidden > 0) legend.push(...wrapText(T.hidden(hidden), width));
  const gap = indicatorHeadline(report, lang).flatMap((l) => wrapText(l, width));
  return `${title}\n${table}\n${legend.join('\n')}\n${gap.length ? `${gap.join('\n')}\n` : ''}`;
}
