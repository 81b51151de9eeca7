/**
 * Library operations of the matching commands: the review list, the auditor's decisions
 * (decide, list, export, import) and finding references. They take an open database, never
 * print and never exit.
 */
import { unknownUnitError } from '../store/unit-check.js';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { isMatchStale, matchStored } from './match.js';
import { AuditError } from '../errors.js';
import { applyDecisions, type Decision, type DecisionStatus, occurrences } from '../match/decisions.js';
import { codeKey } from '../normalize/codes.js';
import { foldText } from '../normalize/text.js';
import { paperFindingIds } from '../report/model/build.js';
import {
  codeLinkOfDossier,
  codeLinkOfRow,
  latestSystemCode,
  loadDecisions,
  loadReviewRows,
  upsertDecision,
} from '../store/match-store.js';
import {
  loadMatchInputs,
  loadPaperRows,
  loadSystemDossiers,
  loadUnits,
  type PaperReportRow,
} from '../store/row-reads.js';
import { UnitResolver } from '../store/units.js';
import type { Db } from '../store/db.js';
import { loadUnitTimeline } from '../store/unit-periods.js';
import type { MatchReason } from '../types.js';
import { usageError } from '../i18n/index.js';

/** `FILE#SHEET#ROW` of a paper row, with the file's base name. */
export function paperRefOf(r: { baseName: string; sheet: string | null; rowNumber: number }): string {
  return `${r.baseName}#${r.sheet ?? ''}#${r.rowNumber}`;
}

/**
 * Finds a paper row by finding id (`p-…`) or `FILE#SHEET#ROW` (FILE as given on import or its
 * base name; SHEET empty for CSV). Throws FINDING_UNKNOWN.
 */
export function resolvePaperRef(rows: readonly PaperReportRow[], ref: string): PaperReportRow {
  const ids = paperFindingIds(rows);
  const byId = rows.find((r) => ids.get(r.id) === ref);
  if (byId) return byId;
  const parts = ref.split('#');
  if (parts.length >= 3) {
    const file = parts[0]!;
    const row = Number(parts[parts.length - 1]);
    const sheet = parts.slice(1, -1).join('#');
    // FILE as given on import, the same file named absolutely (stored paths are relative to the
    // working folder), or its base name (refused below when two registers share it).
    const absolute = path.resolve(file);
    const sameFile = (r: PaperReportRow): boolean =>
      r.file === file ||
      r.baseName === path.basename(file) ||
      (file.includes(path.sep) && path.resolve(r.file) === absolute);
    const found = rows.filter(
      (r) => r.rowNumber === row && (sameFile(r) || r.baseName === file) && (r.sheet ?? '') === sheet,
    );
    const byPath = found.filter((r) => r.file === file || path.resolve(r.file) === absolute);
    const exact = found.length > 1 && byPath.length === 1 ? byPath : found;
    const folded =
      exact.length > 0
        ? exact
        : rows.filter((r) => r.rowNumber === row && sameFile(r) && foldText(r.sheet ?? '') === foldText(sheet));
    if (folded.length === 1) return folded[0]!;
  }
  throw new AuditError('FINDING_UNKNOWN', `no register row matches "${ref}"`, {}, { ref });
}

/** Runs the matcher first when imports or decisions changed since the last match. */
export function ensureMatched(db: Db, now: () => Date): boolean {
  if (!isMatchStale(db)) return false;
  matchStored(db, now);
  return true;
}

/** One pair of the review list. */
export interface ReviewListItem {
  unit: string;
  findingId: string;
  paperRef: string;
  paper: {
    file: string;
    sheet: string | null;
    row: number;
    code: string | null;
    applicant: string | null;
    procedure: string | null;
    receivedDate: string | null;
  };
  system: {
    code: string;
    applicant: string | null;
    procedure: string | null;
    receivedDate: string | null;
    status: string | null;
  };
  rank: number;
  score: number;
  reasons: MatchReason[];
}

/** The review band: candidate pairs of unmatched rows, by unit, file and row. */
export function listReview(
  db: Db,
  options: { unit?: string | null; now?: () => Date } = {},
): { items: ReviewListItem[]; matchedNow: boolean } {
  const matchedNow = ensureMatched(db, options.now ?? (() => new Date()));
  let unitId: number | null = null;
  if (options.unit) {
    const u = new UnitResolver(db).find(options.unit);
    if (!u) throw unknownUnitError(db, options.unit, null);
    unitId = u.id;
  }
  const paper = loadPaperRows(db);
  const ids = paperFindingIds(paper);
  const byId = new Map(paper.map((p) => [p.id, p]));
  const timeline = loadUnitTimeline(db);
  const units = new Map(loadUnits(db).map((u) => [u.id, timeline.label(u.id)]));
  const items: ReviewListItem[] = [];
  for (const r of loadReviewRows(db)) {
    const p = byId.get(r.paperId);
    if (!p || (unitId !== null && p.unitId !== unitId)) continue;
    items.push({
      unit: units.get(p.unitId) ?? String(p.unitId),
      findingId: ids.get(p.id)!,
      paperRef: paperRefOf(p),
      paper: {
        file: p.file,
        sheet: p.sheet,
        row: p.rowNumber,
        code: p.code,
        applicant: p.applicant,
        procedure: p.procedure,
        receivedDate: p.receivedDate,
      },
      system: {
        code: r.code,
        applicant: r.applicant,
        procedure: r.procedure,
        receivedDate: r.receivedDate,
        status: r.status,
      },
      rank: r.rank,
      score: r.score,
      reasons: JSON.parse(r.reasonsJson) as MatchReason[],
    });
  }
  const collator = new Intl.Collator('vi');
  items.sort(
    (a, b) =>
      collator.compare(a.unit, b.unit) ||
      collator.compare(a.paper.file, b.paper.file) ||
      collator.compare(a.paper.sheet ?? '', b.paper.sheet ?? '') ||
      a.paper.row - b.paper.row ||
      a.rank - b.rank,
  );
  return { items, matchedNow };
}

