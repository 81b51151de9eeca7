/**
 * The HTML report's "system and reality" section: per unit, a pair of bars (closure rate as the
 * system shows it, and as the registers show it), then the table of both views and the gap.
 * Inline SVG and the page's own CSS: no script, nothing fetched.
 */
import { GAP_FIELDS, indicatorLabels, type Lang, reportLabels, VIEW_FIELDS } from '../../../i18n/index.js';
import { esc } from './html-chart.js';
import type { IndicatorGap, IndicatorView, TotalIndicators, UnitIndicators } from '../../model/indicators.js';
import type { ReportHead } from '../../model/finding-set.js';
import { indicatorOrder } from '../xlsx/xlsx-indicators.js';

/** At most this many units get a pair of bars (the largest gaps first). */
export const PAIR_CHART_MAX_UNITS = 40;

const SYSTEM_FILL = '#90a4ae';
const REGISTERS_FILL = '#2e7d32';

/**
 * The paired bar chart: for each unit, the system's closure rate above the registers'. Units that cannot be compared
 * show their reason.
 */
export function renderPairChart(
  units: ReadonlyArray<{ unit: string; indicators?: UnitIndicators }>,
  lang: Lang,
): string {
  const I = indicatorLabels(lang);
  const shown = units.slice(0, PAIR_CHART_MAX_UNITS);
  const labelW = 250;
  const panelW = 520;
  const bar = 11;
  const row = 2 * bar + 12;
  const top = 34;
  const width = labelW + panelW + 70;
  const height = top + shown.length * row + 18;
  const parts: string[] = [];
  parts.push(
    `<rect x="${labelW}" y="6" width="12" height="10" fill="${SYSTEM_FILL}"/><text x="${labelW + 16}" y="15" ` +
      `class="ch-val">${esc(I.system)}</text>`,
  );
  parts.push(
    `<rect x="${labelW + 200}" y="6" width="12" height="10" fill="${REGISTERS_FILL}"/><text ` +
      `x="${labelW + 216}" y="15" class="ch-val">${esc(I.registers)}</text>`,
  );
  for (const pct of [0, 0.25, 0.5, 0.75, 1]) {
    const x = labelW + pct * panelW;
    parts.push(`<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${height - 16}" class="ch-grid"/>`);
    parts.push(`<text x="${x}" y="${height - 4}" class="ch-tick" text-anchor="middle">${pct * 100}%</text>`);
  }
  shown.forEach((u, i) => {
    const y = top + i * row;
    const name = Array.from(u.unit).length > 36 ? `${Array.from(u.unit).slice(0, 35).join('')}…` : u.unit;
    parts.push(`<text x="${labelW - 8}" y="${y + bar + 5}" class="ch-label" text-anchor="end">${esc(name)}</text>`);
    const ind = u.indicators;
    const pair: Array<[number | null | undefined, string]> = [
      [ind?.system?.closureRate, SYSTEM_FILL],
      [ind?.registers?.closureRate, REGISTERS_FILL],
    ];
    pair.forEach(([rate, fill], j) => {
      const by = y + j * (bar + 1);
      if (rate === null || rate === undefined) {
        const why = ind ? I.comparison[j === 0 ? 'no_system_data' : 'no_register'] : '–';
        parts.push(`<text x="${labelW + 4}" y="${by + bar - 2}" class="ch-tick">${esc(why)}</text>`);
        return;
      }
      const w = Math.max(1, rate * panelW);
      parts.push(`<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${bar}" fill="${fill}"/>`);
      parts.push(
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${by + bar - 2}" class="ch-tick">${esc(I.pct(rate, lang))}</text>`,
      );
    });
  });
  return (
    `<svg class="chart" role="img" aria-label="${esc(I.chartTitle)}" viewBox="0 0 ${width} ${height}" ` +
    `width="100%">${parts.join('')}</svg>`
  );
}

/** A number, a rate or points as the page shows them ("–" for null). */
function shown(v: number | null | undefined, kind: 'count' | 'rate' | 'points', lang: Lang): string {
  if (v === null || v === undefined) return '–';
  const I = indicatorLabels(lang);
  if (kind === 'rate') return I.pct(v, lang);
  if (kind === 'points') return I.pts(v, lang);
  return reportLabels(lang).num(v);
}

