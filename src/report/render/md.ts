/**
 * Markdown for a memo draft: the headline, the per-unit summary, the timeliness block and the top
 * findings. Every value is escaped so no name or procedure can add markup, links or HTML.
 */
import {
  displayDate,
  rateText,
  reportLabels,
  type ReportLabels,
  sectionFilter,
  unitsWithoutSystemData,
} from '../../i18n/index.js';
import { detailColumns } from './columns.js';
import type { Report, UnitCounters } from '../model/types.js';
import { maskReport } from './privacy.js';
import { indicatorHeadline } from './indicator-headline.js';
import { headerLines, reportTitle, resolveRenderOptions, type RenderOptions } from './render-options.js';
import type { TimelinessCounts } from '../model/timeliness.js';

/** How many findings of each headline category the memo lists. */
export const MD_TOP_FINDINGS = 15;

const MD_COUNTERS: ReadonlyArray<keyof UnitCounters> = [
  'paperRecords',
  'systemRecords',
  'closed',
  'openInSystem',
  'notInSystem',
  'neverClosedElectronically',
  'needsNewerExport',
  'paperOpenSystemClosed',
  'systemOnly',
  'electronicClosureRate',
];
const MD_TIMELINESS: ReadonlyArray<keyof TimelinessCounts> = [
  'systemRecords',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'withdrawnOrRefused',
  'pendingWithinDue',
  'pendingPastDue',
];

/** Escapes a value for a Markdown table cell or inline text: no markup, no HTML, no autolinks. */
export function mdEscape(value: unknown): string {
  return String(value ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/:\/\//g, ':&#47;&#47;')
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}&#46;`)
    .replace(/^([=@#+-])/, '\\$1');
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function counterText(L: ReportLabels, c: UnitCounters, k: keyof UnitCounters): string {
  if (k === 'neverClosedElectronically' && c[k] === null) return '–';
  return k === 'electronicClosureRate' ? mdEscape(rateText(L, c)) : L.num(c[k] as number);
}

/** Renders the memo draft. Personal data masked unless `showPersonalData`. */
export function renderMarkdown(report: Report, options: Partial<RenderOptions> & Pick<RenderOptions, 'lang'>): string {
  const o = resolveRenderOptions(options);
  const r = maskReport(report, o.showPersonalData);
  const L = reportLabels(o.lang);
  const out: string[] = [];
  if (o.agency) out.push(`**${mdEscape(o.agency)}**`, '');
  out.push(`# ${mdEscape(reportTitle(o))}`, '');
  out.push(headerLines(r, o).map(mdEscape).join('  \n'), '');
  const never = r.totals.neverClosedElectronically;
  out.push(
    never === null
      ? L.headlineNoSystem
      : L.headline(
          never,
          mdEscape(L.rate(r.totals.electronicClosureRate)),
          r.units.filter((u) => u.neverClosedElectronically !== null).length,
        ),
    '',
  );
  const without = unitsWithoutSystemData(r.units);
  if (without !== '') out.push(`> ${mdEscape(L.noSystemNote(without))}`, '');
  const gap = indicatorHeadline(r, o.lang);
  if (gap.length) out.push(gap.map(mdEscape).join('  \n'), '');

  out.push(`## ${mdEscape(L.summaryTitle)}`, '');
  out.push(
    table([L.counters.no, L.counters.unit, ...MD_COUNTERS.map((k) => L.counters[k]!)].map(mdEscape), [
      ...r.units.map((u, i) => [String(i + 1), mdEscape(u.unit), ...MD_COUNTERS.map((k) => counterText(L, u, k))]),
      ['', `**${mdEscape(L.counters.total)}**`, ...MD_COUNTERS.map((k) => `**${counterText(L, r.totals, k)}**`)],
    ]),
    '',
    `_${mdEscape(L.head.neverClosedNote)}_`,
    '',
  );

  if (r.timeliness) {
    const t = L.timeliness;
    const label = (k: keyof TimelinessCounts) =>
      k.startsWith('resolved') && k !== 'resolved'
        ? `${t.resolvedGroup}: ${t[k]}`
        : k.startsWith('pending') && k !== 'pending'
          ? `${t.pendingGroup}: ${t[k]}`
          : t[k];
    out.push(`## ${mdEscape(t.title)}`, '');
    out.push(
      table([L.counters.unit, ...MD_TIMELINESS.map(label)].map(mdEscape), [
        ...r.timeliness.units.map((u) => [mdEscape(u.unit), ...MD_TIMELINESS.map((k) => L.num(u[k]))]),
        [`**${mdEscape(L.counters.total)}**`, ...MD_TIMELINESS.map((k) => `**${L.num(r.timeliness!.totals[k])}**`)],
      ]),
      '',
      `_${mdEscape(t.note(displayDate(r.provenance?.systemAsOf)))}_`,
      '',
    );
  }

  out.push(`## ${mdEscape(L.topFindings)}`, '');
  for (const section of ['open_in_system', 'not_in_system'] as const) {
    const findings = r.findings.filter(sectionFilter(section));
    out.push(`### ${mdEscape(L.sheet[section])} (${mdEscape(L.detail.count(findings.length))})`, '');
    if (findings.length === 0) {
      out.push(mdEscape(L.detail.none), '');
      continue;
    }
    // The shape column only where a row shares its dossier or stands for several.
    const shaped = findings.some((f) => f.match?.shape !== undefined && f.match.shape !== 'one');
    const cols = detailColumns(section, o.lang).filter((c) =>
      [
        'no',
        'unit',
        'code',
        'applicant',
        'procedure',
        'received',
        'paperReturned',
        'systemStatus',
        ...(shaped ? ['shape'] : []),
      ].includes(c.key),
    );
    const rows = findings.slice(0, MD_TOP_FINDINGS).map((f, i) =>
      cols.map((c) => {
        const v = c.value(f, i);
        return v === null ? '' : c.kind === 'date' ? displayDate(String(v)) : mdEscape(v);
      }),
    );
    out.push(
      table(
        cols.map((c) => mdEscape(c.header)),
        rows,
      ),
      '',
    );
    if (findings.length > MD_TOP_FINDINGS)
      out.push(`_${mdEscape(L.moreFindings(findings.length - MD_TOP_FINDINGS))}_`, '');
  }
  const others = (['needs_newer_export', 'paper_open_system_closed', 'system_only', 'data_quality'] as const).map(
    (s) => `- ${mdEscape(L.sheet[s])}: ${L.num(r.findings.filter(sectionFilter(s)).length)}`,
  );
  out.push(...others, '');
  if (!o.showPersonalData) out.push(`_${mdEscape(L.head.masked)}_`, '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