/** Records a decision on one paper row; returns the stored decision. */
export function decide(
  db: Db,
  input: {
    ref: string;
    match?: string | null;
    noMatch?: boolean;
    note?: string | null;
    force?: boolean;
    now?: () => Date;
  },
): Decision & { paperRef: string } {
  if (Boolean(input.match) === Boolean(input.noMatch)) throw usageError('matchOrNoMatch', { option: '--match' });
  const rows = loadPaperRows(db);
  const row = resolvePaperRef(rows, input.ref);
  const inputs = loadMatchInputs(db).paper;
  const occ = occurrences(inputs).get(row.id) ?? 1;
  let systemCode: string | null = null;
  let systemCodeKey: string | null = null;
  if (input.match) {
    systemCodeKey = codeKey(input.match);
    const dossier = loadSystemDossiers(db).find((s) => s.codeKey === systemCodeKey);
    if (!dossier)
      throw new AuditError(
        'DECISION_INVALID',
        `no dossier ${input.match} in the imported exports`,
        {},
        { reason: 'dossier-unknown', code: input.match },
      );
    systemCode = dossier.code;
    const decisions = loadDecisions(db);
    const outcome = applyDecisions(decisions, inputs, []);
    for (const d of decisions) {
      if (d.decision !== 'match' || d.systemCodeKey !== systemCodeKey) continue;
      const other = outcome.outcomes.find((o) => o.decisionId === d.id)?.paperId ?? null;
      if (
        other !== row.id &&
        !(d.baseName === row.baseName && d.contentKey === row.contentKey && d.occurrence === occ)
      ) {
        throw new AuditError(
          'DECISION_INVALID',
          `dossier ${systemCode} is already decided for ${d.baseName}#${d.sheet ?? ''}#${d.rowNumber ?? ''}`,
          {},
          { reason: 'dossier-taken', code: systemCode, other: `${d.baseName}#${d.sheet ?? ''}#${d.rowNumber ?? ''}` },
        );
      }
    }
  }
  const overrode = codeLinksOverridden(db, rows, row, systemCodeKey, input.now ?? (() => new Date()));
  if (overrode.length > 0 && !input.force) {
    const o = overrode[0]!;
    throw new AuditError(
      'DECISION_OVERRIDES_CODE',
      `${o.paperRef} is linked by code to ${o.code}; this decision would undo that link (use --force)`,
      {},
      { ...o, target: systemCode },
    );
  }
  const decision: Omit<Decision, 'id'> = {
    contentKey: row.contentKey,
    baseName: row.baseName,
    sheet: row.sheet,
    rowNumber: row.rowNumber,
    occurrence: occ,
    decision: input.match ? 'match' : 'no-match',
    systemCode,
    systemCodeKey,
    note: input.note ?? null,
    decidedAt: (input.now ?? (() => new Date()))().toISOString(),
    overrode: overrode.length > 0 ? overrode.map((o) => `${o.code} ↔ ${o.paperRef}`).join('; ') : null,
  };
  const id = upsertDecision(db, decision);
  return { id, ...decision, paperRef: paperRefOf(row) };
}

/** A code-tier link a decision would undo. */
interface CodeLink {
  /**
   * 'row-linked': this row is linked by code to another dossier; 'dossier-linked': the dossier is linked by code to
   * another row.
   */
  reason: 'row-linked' | 'dossier-linked';
  code: string;
  paperRef: string;
}

/**
 * The code-tier links (code, name and date verified) a decision on `row` would undo: the row's own
 * link to another dossier (or any, for --no-match), and the chosen dossier's link to another row.
 */
function codeLinksOverridden(
  db: Db,
  rows: readonly PaperReportRow[],
  row: PaperReportRow,
  systemCodeKey: string | null,
  now: () => Date,
): CodeLink[] {
  ensureMatched(db, now);
  const out: CodeLink[] = [];
  const codeOf = (key: string) => latestSystemCode(db, key) ?? key;
  const own = codeLinkOfRow(db, row.id);
  if (own && own.k !== systemCodeKey)
    out.push({ reason: 'row-linked', code: codeOf(own.k), paperRef: paperRefOf(row) });
  if (systemCodeKey !== null) {
    const other = codeLinkOfDossier(db, systemCodeKey, row.id);
    const otherRow = other ? rows.find((r) => r.id === other.id) : undefined;
    if (otherRow) out.push({ reason: 'dossier-linked', code: codeOf(systemCodeKey), paperRef: paperRefOf(otherRow) });
  }
  return out;
}

