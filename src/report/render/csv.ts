/**
 * Findings as CSV: UTF-8 with BOM so Excel shows Vietnamese, headers, categories, rules and match
 * methods in the user's language (Vietnamese by default), every JSON field flattened (arrays as
 * "; "-joined text: match reasons, review candidates), and no cell that Excel would run as a formula.
 */
import { CATEGORY_LABELS, FINDING_CSV_HEADERS, type Lang, reportLabels, ruleLabel } from '../../i18n/index.js';
import { reviewCandidates } from './columns.js';
import { type AnyReport, findingsOf } from '../model/finding-set.js';
import { maskFinding, neutralizeFormula } from './privacy.js';

/** Column names of the findings CSV (flattened JSON field paths). */
export const FINDING_CSV_COLUMNS = [
  'id',
  'category',
  'rule',
  'unit',
  'paper.file',
  'paper.sheet',
  'paper.row',
  'paper.code',
  'paper.applicant',
  'paper.procedure',
  'paper.receivedDate',
  'paper.returnedDate',
  'system.code',
  'system.status',
  'system.receivedDate',
  'system.returnedDate',
  'match.method',
  'match.score',
  'column',
  'rawValue',
  'match.reasons',
  'review.candidates',
  // Schema 2: appended, so the columns before keep their places.
  'paper.dueDate',
  'system.dueDate',
  'match.shape',
  'match.related',
  'match.evidence',
  'match.superseded',
  'systemAlso',
] as const;

/** A match's reasons as "field=agreement(weight)" joined with "; " (the JSON array, flattened). */
function reasonsText(
  reasons: ReadonlyArray<{ field: string; agreement: string; weight: number }> | undefined,
): string | null {
  return reasons?.length ? reasons.map((r) => `${r.field}=${r.agreement}(${r.weight})`).join('; ') : null;
}

function quote(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = neutralizeFormula(String(v));
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes the findings CSV (with BOM) through `write`, one line at a time. Names are masked unless `showPersonalData`.
 */
export function writeFindingsCsv(
  report: AnyReport,
  options: { showPersonalData: boolean; lang?: Lang },
  write: (chunk: string) => void,
): void {
  const lang = options.lang ?? 'vi';
  const L = reportLabels(lang);
  write(`\uFEFF${FINDING_CSV_HEADERS[lang].map(quote).join(',')}\r\n`);
  // Masking (names, and raw values by their column's meaning) is the same for every format made for people.
  for (const finding of findingsOf(report).iterate()) {
    const f = options.showPersonalData ? finding : maskFinding(finding);
    const applicant = f.paper?.applicant ?? null;
    const values = [
      f.id,
      CATEGORY_LABELS[lang][f.category] ?? f.category,
      f.rule ? ruleLabel(f.rule, lang) : null,
      f.unit,
      f.paper?.file,
      f.paper?.sheet,
      f.paper?.row,
      f.paper?.code,
      applicant,
      f.paper?.procedure,
      f.paper?.receivedDate,
      f.paper?.returnedDate,
      f.system?.code,
      f.system?.status,
      f.system?.receivedDate,
      f.system?.returnedDate,
      f.match ? (L.method[f.match.method] ?? f.match.method) : null,
      f.match?.score,
      f.column ?? null,
      f.rawValue ?? null,
      reasonsText(f.match?.reasons),
      reviewCandidates(f, 'en'),
      f.paper?.dueDate,
      f.system?.dueDate,
      f.match?.shape,
      f.match?.related?.join('; ') || null,
      f.match?.evidence?.join(' ') || null,
      f.match?.superseded ?? null,
      f.systemAlso?.map((x) => x.code).join('; ') || null,
    ];
    write(`${values.map(quote).join(',')}\r\n`);
  }
}

/** Renders findings as CSV text (with BOM). Names are masked unless `showPersonalData`. */
export function renderFindingsCsv(report: AnyReport, options: { showPersonalData: boolean; lang?: Lang }): string {
  const parts: string[] = [];
  writeFindingsCsv(report, options, (s) => parts.push(s));
  return parts.join('');
}
