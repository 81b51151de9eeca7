/**
 * The columns of each detail section, shared by the xlsx, html and md renderers so every format
 * shows the same fields. A value is text, an integer, a score, or an ISO date (rendered as a
 * real Excel date or as dd/mm/yyyy).
 *
 * Each section's columns come in two groups: the memo columns a reader of the printed report needs
 * (STT, unit, dossier code, applicant, procedure, received, due, returned per the register, system
 * status, note), then the technical ones (match method and score, file, sheet, row, finding id),
 * which the workbook keeps outside its print area (`print: false`).
 */
import { displayDate, type Lang, memoLabels, reportLabels, ruleLabel, type Section } from '../../i18n/index.js';
import type { Finding } from '../model/types.js';

/** How a column's values are rendered. */
export type CellKind = 'text' | 'int' | 'date' | 'score';

/** One column of a detail table. */
export interface DetailColumn {
  key: string;
  header: string;
  kind: CellKind;
  /** Preferred width in characters (the xlsx fits it to the content up to this). */
  maxWidth: number;
  /** A memo column (printed); false: a technical column, kept outside the workbook's print area. */
  print: boolean;
  value: (f: Finding, index: number) => string | number | null;
}

/** A score as the report's language writes it ("0,87" / "0.87"). */
function scoreText(score: number, lang: Lang): string {
  const s = score.toFixed(2);
  return lang === 'vi' ? s.replace('.', ',') : s;
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
    const score = typeof o.score === 'number' ? ` (${scoreText(o.score, lang)})` : '';
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

/**
 * The "Ghi chú" of a finding, for a memo reader: the system's code when it differs from the
 * register's, how a non-code match was made, the system's return date, the review candidates.
 */
export function findingNote(f: Finding, lang: Lang): string | null {
  const N = memoLabels(lang).note;
  const parts: string[] = [];
  const shaped = shapeText(f, lang);
  if (shaped) parts.push(shaped);
  if (f.paper && f.system && f.system.code !== f.paper.code) parts.push(N.systemCode(f.system.code));
  if (f.match?.method === 'fuzzy') parts.push(N.fuzzy(scoreText(f.match.score, lang)));
  else if (f.match?.method === 'manual') parts.push(N.manual);
  if (f.paper && f.system?.returnedDate) parts.push(N.systemReturned(displayDate(f.system.returnedDate)));
  const candidates = reviewCandidates(f, lang);
  if (candidates) parts.push(N.candidates(candidates));
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;
const LONG_DECIMAL = /^-?\d+\.\d{12,}$/;

/**
 * A data-quality raw value as the cell showed it: a date cell (stored as its ISO instant) as
 * dd/mm/yyyy (with the time when it has one), a number with floating-point noise
 * ("0.30000000000000004") with at most 15 significant digits, as a spreadsheet shows it.
 */
export function displayRawValue(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const m = ISO_INSTANT.exec(raw);
  if (m) {
    const time =
      m[4] === '00' && m[5] === '00' && m[6] === '00' ? '' : ` ${m[4]}:${m[5]}${m[6] === '00' ? '' : `:${m[6]}`}`;
    return `${m[3]}/${m[2]}/${m[1]}${time}`;
  }
  if (LONG_DECIMAL.test(raw)) {
    const n = Number(raw);
    if (Number.isFinite(n)) return String(Number(n.toPrecision(15)));
  }
  return raw;
}

/** The columns of `section` in `lang`: the memo columns, then the technical ones. */
export function detailColumns(section: Section, lang: Lang): DetailColumn[] {
  const L = reportLabels(lang).detail;
  const M = memoLabels(lang).col;
  const method = reportLabels(lang).method;
  const source = reportLabels(lang).source;
  const col = (
    key: string,
    header: string,
    kind: CellKind,
    maxWidth: number,
    value: DetailColumn['value'],
    print = true,
  ): DetailColumn => ({ key, header, kind, maxWidth, print, value });
  const tech = (key: string, header: string, kind: CellKind, maxWidth: number, value: DetailColumn['value']) =>
    col(key, header, kind, maxWidth, value, false);
  const no = col('no', L.no, 'int', 4.5, (_f, i) => i + 1);
  const unit = col('unit', L.unit, 'text', 13, (f) => f.unit);
  const code = col('code', L.code, 'text', 23, (f) => f.paper?.code ?? f.system?.code ?? null);
  const applicant = col('applicant', L.applicant, 'text', 11, (f) => f.paper?.applicant ?? null);
  const procedure = col('procedure', L.procedure, 'text', 20, (f) => f.paper?.procedure ?? null);
  const received = col(
    'received',
    L.received,
    'date',
    10.5,
    (f) => f.paper?.receivedDate ?? f.system?.receivedDate ?? null,
  );
  const due = col('due', M.due, 'date', 10.5, (f) => f.paper?.dueDate ?? f.system?.dueDate ?? null);
  const paperReturned = col('paperReturned', M.paperReturned, 'date', 10.5, (f) => f.paper?.returnedDate ?? null);
  const status = col('systemStatus', M.systemStatus, 'text', 12, (f) => f.system?.status ?? null);
  const note = (maxWidth: number) => col('note', M.note, 'text', maxWidth, (f) => findingNote(f, lang));
  const sysReturned = tech('systemReturned', L.systemReturned, 'date', 10.5, (f) => f.system?.returnedDate ?? null);
  const matchM = tech('method', L.method, 'text', 14, (f) =>
    f.match ? (method[f.match.method] ?? f.match.method) : null,
  );
  const score = tech('score', L.score, 'score', 7, (f) => f.match?.score ?? null);
  const file = tech('file', L.file, 'text', 30, (f) => f.paper?.file ?? null);
  const sheet = tech('sheet', L.sheet, 'text', 14, (f) => f.paper?.sheet ?? null);
  const row = tech('row', L.row, 'int', 7, (f) => f.paper?.row ?? null);
  const id = tech('id', L.id, 'text', 22, (f) => f.id);
  const shape = tech('shape', reportLabels(lang).shape.header, 'text', 24, (f) => shapeText(f, lang));

  switch (section) {
    case 'not_in_system':
      return [no, unit, code, applicant, procedure, received, due, paperReturned, note(16), file, sheet, row, id];
    case 'system_only':
      return [
        no,
        unit,
        code,
        status,
        col('systemReceived', L.systemReceived, 'date', 10.5, (f) => f.system?.receivedDate ?? null),
        col('systemDue', M.systemDue, 'date', 10.5, (f) => f.system?.dueDate ?? null),
        col('systemReturned', L.systemReturned, 'date', 10.5, (f) => f.system?.returnedDate ?? null),
        id,
      ];
    case 'review':
      return [
        no,
        unit,
        code,
        applicant,
        procedure,
        received,
        col('candidates', L.candidates, 'text', 30, (f) => reviewCandidates(f, lang)),
        file,
        sheet,
        row,
        id,
      ];
    case 'data_quality':
      return [
        no,
        unit,
        col('source', L.source, 'text', 8, (f) => (f.paper ? source.paper : source.system)),
        col('rule', L.rule, 'text', 22, (f) => (f.rule ? ruleLabel(f.rule, lang) : null)),
        col('column', L.column, 'text', 6, (f) => f.column ?? null),
        col('raw', L.raw, 'text', 18, (f) => displayRawValue(f.rawValue)),
        code,
        received,
        file,
        sheet,
        row,
        id,
      ];
    default:
      return [
        no,
        unit,
        code,
        applicant,
        procedure,
        received,
        due,
        paperReturned,
        status,
        note(16),
        sysReturned,
        matchM,
        score,
        shape,
        file,
        sheet,
        row,
        id,
      ];
  }
}