/** A decision with where it applies today. */
export interface DecisionListItem extends Decision {
  status: DecisionStatus;
  /** The row it is attached to now (it may have moved), or null. */
  paperRef: string | null;
  findingId: string | null;
}

/** Every decision with its status against the current data. */
export function listDecisions(db: Db): DecisionListItem[] {
  const decisions = loadDecisions(db);
  const { paper, system } = loadMatchInputs(db);
  const outcomes = new Map(applyDecisions(decisions, paper, system).outcomes.map((o) => [o.decisionId, o]));
  const rows = loadPaperRows(db);
  const ids = paperFindingIds(rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return decisions.map((d) => {
    const o = outcomes.get(d.id);
    const row = o?.paperId != null ? byId.get(o.paperId) : undefined;
    return {
      ...d,
      status: o?.status ?? 'row-not-found',
      paperRef: row ? paperRefOf(row) : null,
      findingId: row ? ids.get(row.id)! : null,
    };
  });
}

/** The columns of a decisions CSV file, in order. */
export const DECISION_COLUMNS = [
  'file',
  'sheet',
  'row',
  'occurrence',
  'content_key',
  'decision',
  'system_code',
  'note',
  'decided_at',
] as const;

/**
 * A value that a spreadsheet would run as a formula (= + - @ tab CR) or that starts with the
 * apostrophe added to such a value gets one more leading apostrophe; `importDecisionsCsv` takes it
 * off again, so an exported file opened in a spreadsheet runs nothing and still imports as it was.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
const csvField = (v: unknown) => {
  const raw = v === null || v === undefined ? '' : String(v);
  const s = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Decisions as CSV (UTF-8 with BOM, so Excel reads the tones). */
export function exportDecisionsCsv(db: Db): { text: string; count: number } {
  const decisions = loadDecisions(db);
  const lines = [DECISION_COLUMNS.join(',')];
  for (const d of decisions)
    lines.push(
      [d.baseName, d.sheet, d.rowNumber, d.occurrence, d.contentKey, d.decision, d.systemCode, d.note, d.decidedAt]
        .map(csvField)
        .join(','),
    );
  return { text: `\uFEFF${lines.join('\r\n')}\r\n`, count: decisions.length };
}

/** Imports decisions from CSV text as exported; each replaces a decision on the same row. Returns the count. */
export function importDecisionsCsv(db: Db, text: string): number {
  let records: Array<Record<string, string>>;
  try {
    records = (
      parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: false }) as Array<
        Record<string, string>
      >
    ).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v])));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new AuditError(
      'DECISION_INVALID',
      `not a decisions CSV: ${(e as Error).message}`,
      line ? { row: line } : {},
      { reason: 'csv', problem: 'parse', detail: (e as Error).message },
      { cause: e },
    );
  }
  // Each problem as a key (localized by the CLI) with its line and value.
  const bad = (line: number, problem: string, detail: string, value: unknown = null): never => {
    throw new AuditError(
      'DECISION_INVALID',
      `line ${line}: ${detail}`,
      { row: line },
      { reason: 'csv', problem, detail: `${detail} (line ${line})`, value },
    );
  };
  const header = parse(text.replace(/^\uFEFF/, ''), { to_line: 1, relax_column_count: true }) as string[][];
  for (const c of ['file', 'content_key', 'decision', 'decided_at'])
    if (!(header[0] ?? []).includes(c)) bad(1, 'missing-column', `missing column ${c}`, c);
  const parsed = records.map((r, i) => {
    const line = i + 2;
    if (r.decision !== 'match' && r.decision !== 'no-match')
      bad(line, 'decision', `decision must be match or no-match, not "${r.decision}"`, r.decision);
    if (r.decision === 'match' && !r.system_code) bad(line, 'no-code', 'a match needs system_code');
    if (!r.file || !r.content_key || !r.decided_at)
      bad(line, 'required', 'file, content_key and decided_at are required');
    const occurrence = r.occurrence ? Number(r.occurrence) : 1;
    if (!Number.isInteger(occurrence) || occurrence < 1)
      bad(line, 'occurrence', `occurrence must be a positive whole number, not "${r.occurrence}"`, r.occurrence);
    const row = r.row ? Number(r.row) : null;
    const decision: Omit<Decision, 'id'> = {
      contentKey: r.content_key!,
      baseName: path.basename(r.file!),
      sheet: r.sheet ? r.sheet : null,
      rowNumber: row !== null && Number.isInteger(row) ? row : null,
      occurrence,
      decision: r.decision as 'match' | 'no-match',
      systemCode: r.system_code || null,
      systemCodeKey: r.system_code ? codeKey(r.system_code) : null,
      note: r.note ? r.note : null,
      decidedAt: r.decided_at!,
    };
    return decision;
  });
  db.transaction(() => {
    for (const d of parsed) upsertDecision(db, d);
  }).immediate();
  return parsed.length;
}
