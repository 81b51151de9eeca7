/**
 * `explain`: the full story of one register row or one system dossier: the source cells, every
 * candidate the matcher considered with its score and per-field reasons, where each candidate
 * went, the decision and the resulting category. Recomputed with the options of the last match.
 */
import { ensureMatched, paperRefOf, resolvePaperRef } from './decisions.js';
import { AuditError } from '../errors.js';
import { DEFAULT_MATCH_CONFIG, resolveMatchConfig } from '../match/config.js';
import { attachDecisions, type Decision } from '../match/decisions.js';
import { SystemBlocks } from '../match/search/block.js';
import { sessionFor } from '../match/scored-tier.js';
import { scorePair } from '../match/compare/score.js';
import { verifyCodeLink } from '../match/code-tier.js';
import { buildStatusTable, statusState } from '../normalize/status.js';
import { classifyPaperRow } from '../report/model/classify.js';
import { buildRowShapes } from '../report/model/shapes.js';
import { loadShapeLinks } from '../store/shape-store.js';
import { paperFindingIds } from '../report/model/build.js';
import type { Db } from '../store/db.js';
import { loadUnitTimeline } from '../store/unit-periods.js';
import {
  loadDecisions,
  loadExtraLinksOf,
  loadPaperRaw,
  loadReviewRows,
  loadStoredMatchConfig,
  loadSystemSnapshots,
  type SystemSnapshotRow,
} from '../store/match-store.js';
import { blockByLineOfSuccession, loadMatchInputs, loadPaperRows, loadUnits } from '../store/row-reads.js';
import type { Category, MatchMethod, MatchReason } from '../types.js';

/** One candidate the matcher considered. */
export interface ExplainCandidate {
  /** The other side: a system code (paper story) or a paper row reference (dossier story). */
  ref: string;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  score: number;
  weight: number;
  band: 'match' | 'review' | 'below';
  reasons: MatchReason[];
  /** Where it went: linked to the subject, to another row/dossier (its reference), or unlinked. */
  linked: 'this' | 'none' | string;
}

/** The story of one row or dossier. */
export interface Explanation {
  kind: 'paper' | 'system';
  id: string;
  unit: string;
  thresholds: { upper: number; lower: number; windowDays: number };
  paper: {
    ref: string;
    file: string;
    sheet: string | null;
    row: number;
    code: string | null;
    applicant: string | null;
    procedure: string | null;
    receivedDate: string | null;
    returnedDate: string | null;
    cells: Record<string, string>;
  } | null;
  system: SystemSnapshotRow[];
  match: { method: MatchMethod; score: number; reasons: MatchReason[]; other: string } | null;
  decision: (Decision & { applied: boolean }) | null;
  inReview: boolean;
  category: Category | null;
  candidates: ExplainCandidate[];
  /**
   * A row that is not one-to-one with its dossier: its shape, the evidence, the other rows (FILE#SHEET#ROW) and its
   * dossiers' codes.
   */
  shape?: { shape: string; evidence: string[]; related: string[]; dossiers: string[]; superseded: boolean };
}

