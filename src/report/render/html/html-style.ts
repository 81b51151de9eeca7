/**
 * The HTML report's stylesheet: screen and A4-landscape print, page numbers in the page margin,
 * table headers repeated on every page, no printed text below 8 pt, dossier codes, finding ids and
 * dates never broken inside (the other columns wrap, so no table is wider than the page).
 */
import { type Lang, PAGE_WORD } from '../../../i18n/index.js';

/** The CSS, with the page-number words in `lang`. */
export function HTML_CSS(lang: Lang): string {
  const page = `${PAGE_WORD[lang]} `;
  return `
@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm;
  @bottom-center { content: "${page}" counter(page) " / " counter(pages); font: 9pt Arial, "Liberation Sans", "DejaVu Sans", sans-serif; color: #444; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 277mm; padding: 6mm 0; }
h1 { font-size: 15pt; text-align: center; margin: 10pt 0 4pt; text-transform: none; }
h2 { font-size: 11.5pt; margin: 14pt 0 5pt; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid; }
.heading { display: flex; justify-content: space-between; gap: 12mm; font-weight: bold; font-size: 10.5pt; }
.heading .agency { flex: 1; text-align: center; max-width: 45%; }
.heading .nation { flex: 1; text-align: center; max-width: 50%; }
.heading .motto { text-decoration: underline; }
.meta { text-align: center; font-style: italic; margin: 2pt 0 8pt; line-height: 1.45; }
.note { font-size: 9pt; font-style: italic; margin: 3pt 0; color: #333; }
.none { font-style: italic; color: #555; }
table.grid { width: 100%; border-collapse: collapse; font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8.5pt; }
table.grid th, table.grid td { border: 0.6pt solid #888; padding: 2pt 3pt; vertical-align: top; overflow-wrap: break-word; word-break: normal; }
table.grid td.path, table.grid td.sha, table.grid td.c-file { overflow-wrap: anywhere; }
table.grid th { background: #ddebf7; font-weight: bold; text-align: center; vertical-align: middle; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; }
table.grid .colno th { font-weight: normal; font-style: italic; font-size: 8pt; }
td.num { text-align: right; white-space: nowrap; }
th.no { white-space: nowrap; }
td.date { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f3f3f3; }
td.alert { color: #c00000; font-weight: bold; }
td.rate.good { background: #c6efce; color: #006100; }
td.rate.fair { background: #ffeb9c; color: #9c5700; }
td.rate.poor { background: #ffc7ce; color: #9c0006; }
.summary-table td:nth-child(2) { min-width: 34mm; }
table.detail { font-size: 8.5pt; }
table.detail td.c-code, table.detail td.c-id, table.detail td.date, td.code { white-space: nowrap; }
table.detail tr.group th { text-align: left; background: #f3f3f3; font-size: 9pt; }
.too-many { font-weight: bold; margin: 4pt 0 8pt; }
td.path { font-size: 8pt; }
td.sha { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 8pt; overflow-wrap: anywhere; }
table.info { width: auto; min-width: 50%; }
table.info th { text-align: left; background: #f3f3f3; width: 45mm; }
.chart-box { break-inside: avoid; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
svg.chart .ch-h { font-size: 13px; font-weight: bold; }
svg.chart .ch-label { font-size: 12px; }
svg.chart .ch-val { font-size: 12px; }
svg.chart .ch-tick { font-size: 11.5px; fill: #555; }
svg.chart .ch-grid { stroke: #bbb; stroke-width: 0.8; stroke-dasharray: 3 3; }
.signatures { display: flex; justify-content: space-between; margin: 14pt 0 6pt; break-inside: avoid; }
.sign { width: 45%; text-align: center; }
.sign .date { font-style: italic; margin-bottom: 4pt; }
.sign .role { font-weight: bold; }
.sign .hint { font-style: italic; font-size: 9.5pt; }
.sign .name { margin-top: 52pt; font-weight: bold; }
.detail-section h2 { break-before: auto; }
@media screen { body { padding: 8mm; } }
@media print { body { max-width: none; padding: 0; } .detail-section { break-before: page; } }
`;
}
