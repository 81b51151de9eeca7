/**
 * The printable HTML report: one self-contained file (inline CSS and SVG, no script, a CSP that
 * forbids any fetch) laid out for A4 landscape: heading, summary table, chart, timeliness block,
 * signatures, detail tables and provenance. Every value is escaped; personal data masked by default.
 */
import {
  displayDate,
  displayDateTime,
  memoLabels,
  rateBand,
  rateText,
  reportLabels,
  type ReportLabels,
  type Section,
  SECTIONS,
  sourceUnitsText,
  SUMMARY_COUNTERS,
  TIE_OUT_COLUMNS,
  TIMELINESS_COLUMNS,
} from '../../../i18n/index.js';
import { type DetailColumn, detailColumns } from '../columns.js';
import { CHART_MAX_UNITS, esc, renderChart } from './html-chart.js';
import { type AnyReport, findingsOf, type ReportHead } from '../../model/finding-set.js';
import type { Finding, UnitCounters } from '../../model/types.js';
import { maskFinding } from '../privacy.js';
import { headerLines, type RenderOptions, reportTitle, resolveRenderOptions } from '../render-options.js';
import { HTML_CSS } from './html-style.js';
import { indicatorSection } from './html-indicators.js';

/**
 * Renders the whole report as one HTML document: the summary and the chart first, then the
 * findings of each section grouped by unit with their counts. Above `htmlMaxFindings` findings the
 * page gives the counts by unit and points to the workbook for the lists (a page of 100,000 rows
 * is no use to anyone): the findings are then never read, so a streamed report stays streamed.
 */