/** The whole section: heading, chart, table, notes. Empty for a report without indicators. */
export function indicatorSection(r: ReportHead, lang: Lang, asOf: string): string {
  const totals: TotalIndicators | undefined = r.totals.indicators;
  if (!totals || r.units.length === 0) return '';
  const I = indicatorLabels(lang);
  const L = reportLabels(lang);
  const ordered = indicatorOrder(r.units);
  const viewKind = (f: (typeof VIEW_FIELDS)[number]) => (f === 'onTimeRate' || f === 'closureRate' ? 'rate' : 'count');
  const gapKind = (f: (typeof GAP_FIELDS)[number]) =>
    f === 'onTimeRatePoints' || f === 'closureRatePoints' ? 'points' : 'count';
  const viewCells = (v: IndicatorView | null, why: string) =>
    v
      ? VIEW_FIELDS.map((f) => `<td class="num">${esc(shown(v[f], viewKind(f), lang))}</td>`).join('')
      : `<td colspan="${VIEW_FIELDS.length}" class="none">${esc(why || '–')}</td>`;
  const gapCells = (g: IndicatorGap | null) =>
    GAP_FIELDS.map((f) => `<td class="num">${esc(shown(g ? g[f] : null, gapKind(f), lang))}</td>`).join('');
  // Two tables (both views; the gap and the ranks): one table of 23 columns is wider than the page in English.
  const unitHead =
    `<th rowspan="2" class="no">${esc(L.counters.no)}</th><th rowspan="2" ` +
    `style="min-width:30mm">${esc(L.counters.unit)}</th>`;
  const viewsHead =
    `<tr>${unitHead}<th colspan="${VIEW_FIELDS.length}">${esc(I.system)}</th><th ` +
    `colspan="${VIEW_FIELDS.length}">${esc(I.registers)}</th></tr><tr>` +
    `${[...VIEW_FIELDS, ...VIEW_FIELDS].map((f) => `<th>${esc(I.field[f])}</th>`).join('')}</tr>`;
  const gapHead =
    `<tr>${unitHead}<th colspan="${GAP_FIELDS.length}">${esc(I.gap)}</th><th ` +
    `colspan="3">${esc(I.rank)}</th></tr><tr>${GAP_FIELDS.map((f) => `<th>${esc(I.field[f])}</th>`).join('')}<th>` +
    `${esc(I.rankCol.system)}</th><th>${esc(I.rankCol.registers)}</th><th>${esc(I.rankCol.change)}</th></tr>`;
  const viewRows: string[] = [];
  const gapRows: string[] = [];
  ordered.forEach((u, i) => {
    const ind = u.indicators!;
    const why = I.comparison[ind.comparison];
    const change = ind.rank.change === null ? '–' : `${ind.rank.change > 0 ? '+' : ''}${ind.rank.change}`;
    const lead = `<td class="num">${i + 1}</td><td>${esc(u.unit)}</td>`;
    viewRows.push(`<tr>${lead}${viewCells(ind.system, why)}${viewCells(ind.registers, why)}</tr>`);
    gapRows.push(
      `<tr>${lead}` +
        `${ind.gap ? gapCells(ind.gap) : `<td colspan="${GAP_FIELDS.length}" class="none">${esc(why || '–')}</td>`}` +
        `<td class="num">${esc(shown(ind.rank.system, 'count', lang))}</td><td ` +
        `class="num">${esc(shown(ind.rank.registers, 'count', lang))}</td><td ` +
        `class="num">${esc(change)}</td></tr>`,
    );
  });
  const totalLead = `<td></td><td>${esc(L.counters.total)}</td>`;
  viewRows.push(
    `<tr class="total">${totalLead}${viewCells(totals.system, I.none)}${viewCells(totals.registers, I.none)}</tr>`,
  );
  gapRows.push(`<tr class="total">${totalLead}${gapCells(totals.gap)}<td></td><td></td><td></td></tr>`);
  const notes = [...I.notes(asOf), ...(totals.unitsNotCompared > 0 ? [I.notCompared(totals.unitsNotCompared)] : [])];
  const more =
    ordered.length > PAIR_CHART_MAX_UNITS
      ? `<p class="note">${esc(`${PAIR_CHART_MAX_UNITS} / ${ordered.length}`)}</p>`
      : '';
  return `<section class="indicators">
<h2>${esc(I.title)}</h2>
<div class="chart-box"><h3>${esc(I.chartTitle)}</h3>
${renderPairChart(ordered, lang)}
${more}</div><table class="grid"><thead>${viewsHead}</thead><tbody>${viewRows.join('')}</tbody></table>
<table class="grid"><thead>${gapHead}</thead><tbody>${gapRows.join('')}</tbody></table>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}
</section>`;
}
