/**
 * The columns of each detail section, shared by the xlsx, html and md renderers so every format
 * shows the same fields. A value is text, an integer, a score, or an ISO date (rendered as a
 * real Excel date or as dd/mm/yyyy).
 */
import { ruleLabel, type Lang } from '../i18n.js';
import { reportLabels, type Section } from './labels.js';
import type { Finding } from './model.js';

/** How a column's values are rendered. */
export type CellKind = 'text' | 'int' | 'date' | 'score';

/** One column of a detail table. */
export interface DetailColumn {
  key: string;
  header: string;
  kind: CellKind;
  /** Preferred width in characters (the xlsx fits it to the content up to this). */
  maxWidth: number;
  value: (f: Finding, index: number) => string | number | null;
}

/** The candidates of a review finding, as "CODE (0.72)" joined with "; ", whatever the matcher's exact shape. */
export function reviewCandidates(f: Finding, lang: Lang): string | null {
  const review = (f as { review?: unknown }).review;
  if (!review || typeof review !== 'object') return null;
  const list = (review as { candidates?: unknown }).candidates;
  if (!Array.isArray(list)) return null;
  const parts = list.map((c: unknown) => {
    const o = (c ?? {}) as Record<string, unknown>;
    const sys = (o.system ?? {}) as Record<string, unknown>;
    const code = o.code ?? o.systemCode ?? sys.code ?? '?';
    const score = typeof o.score === 'number' ? ` (${lang === 'vi' ? o.score.toFixed(2).replace('.', ',') : o.score.toFixed(2)})` : '';
    return `${String(code)}${score}`;
  });
  return parts.length ? parts.join('; ') : null;
}

/** Why a row shares its dossier with other rows or stands for several (empty for one row, one dossier). */
export function shapeText(f: Finding, lang: Lang): string | null {
  const S = reportLabels(lang).shape;
  switch (f.match?.shape) {
    case 'transfer':
      return S.transfer;
    case 'resubmission':
      return f.match.superseded ? S.superseded : S.resubmission;
    case 'batch':
      return S.batch(1 + (f.systemAlso?.length ?? 0), (f.systemAlso ?? []).map((s) => s.code).join(', '));
    default:
      return null;
  }
}

/** The columns of `section` in `lang`. */
export function detailColumns(section: Section, lang: Lang): DetailColumn[] {
  const L = reportLabels(lang).detail;
  const method = reportLabels(lang).method;
  const source = reportLabels(lang).source;
  const col = (key: string, header: string, kind: CellKind, maxWidth: number, value: DetailColumn['value']): DetailColumn => ({ key, header, kind, maxWidth, value });
  const no = col('no', L.no, 'int', 6, (_f, i) => i + 1);
  const unit = col('unit', L.unit, 'text', 20, (f) => f.unit);
  const code = col('code', L.code, 'text', 27, (f) => f.paper?.code ?? f.system?.code ?? null);
  const applicant = col('applicant', L.applicant, 'text', 18, (f) => f.paper?.applicant ?? null);
  const procedure = col('procedure', L.procedure, 'text', 30, (f) => f.paper?.procedure ?? null);
  const received = col('received', L.received, 'date', 11, (f) => f.paper?.receivedDate ?? f.system?.receivedDate ?? null);
  const paperReturned = col('paperReturned', L.paperReturned, 'date', 11, (f) => f.paper?.returnedDate ?? null);
  const status = col('systemStatus', L.systemStatus, 'text', 15, (f) => f.system?.status ?? null);
  const sysReturned = col('systemReturned', L.systemReturned, 'date', 11, (f) => f.system?.returnedDate ?? null);
  const matchM = col('method', L.method, 'text', 10, (f) => (f.match ? method[f.match.method] ?? f.match.method : null));
  const score = col('score', L.score, 'score', 7, (f) => f.match?.score ?? null);
  const file = col('file', L.file, 'text', 26, (f) => f.paper?.file ?? null);
  const sheet = col('sheet', L.sheet, 'text', 12, (f) => f.paper?.sheet ?? null);
  const row = col('row', L.row, 'int', 6, (f) => f.paper?.row ?? null);
  const id = col('id', L.id, 'text', 16, (f) => f.id);
  const shape = col('shape', reportLabels(lang).shape.header, 'text', 24, (f) => shapeText(f, lang));

  switch (section) {
    case 'not_in_system':
      return [no, unit, code, applicant, procedure, received, paperReturned, file, sheet, row, id];
    case 'system_only':
      return [no, unit, code, status, col('systemReceived', L.systemReceived, 'date', 11, (f) => f.system?.receivedDate ?? null), sysReturned, id];
    case 'review':
      return [no, unit, code, applicant, procedure, received, col('candidates', L.candidates, 'text', 40, (f) => reviewCandidates(f, lang)), file, sheet, row, id];
    case 'data_quality':
      return [
        no, unit, col('source', L.source, 'text', 12, (f) => (f.paper ? source.paper : source.system)),
        col('rule', L.rule, 'text', 30, (f) => (f.rule ? ruleLabel(f.rule, lang) : null)), col('column', L.column, 'text', 16, (f) => f.column ?? null),
        col('raw', L.raw, 'text', 28, (f) => f.rawValue ?? null), code, received, file, sheet, row, id,
      ];
    default:
      return [no, unit, code, applicant, procedure, received, paperReturned, status, sysReturned, matchM, score, shape, file, sheet, row, id];
  }
}
