/**
 * Manual decisions: the auditor's last word on a paper row ("this is dossier X" or "this row is
 * in no export"). A decision names its row by content (content key: code, folded applicant,
 * folded procedure, received date) within a file base name, and by occurrence when a file holds
 * identical rows, never by row number: so it re-attaches after the register is re-imported,
 * re-sent with more rows, or renamed (then by content alone, when unique). Decisions are
 * applied on every match, before the automatic tiers, which work around them.
 */
import type { MatchLink, PaperCandidate, SystemCandidate } from './types.js';
import type { Decision } from '../core/match-records.js';
export type { Decision } from '../core/match-records.js';

/** What became of a decision in a run. */
export type DecisionStatus = 'applied' | 'row-not-found' | 'dossier-not-found' | 'superseded' | 'conflict';

/** One decision's outcome. */
export interface DecisionOutcome {
  decisionId: number;
  paperId: number | null;
  status: DecisionStatus;
}

/** The 1-based occurrence of each row among rows of the same file base name and content key, in row order. */
export function occurrences(paper: readonly PaperCandidate[]): Map<number, number> {
  const sorted = [...paper].sort(
    (a, b) =>
      (a.baseName ?? '').localeCompare(b.baseName ?? '') ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.rowNumber ?? 0) - (b.rowNumber ?? 0) ||
      a.id - b.id,
  );
  const seen = new Map<string, number>();
  const out = new Map<number, number>();
  for (const p of sorted) {
    const k = `${p.baseName ?? ''}\u0000${p.contentKey ?? ''}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(p.id, n);
  }
  return out;
}

/** Finds the paper row of each decision: base name + content key + occurrence, else a unique content key. */
export function attachDecisions(
  decisions: readonly Decision[],
  paper: readonly PaperCandidate[],
): Map<number, number | null> {
  // Without decisions there is nothing to attach (and no need to sort a million rows by provenance).
  if (decisions.length === 0) return new Map();
  const occ = occurrences(paper);
  const exact = new Map<string, number>();
  const byContent = new Map<string, number[]>();
  for (const p of paper) {
    if (p.contentKey === undefined) continue;
    exact.set(`${p.baseName ?? ''}\u0000${p.contentKey}\u0000${occ.get(p.id)}`, p.id);
    const list = byContent.get(p.contentKey);
    if (list) list.push(p.id);
    else byContent.set(p.contentKey, [p.id]);
  }
  const out = new Map<number, number | null>();
  for (const d of decisions) {
    const hit = exact.get(`${d.baseName}\u0000${d.contentKey}\u0000${d.occurrence}`);
    const loose = byContent.get(d.contentKey);
    out.set(d.id, hit ?? (loose && loose.length === 1 ? loose[0]! : null));
  }
  return out;
}

/** Manual links and exclusions from decisions; the latest decision on a row or dossier wins. */
export function applyDecisions(
  decisions: readonly Decision[],
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
): { links: MatchLink[]; decidedPaper: Set<number>; takenSystem: Set<string>; outcomes: DecisionOutcome[] } {
  if (decisions.length === 0) return { links: [], decidedPaper: new Set(), takenSystem: new Set(), outcomes: [] };
  const attached = attachDecisions(decisions, paper);
  const systemKeys = new Set(system.map((s) => s.codeKey));
  const latestFirst = [...decisions].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt) || b.id - a.id);
  const decidedPaper = new Set<number>();
  const takenSystem = new Set<string>();
  const links: MatchLink[] = [];
  const outcomes: DecisionOutcome[] = [];
  for (const d of latestFirst) {
    const paperId = attached.get(d.id) ?? null;
    const status: DecisionStatus =
      paperId === null
        ? 'row-not-found'
        : decidedPaper.has(paperId)
          ? 'superseded'
          : d.decision === 'match' && (d.systemCodeKey === null || !systemKeys.has(d.systemCodeKey))
            ? 'dossier-not-found'
            : d.decision === 'match' && takenSystem.has(d.systemCodeKey!)
              ? 'conflict'
              : 'applied';
    outcomes.push({ decisionId: d.id, paperId, status });
    if (status !== 'applied') continue;
    decidedPaper.add(paperId!);
    if (d.decision === 'match') {
      takenSystem.add(d.systemCodeKey!);
      links.push({
        paperId: paperId!,
        systemCodeKey: d.systemCodeKey!,
        method: 'manual',
        score: 1,
        reasons: [{ field: 'decision', agreement: 'match', weight: 0 }],
      });
    }
  }
  outcomes.sort((a, b) => a.decisionId - b.decisionId);
  return { links, decidedPaper, takenSystem, outcomes };
}