export function renderHtml(report: AnyReport, options: Partial<RenderOptions> & Pick<RenderOptions, 'lang'>): string {
  const o = resolveRenderOptions(options);
  const r = report;
  const L = reportLabels(o.lang);
  const body = [
    heading(r, o, L),
    summary(r, o, L),
    chart(r, o, L),
    indicatorSection(r, o.lang, displayDate(r.provenance?.systemAsOf)),
    timeliness(r, L),
    signatures(r, o, L),
    details(r, o, L),
    sources(r, o, L),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="motcua-audit ${esc(o.toolVersion)}">
<title>${esc(reportTitle(o))}</title>
<style>${HTML_CSS(o.lang)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const num = (L: ReportLabels, n: number) => esc(L.num(n));

function heading(r: ReportHead, o: RenderOptions, L: ReportLabels): string {
  return `<header class="heading">
<div class="agency">${esc(o.agency ?? '')}</div>
<div class="nation">${esc(L.head.nation)}<br><span class="motto">${esc(L.head.motto)}</span></div>
</header>
<h1>${esc(reportTitle(o))}</h1>
<p class="meta">${headerLines(r, o).map(esc).join('<br>')}</p>`;
}

function counterCell(L: ReportLabels, c: UnitCounters, k: keyof UnitCounters): string {
  if (k === 'electronicClosureRate') {
    const band = rateBand(c.electronicClosureRate);
    return `<td class="num rate${band ? ` ${band}` : ''}">${esc(rateText(L, c))}</td>`;
  }
  if (k === 'neverClosedElectronically' && c[k] === null) return '<td class="num">–</td>';
  const v = c[k] as number;
  return `<td class="num${k === 'neverClosedElectronically' && v > 0 ? ' alert' : ''}">${num(L, v)}</td>`;
}

function summary(r: ReportHead, o: RenderOptions, L: ReportLabels): string {
  const head =
    `<tr><th class="no">${esc(L.counters.no)}</th><th>${esc(L.counters.unit)}</th>` +
    `${SUMMARY_COUNTERS.map((k) => `<th>${esc(L.counters[k])}</th>`).join('')}</tr>`;
  const numbers =
    `<tr class="colno">` +
    `${Array.from({ length: SUMMARY_COUNTERS.length + 2 }, (_, i) => `<th>(${i + 1})</th>`).join('')}</tr>`;
  const rows = r.units.map(
    (u, i) =>
      `<tr><td class="num">${i + 1}</td><td>${esc(u.unit)}</td>` +
      `${SUMMARY_COUNTERS.map((k) => counterCell(L, u, k)).join('')}</tr>`,
  );
  const total =
    `<tr class="total"><td></td><td>${esc(L.counters.total)}</td>` +
    `${SUMMARY_COUNTERS.map((k) => counterCell(L, r.totals, k)).join('')}</tr>`;
  const notes = [L.head.neverClosedNote, L.head.rateLegend, ...(o.showPersonalData ? [] : [L.head.masked])];
  return `<section class="summary">
<h2>${esc(L.summaryTitle)}</h2>
<table class="grid summary-table"><thead>${head}${numbers}</thead><tbody>${rows.join('')}${total}</tbody></table>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}
</section>`;
}

function chart(r: ReportHead, o: RenderOptions, L: ReportLabels): string {
  if (r.units.length === 0) return '';
  const more =
    r.units.length > CHART_MAX_UNITS ? `<p class="note">${esc(`${CHART_MAX_UNITS} / ${r.units.length}`)}</p>` : '';
  return `<section class="chart-box">
<h2>${esc(L.chartTitle)}</h2>
${renderChart(r.units, o.lang)}
${more}</section>`;
}

function timeliness(r: ReportHead, L: ReportLabels): string {
  if (!r.timeliness) return '';
  const t = L.timeliness;
  const single = (k: (typeof TIMELINESS_COLUMNS)[number]) => `<th rowspan="2">${esc(t[k])}</th>`;
  const group =
    `<tr><th rowspan="2" class="no">${esc(L.counters.no)}</th><th ` +
    `rowspan="2">${esc(L.counters.unit)}</th>${single('systemRecords')}<th ` +
    `colspan="5">${esc(t.resolvedGroup)}</th>${single('withdrawnOrRefused')}<th ` +
    `colspan="4">${esc(t.pendingGroup)}</th></tr>`;
  const sub = `<tr>${TIMELINESS_COLUMNS.filter((k) => k !== 'systemRecords' && k !== 'withdrawnOrRefused')
    .map((k) => `<th>${esc(t[k])}</th>`)
    .join('')}</tr>`;
  const alert = (k: string, c: Record<string, number>) =>
    (k === 'resolvedLate' || k === 'pendingPastDue') && c[k]! > 0 ? ' alert' : '';
  const cells = (c: Record<string, number>) =>
    TIMELINESS_COLUMNS.map((k) => `<td class="num${alert(k, c)}">${num(L, c[k]!)}</td>`).join('');
  const line = (no: string, name: string, c: Record<string, number>, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><td class="num">${no}</td><td>${esc(name)}</td>${cells(c)}</tr>`;
  const rows = r.timeliness.units.map((u, i) => line(String(i + 1), u.unit, u as unknown as Record<string, number>));
  return `<section class="timeliness">
<h2>${esc(t.title)}</h2>
<table class="grid"><thead>${group}${sub}</thead><tbody>${rows.join('')}${line('', L.counters.total, r.timeliness.totals as unknown as Record<string, number>, 'total')}</tbody></table>
<p class="note">${esc(t.note(displayDate(r.provenance?.systemAsOf)))}</p>
</section>`;
}

function signatures(r: ReportHead, o: RenderOptions, L: ReportLabels): string {
  const vn = new Date(new Date(r.generatedAt).getTime() + 7 * 3600_000);
  const date = L.sign.place(L.sign.date(vn.getUTCDate(), vn.getUTCMonth() + 1, vn.getUTCFullYear()));
  const box = (role: string, hint: string, name: string | null, extra = '') =>
    `<div class="sign">${extra}<div class="role">${esc(role)}</div><div class="hint">${esc(hint)}</div><div ` +
    `class="name">${esc(name ?? '……………………………')}</div></div>`;
  return `<section class="signatures">
${box(L.sign.prepared, L.sign.preparedHint, o.preparedBy, '<div class="date">&nbsp;</div>')}
${box(L.sign.head, L.sign.headHint, o.headOfUnit, `<div class="date">${esc(date)}</div>`)}
</section>`;
}

function cell(c: DetailColumn, f: Finding, i: number, L: ReportLabels): string {
  const v = c.value(f, i);
  if (v === null || v === undefined) return '<td></td>';
  if (c.kind === 'date') return `<td class="date">${esc(displayDate(String(v)))}</td>`;
  if (c.kind === 'score')
    return `<td class="num">${esc(typeof v === 'number' ? L.num(Math.round(v * 100) / 100) : v)}</td>`;
  return `<td class="c-${c.key}${c.kind === 'int' ? ' num' : ''}">${esc(v)}</td>`;
}

/**
 * A finding's cells: the memo columns but the unit (its rows are grouped under it) and the finding id (for `explain`);
 * the workbook has the rest.
 */
function htmlColumns(section: Section, lang: RenderOptions['lang']): DetailColumn[] {
  return detailColumns(section, lang).filter((c) => (c.print && c.key !== 'unit') || c.key === 'id');
}

/** Counters of a unit line holding each section's count (review has none: it is a subset of not_in_system). */
const SECTION_COUNTER: Partial<Record<Section, keyof UnitCounters>> = {
  open_in_system: 'openInSystem',
  not_in_system: 'notInSystem',
  needs_newer_export: 'needsNewerExport',
  paper_open_system_closed: 'paperOpenSystemClosed',
  system_only: 'systemOnly',
  data_quality: 'dataQuality',
};

/** Over the size limit: the count of each section by unit, and where the full lists are. */
function countsOnly(r: ReportHead, o: RenderOptions, L: ReportLabels, total: number): string {
  const H = memoLabels(o.lang).html;
  const sections = SECTIONS.filter((s) => SECTION_COUNTER[s]);
  const head =
    `<tr><th class="no">${esc(L.counters.no)}</th><th>${esc(H.unitCol)}</th>` +
    `${sections.map((s) => `<th>${esc(L.sheet[s])}</th>`).join('')}</tr>`;
  const line = (no: string, name: string, c: UnitCounters, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><td class="num">${no}</td><td>${esc(name)}</td>` +
    `${sections.map((s) => `<td class="num">${num(L, c[SECTION_COUNTER[s]!] as number)}</td>`).join('')}</tr>`;
  return `<section class="detail-section counts-only" id="findings">
<h2>${esc(H.countsTitle)}</h2>
<p class="too-many">${esc(H.tooMany(L.num(total), L.num(o.htmlMaxFindings)))}</p>
<table class="grid"><thead>${head}</thead><tbody>${r.units.map((u, i) => line(String(i + 1), u.unit, u)).join('')}${line('', L.counters.total, r.totals, 'total')}</tbody></table>
</section>`;
}

function details(r: AnyReport, o: RenderOptions, L: ReportLabels): string {
  const set = findingsOf(r);
  const total = set.count();
  if (total > o.htmlMaxFindings) return countsOnly(r, o, L, total);
  const H = memoLabels(o.lang).html;
  const out: string[] = [];
  for (const section of SECTIONS) {
    const count = set.count(section);
    if (section === 'review' && count === 0) continue;
    const cols = htmlColumns(section, o.lang);
    const head = `<tr>${cols.map((c) => `<th class="c-${c.key}">${esc(c.header)}</th>`).join('')}</tr>`;
    // Findings come unit by unit (report order): each unit's rows under a line with its count.
    const groups: Array<{ unit: string; rows: string[] }> = [];
    let i = 0;
    for (const finding of set.iterate(section)) {
      const f = o.showPersonalData ? finding : maskFinding(finding);
      let g = groups[groups.length - 1];
      if (!g || g.unit !== f.unit) groups.push((g = { unit: f.unit, rows: [] }));
      g.rows.push(`<tr>${cols.map((c) => cell(c, f, i, L)).join('')}</tr>`);
      i++;
    }
    const body = groups
      .map(
        (g) =>
          `<tr class="group"><th ` +
          `colspan="${cols.length}">${esc(H.byUnit(g.unit, L.num(g.rows.length)))}</th></tr>${g.rows.join('')}`,
      )
      .join('');
    const table = count
      ? `<table class="grid detail"><thead>${head}</thead><tbody>${body}</tbody></table>`
      : `<p class="none">${esc(L.detail.none)}</p>`;
    out.push(`<section class="detail-section" id="${section}">
<h2>${esc(L.sheet[section])} — ${esc(L.detail.count(count))}</h2>
<p class="note">${esc(L.sectionNote[section])}</p>
${table}
</section>`);
  }
  return out.join('\n');
}

function sources(r: ReportHead, o: RenderOptions, L: ReportLabels): string {
  const P = L.prov;
  const p = r.provenance;
  const info: Array<[string, string]> = [
    [P.tool, `motcua-audit ${o.toolVersion}`.trim()],
    [P.generated, displayDateTime(r.generatedAt)],
    [P.options, o.optionsUsed.join(' ') || '—'],
    [P.masked, o.showPersonalData ? P.no : P.yes],
    [P.asOf, displayDate(p?.systemAsOf) || '—'],
    [P.matchedAt, p?.matchedAt ? displayDateTime(p.matchedAt) : '—'],
  ];
  const infoTable =
    `<table class="grid info"><tbody>` +
    `${info.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
  if (!p) return `<section class="sources"><h2>${esc(P.title)}</h2>${infoTable}</section>`;
  const tieHead =
    `<tr><th class="no">${esc(L.counters.no)}</th><th>${esc(L.counters.unit)}</th>` +
    `${TIE_OUT_COLUMNS.map((k) => `<th>${esc(P[k])}</th>`).join('')}</tr>`;
  const tieLine = (no: string, name: string, c: Record<string, number>, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><td class="num">${no}</td><td>${esc(name)}</td>` +
    `${TIE_OUT_COLUMNS.map((k) => `<td class="num">${num(L, c[k]!)}</td>`).join('')}</tr>`;
  const tieRows = p.tieOut.units.map((u, i) => tieLine(String(i + 1), u.unit, u as unknown as Record<string, number>));
  const fileHead =
    `<tr><th class="no">${esc(L.counters.no)}</th><th>${esc(P.file)}</th><th>${esc(P.kind)}</th><th>` +
    `${esc(P.unit)}</th><th>${esc(P.rowsRead)}</th><th>${esc(P.rowsImported)}</th><th>${esc(P.rowsSkipped)}</th><` +
    `th>${esc(P.coverage)}</th><th>${esc(P.asOfCol)}</th><th>${esc(P.importedAt)}</th><th>${esc(P.sha)}</th></tr>`;
  const month = (m: string | null) => (m ? m.split('-').reverse().join('/') : '');
  const fileRows = p.sources.map(
    (s, i) =>
      `<tr><td class="num">${i + 1}</td><td ` +
      `class="path">${esc(s.file)}</td><td>${esc(L.source[s.kind])}</td><td>${esc(sourceUnitsText(s, o.lang))}<` +
      `/td><td class="num">${num(L, s.rowsRead)}</td><td class="num">${num(L, s.rowsImported)}</td><td ` +
      `class="num">${num(L, s.rowsSkipped)}</td><td>` +
      `${esc(s.coverageFrom ? `${month(s.coverageFrom)} – ${month(s.coverageTo)}` : '—')}</td><td class="date">` +
      `${esc(displayDate(s.asOf) || '—')}</td><td>${esc(displayDateTime(s.importedAt))}</td><td ` +
      `class="sha">${esc(s.sha256)}</td></tr>`,
  );
  return `<section class="sources">
<h2>${esc(P.title)}</h2>
${infoTable}
<h3>${esc(P.tieOut)}</h3>
<table class="grid"><thead>${tieHead}</thead><tbody>${tieRows.join('')}${tieLine('', L.counters.total, p.tieOut.totals as unknown as Record<string, number>, 'total')}</tbody></table>
<h3>${esc(P.files)}</h3>
<table class="grid files"><thead>${fileHead}</thead><tbody>${fileRows.join('')}</tbody></table>
</section>`;
}
