/**
 * The inline SVG bar chart of the HTML report: per unit, the electronic closure rate (0–100%,
 * coloured by band) and the count of dossiers never closed electronically. No script, no network.
 */
import { type Lang, rateBand, rateText, reportLabels } from '../../../i18n/index.js';
import type { UnitSummary } from '../../model/types.js';

/** At most this many units are charted (those with the most never-closed dossiers). */
export const CHART_MAX_UNITS = 25;

const BAND_COLOUR = { good: '#2e7d32', fair: '#d39e00', poor: '#c62828' } as const;

/** Escapes text for HTML/SVG content and attribute values. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Shortens a label to `max` characters with an ellipsis. */
function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** The chart as an <svg> element sized by its viewBox (it scales to the page width). */
export function renderChart(units: readonly UnitSummary[], lang: Lang): string {
  const L = reportLabels(lang);
  const shown = units.slice(0, CHART_MAX_UNITS);
  const row = 24;
  const top = 26;
  const labelW = 250;
  const panelW = 330;
  const gap = 50;
  const rateX = labelW;
  const neverX = labelW + panelW + gap;
  const width = neverX + panelW + 40;
  const height = top + shown.length * row + 18;
  const maxNever = Math.max(1, ...shown.map((u) => u.neverClosedElectronically ?? 0));
  const parts: string[] = [];
  parts.push(`<text x="${rateX}" y="16" class="ch-h">${esc(L.chartRate)}</text>`);
  parts.push(`<text x="${neverX}" y="16" class="ch-h">${esc(L.chartNever)}</text>`);
  for (const pct of [0, 0.5, 0.8, 1]) {
    const x = rateX + pct * panelW;
    parts.push(`<line x1="${x}" y1="${top - 2}" x2="${x}" y2="${height - 16}" class="ch-grid"/>`);
    parts.push(`<text x="${x}" y="${height - 4}" class="ch-tick" text-anchor="middle">${pct * 100}%</text>`);
  }
  shown.forEach((u, i) => {
    const y = top + i * row;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 14}" class="ch-label" text-anchor="end">${esc(clip(u.unit, 34))}</text>`,
    );
    const rate = u.electronicClosureRate;
    const band = rateBand(rate);
    if (rate !== null && band) {
      const w = Math.max(1, rate * panelW);
      parts.push(
        `<rect x="${rateX}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${BAND_COLOUR[band]}"/>`,
      );
    }
    parts.push(
      `<text x="${rateX + (rate ?? 0) * panelW + 4}" y="${y + 14}" class="ch-val">${esc(rateText(L, u))}</text>`,
    );
    const nw = ((u.neverClosedElectronically ?? 0) / maxNever) * panelW;
    if (nw > 0)
      parts.push(`<rect x="${neverX}" y="${y + 3}" width="${nw.toFixed(1)}" height="${row - 8}" fill="#6d4c41"/>`);
    parts.push(
      `<text x="${neverX + nw + 4}" y="${y + 14}" class="ch-val">` +
        `${esc(u.neverClosedElectronically === null ? '–' : L.num(u.neverClosedElectronically))}</text>`,
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${esc(L.chartTitle)}" viewBox="0 0 ${width} ${height}" width="100%">` +
    parts.join('') +
    '</svg>'
  );
}