/** Explains a finding id (`p-…`, `s-…`) or `FILE#SHEET#ROW`. */
export function explainFinding(db: Db, ref: string, options: { now?: () => Date } = {}): Explanation {
  ensureMatched(db, options.now ?? (() => new Date()));
  const config = resolveMatchConfig({}, loadStoredMatchConfig(db) ?? DEFAULT_MATCH_CONFIG);
  const rows = loadPaperRows(db);
  const ids = paperFindingIds(rows);
  const timeline = loadUnitTimeline(db);
  const units = new Map(loadUnits(db).map((u) => [u.id, timeline.label(u.id)]));
  const inputs = loadMatchInputs(db);
  blockByLineOfSuccession(db, inputs.paper, inputs.system);
  const session = sessionFor(inputs, config);
  const thresholds = { upper: config.upper, lower: config.lower, windowDays: config.windowDays };
  const bandOf = (score: number) =>
    (score >= config.upper ? 'match' : score >= config.lower ? 'review' : 'below') as ExplainCandidate['band'];
  const keyOfCode = new Map(inputs.system.map((s) => [s.code ?? s.codeKey, s.codeKey]));
  const linkOfSystem = new Map(
    rows.filter((r) => r.method && r.sysCode).map((r) => [keyOfCode.get(r.sysCode!) ?? '', r]),
  );
  // The code tier's view of a pair with the same code, unless the code was contested or rejected (then the scored
  // tier's).
  const codeView = (p: (typeof inputs.paper)[number], s: (typeof inputs.system)[number]) => {
    const v = verifyCodeLink(p, s, config);
    return v.outcome === 'contested' || v.outcome === 'rejected'
      ? null
      : { score: 1, weight: Math.round(v.reasons.reduce((t, r) => t + r.weight, 0) * 100) / 100, reasons: v.reasons };
  };
  const review = loadReviewRows(db);

  if (ref.startsWith('s-')) {
    const key = ref.slice(2);
    const dossier = inputs.system.find((s) => s.codeKey === key);
    if (!dossier) throw new AuditError('FINDING_UNKNOWN', `no dossier ${key}`, {}, { ref });
    const sys = session.system.get(key)!;
    const blocks = new SystemBlocks([sys]);
    const linked = rows.find((r) => r.method && r.sysCode === dossier.code) ?? null;
    // Rows standing for this dossier beyond its one-to-one link (transfer, resubmission, batch).
    const extra = loadExtraLinksOf(db, key);
    const candidates: ExplainCandidate[] = [];
    for (const p of inputs.paper) {
      const pp = session.preparePaper(p);
      if (blocks.candidates(pp, config).length === 0 && p.codeKey !== key) continue;
      const row = rows.find((r) => r.id === p.id)!;
      const s = (p.codeKey === key ? codeView(p, dossier) : null) ?? scorePair(pp, sys, session.ctx);
      candidates.push({
        ref: paperRefOf(row),
        applicant: p.applicant,
        procedure: p.procedure,
        receivedDate: p.receivedDate,
        score: s.score,
        weight: s.weight,
        band: bandOf(s.score),
        reasons: s.reasons,
        linked: row.method ? (row.sysCode === dossier.code ? 'this' : (row.sysCode ?? 'none')) : 'none',
      });
    }
    candidates.sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref));
    return {
      kind: 'system',
      id: ref,
      unit: dossier.unitId === null ? '' : (units.get(dossier.unitId) ?? ''),
      thresholds,
      paper: null,
      system: loadSystemSnapshots(db, key),
      match: linked
        ? {
            method: linked.method!,
            score: linked.score ?? 0,
            reasons: JSON.parse(linked.reasonsJson ?? '[]') as MatchReason[],
            other: paperRefOf(linked),
          }
        : null,
      decision: null,
      inReview: review.some((r) => r.systemCodeKey === key),
      category: linked || extra.length > 0 ? null : 'system_only',
      candidates,
      ...(extra.length > 0
        ? {
            shape: {
              shape: extra[0]!.shape,
              evidence: [...new Set(extra.flatMap((x) => x.evidence.split(' ')))],
              superseded: false,
              related: extra
                .map((x) => rows.find((r) => r.id === x.paperId))
                .filter((r) => r !== undefined)
                .map((r) => paperRefOf(r)),
              dossiers: [dossier.code ?? key],
            },
          }
        : {}),
    };
  }

  const row = resolvePaperRef(rows, ref);
  const p = inputs.paper.find((x) => x.id === row.id)!;
  const pp = session.preparePaper(p);
  const allSystem = [...session.system.values()];
  const blocks = new SystemBlocks(allSystem);
  const candidates: ExplainCandidate[] = blocks.candidates(pp, config).map((i) => {
    const s = allSystem[i]!;
    const scored = (s.src.codeKey === p.codeKey ? codeView(p, s.src) : null) ?? scorePair(pp, s, session.ctx);
    const holder = linkOfSystem.get(s.src.codeKey);
    return {
      ref: s.src.code ?? s.src.codeKey,
      applicant: s.src.applicant,
      procedure: s.src.procedure,
      receivedDate: s.src.receivedDate,
      score: scored.score,
      weight: scored.weight,
      band: bandOf(scored.score),
      reasons: scored.reasons,
      linked: holder ? (holder.id === row.id ? 'this' : paperRefOf(holder)) : 'none',
    };
  });
  candidates.sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref));
  const decisions = loadDecisions(db);
  const attached = attachDecisions(decisions, inputs.paper);
  const mine =
    decisions
      .filter((d) => attached.get(d.id) === row.id)
      .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt) || b.id - a.id)[0] ?? null;
  // A row that is not one-to-one: its category follows its dossier(s), as in the report.
  const rowShape = buildRowShapes(loadShapeLinks(db)).get(row.id);
  const statuses = buildStatusTable();
  let category: Category;
  if (rowShape) {
    const latest = rowShape.dossiers.map((k) => loadSystemSnapshots(db, k)[0]).filter((x) => x !== undefined);
    const open = latest.find((d) => statusState(d.status, statuses) !== 'closed');
    category = classifyPaperRow({
      matched: latest.length > 0,
      returnedOnPaper: rowShape.returned.onPaper,
      paperReturnedDate: rowShape.returned.date,
      systemState: latest.length === 0 ? 'unknown' : open ? statusState(open.status, statuses) : 'closed',
      systemAsOf: (open ?? latest[0])?.asOf ?? null,
    });
  } else {
    category = classifyPaperRow({
      matched: row.method !== null,
      returnedOnPaper: row.returnedOnPaper === 1,
      paperReturnedDate: row.returnedDate,
      systemState: row.method !== null ? statusState(row.sysStatus, statuses) : 'unknown',
      systemAsOf: row.sysAsOf,
    });
  }
  const byRowId = new Map(rows.map((r) => [r.id, r]));
  const codeOfKey = new Map(inputs.system.map((x) => [x.codeKey, x.code ?? x.codeKey]));
  const shape = rowShape
    ? {
        shape: rowShape.shape,
        evidence: rowShape.evidence,
        superseded: rowShape.superseded,
        related: rowShape.related
          .map((id) => byRowId.get(id))
          .filter((r) => r !== undefined)
          .map((r) => paperRefOf(r)),
        dossiers: rowShape.dossiers.map((k) => codeOfKey.get(k) ?? k),
      }
    : undefined;
  return {
    kind: 'paper',
    id: ids.get(row.id)!,
    unit: units.get(row.unitId) ?? '',
    thresholds,
    paper: {
      ref: paperRefOf(row),
      file: row.file,
      sheet: row.sheet,
      row: row.rowNumber,
      code: row.code,
      applicant: row.applicant,
      procedure: row.procedure,
      receivedDate: row.receivedDate,
      returnedDate: row.returnedDate,
      cells: loadPaperRaw(db, row.id),
    },
    system: row.sysCode
      ? loadSystemSnapshots(db, keyOfCode.get(row.sysCode) ?? '')
      : rowShape
        ? loadSystemSnapshots(db, rowShape.dossiers[0]!)
        : [],
    match: row.method
      ? {
          method: row.method,
          score: row.score ?? 0,
          reasons: JSON.parse(row.reasonsJson ?? '[]') as MatchReason[],
          other: row.sysCode ?? '',
        }
      : null,
    decision: mine
      ? { ...mine, applied: row.method === 'manual' || (mine.decision === 'no-match' && row.method === null) }
      : null,
    inReview: review.some((r) => r.paperId === row.id),
    category,
    candidates,
    ...(shape ? { shape } : {}),
  };
}
